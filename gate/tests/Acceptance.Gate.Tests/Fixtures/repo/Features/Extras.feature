@smoke
Feature: Extras
  Scenarios beside the criteria: an outline, a quarantined one, one being written.

  Rule: A document goes from upload to embedded with its data intact

    @gate @criterion:4.1-complete-lifecycle
    Scenario Outline: <kind> arrives intact
      When Dana uploads "<document>"
      Then the document is embedded

      Examples:
        | kind              | document     |
        | A one-page policy | policy.pdf   |

      @slow
      Examples: Large documents
        | kind              | document     |
        | A scanned plan    | scan.pdf     |

    @quarantine @owner:dana @expires:2030-01-31 @criterion:4.1-complete-lifecycle
    Scenario: A flaky lifecycle check
      When Dana uploads "policy.pdf"
      Then the document is embedded

    @wip @criterion:4.1-complete-lifecycle
    Scenario: A scenario being written
      When Dana uploads "policy.pdf"
