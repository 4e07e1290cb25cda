@slow
Feature: Sustained load
  On a working day documents keep arriving at a steady rate, whether or not the earlier ones are
  done. The pipeline keeps its pace: the last documents of the period are served about as fast as
  the first, the backlog is gone soon after the arrivals stop, and nothing is lost on the way.
  The load period is set for the run (20 seconds after 10 seconds of warm-up by default; longer for
  a nightly soak).

  Rule: Performance stays stable under sustained load

    @gate @criterion:4.3-stable-under-load
    Scenario: A steady stream of office documents keeps its pace and leaves no backlog
      When documents from the office mix arrive steadily for the load period of this run
      Then the 95th percentile end to end of the last window stays within 3 times the first, or under 2 seconds
      And the backlog drains within 2 minutes after the arrivals stop
      And every document of the load is embedded, none lost or failed
