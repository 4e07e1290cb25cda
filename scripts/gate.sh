#!/usr/bin/env bash
# The acceptance gate: runs the @gate scenarios against the bundled reference pipeline (or the
# target you choose), writes the living documentation and the readiness report into
# reports/<run>/, and exits 0 only when the release is ready. Options: scripts/gate.sh --help
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh >/dev/null || { echo "The machine is missing what the local target needs; run scripts/setup.sh to see why."; exit 2; }
dotnet build gate/src/Acceptance.Gate --nologo -v quiet -clp:ErrorsOnly \
  || { echo "The suite does not build; fix the errors above."; exit 3; }
# Load options of the 4.3 scenarios (Features/03-performance-scalability), passed as settings:
#   --soak <duration>       measured load period, e.g. 30m, 2h, 900s (nightly; default 20 s)
#   --load-profile phase4   the Phase 4 plan's profile: 5 concurrent uploads for 300 s
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --soak)
      [ $# -ge 2 ] || { echo "--soak needs a duration (e.g. 30m)"; exit 3; }
      case "$2" in
        *h) secs=$(( ${2%h} * 3600 )) ;; *m) secs=$(( ${2%m} * 60 )) ;; *s) secs=${2%s} ;; *) secs=$2 ;;
      esac
      [[ "$secs" =~ ^[0-9]+$ ]] && [ "$secs" -gt 0 ] || { echo "--soak must be a positive duration like 30m, 2h or 900s; got '$2'"; exit 3; }
      export ACCEPTANCE__LOAD__DURATIONSECONDS="$secs" ACCEPTANCE__LOAD__DRAINSECONDS="${ACCEPTANCE__LOAD__DRAINSECONDS:-600}"
      shift 2 ;;
    --load-profile)
      [ $# -ge 2 ] && [[ "$2" =~ ^(open|phase4)$ ]] || { echo "--load-profile must be open or phase4"; exit 3; }
      export ACCEPTANCE__LOAD__PROFILE="$2"; shift 2 ;;
    --help|-h)
      args+=("$1"); shift
      trap 'echo "  --soak <duration>           measured period of the 4.3 load scenarios, e.g. 30m (default 20 s)"; echo "  --load-profile open|phase4  open-loop arrivals (default) or 5 concurrent uploads for 300 s"' EXIT ;;
    *) args+=("$1"); shift ;;
  esac
done
dotnet gate/src/Acceptance.Gate/bin/Debug/net10.0/Acceptance.Gate.dll "${args[@]}"
