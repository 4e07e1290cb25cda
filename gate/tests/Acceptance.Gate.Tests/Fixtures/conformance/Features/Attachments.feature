Feature: Attachments

  Scenario: Evidence of every kind is attached
    Given a counter at 7
    When the counter is attached as text, JSON and a picture
    Then the counter reads 7
