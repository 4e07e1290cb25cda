#!/usr/bin/env bash
# Proof that the gate raises no false failures on a starved machine and still catches defects there.
#
# Oversubscribes this machine (stress-ng: CPU hogs and a memory hog, bounded by their own timeout and
# killed on exit), then, under that load:
#   1. runs the whole gate N times in parallel (separate report folders; each local target takes its own
#      free loopback ports and its own PostgreSQL cluster), and
#   2. runs the gate once per catalogue defect (ACCEPTANCE__LOCAL__DEFECTS=<name>), limited to the
#      criterion of the defect's guarding scenario, all in parallel,
# and writes summary.md: each gate's exit code, verdict, failed and not-judged scenarios, the CPU
# slowdown its canary measured, its duration and the load average; for each defect whether its
# guarding scenario failed (caught) rather than passed or was "not judged".
#
# usage: scripts/oversubscribed.sh [--gates 3] [--cpu-hogs 32] [--vm-bytes 2G] [--defects a,b,...|none]
#                                  [--out <dir>] [--limit-minutes 55]
# Loopback only; installs stress-ng with apt-get when it is missing. Build first (scripts/gate.sh builds).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

gates=3 cpu_hogs=32 vm_bytes=2G limit_minutes=55
defects="drop-last-chunk,skip-deduplication,no-fencing,misplaced-vectors"
out="$root/reports/oversubscribed-$(date -u +%Y%m%dT%H%M%SZ)"
while [ $# -gt 0 ]; do
  case "$1" in
    --gates) gates=$2; shift 2 ;;
    --cpu-hogs) cpu_hogs=$2; shift 2 ;;
    --vm-bytes) vm_bytes=$2; shift 2 ;;
    --defects) defects=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --limit-minutes) limit_minutes=$2; shift 2 ;;
    --help|-h) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)"; exit 3 ;;
  esac
done

# The guarding scenario of each defect (selftest/Acceptance.DefectCatalogue.Tests/DefectCatalogue.cs) and its criterion.
guard_of() {
  case "$1" in
    drop-last-chunk|misplaced-vectors) echo "4.1-complete-lifecycle|A multi-page claims handbook arrives intact" ;;
    skip-deduplication) echo "4.1-complete-lifecycle|Uploading the same policy twice returns the first document" ;;
    no-fencing) echo "4.2-worker-restarts|A worker frozen past its lease cannot overwrite the work of the one that took over" ;;
    *) return 1 ;;
  esac
}
[ "$defects" = none ] && defects=""   # --defects none: the gates alone
IFS=, read -ra defect_list <<< "$defects"
for d in "${defect_list[@]}"; do guard_of "$d" >/dev/null || { echo "no guarding scenario known for defect '$d'"; exit 3; }; done

command -v stress-ng >/dev/null || { apt-get install -y -qq stress-ng >/dev/null || { apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null; }; } \
  || { echo "stress-ng is missing and could not be installed"; exit 2; }
gate_dll="$root/gate/src/Acceptance.Gate/bin/Debug/net10.0/Acceptance.Gate.dll"
[ -f "$gate_dll" ] || { echo "build first: dotnet build gate/src/Acceptance.Gate"; exit 3; }
mkdir -p "$out"

# The hogs run in a process group of their own, so one kill ends them all; stress-ng's own --timeout bounds them too.
hog_pid="" sampler_pid=""
stop_hogs() {
  [ -n "$hog_pid" ] && kill -TERM -- "-$hog_pid" 2>/dev/null
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
  wait 2>/dev/null
  hog_pid="" sampler_pid=""
}
trap stop_hogs EXIT
trap 'exit 130' INT TERM
setsid stress-ng --cpu "$cpu_hogs" --vm 2 --vm-bytes "$vm_bytes" --timeout "$(( 2 * limit_minutes + 1 ))m" --quiet > "$out/stress-ng.log" 2>&1 &
hog_pid=$!
( while sleep 10; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; done ) > "$out/loadavg.log" &
sampler_pid=$!
sleep 15   # let the hogs reach full load before the first gate measures the machine (not a synchronisation)

# Runs one gate in the background: name, extra environment (may be empty), gate arguments...
run_gate() {
  local name=$1 env=$2; shift 2
  (
    start=$(date +%s)
    # shellcheck disable=SC2086
    env $env timeout "${limit_minutes}m" dotnet "$gate_dll" --reports "$out/$name" "$@" > "$out/$name.log" 2>&1
    echo "$? $(( $(date +%s) - start ))" > "$out/$name.exit"
  ) &
}

