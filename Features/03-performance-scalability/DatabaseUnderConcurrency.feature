@disruptive @needs:worker-settings
Feature: Database under concurrency
  Many workers take jobs from one queue in PostgreSQL at the same time. Each job goes to one
  worker, nobody waits on anybody's locks for long, and the database never has to break a deadlock.
  The workers are restarted with more claim slots for this, so it runs alone.

  Rule: Database performance is acceptable under concurrent operations

    @gate @criterion:4.3-database-concurrency
    Scenario: Eight claimers racing for one backlog each take a different document, without deadlocks
      Given the workers take 8 jobs at a time between them
      When a backlog of 24 documents arrives at once
      Then every document of the backlog was taken by one worker once
      And the database reported no deadlock
      And taking a job from the queue stays under 100 milliseconds at the 95th percentile
