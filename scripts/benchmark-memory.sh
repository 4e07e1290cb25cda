#!/usr/bin/env bash
# Peak resident memory of every service of the reference pipeline while one real manual goes through,
# for two manuals of different sizes (a benchmark, not a test: it prints figures and judges them).
# Each run starts a fresh pipeline with one worker (scripts/pipeline.sh up), uploads one manual, waits until its job is
# embedded, reads every service's kernel high-water mark of resident memory (VmHWM in
# /proc/<pid>/status, the peak since the process started) and stops the pipeline.
# Printed per service and manual: median and spread of the peaks, whether each is within 250 MiB, and
# the ratio of the larger manual's peak to the smaller's (memory bounded by design reads 1.00 +- 0.15).
# Manuals: GNU Octave's (octave-doc, 1,158 pages) and R's full reference (r-doc-pdf, 2,415 pages);
# scripts/setup.sh installs both. Other PDFs: MEMORY_BENCHMARK_DOCUMENTS="small.pdf large.pdf".
# Usage: scripts/benchmark-memory.sh [runs per manual, default 1]   (about 5 minutes per run on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "runs must be a positive whole number; got '$runs'" >&2; exit 2; }
read -r -a documents <<< "${MEMORY_BENCHMARK_DOCUMENTS:-/usr/share/doc/octave/octave.pdf /usr/share/R/doc/manual/fullrefman.pdf}"
[ "${#documents[@]}" -eq 2 ] || { echo "MEMORY_BENCHMARK_DOCUMENTS names two PDFs, the smaller first" >&2; exit 2; }
for document in "${documents[@]}"; do
  [ -f "$document" ] || { echo "$document is missing; scripts/setup.sh installs the Debian manuals" >&2; exit 2; }
done
bound_mib=250; tolerance=0.15
embed_timeout=${MEMORY_BENCHMARK_TIMEOUT_SECONDS:-1800}

work="$(mktemp -d)"
export PIPELINE_STATE_DIR="$work/pipeline"
cleanup() { scripts/pipeline.sh down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build tools/PipelineByHand --nologo -v quiet -clp:ErrorsOnly || { echo "The pipeline does not build; fix the errors above."; exit 1; }
export PIPELINE_SKIP_BUILD=1
# One worker, so the document always goes through the same one and "base-worker" is that worker's peak.
export ACCEPTANCE__LOCAL__WORKERS=1

field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# measure <pdf> <label>: one fresh pipeline, one upload; appends "<service> <peak MiB>" lines to $work/<label>.txt
measure() {
  local pdf=$1 label=$2 api token job status stage state deadline
  scripts/pipeline.sh up >"$work/up.log" || { cat "$work/up.log"; exit 1; }
  api=$(field apiUrl < "$PIPELINE_STATE_DIR/state.json")
  token=$(scripts/pipeline.sh token 2>/dev/null)
  job=$(curl -fsS -H "Authorization: Bearer $token" -F "file=@$pdf;type=application/pdf" "$api/api/v1/documents" | field jobId)
  deadline=$((SECONDS + embed_timeout))
  while :; do
    status=$(curl -fsS -H "Authorization: Bearer $token" "$api/api/v1/jobs/$job")
    stage=$(field stage <<< "$status"); state=$(field state <<< "$status")
    [ "$state" = done ] && break
    if [ "$state" = failed ] || (( SECONDS >= deadline )); then
      echo "$(basename "$pdf"): job $job ended $stage/$state (or not within ${embed_timeout} s): $status" >&2; exit 1
    fi
    sleep 1 # polling the job's status, the pipeline's only public signal of progress
  done
  python3 - "$PIPELINE_STATE_DIR/state.json" >> "$work/$label.txt" <<'EOF'
import json, sys
for service, pid in json.load(open(sys.argv[1]))["processIds"].items():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"): print(service, int(line.split()[1]) / 1024)
EOF
  scripts/pipeline.sh down >/dev/null
}

labels=(); i=0
for document in "${documents[@]}"; do
  pages=$(pdfinfo "$document" | awk '/^Pages:/ { print $2 }')
  labels+=("$pages"); i=$((i + 1))
  for run in $(seq 1 "$runs"); do
    echo "$(basename "$document") ($pages pages), run $run of $runs"
    measure "$document" "$pages"
  done
done

echo
echo "Peak resident memory (VmHWM) per service (machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$work" "${labels[0]}" "${labels[1]}" "$bound_mib" "$tolerance" <<'EOF'
import collections, statistics, sys
work, small, large, bound, tolerance = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
def peaks(label):
    found = collections.defaultdict(list)
    for line in open(f"{work}/{label}.txt"):
        service, mib = line.split(); found[service].append(float(mib))
    return found
by_size = {small: peaks(small), large: peaks(large)}
print(f"{'service':<18}{small + ' pages':>26}{large + ' pages':>26}   ratio   within {bound:.0f} MiB   same peak +-{tolerance:.0%}")
failures = 0
for service in sorted(by_size[small]):
    cells, medians = [], []
    for size in (small, large):
        values = sorted(by_size[size][service]); medians.append(statistics.median(values))
        cells.append(f"{medians[-1]:6.1f} MiB ({values[0]:.1f}-{values[-1]:.1f})")
    ratio = medians[1] / medians[0]
    within = all(v <= bound for size in by_size.values() for v in size[service])
    same = abs(ratio - 1) <= tolerance
    failures += (not within) + (not same)
    print(f"{service:<18}{cells[0]:>26}{cells[1]:>26}   {ratio:5.2f}   {'yes' if within else 'NO':<17}{'yes' if same else 'NO'}")
print("every service bounded and independent of the page count" if failures == 0 else f"{failures} figure(s) outside the bounds")
EOF
