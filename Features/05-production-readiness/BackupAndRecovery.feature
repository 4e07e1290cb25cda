@disruptive @needs:backup-restore
Feature: Backup and recovery
  The database is archived continuously (a full backup plus every WAL segment) together with the
  stored document files, so that the pipeline can be brought back after the loss of its database
  server and its storage, either to the latest archived point or to a moment before a mistake.
  The drills use the operator's own procedure: scripts/backup.sh and scripts/restore.sh on the
  local target (README "Backup and recovery"), the team's own backup and restore commands on an
  external one (docs/targets.md, "Backup drills on your pipeline").

  Rule: Lost data is restored from backups within the recovery objectives

    @gate @criterion:4.5-backup-recovery
    Scenario: Losing the database server and the stored files loses no archived work
      Given the pipeline is backed up continuously, starting with a full backup
      And Dana has uploaded a batch of 3 insurance documents since, all embedded
      And Dana has 2 more documents in flight
      When the database server and the stored files are lost and restored from the archive to the latest point
      Then every embedded document, chunk, vector and file is back with the same checksums
      And no document is without its stored file
      And the documents in flight are embedded within 90 seconds
      And the recovery met its time and data-loss objectives

    @gate @criterion:4.5-backup-recovery
    Scenario: A mistaken deletion is undone by restoring to the moment before it
      Given the pipeline is backed up continuously, starting with a full backup
      And Dana has uploaded a batch of 2 insurance documents since, all embedded
      And an operator has deleted Dana's documents by mistake
      When the pipeline is restored to the moment before the deletion
      Then Dana's documents are back with their chunks, vectors and files
      And no document is without its stored file
