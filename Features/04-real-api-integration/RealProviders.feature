@real-api
Feature: Real providers
  With real keys (scripts/gate.sh --real-apis), the bundled pipeline sends a small, fixed set of
  documents to LlamaParse and OpenAI themselves, within the run's budget, and checks the same
  lifecycle and integrity as with the mocks. Without keys these scenarios are skipped and their
  criteria read "not verified"; a rehearsal (scripts/gate.sh --real-apis --rehearse) runs them
  against the bundled mocks, and their criteria read "rehearsed, not verified".

  Rule: Real LlamaParse integration works within a cost cap

    @gate @criterion:4.4-real-llamaparse
    Scenario: LlamaParse itself parses a policy schedule within the budget
      When Dana uploads "policy_schedule_NMI-HO-2025-004417.pdf"
      Then the document is embedded within 3 minutes
      And its audit trail shows the nine stages in order, each entered once
      And the parsed content contains the document's own wording
      And LlamaParse's reported spend stays within the run's LlamaParse budget

  Rule: Real OpenAI integration works within a cost cap

    @gate @criterion:4.4-real-openai
    Scenario: OpenAI itself embeds a claims handbook within the budget
      When Dana uploads "claims_handbook_2025.pdf"
      Then the document is embedded within 3 minutes
      And every chunk has exactly one unit-length vector of the model's dimension
      And a sample of its chunks, embedded again by the embeddings service within the run's budget, each match their own stored vector
      And OpenAI's reported spend stays within the run's OpenAI budget

  Rule: Real-service performance is comparable to the mocks

    @gate @criterion:4.4-real-vs-mock
    Scenario: The real services' results for a policy agree with the mocks'
      When Dana uploads the insurance policy "simulated_insurance_document.pdf"
      Then the document is embedded within 3 minutes
      And the real parser's text, chunk count and vectors are comparable to the mocks' for the same policy
      And the real services' latencies are set beside the mocks' latency profile, with a verdict on the profile
