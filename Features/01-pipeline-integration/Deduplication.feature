Feature: Deduplication
  The same file uploaded twice by the same person is one document, not two; the same file
  uploaded by two people is two documents, one each; a different file under the same name is a
  different document. A document is its owner and its bytes, nothing else.

  Rule: The same bytes from the same user make one document

    @gate @criterion:4.1-complete-lifecycle
    Scenario: Uploading the same policy twice returns the first document
      Given Dana has uploaded "simulated_insurance_document.pdf"
      When Dana uploads "simulated_insurance_document.pdf" again
      Then the second upload names the same document as the first
      And Dana has exactly one copy of it

    @gate @criterion:4.1-complete-lifecycle
    Scenario: A revised policy under the same name is a new document
      Given Dana has uploaded "simulated_insurance_document.pdf"
      When Dana uploads a revised "simulated_insurance_document.pdf" under the same name
      Then the revised upload is a new document, not the first one

    @gate @criterion:4.1-complete-lifecycle
    Scenario: Two people uploading the same policy each get their own document
      Given Dana has uploaded "simulated_insurance_document.pdf"
      When Ravi uploads "simulated_insurance_document.pdf"
      Then Ravi's document is not Dana's document
      And Dana has exactly one copy of it
