#!/usr/bin/env bash
# Backups of the pipeline: PostgreSQL's continuous archiving (base backups + WAL) and the stored
# document files, in one archive folder:
#   <archive>/base/<UTC time>/   full copies of the cluster (pg_basebackup), newest last
#   <archive>/wal/               every finished WAL segment (archive_command: scripts/archive-wal.sh)
#   <archive>/files/             every stored document file (copied before the WAL that names it)
#   <archive>/bin/               the copies of archive-wal.sh and archive-files.sh the server runs
#
#   scripts/backup.sh enable --archive DIR --storage DIR --db CONNINFO [--timeout SECONDS]
#       turns archiving on in a running cluster (ALTER SYSTEM; archive_mode must already be on,
#       see docs/operations.md), archive_timeout bounds how old un-archived work can get (default 60 s)
#   scripts/backup.sh base --archive DIR --storage DIR --db CONNINFO
#       takes a full backup now (files first, then pg_basebackup) and prints its size and duration
#   scripts/backup.sh status --db CONNINFO
#       what the archiver did last (pg_stat_archiver)
# CONNINFO is a libpq connection string of a superuser, e.g. "host=127.0.0.1 port=5432 user=postgres dbname=pipeline".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command=${1:-}; shift || true
archive="" storage="" db="" timeout=60
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) archive=$(realpath -m "$2"); shift 2 ;;
    --storage) storage=$(realpath -m "$2"); shift 2 ;;
    --db) db=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    *) echo "backup: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
say() { echo "backup: $*"; }
# Test-only defect, honoured like the services' (PIPELINE_DEFECTS under DOTNET_ENVIRONMENT=Testing):
# backup-skips-files archives the database but never the stored files.
files_from=$storage
if [ "${DOTNET_ENVIRONMENT:-}" = "Testing" ] && [[ ",${PIPELINE_DEFECTS:-}," == *",backup-skips-files,"* ]]; then
  echo "backup: test defect backup-skips-files: the stored files are not backed up" >&2
  files_from="-"
fi
need() { [ -n "$2" ] || { echo "backup: $1 is required (see the header of $0)" >&2; exit 2; }; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
psql=${bin:+$bin/}psql
sql() { "$psql" "$db" -X -q -t -A -v ON_ERROR_STOP=1 -c "$1"; }

case "$command" in
  enable)
    need --archive "$archive"; need --storage "$storage"; need --db "$db"
    mkdir -p "$archive/base" "$archive/wal" "$archive/files"
    # The server's OS user writes the archive and reads the stored files.
    server_user=$(sql "SELECT pg_catalog.current_setting('data_directory')" | xargs dirname | xargs stat -c %U)
    chown "$server_user" "$archive/wal" "$archive/files"
    chmod o+rx "$storage"
    [ "$(sql 'SHOW archive_mode')" = "on" ] || { echo "backup: archive_mode is off; set archive_mode=on and restart PostgreSQL first" >&2; exit 1; }
    # The server runs the archive command as its own user, who may not reach this checkout (e.g. under
    # /root): it runs copies kept in the archive, which that user writes to anyway.
    mkdir -p "$archive/bin"
    install -m 755 "$here/archive-wal.sh" "$here/archive-files.sh" "$archive/bin/"
    sql "ALTER SYSTEM SET archive_command = '$archive/bin/archive-wal.sh $archive $files_from %p %f'"
    sql "ALTER SYSTEM SET archive_timeout = '${timeout}s'"
    sql "SELECT pg_reload_conf()" >/dev/null
    say "archiving WAL to $archive/wal and files to $archive/files (archive_timeout ${timeout}s)"
    ;;
  base)
    need --archive "$archive"; need --storage "$storage"; need --db "$db"
    started=$(date +%s.%N)
    stamp=$(date -u +%Y%m%dT%H%M%S.%NZ)
    target="$archive/base/$stamp"
    # Files first: the backup's rows then only name files the archive already holds.
    if [ "$files_from" != "-" ]; then
      "$here/archive-files.sh" "$archive" "$storage"
    fi
    "${bin:+$bin/}pg_basebackup" -d "$db" -D "$target.partial" --checkpoint=fast --wal-method=stream --no-password
    mv "$target.partial" "$target"
    ended=$(date +%s.%N)
    size=$(du -sb "$target" | cut -f1)
    awk -v t="$target" -v s="$size" -v a="$started" -v b="$ended" 'BEGIN { printf "backup: base backup %s: %s bytes in %.2f s\n", t, s, b - a }'
    ;;
  status)
    need --db "$db"
    sql "SELECT 'archived ' || archived_count || ', last ' || coalesce(last_archived_wal, '-') || ' at ' || coalesce(last_archived_time::text, '-') || ', failed ' || failed_count FROM pg_stat_archiver"
    ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac
