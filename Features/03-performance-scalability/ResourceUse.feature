@slow
Feature: Resource use
  A pipeline that runs for months must not need more memory, files or connections the longer it
  runs or the larger the document: it streams what it can instead of holding it. Every service is
  watched while documents keep arriving and while the largest document goes through.

  Rule: Memory and resource use stay bounded

    Background:
      Given every service's resources are watched

    @gate @criterion:4.3-resources
    Scenario: Services keep memory, files and connections bounded while documents keep arriving
      When documents from the office mix arrive steadily for the load period of this run
      Then the memory of neither the api-server nor any worker keeps growing after warm-up
      And neither the api-server nor any worker holds more than 250 MiB of memory at its peak
      And no service's memory grows with the documents processed
      And the database connections in use never exceed 100
      And no service keeps more than 1000 files open

    @gate @criterion:4.3-resources
    Scenario: The largest document goes through without the services' memory growing with it
      When Dana uploads the largest test document
      Then neither the api-server nor any worker holds more than 250 MiB of memory at its peak
      And no service keeps more than 1000 files open
