Feature: Operational metrics
  The counts operators watch on their dashboards move with what the pipeline does: a series that
  stays flat while documents arrive hides an outage as well as it hides success.

  Rule: The pipeline's metrics count what it does

    @gate @criterion:4.5-monitoring-alerting
    Scenario: Every new document's upload is counted for the operators
      Given Dana has a batch of 3 insurance documents
      And the operators have noted how many new documents the pipeline has counted
      When Dana uploads the batch 3 at a time
      Then the pipeline's count of new documents has risen by at least 3
