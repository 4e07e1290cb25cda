@outlines
Feature: Outlines

  Scenario Outline: Adding <increment> to <start>
    Given a counter at <start>
    When the counter is increased by <increment>
    Then the counter reads <total>

    @small
    Examples: Small numbers
      | start | increment | total |
      | 1     | 1         | 2     |
      | 2     | 3         | 5     |

    @large
    Examples: Large numbers
      | start | increment | total |
      | 1000  | 2000      | 3000  |
