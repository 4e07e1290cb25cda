Feature: Every criterion
  One gate scenario per Phase 4 criterion, so a clean run can pass the gate.

  Rule: Criterion 4.1-stages-seamless

    @gate @criterion:4.1-stages-seamless
    Scenario: Proof of 4.1-stages-seamless
      Given the pipeline is running
      Then criterion 4.1-stages-seamless holds

  Rule: Criterion 4.1-complete-lifecycle

    @gate @criterion:4.1-complete-lifecycle
    Scenario: Proof of 4.1-complete-lifecycle
      Given the pipeline is running
      Then criterion 4.1-complete-lifecycle holds

  Rule: Criterion 4.1-error-handling

    @gate @criterion:4.1-error-handling
    Scenario: Proof of 4.1-error-handling
      Given the pipeline is running
      Then criterion 4.1-error-handling holds

  Rule: Criterion 4.1-realistic-workload

    @gate @criterion:4.1-realistic-workload
    Scenario: Proof of 4.1-realistic-workload
      Given the pipeline is running
      Then criterion 4.1-realistic-workload holds

  Rule: Criterion 4.2-llamaparse-failures

    @gate @criterion:4.2-llamaparse-failures
    Scenario: Proof of 4.2-llamaparse-failures
      Given the pipeline is running
      Then criterion 4.2-llamaparse-failures holds

  Rule: Criterion 4.2-openai-errors

    @gate @criterion:4.2-openai-errors
    Scenario: Proof of 4.2-openai-errors
      Given the pipeline is running
      Then criterion 4.2-openai-errors holds

  Rule: Criterion 4.2-database-recovery

    @gate @criterion:4.2-database-recovery
    Scenario: Proof of 4.2-database-recovery
      Given the pipeline is running
      Then criterion 4.2-database-recovery holds

  Rule: Criterion 4.2-worker-restarts

    @gate @criterion:4.2-worker-restarts
    Scenario: Proof of 4.2-worker-restarts
      Given the pipeline is running
      Then criterion 4.2-worker-restarts holds

  Rule: Criterion 4.3-concurrent-uploads

    @gate @criterion:4.3-concurrent-uploads
    Scenario: Proof of 4.3-concurrent-uploads
      Given the pipeline is running
      Then criterion 4.3-concurrent-uploads holds

  Rule: Criterion 4.3-stable-under-load

    @gate @criterion:4.3-stable-under-load
    Scenario: Proof of 4.3-stable-under-load
      Given the pipeline is running
      Then criterion 4.3-stable-under-load holds

  Rule: Criterion 4.3-resources

    @gate @criterion:4.3-resources
    Scenario: Proof of 4.3-resources
      Given the pipeline is running
      Then criterion 4.3-resources holds

  Rule: Criterion 4.3-database-concurrency

    @gate @criterion:4.3-database-concurrency
    Scenario: Proof of 4.3-database-concurrency
      Given the pipeline is running
      Then criterion 4.3-database-concurrency holds

  Rule: Criterion 4.4-real-llamaparse

    @gate @real-api @criterion:4.4-real-llamaparse
    Scenario: Proof of 4.4-real-llamaparse
      Given the pipeline is running
      Then criterion 4.4-real-llamaparse holds

  Rule: Criterion 4.4-real-openai

    @gate @real-api @criterion:4.4-real-openai
    Scenario: Proof of 4.4-real-openai
      Given the pipeline is running
      Then criterion 4.4-real-openai holds

  Rule: Criterion 4.4-real-vs-mock

    @gate @real-api @criterion:4.4-real-vs-mock
    Scenario: Proof of 4.4-real-vs-mock
      Given the pipeline is running
      Then criterion 4.4-real-vs-mock holds

  Rule: Criterion 4.4-keys-and-limits

    @gate @criterion:4.4-keys-and-limits
    Scenario: Proof of 4.4-keys-and-limits
      Given the pipeline is running
      Then criterion 4.4-keys-and-limits holds

  Rule: Criterion 4.5-errors-graceful

    @gate @criterion:4.5-errors-graceful
    Scenario: Proof of 4.5-errors-graceful
      Given the pipeline is running
      Then criterion 4.5-errors-graceful holds

  Rule: Criterion 4.5-monitoring-alerting

    @gate @criterion:4.5-monitoring-alerting
    Scenario: Proof of 4.5-monitoring-alerting
      Given the pipeline is running
      Then criterion 4.5-monitoring-alerting holds

  Rule: Criterion 4.5-logging-debugging

    @gate @criterion:4.5-logging-debugging
    Scenario: Proof of 4.5-logging-debugging
      Given the pipeline is running
      Then criterion 4.5-logging-debugging holds

  Rule: Criterion 4.5-backup-recovery

    @gate @criterion:4.5-backup-recovery
    Scenario: Proof of 4.5-backup-recovery
      Given the pipeline is running
      Then criterion 4.5-backup-recovery holds
