Feature: Broken

  Scenario: Fine
    Given something

  Scenario Outline: missing examples
    Given <x>
  Examples:
    | x |
    this is not a table row
