Feature: Data integrity
  What comes out of the pipeline is exactly what went in: the stored file is the uploaded
  file, its words are in the parsed content, the chunks hold every word the parser returned and every
  word the document was written with, none is larger than the configured size, and every chunk has exactly
  one vector: its own.

  Rule: A document goes from upload to embedded with its data intact

    @gate @criterion:4.1-complete-lifecycle
    Scenario Outline: <kind> arrives intact
      When Dana uploads "<document>"
      Then the document is embedded within <limit>
      And the stored file is byte-for-byte the uploaded file
      And the parsed content contains the document's own wording
      And the chunks hold every word the parser returned for the document, in order
      And the chunks hold every word the document was written with, in order
      And the chunks, their overlaps removed, are the parsed text word for word
      And every chunk keeps within the configured token limits, as many as the document's length needs
      And every chunk has exactly one unit-length vector of the model's dimension
      And each stored vector is the embedding of its own chunk's text
      And a sample of its chunks, embedded again by the embeddings service within the run's budget, each match their own stored vector
      And no staging row is left behind and no chunk is stored twice

      Examples:
        | kind                                 | document                              | limit      |
        | A one-page insurance policy          | simulated_insurance_document.pdf      | 60 seconds |
        | A multi-page claims handbook         | claims_handbook_2025.pdf              | 60 seconds |
        | A policy with an international name  | Versicherungspolice_Übersicht_保险.pdf | 60 seconds |

      @slow
      Examples: Large scanned documents
        | kind                                 | document                              | limit      |
        | A 120-page scanned health plan       | scan_classic_hmo_parsed.pdf           | 3 minutes  |
