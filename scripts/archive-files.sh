#!/usr/bin/env bash
# Copies the stored document files that the archive does not hold yet into <archive>/files:
#   archive-files.sh <archive folder> <storage root>
# Called by a base backup and by every WAL archive_command, which may run at the same moment: each
# copy goes to a name of its own and is renamed into place, so two copiers of one file never collide.
# Stored files never change once renamed into place, so "already there" means "already archived".
set -euo pipefail
archive=$1 storage=$2

(cd "$storage" && find . -type f ! -name '*.tmp' -print0) | while IFS= read -r -d '' file; do
  target="$archive/files/${file#./}"
  [ -e "$target" ] && continue
  mkdir -p "$(dirname "$target")"
  cp "$storage/$file" "$target.partial.$$" && mv -f "$target.partial.$$" "$target"
done
