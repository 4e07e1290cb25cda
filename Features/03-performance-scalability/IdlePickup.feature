Feature: Taking up work at once
  A pipeline is as fast as its providers allow only when no document waits for a free worker to
  notice it. Idle workers are woken as soon as a document arrives and as soon as its parse is
  done; looking for work at intervals is only the fallback while that wake-up is unavailable.

  Rule: Performance stays stable under sustained load

    @gate @criterion:4.3-stable-under-load
    Scenario: An idle pipeline takes up each finished parse at once
      When Dana uploads 5 insurance policies, each once the one before is embedded
      Then a finished parse was typically taken up by a worker within 500 milliseconds
