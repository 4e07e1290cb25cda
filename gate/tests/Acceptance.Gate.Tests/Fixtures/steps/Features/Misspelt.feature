Feature: A scenario writer's first draft

  Rule: A document goes from upload to embedded with its data intact

    @gate @criterion:4.1-complete-lifecycle
    Scenario: A policy arrives, with one typo in the draft
      When Dana uplaods "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And the stored file is byte-for-byte the uploaded file
