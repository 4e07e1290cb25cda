Feature: Unreadable documents
  A valid PDF can still carry no text at all, such as a fax scanned without OCR. The pipeline
  accepts it, finds at validation that there is nothing to embed, and sets it aside with a reason
  instead of storing empty vectors or retrying forever.

  Rule: Errors found after upload are handled clearly in their own stage

    @gate @criterion:4.1-error-handling
    Scenario: A faxed form without any text is set aside at validation
      When Dana uploads "faxed_claim_form_no_text.pdf"
      Then the document is dead-lettered at once with reason "parsed-content-empty"
      And the dead letter explains the problem in words a person understands
      And no vector is stored for it
