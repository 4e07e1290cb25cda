@fail-before-feature
Feature: Failing feature hook

  Scenario: First scenario of a feature whose hook failed
    Given a counter at 1

  Scenario: Second scenario of a feature whose hook failed
    Given a counter at 2
