@backgrounds
Feature: Backgrounds

  Background:
    Given a counter at 10

  Scenario: The feature background runs first
    Then the counter reads 10

  Rule: Rules have backgrounds of their own
    Background:
      Given the counter is increased by 5

    @in-rule
    Scenario: Both backgrounds run, feature first
      Then the counter reads 15
