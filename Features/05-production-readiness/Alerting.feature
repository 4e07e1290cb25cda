@disruptive @needs:operator-monitoring @needs:provider-faults
Feature: Alerting
  Operators learn that a dependency has failed from an alert that reaches them and says what to
  do, learn when it is over, and are never paged while the pipeline is healthy. The scenarios run
  a real Prometheus and Alertmanager with the alert rules from monitoring/alerts.yml, their times
  compressed for the test (a 5-minute condition lasts 5 seconds; see README "Monitoring and alerting").

  Rule: Problems raise alerts that reach the operators, and only problems do

    @gate @criterion:4.5-monitoring-alerting
    Scenario: A healthy run pages nobody
      Given operators watch the pipeline with the repository's alert rules
      And Dana has a batch of 3 insurance documents
      When Dana uploads the batch 3 at a time
      Then every document of the batch is embedded within 60 seconds
      And no alert fired and no operator was notified
      And Prometheus collects the metrics operators need from every service

    @gate @criterion:4.5-monitoring-alerting
    Scenario: A parser outage alerts the operators
      Given operators watch the pipeline with the repository's alert rules
      And the parser is down
      When Dana uploads "simulated_insurance_document.pdf"
      Then the operators are alerted within 45 seconds that the parser is down
      And the alert tells them which runbook to follow

    @gate @criterion:4.5-monitoring-alerting @needs:kill-service
    Scenario: A parser that cannot be reached alerts the operators
      Given operators watch the pipeline with the repository's alert rules
      And the parser cannot be reached
      When Dana uploads "simulated_insurance_document.pdf"
      Then the operators are alerted within 45 seconds that the parser is down

    @gate @criterion:4.5-monitoring-alerting
    Scenario: The parser's alert clears when the parser is back
      Given operators watch the pipeline with the repository's alert rules
      And the parser is down
      And Dana has uploaded "simulated_insurance_document.pdf"
      And the operators have been alerted that the parser is down
      When the parser comes back
      Then the operators are told within 45 seconds that the parser's alert is resolved
      And the document is embedded within 60 seconds
