#!/usr/bin/env bash
# Benchmarks the xUnit v3 runner for Reqnroll on a generated suite of 1,000 passing scenarios.
# Usage: run-benchmark.sh [--runs N]      (see README.md for what is measured and why)
set -euo pipefail

runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "--runs must be a positive whole number, got '$runs'" >&2; exit 2; }

readonly features=20 scenarios_per_feature=50 steps=5 baseline_steps=1
readonly scenarios=$((features * scenarios_per_feature))
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly here project="$here/Reqnroll.XunitV3Runner.BenchmarkSuite/Reqnroll.XunitV3Runner.BenchmarkSuite.csproj"

work="$(mktemp -d -t runner-benchmark-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# GNU time gives the peak resident memory and CPU time of the test process for free; without it, both are skipped.
measure_memory=false
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then measure_memory=true; fi

# Each workload gets its own artifacts folder (bin/ is git-ignored), so both stay incremental and
# the runner's own bin/ and obj/ are never touched by a Release build from here.
build() {
  local steps_per_scenario=$1 log="$work/build-$1.log"
  if ! dotnet build "$project" -c Release -nologo -v q --artifacts-path "$here/bin/steps-$steps_per_scenario" \
      -p:BenchmarkFeatureCount=$features -p:BenchmarkScenariosPerFeature=$scenarios_per_feature \
      -p:BenchmarkStepsPerScenario="$steps_per_scenario" >"$log" 2>&1; then
    cat "$log" >&2; echo "Build of the ${steps_per_scenario}-step workload failed." >&2; exit 1
  fi
}

