Feature: Document history from the logs
  When someone asks "what happened to my document?", an engineer with only its correlation id
  and the services' logs can tell its whole story, from the upload to the stored vectors.

  Rule: Logs are sufficient to debug any document's history

    @gate @criterion:4.5-logging-debugging
    Scenario: A document's story is told by its correlation id alone
      When Dana uploads the insurance policy "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And the logs for its correlation id tell its story from upload to vectors, stage by stage

    @gate @criterion:4.5-logging-debugging
    Scenario: The logs keep no secret and no document's text, and every error line names its code
      Given Dana has uploaded "faxed_claim_form_no_text.pdf"
      When Dana uploads "ocr_claim_letter_control_characters.pdf"
      Then the document is embedded within 60 seconds
      And no service log line of the run holds a key, a token or the text of a document
      And every error line in the service logs names its error code
