@disruptive @needs:worker-scaling @needs:provider-faults
Feature: Scaling with workers
  When documents spend most of their time waiting on the providers, adding workers must add
  throughput almost in proportion: the workers must not queue behind each other on the database,
  the queue or the machine. The workers are changed for this, so it runs alone.

  Rule: Performance stays stable under sustained load

    @gate @criterion:4.3-stable-under-load
    Scenario: Four workers finish nearly four times as many documents a minute as one
      Given OpenAI takes 4 seconds to answer every embeddings request
      When a backlog of 3 documents per worker is worked off by 1 worker and then by 4 workers
      Then 4 workers finish at least 3.2 times as many documents a minute as 1
