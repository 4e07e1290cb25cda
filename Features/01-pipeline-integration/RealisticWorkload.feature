Feature: Realistic workload
  A realistic day's batch, uploaded a few at a time as an office would, is processed
  completely and without any document stalling in a stage.

  Rule: A realistic workload completes within limits

    @gate @criterion:4.1-realistic-workload
    Scenario: Five documents uploaded three at a time are all embedded
      Given Dana has a batch of 5 insurance documents
      When Dana uploads the batch 3 at a time
      Then every document of the batch is embedded within 2 minutes
      And no document spent more than 30 seconds in any stage