assembly() { echo "$here/bin/steps-$1/bin/Reqnroll.XunitV3Runner.BenchmarkSuite/release/Reqnroll.XunitV3Runner.BenchmarkSuite.dll"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# timed NAME COMMAND...: runs the command, appends its wall time (ms) to NAME.ms and, with GNU time,
# its peak memory (KB) to NAME.kb and its CPU time (s) to NAME.cpu; output goes to NAME.out and is
# shown only if the command fails.
timed() {
  local name=$1; shift
  local start end status=0
  start=$(now_ms)
  if $measure_memory; then
    /usr/bin/time -f '%M %U %S' -o "$work/$name.rss" "$@" >"$work/$name.out" 2>&1 || status=$?
  else
    "$@" >"$work/$name.out" 2>&1 || status=$?
  fi
  end=$(now_ms)
  if [[ $status -ne 0 ]]; then
    tail -n 40 "$work/$name.out" >&2; echo "'$name' exited with $status; the figures would be meaningless." >&2; exit 1
  fi
  echo $((end - start)) >>"$work/$name.ms"
  if $measure_memory; then
    local kb user system
    read -r kb user system < <(tail -n 1 "$work/$name.rss")
    echo "$kb" >>"$work/$name.kb"
    awk -v u="$user" -v s="$system" 'BEGIN { print u + s }' >>"$work/$name.cpu"
  fi
}

discover() {
  timed discovery dotnet "$(assembly $steps)" -list full/json -noColor
  local found
  found=$(grep -o '"ID":' "$work/discovery.out" | wc -l)
  [[ $found -eq $scenarios ]] || { echo "Discovery listed $found tests, expected $scenarios." >&2; exit 1; }
}

# run NAME STEPS: one full run with xUnit's XML report, Reqnroll's HTML and ndjson reports in the temp dir.
run() {
  local name=$1 steps_per_scenario=$2 xml="$work/$1.xml"
  rm -rf "$work/reports"
  REQNROLL_REPORTS_DIR="$work/reports" timed "$name" dotnet "$(assembly "$steps_per_scenario")" -noColor -noLogo -xml "$xml"
  local header total passed
  header=$(grep -o '<assembly [^>]*>' "$xml" | head -n 1)
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$header")
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$header")
  [[ "$total" == "$scenarios" && "$passed" == "$scenarios" ]] \
    || { echo "The $name run passed ${passed:-?} of ${total:-?} tests, expected all $scenarios." >&2; exit 1; }
  [[ -s "$work/reports/living-documentation.html" && -s "$work/reports/cucumber-messages.ndjson" ]] \
    || { echo "The $name run wrote no HTML or ndjson report to $work/reports." >&2; exit 1; }
  sed -n 's/.* time="\([0-9.]*\)".*/\1/p' <<<"$header" >>"$work/$name.exec-s"
}

# stats FILE SCALE: "median min max" of the numbers in FILE, each multiplied by SCALE.
stats() {
  sort -g "$1" | awk -v scale="$2" '{ v[NR] = $1 * scale }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s", m, v[1], v[NR] }'
}

row() { # row LABEL FILE SCALE DECIMALS
  local median min max
  read -r median min max <<<"$(stats "$2" "$3")"
  printf "  %-40s %10.*f   %.*f – %.*f\n" "$1" "$4" "$median" "$4" "$min" "$4" "$max"
}

echo "Building the ${steps}-step and ${baseline_steps}-step workloads (Release)…"
build $steps
build $baseline_steps

# One untimed pass of each so the first measured run does not pay for a cold disk cache.
dotnet "$(assembly $steps)" -list full/json -noColor >/dev/null
dotnet "$(assembly $baseline_steps)" -list full/json -noColor >/dev/null

echo "Measuring $runs repetitions…"
for ((i = 1; i <= runs; i++)); do
  discover
  # The two workloads alternate so drift on a shared machine hits both alike.
  run full $steps
  run baseline $baseline_steps
  printf '  %d/%d: discovery %s ms, %d-step run %s ms, %d-step run %s ms\n' "$i" "$runs" \
    "$(tail -n 1 "$work/discovery.ms")" $steps "$(tail -n 1 "$work/full.ms")" $baseline_steps "$(tail -n 1 "$work/baseline.ms")"
done

# Per extra step, per repetition: (full run − baseline run) / (scenarios × extra steps per scenario).
paste "$work/full.ms" "$work/baseline.ms" \
  | awk -v n=$((scenarios * (steps - baseline_steps))) '{ print ($1 - $2) / n }' >"$work/per-step.ms"
# The same from CPU time, which a busy shared machine distorts far less than wall time.
if $measure_memory; then
  paste "$work/full.cpu" "$work/baseline.cpu" \
    | awk -v n=$((scenarios * (steps - baseline_steps))) '{ print ($1 - $2) * 1000 / n }' >"$work/per-step-cpu.ms"
fi

cat <<EOF

Reqnroll xUnit v3 runner benchmark: $scenarios scenarios ($features features × $scenarios_per_feature) × $steps steps, all passing,
HTML + ndjson reports on; $runs repetitions on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end.
Wall times include process start-up; CPU time is user + system of the test process (all its threads).
  Discovery      = wall time of \`-list full/json\` (start-up, feature parsing, one test case per pickle).
  Run            = wall time of a full run with \`-xml\` (start-up, discovery, execution, reports).
  Per scenario   = run / $scenarios.
  Per extra step = (run of the $steps-step suite − run of the same $scenarios scenarios with $baseline_steps step)
                   / ($scenarios × $((steps - baseline_steps))): what one more step costs end to end (runner + Reqnroll + formatters),
                   with start-up, discovery and per-scenario costs cancelled out. Computed per repetition.

  Measure                                      median   min – max
EOF
row "discovery (s)" "$work/discovery.ms" 0.001 2
row "run, $steps steps per scenario (s)" "$work/full.ms" 0.001 2
row "  of which xUnit-reported execution (s)" "$work/full.exec-s" 1 2
row "run, $baseline_steps step per scenario, baseline (s)" "$work/baseline.ms" 0.001 2
row "per scenario (ms)" "$work/full.ms" "$(awk -v n=$scenarios 'BEGIN { print 1 / n }')" 2
row "per extra step (ms)" "$work/per-step.ms" 1 3
if $measure_memory; then
  row "CPU time, $steps-step run (s)" "$work/full.cpu" 1 2
  row "CPU time, $baseline_steps-step run (s)" "$work/baseline.cpu" 1 2
  row "per extra step, CPU (ms)" "$work/per-step-cpu.ms" 1 3
  row "peak memory, discovery (MB)" "$work/discovery.kb" 0.0009765625 0
  row "peak memory, $steps-step run (MB)" "$work/full.kb" 0.0009765625 0
else
  echo "  CPU time and peak memory: not measured (GNU time is not at /usr/bin/time)"
fi

read -r discovery_median _ <<<"$(stats "$work/discovery.ms" 0.001)"
read -r run_median _ <<<"$(stats "$work/full.ms" 0.001)"
read -r step_median _ <<<"$(stats "$work/per-step.ms" 1)"
gnu_time_figures=""
if $measure_memory; then
  read -r cpu_median _ <<<"$(stats "$work/full.cpu" 1)"
  read -r step_cpu_median _ <<<"$(stats "$work/per-step-cpu.ms" 1)"
  read -r memory_median _ <<<"$(stats "$work/full.kb" 0.0009765625)"
  gnu_time_figures=$(printf ', CPU %.2f s (%.3f ms per extra step), peak %.0f MB' "$cpu_median" "$step_cpu_median" "$memory_median")
fi
printf '\nSUMMARY: %d scenarios × %d steps: discovery %.2f s, run %.2f s (%.2f ms/scenario), %.3f ms per extra step%s (medians of %d runs)\n' \
  $scenarios $steps "$discovery_median" "$run_median" "$(awk -v r="$run_median" -v n=$scenarios 'BEGIN { print r * 1000 / n }')" \
  "$step_median" "$gnu_time_figures" "$runs"
