@disruptive @needs:provider-faults
Feature: Parser failures
  LlamaParse is sometimes down, sometimes cannot read a document, and sometimes its completion
  notice never arrives. Documents wait for it and carry on when it is back; a document it cannot
  read is set aside with a reason; nothing else suffers.

  Rule: Parser failures are handled gracefully

    @gate @criterion:4.2-llamaparse-failures
    Scenario: Documents uploaded during a parser outage complete when the parser returns
      Given the parser has been down while Dana uploaded a batch of 3 insurance documents
      When the parser comes back
      Then every document of the batch is embedded within 60 seconds
      And while the parser was down each document waited as retryable, longer each time
      And the service stayed ready while the parser was down
      And the pipeline recovered within 10 seconds of the fault's end

    @gate @criterion:4.2-llamaparse-failures
    Scenario: A document the parser cannot read is set aside with a clear reason
      Given the parser fails every time it reads "claims_handbook_2025.pdf"
      When Dana uploads these documents
        | document                         |
        | claims_handbook_2025.pdf         |
        | simulated_insurance_document.pdf |
      Then "claims_handbook_2025.pdf" is set aside with reason "parser-job-failed" once its retry window has passed
      And the dead letter explains the problem in words a person understands
      And "simulated_insurance_document.pdf" is embedded within 60 seconds

    @gate @criterion:4.2-llamaparse-failures
    Scenario: A lost completion notice does not stall the document
      Given the parser's completion notices are lost
      When Dana uploads "simulated_insurance_document.pdf"
      Then the document is embedded within 60 seconds
      And the pipeline learned of the parse by asking the parser, not by a notice

    @gate @criterion:4.2-llamaparse-failures
    Scenario: A completion notice that does not come from the parser is refused and changes nothing
      Given the parser's completion notices are lost
      And Dana's "simulated_insurance_document.pdf" is with the parser
      When someone sends a completion notice for it without the parser's token
      Then the notice is refused
      And the document is embedded within 60 seconds
      And the pipeline learned of the parse by asking the parser, not by a notice
