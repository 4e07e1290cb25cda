Feature: Hostile input
  People and programs send the pipeline every kind of wrong request: broken forms, lying file types,
  damaged or malicious PDFs, poisoned file names, stolen or forged tokens, files far too large. The
  pipeline refuses each with a reason it names, never fails with a server error, and never keeps
  half of what it refused. The sweep's table is attached to the report.

  Rule: Every error scenario is handled gracefully

    @gate @criterion:4.5-errors-graceful
    Scenario: A sweep of generated hostile requests gets no server error and leaves nothing half-stored
      Given Ravi has uploaded "simulated_insurance_document.pdf"
      When Mallory sends the hostile-input sweep at the pipeline
      Then none of the sweep's requests is answered with a server error
      And every refusal of the sweep names its expected reason, tells people why and whether to try again
      And the sweep left nothing half-stored: every document it stored is whole
