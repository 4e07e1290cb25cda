Feature: Bad tags

  @gate @criterion:4.1-stages-seamless @shiny
  Scenario: An unknown tag
    Given something

  @criterion:4.9-teleportation
  Scenario: An unknown criterion
    Given something

  @criterion:4.1-stages-seamless @criterion:4.1-error-handling
  Scenario: Two criteria
    Given something

  @gate
  Scenario: A gate scenario without a criterion
    Given something

  @quarantine @expires:2030-01-01
  Scenario: A quarantine without an owner
    Given something

  @quarantine @owner:dana
  Scenario: A quarantine without an expiry
    Given something

  @quarantine @owner:dana @expires:31/01/2030
  Scenario: A quarantine with a malformed expiry
    Given something

  @owner:dana
  Scenario: An owner without a quarantine
    Given something

  @quarantine @owner:dana @expires:2001-01-01 @criterion:4.1-error-handling
  Scenario: An expired but well-formed quarantine
    Given something