echo "$(date -u +%H:%M:%S) phase 1: $gates whole gates in parallel; stress-ng --cpu $cpu_hogs --vm 2 --vm-bytes $vm_bytes"
for i in $(seq 1 "$gates"); do run_gate "gate-$i" "" --allow-not-verified; done
wait_gates() { for f in "$@"; do while [ ! -f "$out/$f.exit" ]; do sleep 5; done; done; }   # polls for the gates' exit files
wait_gates $(seq -f "gate-%g" 1 "$gates")

if [ ${#defect_list[@]} -gt 0 ]; then
  echo "$(date -u +%H:%M:%S) phase 2: defects ${defect_list[*]} in parallel, same load"
  for d in "${defect_list[@]}"; do
    criterion=$(guard_of "$d" | cut -d'|' -f1)
    run_gate "defect-$d" "ACCEPTANCE__LOCAL__DEFECTS=$d" --tags "criterion:$criterion"
  done
  wait_gates $(printf 'defect-%s ' "${defect_list[@]}")
fi
stop_hogs

# The summary, from each run's readiness.json and environment.json.
python3 - "$out" "$gates" "$defects" <<'PY'
import json, os, sys
out, gates, defects = sys.argv[1], int(sys.argv[2]), [d for d in sys.argv[3].split(",") if d]
guards = {
    "drop-last-chunk": "A multi-page claims handbook arrives intact",
    "misplaced-vectors": "A multi-page claims handbook arrives intact",
    "skip-deduplication": "Uploading the same policy twice returns the first document",
    "no-fencing": "A worker frozen past its lease cannot overwrite the work of the one that took over",
}
loads = [float(l.split()[1]) for l in open(os.path.join(out, "loadavg.log")) if len(l.split()) > 1]
def run(name):
    code, seconds = open(os.path.join(out, name + ".exit")).read().split()
    folder = os.path.join(out, name)
    readiness = json.load(open(os.path.join(folder, "readiness.json"))) if os.path.exists(os.path.join(folder, "readiness.json")) else None
    env = json.load(open(os.path.join(folder, "environment.json"))) if os.path.exists(os.path.join(folder, "environment.json")) else {}
    canary = dict(env.get("cpuCanary") or {})
    if canary: canary["stretch"] = env.get("localTimesStretchedBy")
    return int(code), int(seconds), readiness, canary
def names(readiness, outcome):
    return [s["name"] for s in (readiness or {}).get("scenarios", []) if s["outcome"] == outcome]
def cpu(c):
    return f'{c.get("atStart")}× / {c.get("median")}× / {c.get("worst")}× ({c.get("samples")}); times stretched {c.get("stretch") or 1}×' if c else "unknown"
lines = ["# Gates on an oversubscribed machine", "",
         f"Load average (1 min) during the runs: median {sorted(loads)[len(loads)//2]:.0f}, max {max(loads):.0f} on {os.cpu_count()} cores "
         f"({max(loads)/os.cpu_count():.0f}× oversubscribed at the peak)." if loads else "no load samples", "",
         "| run | exit | verdict | passed | failed | not judged | CPU slowdown start / median / worst (samples) | duration |",
         "|---|---|---|---|---|---|---|---|"]
details = []
for name in [f"gate-{i}" for i in range(1, gates + 1)] + [f"defect-{d}" for d in defects]:
    code, seconds, readiness, canary = run(name)
    totals = (readiness or {}).get("totals", {})
    lines.append(f'| {name} | {code} | {(readiness or {}).get("verdict", "none")} | {totals.get("passed", "-")} | {totals.get("failed", "-")} | '
                 f'{totals.get("notJudged", "-")} | {cpu(canary)} | {seconds // 60} m {seconds % 60:02d} s |')
    for outcome in ("failed", "notJudged"):
        for scenario in names(readiness, outcome):
            if not name.startswith("defect-"):
                details.append(f"- {name}: {outcome}: {scenario}")
lines += ["", "Gate scenarios that failed or were not judged (false failures, since the pipeline is unchanged):", ""] + (details or ["- none"])
lines += ["", "| defect | guarding scenario | its outcome | caught |", "|---|---|---|---|"] if defects else []
for d in defects:
    code, _, readiness, _ = run(f"defect-{d}")
    outcome = next((s["outcome"] for s in (readiness or {}).get("scenarios", []) if s["name"] == guards[d]), "not found")
    lines.append(f"| {d} | {guards[d]} | {outcome} | {'yes' if outcome == 'failed' and code == 1 else 'NO'} |")
open(os.path.join(out, "summary.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "reports: $out"
