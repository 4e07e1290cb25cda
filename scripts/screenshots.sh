#!/usr/bin/env bash
# Regenerates the README's screenshots, docs/screenshots/readiness.png and living-documentation.png,
# from a gate report folder: the one given, else the latest run in reports/, else a new gate run.
#   scripts/screenshots.sh [report folder]
set -uo pipefail
given="${1:+$(realpath -m "$1")}"  # resolved before leaving the caller's directory
cd "$(dirname "$0")/.."

# The report folder whose readiness page was written last.
latest_run() { ls -td reports/*/readiness.html 2>/dev/null | head -n 1 | xargs -r dirname; }

folder="${given:-$(latest_run)}"
if [ -z "$folder" ]; then
  echo "No gate run in reports/; running the gate first (scripts/gate.sh)."
  scripts/gate.sh  # its verdict is what the pictures show, so a failing gate still gives a report
  folder="$(latest_run)"
  [ -n "$folder" ] || { echo "The gate wrote no report; see its output above."; exit 2; }
fi
[ -d "$folder" ] || { echo "$folder is not a folder; give a gate report folder such as reports/<run>."; exit 3; }

dotnet build tools/ReportScreenshots --nologo -v quiet -clp:ErrorsOnly \
  || { echo "The screenshot tool does not build; fix the errors above."; exit 3; }
dotnet tools/ReportScreenshots/bin/Debug/net10.0/ReportScreenshots.dll "$folder" docs/screenshots
