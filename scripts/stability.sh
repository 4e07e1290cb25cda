#!/usr/bin/env bash
# Runs the failure-and-recovery (4.2) features several times in a row on fresh environments and
# reports how many scenario runs flaked (failed in some runs, passed in others) and the median
# run time. Usage: scripts/stability.sh [runs, default 10]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
dotnet build Acceptance.csproj --nologo -v quiet -clp:ErrorsOnly >/dev/null || exit 1
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

for i in $(seq 1 "$runs"); do
  started=$(date +%s.%N)
  REQNROLL_REPORTS_DIR="$work/$i" REQNROLL_FORMATTERS_DISABLED=true \
    dotnet bin/Debug/net10.0/Acceptance.dll -noColor -noLogo -trait Category=disruptive -xml "$work/$i.xml" >/dev/null
  seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  echo "$seconds" >> "$work/times.txt"
  summary=$(grep -o '<assembly [^>]*>' "$work/$i.xml" | sed -n 's/.* failed="\([0-9]*\)".* passed="\([0-9]*\)".*/\2 passed, \1 failed/p')
  printf 'run %2d: %s in %.0f s\n' "$i" "$summary" "$seconds"
  grep -o '<test [^>]*result="[A-Za-z]*"' "$work/$i.xml" | sed 's/.* name="\([^"]*\)".* result="\([A-Za-z]*\)"/\2\t\1/' >> "$work/outcomes.tsv"
done

flaky=$(sort -u "$work/outcomes.tsv" | cut -f2 | sort | uniq -d | wc -l)
failed_always=$(awk -F'\t' '$1=="Fail"{f[$2]++} END{for (n in f) if (f[n]=='"$runs"') c++; print c+0}' "$work/outcomes.tsv")
median=$(sort -n "$work/times.txt" | awk '{v[NR]=$1} END{printf "%.0f", (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}')
echo
echo "flaky scenarios: $flaky · always failing: $failed_always · median run: ${median} s over $runs runs"
