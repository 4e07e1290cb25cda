#!/usr/bin/env bash
# The acceptance gate: runs the @gate scenarios against the bundled reference pipeline (or the
# target you choose), writes the living documentation and the readiness report into
# reports/<run>/, and exits 0 only when the release is ready. Options: scripts/gate.sh --help
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh >/dev/null || { echo "The machine is missing what the local target needs; run scripts/setup.sh to see why."; exit 2; }
dotnet build gate/src/Acceptance.Gate --nologo -v quiet -clp:ErrorsOnly \
  || { echo "The suite does not build; fix the errors above."; exit 3; }
exec dotnet gate/src/Acceptance.Gate/bin/Debug/net10.0/Acceptance.Gate.dll "$@"
