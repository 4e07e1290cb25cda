#!/usr/bin/env bash
# The suite's own mutants (selftest/mutants/*.patch): realistic bugs written as patches against the
# reference pipeline, its alert rules and its operator scripts. Each is applied to a clean copy of
# HEAD, the gate runs the scenarios its header's Tags name against the local target, and the mutant
# is caught when a scenario failed. Slow (a gate per mutant), so not part of scripts/test.sh.
#
#   scripts/mutants.sh [--reports DIR] [--worktree DIR] [name...]   every mutant, or the named ones (file names without .patch)
#
# --worktree DIR: the scratch worktree to use and keep (made when missing), so that a later run only
# builds what changed; by default a temporary one, removed at the end.
#
# Writes DIR/mutation-score.md (one row per mutant: caught by which scenario, or escaped) and each
# mutant's gate report in DIR/<name>/; default DIR: reports/mutants-<UTC timestamp>. Prints
# "Mutant score: caught/total mutants caught; escaped: ..." last. Exit 0 when every mutant ran
# (caught or escaped), 1 when one could not be judged (it did not apply, build or start).
set -uo pipefail
cd "$(dirname "$0")/.."
repository=$(pwd)

reports="reports/mutants-$(date -u +%Y%m%dT%H%M%SZ)"
tree=""
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reports) [ -n "${2:-}" ] || { echo "--reports needs a folder" >&2; exit 3; }; reports=$2; shift 2 ;;
    --worktree) [ -n "${2:-}" ] || { echo "--worktree needs a folder" >&2; exit 3; }; tree=$(realpath -m "$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 3 ;;
    *) names+=("$1"); shift ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for patch in selftest/mutants/*.patch; do names+=("$(basename "$patch" .patch)"); done
fi
for name in "${names[@]}"; do
  [ -f "selftest/mutants/$name.patch" ] || { echo "no mutant $name (selftest/mutants/$name.patch)" >&2; exit 3; }
done
mkdir -p "$reports" && reports=$(realpath "$reports")

# One scratch worktree of HEAD for the whole run, put back to HEAD after every mutant: each mutant
# starts from clean sources, while the build stays incremental (only what a patch touches rebuilds).
if [ -z "$tree" ]; then
  scratch=$(mktemp -d)
  tree="$scratch/tree"
  cleanup() { git worktree remove --force "$tree"; rm -rf "$scratch"; }
  trap cleanup EXIT
fi
if [ -d "$tree" ]; then
  git -C "$tree" checkout --quiet --force --detach "$(git rev-parse HEAD)" && git -C "$tree" clean -fdq || exit 1
else
  git worktree add --quiet --detach "$tree" HEAD || exit 1
fi
# The official npm clients are installed per checkout (scripts/setup.sh); a copy spares the scratch
# worktree a download (a real folder: git clean keeps it, being ignored, where it would drop a link).
node_modules=reference-pipeline/contract/node/node_modules
[ -d "$node_modules" ] && [ ! -e "$tree/$node_modules" ] && cp -a "$node_modules" "$tree/$node_modules"

header() { sed -n "s/^$1: //p" "selftest/mutants/$2.patch" | head -1; }
# Table cells: a pipe would end the cell.
cell() { sed 's/|/\\|/g' <<<"$1"; }

caught=0 escaped=() unjudged=()
rows=()
for name in "${names[@]}"; do
  tags=$(header Tags "$name")
  echo "== $name (tags $tags)"
  out="$reports/$name"
  if ! git -C "$tree" apply "$repository/selftest/mutants/$name.patch"; then
    unjudged+=("$name"); rows+=("| \`$name\` | not judged: the patch does not apply | | |"); continue
  fi
  started=$(date +%s)
  # As in the defect catalogue: a mutant must be caught within the limits the scenarios state, not
  # within limits stretched for a busy machine (a late alert would pass a limit stretched twentyfold).
  ACCEPTANCE__TIMEOUTS__MAXSTARVATIONSTRETCH=1 bash "$tree/scripts/gate.sh" --tags "$tags" --reports "$out" >"$reports/$name.log" 2>&1
  code=$?
  took=$(( $(date +%s) - started ))
  outcomes() { [ -f "$out/readiness.json" ] && jq -r --arg o "$1" '[.scenarios[] | select(.outcome == $o) | .name] | join("; ")' "$out/readiness.json"; }
  failed=$(outcomes failed) slow=$(outcomes notJudged)
  by=""
  if [ -n "$failed" ]; then
    caught=$((caught + 1)); verdict="caught"; by=$failed
  elif [ -n "$slow" ]; then
    unjudged+=("$name"); verdict="not judged: failed only on speed on a starved machine"; by=$slow
  elif [ "$code" -le 1 ]; then
    escaped+=("$name"); verdict="escaped"
  else
    unjudged+=("$name"); verdict="not judged: gate exit $code (see $name.log)"
  fi
  echo "   $verdict in ${took} s${by:+: $by}"
  rows+=("| \`$name\` | $verdict | $(cell "$by") | $took s |")
  git -C "$tree" checkout --quiet -- . && git -C "$tree" clean -fdq
done

total=${#names[@]}
score="Mutant score: $caught/$total mutants caught; escaped: ${escaped[*]:-none}${unjudged:+; not judged: ${unjudged[*]}}"
{
  echo "# Mutant score"
  echo
  echo "$score"
  echo
  echo "| mutant | outcome | failing scenarios | gate run |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$reports/mutation-score.md"
echo "$score"
echo "table: $reports/mutation-score.md"
[ ${#unjudged[@]} -eq 0 ]
