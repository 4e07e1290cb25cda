Feature: Outcomes

  Scenario: A failing step skips the steps after it
    Given a counter at 1
    Then the counter reads 2
    And the counter reads 1

  Scenario: A pending step fails the scenario
    Given a counter at 1
    When a step is still pending

  Scenario: An undefined step fails the scenario
    Given a counter at 1
    When a step nobody has written yet runs

  Scenario: An ambiguous step fails the scenario
    Given a step that two bindings claim

  Scenario: A scenario can be skipped at run time
    Given a counter at 1
    When the scenario needs an API key that is absent
    Then the counter reads 1

  @ignore
  Scenario: An ignored scenario is skipped
    Given a counter at 1
