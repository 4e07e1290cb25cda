Feature: Refusing bad requests
  Bad input gets a clear reason a program can act on, never a server error, and leaves
  nothing half-stored behind. Nobody can see someone else's documents.

  Rule: Errors are refused clearly and change nothing

    @gate @criterion:4.1-error-handling
    Scenario Outline: <upload> is refused
      When Dana attempts to upload <upload>
      Then the upload is rejected with reason "<reason>"
      And nothing of Dana's upload is stored

      Examples:
        | upload                              | reason             |
        | an empty file                       | empty-file         |
        | a truncated PDF                     | corrupt-document   |
        | a password-protected PDF            | encrypted-document |
        | a text file named like a PDF        | unsupported-type   |
        | a PDF over the size limit           | file-too-large     |
        | a PDF named "../../etc/passwd.pdf"  | invalid-filename   |

    @gate @criterion:4.1-error-handling
    Scenario: Ravi cannot read Dana's policy
      Given Dana has uploaded "simulated_insurance_document.pdf"
      When Ravi attempts to read Dana's document
      Then Ravi is told the document does not exist
