#!/usr/bin/env bash
# Restores the pipeline from the archive written by scripts/backup.sh, into an empty (or lost)
# data folder and storage root. PostgreSQL must be stopped. Afterwards start PostgreSQL as usual:
# it replays the archived WAL up to the target and opens for writes; then start the services.
#
#   scripts/restore.sh --archive DIR --pgdata DIR --storage DIR [--target-time "2026-12-01 03:04:05.123+00"]
#
# Without --target-time: the latest point the archive holds. With it: the state just before that
# moment (e.g. before a bad deletion), from the newest base backup taken before it.
set -euo pipefail
archive="" pgdata="" storage="" target_time=""
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) archive=$(realpath -m "$2"); shift 2 ;;
    --pgdata) pgdata=$(realpath -m "$2"); shift 2 ;;
    --storage) storage=$(realpath -m "$2"); shift 2 ;;
    --target-time) target_time=$2; shift 2 ;;
    *) echo "restore: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
say() { echo "restore: $*"; }
for option in archive pgdata storage; do
  [ -n "${!option}" ] || { echo "restore: --$option is required (see the header of $0)" >&2; exit 2; }
done
[ -d "$archive/base" ] || { echo "restore: no base backups in $archive" >&2; exit 1; }
if [ -f "$pgdata/postmaster.pid" ] && kill -0 "$(head -1 "$pgdata/postmaster.pid")" 2>/dev/null; then
  echo "restore: PostgreSQL is running on $pgdata; stop it first" >&2; exit 1
fi

# The newest base backup that ended before the target (all of them without a target).
base=""
for candidate in $(ls -1 "$archive/base" | grep -v '\.partial$' | sort); do
  if [ -n "$target_time" ]; then
    taken=$(echo "$candidate" | sed -E 's/^([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})\.([0-9]+)Z$/\1-\2-\3 \4:\5:\6.\7+00/')
    [ "$(date -u -d "$taken" +%s%N)" -lt "$(date -u -d "$target_time" +%s%N)" ] || continue
  fi
  base=$candidate
done
[ -n "$base" ] || { echo "restore: no base backup was taken before ${target_time:-now}" >&2; exit 1; }

owner=$(stat -c %U "$(dirname "$pgdata")")
rm -rf "$pgdata"
cp -a "$archive/base/$base" "$pgdata"
rm -f "$pgdata/postmaster.pid" "$pgdata/recovery.signal" "$pgdata/standby.signal"
{
  echo "# Written by scripts/restore.sh: replay the archive, then open for writes."
  echo "restore_command = 'cp $archive/wal/%f %p'"
  echo "recovery_target_action = 'promote'"
  # The restored server archives nothing until an operator enables archiving again.
  echo "archive_command = '/bin/true'"
  if [ -n "$target_time" ]; then
    echo "recovery_target_time = '$target_time'"
    echo "recovery_target_inclusive = false"
  else
    echo "recovery_target_timeline = 'latest'"
  fi
} >> "$pgdata/postgresql.auto.conf"
touch "$pgdata/recovery.signal"
chown -R "$owner" "$pgdata"
chmod 700 "$pgdata"

# Every archived file; files of documents that no longer exist at the target are harmless extras.
mkdir -p "$storage"
cp -a "$archive/files/." "$storage/"
say "base backup $base and WAL from $archive/wal into $pgdata; files into $storage"
say "now start PostgreSQL on $pgdata; it replays to ${target_time:-the latest archived point} and opens for writes"
