@disruptive @needs:restart-database
Feature: Database outage
  PostgreSQL can go away: a failover, a restart, a network blip. While it is gone the service
  says so honestly; when it is back, the services reconnect by themselves and every document in
  flight is finished, once.

  Rule: Database connection failures recover automatically

    @gate @criterion:4.2-database-recovery
    Scenario: Documents in flight are finished after the database returns
      Given Dana has a batch of 3 insurance documents in flight
      When the database goes down for 5 seconds
      Then every document of the batch is embedded within 90 seconds
      And nothing of the batch was lost or stored twice
      And the pipeline recovered within 20 seconds of the fault's end

    @gate @criterion:4.2-database-recovery
    Scenario: Uploads while the database is down are refused with a hint to retry
      Given the database is down
      When Dana attempts to upload "simulated_insurance_document.pdf"
      Then the upload is refused as temporarily unavailable with a retry hint
      And the service reports itself alive but not ready
      And no pipeline process has stopped
