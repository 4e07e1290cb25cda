@disruptive
Feature: Process restarts
  Workers are killed by the kernel, rescheduled by the orchestrator, or asked to stop for a
  deployment; the api-server restarts during uploads. Another worker picks up what a dead one
  held, the result is exactly what an undisturbed run produces, and nothing is half-stored.

  Rule: Worker process failures and restarts work properly

    @gate @criterion:4.2-worker-restarts
    @needs:worker-settings @needs:kill-service
    Scenario Outline: A worker killed while <stage> is replaced without changing the result
      Given Ravi's copy of "simulated_insurance_document.pdf" was embedded undisturbed
      And Dana's copy of "simulated_insurance_document.pdf" is held by a worker in the "<stage>" stage
      When that worker is killed without warning
      Then another worker finishes Dana's copy within 60 seconds
      And Dana's chunks and vectors are identical to Ravi's
      And the crash counts as an attempt

      Examples:
        | stage     |
        | parsing   |
        | chunking  |
        | embedding |

    @gate @criterion:4.2-worker-restarts
    @needs:worker-settings @needs:pause-service
    Scenario: A worker frozen past its lease cannot overwrite the work of the one that took over
      Given Dana's copy of "simulated_insurance_document.pdf" is held by a worker in the "embedding" stage
      When that worker freezes until another worker has taken Dana's copy over
      Then the frozen worker's late work changes nothing

    @gate @criterion:4.2-worker-restarts
    @needs:worker-settings
    Scenario: Work that outlasts a lease stays with the worker doing it
      Given workers take longer than two leases over the "embedding" stage
      When Dana uploads "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And one worker did all of its work, and no other worker took its lease over

    @gate @criterion:4.2-worker-restarts
    @needs:worker-settings @needs:stop-service
    Scenario: A worker asked to stop hands over its document in time
      Given Dana's copy of "simulated_insurance_document.pdf" is held by a worker in the "chunking" stage
      When that worker is asked to stop
      Then the worker stops within its shutdown deadline
      And the worker handed Dana's copy back itself as it stopped, before any lease ran out
      And the document is embedded within 60 seconds

    @gate @criterion:4.2-worker-restarts
    @needs:restart-service
    Scenario: Uploads cut off by an api-server restart are safely retried
      When the api-server restarts while Dana uploads a batch of 5 insurance documents
      Then every upload that was cut off succeeds when Dana tries again
      And Dana has exactly one copy of each document
      And every document of the batch is embedded within 90 seconds
