Feature: Graceful errors
  Real documents are messier than test files: text extracted from scans and odd fonts carries NUL
  and other control characters that a database refuses. The pipeline cleans such text before it
  stores it, so a document is never lost, or reported as an outage, for a character it contains.

  Rule: Every error scenario is handled gracefully

    @gate @criterion:4.5-errors-graceful
    Scenario: A claim letter whose text carries NUL and control characters is embedded
      When Dana uploads "ocr_claim_letter_control_characters.pdf"
      Then the document is embedded within 60 seconds
      And its stored text keeps the letter's words but none of its control characters
