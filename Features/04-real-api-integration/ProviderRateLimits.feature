@disruptive @needs:provider-faults
Feature: Provider rate limits
  OpenAI limits how many requests an account may send each minute. Its answers say how many are
  left and when the limit resets, and once the limit is used up it refuses, often without saying
  when to try again. The pipeline paces itself by those answers: a refusal is followed by a pause,
  never by a storm of requests, and every document still gets its vectors. Proven on the mock with
  a limit tight enough to be hit many times by one batch.

  Rule: API keys are managed safely and rate limits respected

    @gate @criterion:4.4-keys-and-limits
    Scenario: A batch embedded under a tight OpenAI rate limit meets no storm of refusals
      Given OpenAI allows only 3 embedding requests every 4 seconds
      And Dana has a batch of 9 insurance documents
      When Dana uploads the batch 9 at a time
      Then every document of the batch is embedded within 2 minutes
      And the pipeline kept to OpenAI's limit, with no storm of requests after a refusal
