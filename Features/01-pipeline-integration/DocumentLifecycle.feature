Feature: Document lifecycle
  A document a user uploads travels through the nine pipeline stages by itself and ends as
  searchable vectors:
  job_validated → parsing → parsed → parse_validated → chunking → chunks_buffered →
  embedding → embeddings_buffered → embedded.

  Rule: All nine stages work together and hand over to each other automatically

    @gate @smoke @criterion:4.1-stages-seamless
    Scenario: An insurance policy passes through every stage in order
      When Dana uploads the insurance policy "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And its audit trail shows the nine stages in order, each entered once

    @gate @criterion:4.1-stages-seamless
    Scenario: One correlation id follows the document from upload to vectors
      When Dana uploads the insurance policy "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And the job carries the correlation id of the upload receipt
      And every audit event of the document carries that correlation id
      And every service log line about the document carries that correlation id
