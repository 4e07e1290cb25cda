#!/usr/bin/env bash
# PostgreSQL's archive_command for the pipeline (set by `scripts/backup.sh enable`):
#   archive-wal.sh <archive folder> <storage root> %p %f      (storage root "-": WAL only)
# First copies the stored document files that are new since the last call into <archive>/files,
# then the finished WAL segment into <archive>/wal. The pipeline writes a file before it commits
# the row that names it, so every archived WAL segment only names files already in the archive:
# any point the archive can restore to has all its documents' files.
set -euo pipefail
archive=$1 storage=$2 wal_path=$3 wal_name=$4

# New files only (stored files never change once renamed into place); temp files are skipped.
if [ "$storage" != "-" ]; then
  "$(dirname "$0")/archive-files.sh" "$archive" "$storage"
fi

# A segment is archived once; a second copy with the same name must be identical.
if [ -e "$archive/wal/$wal_name" ]; then
  cmp -s "$wal_path" "$archive/wal/$wal_name"
  exit $?
fi
cp "$wal_path" "$archive/wal/$wal_name.partial"
sync "$archive/wal/$wal_name.partial" 2>/dev/null || true
mv "$archive/wal/$wal_name.partial" "$archive/wal/$wal_name"
