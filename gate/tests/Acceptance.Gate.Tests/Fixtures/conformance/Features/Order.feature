@exclusive
Feature: Order within a feature

  Scenario: First
    Given this scenario is number 1 of its feature

  Scenario: Second
    Given this scenario is number 2 of its feature

  Scenario: Third
    Given this scenario is number 3 of its feature
