#!/usr/bin/env bash
# The acceptance gate: runs the @gate scenarios against the bundled reference pipeline (or the
# target you choose), writes the living documentation and the readiness report into
# reports/<run>/, and exits 0 only when the release is ready. Options: scripts/gate.sh --help
#   scripts/gate.sh merge <folder>... [--reports <dir>]   one verdict from shard report folders;
#                                                         needs only the .NET SDK (no setup.sh)
set -uo pipefail
cd "$(dirname "$0")/.."

# This wrapper's own options (Features/03-performance-scalability), on top of the gate's.
wrapper_help='
load options (scripts/gate.sh passes them to the 4.3 scenarios as ACCEPTANCE__LOAD__* settings):
  --soak <duration>           measured period of the 4.3 load scenarios, e.g. 30m, 2h, 900s (nightly; default 20 s)
  --load-profile open|phase4  open-loop arrivals (default) or the Phase 4 profile: 5 documents in the pipeline at a time for 300 s'

# The gate's own help is declared once, as GateOptionsParser.Help (a C# raw string literal); it is
# read from the source so that --help answers at once, before any setup or build.
gate_help() {
  awk '/const string Help = """/ { inside = 1; next }
       inside && /^[ \t]*""";/ { indent = match($0, /"/) - 1; for (i = 1; i <= n; i++) print substr(lines[i], indent + 1); exit }
       inside { lines[++n] = $0 }' gate/src/Acceptance.Gate/Cli/GateOptionsParser.cs
}

for argument in "$@"; do
  case "$argument" in
    --help|-h) gate_help; echo "$wrapper_help"; exit 0 ;;
  esac
done

build_gate() {
  dotnet build gate/src/Acceptance.Gate --nologo -v quiet -clp:ErrorsOnly \
    || { echo "The suite does not build; fix the errors above."; exit 3; }
}
gate_dll=gate/src/Acceptance.Gate/bin/Debug/net10.0/Acceptance.Gate.dll

# Merging reads report folders and starts no pipeline: no machine setup needed.
if [ "${1:-}" = merge ]; then
  build_gate
  exec dotnet "$gate_dll" "$@"
fi

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --soak)
      [[ "${2:-}" =~ ^([0-9]+)([hms]?)$ ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] \
        || { echo "--soak must be a positive duration like 30m, 2h or 900s; got '${2:-}'"; exit 3; }
      case "${BASH_REMATCH[2]}" in h) secs=$(( BASH_REMATCH[1] * 3600 )) ;; m) secs=$(( BASH_REMATCH[1] * 60 )) ;; *) secs=${BASH_REMATCH[1]} ;; esac
      export ACCEPTANCE__LOAD__DURATIONSECONDS="$secs" ACCEPTANCE__LOAD__DRAINSECONDS="${ACCEPTANCE__LOAD__DRAINSECONDS:-600}"
      # The leak detector reads the services' live heap after full collections: on the local target they run one every 5 s.
      export ACCEPTANCE__LOCAL__FULLCOLLECTIONSECONDS="${ACCEPTANCE__LOCAL__FULLCOLLECTIONSECONDS:-5}"
      shift 2 ;;
    --load-profile)
      [ $# -ge 2 ] && [[ "$2" =~ ^(open|phase4)$ ]] || { echo "--load-profile must be open or phase4"; exit 3; }
      export ACCEPTANCE__LOAD__PROFILE="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

# GATE_DRY_RUN=1: check this wrapper's options and print, one per line, the arguments the gate
# would get, without setup or build (the CI workflow's test checks its commands this way).
if [ "${GATE_DRY_RUN:-}" = 1 ]; then
  [ ${#args[@]} -eq 0 ] || printf '%s\n' "${args[@]}"
  exit 0
fi

bash scripts/setup.sh >/dev/null || { echo "The machine is missing what the local target needs; run scripts/setup.sh to see why."; exit 2; }
build_gate
# exec: a SIGTERM or SIGINT sent to this script (a CI job's time limit) reaches the gate, which stops what it started.
exec dotnet "$gate_dll" "${args[@]}"
