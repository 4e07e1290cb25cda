Feature: Concurrent uploads
  Offices upload at the same moment: a morning's scans land together. Every upload is accepted,
  every document is processed, and none is lost or stored twice under the contention.

  Rule: Five or more simultaneous uploads are processed

    @gate @criterion:4.3-concurrent-uploads
    Scenario: Eight documents uploaded at the same moment are all embedded
      Given Dana has a batch of 8 insurance documents
      When Dana uploads the batch 8 at a time
      Then every document of the batch is embedded within 2 minutes
      And nothing of the batch was lost or stored twice
