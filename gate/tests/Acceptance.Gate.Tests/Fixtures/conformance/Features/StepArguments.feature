Feature: Step arguments

  Scenario: A data table reaches its step
    Given these policies
      | holder | premium |
      | Dana   | 120     |
      | Ravi   | 80      |
    Then the total premium is 200

  Scenario: A doc string reaches its step
    Given the note
      """
      First line
      Second line
      """
    Then the note has 2 lines

  Scenario: A custom parameter type converts its text
    Given a wait of 90 seconds
    Then the wait is 1.5 minutes
