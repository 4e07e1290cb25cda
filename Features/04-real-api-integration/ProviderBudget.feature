@disruptive @needs:worker-settings @needs:provider-faults
Feature: Provider budget
  Every run has a hard budget per paid provider ($5 for LlamaParse and $10 for OpenAI by default).
  Before each call the pipeline reserves what the call may cost, priced with the dated price table;
  a call that would cross the budget is never made, and the spend ledger shows what each provider
  reported it charged. Proven here on the mocks with the real prices.

  Rule: API keys are managed safely and rate limits respected

    @gate @criterion:4.4-keys-and-limits
    Scenario: A run whose OpenAI budget cannot pay for the next call stops before making it
      Given the run may spend at most 0.000001 US dollars on OpenAI
      When Dana uploads the insurance policy "simulated_insurance_document.pdf"
      Then the document is dead-lettered at once with reason "budget-exceeded"
      And OpenAI never received the call that would have crossed the budget
      And the spend ledger shows the refused call and nothing spent on OpenAI beyond the budget
