#!/usr/bin/env bash
# Figures for the local reference environment, printed as median and spread over several runs:
#   - environment start time (private PostgreSQL + api-server + 2 workers + both mocks, zero-latency mocks)
#   - end-to-end time of the small insurance policy (upload accepted → embedded, from the audit trail)
# Each run starts a fresh environment and runs the @smoke scenario. Usage: scripts/benchmark-pipeline.sh [runs, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
dotnet build Acceptance.csproj --nologo -v quiet -clp:ErrorsOnly >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

for i in $(seq 1 "$runs"); do
  REQNROLL_REPORTS_DIR="$work/$i" REQNROLL_FORMATTERS_DISABLED=true \
    dotnet bin/Debug/net10.0/Acceptance.dll -noColor -noLogo -trait Category=smoke >/dev/null \
    || { echo "run $i failed; see $work/$i"; trap - EXIT; exit 1; }
  start=$(sed -n 's/.*"startupSeconds": \([0-9.]*\).*/\1/p' "$work/$i/environment.json")
  e2e=$(grep -h -o '"totalSeconds": [0-9.]*' "$work"/$i/evidence/*/stage-timeline.json | head -1 | sed 's/.*: //')
  echo "run $i: environment start ${start} s, small document end to end ${e2e} s"
  echo "$start" >> "$work/start.txt"; echo "$e2e" >> "$work/e2e.txt"
done

summary() {  # median and min–max of a column of numbers
  sort -n "$1" | awk -v name="$2" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%-40s median %.2f s   spread %.2f–%.2f s   (%d runs)\n", name, m, v[1], v[NR], NR }'
}
echo
summary "$work/start.txt" "local environment start"
summary "$work/e2e.txt" "small document, upload → embedded"
