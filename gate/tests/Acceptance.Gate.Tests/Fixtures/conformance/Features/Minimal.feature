Feature: Minimal
  The smallest scenario there is.

  Scenario: A passing scenario
    Given a counter at 1
    When the counter is increased by 2
    Then the counter reads 3
