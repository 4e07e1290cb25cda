#!/usr/bin/env bash
# Runs every test in the repository: the runner's tests, the reference pipeline's tests and the
# acceptance suite (all scenarios, against the bundled reference pipeline). Ends with one line,
# "N passed, N failed, N skipped", and fails when a test failed or when no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh >/dev/null || { echo "setup failed: run scripts/setup.sh to see why"; exit 1; }

results="$(pwd)/TestResults/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
export REQNROLL_REPORTS_DIR="$results/acceptance"

# The compose target's images (minutes on a fresh machine: debootstrap, NuGet restores inside
# containers) build in the background, niced and capped at half a CPU, while the other tests run; the compose
# tests wait for the marker it leaves (its exit code) and report the log if it failed.
export COMPOSE_IMAGES_DONE="$results/compose-images.done"
if docker info >/dev/null 2>&1; then
  (nice -n 10 ionice -c 3 bash scripts/docker-base-images.sh --with-pipeline --background >"$results/compose-images.log" 2>&1
   echo $? >"$COMPOSE_IMAGES_DONE") &
fi

dotnet build Acceptance.sln --nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; echo "the build failed"; exit 1; }
dotnet build selftest/Acceptance.Compose.Tests/Acceptance.Compose.Tests.csproj --nologo -v quiet -clp:ErrorsOnly \
  || { echo "0 passed, 1 failed"; echo "the build failed"; exit 1; }

# One test assembly at a time: several of them start whole pipelines (PostgreSQL + five services)
# and load tests on 2 cores must not compete with each other for CPU and ports.
dotnet test --solution Acceptance.sln --no-build --no-progress --max-parallel-test-modules 1 \
  --results-directory "$results" --report-xunit-xml "$@"
test_exit=$?

# Last, so the background image build has had the other tests' time: the compose target run for
# real (skipped, with the reason, where no Docker engine runs). Not in the solution, so that the
# run above cannot start it before the images are ready; not run when arguments select tests.
if [ $# -eq 0 ]; then
  dotnet test --project selftest/Acceptance.Compose.Tests/Acceptance.Compose.Tests.csproj --no-build --no-progress \
    --results-directory "$results" --report-xunit-xml || test_exit=1
fi

# Each test assembly wrote an xUnit XML report; add up their <assembly> totals.
passed=0; failed=0; skipped=0; errors=0
while IFS= read -r tag; do
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$tag"; }
  passed=$((passed + $(count passed))); failed=$((failed + $(count failed)))
  skipped=$((skipped + $(count skipped))); errors=$((errors + $(count errors)))
done < <(find "$results" -name '*.xml' -exec grep -o '<assembly [^>]*>' {} \;)
failed=$((failed + errors))

# Name each failed test with the start of its message: CI keeps only the log's tail.
find "$results" -name '*.xml' -exec awk '
  match($0, /<test [^>]*result="Fail"[^>]*>/) {
    test = substr($0, RSTART, RLENGTH); match(test, / name="[^"]*"/)
    print "FAILED: " substr(test, RSTART + 7, RLENGTH - 8); shown = 0; failing = 1
  }
  failing && /<message>/ { message = 1; sub(/.*<message>/, "") }
  message && shown < 8 {
    line = $0; ends = sub(/<\/message>.*/, "", line); gsub(/<!\[CDATA\[|\]\]>|^[ \t]+/, "", line)
    if (length(line)) { print "  " substr(line, 1, 600); shown++ }
    if (ends) { message = 0; failing = 0 }
  }
  /<\/message>/ { message = 0; failing = 0 }
' {} \;

echo "reports: $results"
echo "$passed passed, $failed failed, $skipped skipped"
if (( passed + failed + skipped == 0 )); then echo "no test ran"; exit 1; fi
if (( failed > 0 || test_exit != 0 )); then exit 1; fi
