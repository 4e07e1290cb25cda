@disruptive @needs:provider-faults
Feature: OpenAI errors
  OpenAI limits how fast it may be called, has bad minutes, and refuses accounts that ran out
  of quota. The pipeline waits as long as it is asked to, retries what can pass, and sets aside
  at once what cannot — without a storm of requests and without storing anything twice. And it pairs
  each vector with its chunk by the index OpenAI gives it, in whatever order the answer lists them.

  Rule: OpenAI rate limiting and errors are handled correctly

    @gate @criterion:4.2-openai-errors
    Scenario: A burst of rate limiting is waited out exactly as OpenAI asks
      Given OpenAI rate-limits the next 3 requests, asking to retry after 2 seconds
      When Dana uploads "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And no embedding request was sent before the advertised retry time
      And no staging row is left behind and no chunk is stored twice

    @gate @criterion:4.2-openai-errors
    Scenario: A spell of OpenAI server errors is retried through
      Given OpenAI answers with server errors for 4 seconds
      When Dana uploads "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And the failed embedding requests were retried until one succeeded
      And the pipeline recovered within 10 seconds of the fault's end

    @gate @criterion:4.2-openai-errors
    Scenario: An account without quota is set aside at once, without a retry storm
      Given OpenAI reports that the account has no quota left
      When Dana uploads "simulated_insurance_document.pdf"
      Then the document is dead-lettered at once with reason "openai-insufficient-quota"
      And the dead letter explains the problem in words a person understands
      And OpenAI received at most 2 requests for it

    @gate @criterion:4.2-openai-errors
    Scenario: Vectors listed out of order are each stored against their own chunk
      Given OpenAI lists the vectors of each answer out of order, each with its own index
      When Dana uploads "claims_handbook_2025.pdf"
      Then the document is embedded within 60 seconds
      And every chunk has exactly one unit-length vector of the model's dimension
      And each stored vector is the embedding of its own chunk's text
