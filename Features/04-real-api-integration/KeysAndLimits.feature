Feature: Provider keys and limits
  The pipeline pays LlamaParse and OpenAI with keys nobody ever sees: not in a service log, not in
  the evidence of a run, not in a process listing. This is checked on every run, with the keys the
  run handed out (made up for the mocks, the real ones in real-API mode).

  Rule: API keys are managed safely and rate limits respected

    @gate @criterion:4.4-keys-and-limits
    Scenario: The providers' keys appear in no log, evidence file or process listing
      When Dana uploads the insurance policy "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And neither provider's key appears in any service log, evidence file or process listing of this run
