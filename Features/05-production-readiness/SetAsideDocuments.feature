@disruptive @needs:provider-faults
Feature: Set-aside documents come back
  A dependency can be away longer than the pipeline keeps retrying: hours in production, 20 seconds
  on the local target, whose retry policy is time-compressed by configuration. The documents it sets
  aside meanwhile are not lost. They go back to work by themselves once the dependency is healthy
  again, when an operator requeues them, or when their owner uploads them again.

  Rule: Every error scenario is handled gracefully

    @gate @criterion:4.5-errors-graceful
    Scenario: Documents in flight during a parser outage longer than the retry window are embedded after it
      Given the parser has been down so long that Dana's batch of 3 insurance documents was set aside with reason "parser-unavailable"
      When the parser comes back
      Then every set-aside document of the batch is embedded within 60 seconds
      And each set-aside document went back to work by itself, without being uploaded again

    @gate @criterion:4.5-errors-graceful
    Scenario: Uploading a set-aside document again restarts it
      Given Dana's "simulated_insurance_document.pdf" was set aside because the OpenAI account had no quota left
      And the OpenAI account has quota again
      When Dana uploads "simulated_insurance_document.pdf" again
      Then the upload restarts Dana's set-aside document instead of returning it
      And the document is embedded within 60 seconds

    @gate @criterion:4.5-errors-graceful
    Scenario: An operator sends a set-aside document back to work
      Given Dana's "simulated_insurance_document.pdf" was set aside because the OpenAI account had no quota left
      And the OpenAI account has quota again
      When an operator requeues Dana's set-aside document
      Then the document is embedded within 60 seconds
