@hooks
Feature: Hooks

  Scenario: Hooks run around a scenario
    Given a counter at 1
    Then the hook journal shows the scenario started

  @fail-before-scenario
  Scenario: A failing before-scenario hook fails the scenario
    Given a counter at 1

  @fail-after-scenario
  Scenario: A failing after-scenario hook fails the scenario
    Given a counter at 1

  @skip-in-before-scenario
  Scenario: A before-scenario hook can skip the scenario
    Given a counter at 1
