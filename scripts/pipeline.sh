#!/usr/bin/env bash
# The bundled reference pipeline, by hand: the same private PostgreSQL cluster and services on
# loopback that the gate's local target starts, kept running in the background until you stop it.
#   scripts/pipeline.sh up [--budget-usd <amount>]
#                  start it; prints its URLs and a curl upload. The mocks cost nothing, so there is
#                  no spend cap unless --budget-usd sets one per provider (with the real providers,
#                  ACCEPTANCE__REALAPI__ENABLED=true and both keys, the gate's caps stay)
#   scripts/pipeline.sh status   is it running; the same details, the backlog per stage and state,
#                                and the documents set aside (document, stage, error code)
#   scripts/pipeline.sh token [<user>] [--operator]
#                  a fresh token, valid 30 minutes, for a user (default: demo) or with the operator
#                  role (default user: operator); e.g. export PIPELINE_TOKEN=$(scripts/pipeline.sh token)
#   scripts/pipeline.sh env      the settings that make it the gate's external target, as shell exports:
#                                eval "$(scripts/pipeline.sh env)"; scripts/gate.sh --target external
#   scripts/pipeline.sh stop|start|kill|pause|resume|status|logs <service>
#                  one service (api-server, base-worker-1, base-worker-2, mock-openai, mock-llamaparse, postgres):
#                  stop = SIGTERM and wait for its exit (exits with the service's code; postgres: fast shutdown),
#                  kill = SIGKILL (postgres: immediate shutdown), start = start again and wait until ready
#                  (start <service> --with KEY=VALUE ...: again, with test-only settings in its environment),
#                  pause/resume = SIGSTOP/SIGCONT, status = exit 0 while it runs, logs = print its log
#   scripts/pipeline.sh backup enable|base
#                  enable = archive the database's WAL and the stored files continuously into
#                  $PIPELINE_STATE_DIR/archive (scripts/backup.sh; the archive goes with the pipeline at down),
#                  base = take a full backup now and print its size and duration
#   scripts/pipeline.sh lose-data
#                  DESTROYS the database server's data folder and every stored file, as losing the server and
#                  its disk would; for backup drills only (scripts/pipeline.sh restore brings back what was archived)
#   scripts/pipeline.sh restore [--to <time>]
#                  stop the database if it runs, restore it and the stored files from the archive (scripts/restore.sh)
#                  to the latest archived point, or to just before <time> (ISO 8601, e.g. 2026-12-01T03:04:05.123456Z;
#                  UTC without an offset), start it again and return once it accepts writes
#   scripts/pipeline.sh scale <count>
#                  run exactly <count> workers (base-worker-1 ... -<count>), one job slot each, and wait until all
#                  are ready; the verbs above reach the added ones too. Back to the usual: scale to the usual
#                  count, then stop and start each usual worker (its usual settings)
#   scripts/pipeline.sh down     stop everything it started
# State (pid, URLs, token signing key, logs, a sample PDF, the backup archive) lives in $PIPELINE_STATE_DIR (default .pipeline/).
# Settings come from acceptance.settings.json and ACCEPTANCE__* variables, as for the gate.
set -uo pipefail
cd "$(dirname "$0")/.."

state_dir=$(realpath -m "${PIPELINE_STATE_DIR:-.pipeline}")
state="$state_dir/state.json"
host_dll=tools/PipelineByHand/bin/Debug/net10.0/PipelineByHand.dll
start_timeout=${PIPELINE_START_TIMEOUT_SECONDS:-180}
stop_timeout=${PIPELINE_STOP_TIMEOUT_SECONDS:-60}

field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$state" "$1"; }
host_pid() { [ -f "$state_dir/host.pid" ] && cat "$state_dir/host.pid"; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
# A command of the pipeline's host (tools/PipelineByHand) on this state folder.
host() { local command=$1; shift; dotnet "$host_dll" "$command" "$state_dir" "$@"; }

spend_cap() {
  python3 -c '
import json, sys
caps = json.load(open(sys.argv[1]))["spendCaps"]
if caps is None:
    print("none: the mocks cost nothing (scripts/pipeline.sh up --budget-usd <amount> sets one)")
else:
    print("LlamaParse ${}, OpenAI ${} per run".format(caps["llamaParseUsd"], caps["openAiUsd"]))' "$state"
}

describe() {
  local api sample
  api=$(field apiUrl); sample=$(field sampleDocument)
  cat <<EOF
api-server       $api   (health: $api/health/ready, metrics: $api/metrics)
mock OpenAI      $(field mockOpenAiUrl)
mock LlamaParse  $(field mockLlamaParseUrl)
database         $(field databaseConnectionString)
logs             $(field logDirectory)
spend cap        $(spend_cap)
demo user        $(field demoUser) (tokens: scripts/pipeline.sh token [<user>] [--operator], each valid 30 minutes)

Upload the sample policy as the demo user, then read its job:
  export PIPELINE_TOKEN=\$(scripts/pipeline.sh token)
  curl -s -H "Authorization: Bearer \$PIPELINE_TOKEN" -F "file=@$sample;type=application/pdf" $api/api/v1/documents
  curl -s -H "Authorization: Bearer \$PIPELINE_TOKEN" $api/api/v1/jobs/<jobId from the upload>

Stop it: scripts/pipeline.sh down
EOF
}

up() {
  local start_options=()
  case "$#:${1:-}" in
    0:) ;;
    2:--budget-usd) start_options=("$@") ;;
    *) echo "up takes only --budget-usd <amount>; got '$*'" >&2; return 3 ;;
  esac
  if alive "$(host_pid)"; then
    echo "The pipeline is already running (pid $(host_pid))."; describe; return 0
  fi
  bash scripts/setup.sh >/dev/null || { echo "The machine is missing what the pipeline needs; run scripts/setup.sh to see why."; return 2; }
  if [ "${PIPELINE_SKIP_BUILD:-}" != 1 ]; then
    dotnet build tools/PipelineByHand --nologo -v quiet -clp:ErrorsOnly || { echo "The pipeline does not build; fix the errors above."; return 3; }
  fi
  mkdir -p "$state_dir"
  rm -f "$state" "$state_dir/failed.txt"
  # A session of its own, so the pipeline outlives this shell and `down` can reach all of it.
  setsid dotnet "$host_dll" start "$state_dir" "${start_options[@]}" >"$state_dir/host.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$state_dir/host.pid"
  echo "Starting the reference pipeline (pid $pid, log $state_dir/host.log) ..."
  local deadline=$((SECONDS + start_timeout))
  until [ -f "$state" ]; do
    if ! alive "$pid"; then
      echo "The pipeline could not start: $(cat "$state_dir/failed.txt" 2>/dev/null || tail -5 "$state_dir/host.log")"
      rm -f "$state_dir/host.pid"; return 2
    fi
    if (( SECONDS >= deadline )); then
      echo "The pipeline was not ready within ${start_timeout} s; stopping it. See $state_dir/host.log."
      down >/dev/null; return 2
    fi
    sleep 0.2 # polling for the state file, which the host writes once every service is ready
  done
  echo "Ready."; describe
}

status() {
  local pid; pid=$(host_pid)
  if ! alive "$pid"; then echo "The pipeline is not running."; return 1; fi
  if [ ! -f "$state" ]; then echo "The pipeline is starting (pid $pid)."; return 0; fi
  local api; api=$(field apiUrl)
  if curl -fsS -o /dev/null "$api/health/ready"; then echo "Running (pid $pid), ready."; else echo "Running (pid $pid), but $api/health/ready does not answer 200."; fi
  describe
  echo
  host backlog
}

running() {
  if ! alive "$(host_pid)" || [ ! -f "$state" ]; then echo "The pipeline is not running (scripts/pipeline.sh up starts it)." >&2; return 1; fi
}

token() { running && host token "$@"; }

# One verb on one service, carried out by the running host (tools/PipelineByHand) through its control socket;
# `start <service> --with KEY=VALUE ...` starts it again with test-only settings added to its environment.
control() {
  local verb=$1 service=${2:-}
  if [ $# -lt 2 ] || { [ $# -gt 2 ] && [ "$verb:${3:-}" != start:--with ]; }; then
    echo "$verb takes one service name, e.g. scripts/pipeline.sh $verb base-worker-1 (start also: --with KEY=VALUE ...)" >&2; return 3
  fi
  running || return 1
  ask "$verb" "$service" "${@:4}"
}

# The backup verbs, on the whole pipeline rather than one service: backup enable|base, lose-data, restore [--to <time>].
drill() {
  local verb=$1; shift
  case "$verb:$#:${1:-}" in
    backup:1:enable|backup:1:base) verb=backup-$1; set -- ;;
    lose-data:0:|restore:0:) ;;
    restore:2:--to) set -- "to=$2" ;;
    *) echo "use: scripts/pipeline.sh backup enable|base, lose-data, or restore [--to <time>]; got '$verb $*'" >&2; return 3 ;;
  esac
  running || return 1
  ask "$verb" "" "$@"
}

# One request to the running host through its control socket (tools/PipelineByHand/ControlSocket.cs): a verb, a service
# (empty for the whole pipeline) and KEY=VALUE settings; prints the answer and exits with its status.
ask() {
  python3 - "$state_dir/control.sock" "$@" <<'PY'
import json, socket, sys
path, verb, service, *pairs = sys.argv[1:]
if any("=" not in p for p in pairs):
    sys.exit(f"--with takes KEY=VALUE settings; got {' '.join(pairs)}")
request = {"verb": verb, "service": service, "settings": dict(p.split("=", 1) for p in pairs)}
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
    s.connect(path)
    s.sendall((json.dumps(request) + "\n").encode())
    reply = b"".join(iter(lambda: s.recv(65536), b"")).decode()
status, _, text = reply.partition("\n")
(sys.stdout if status == "0" or verb in ("logs", "status") else sys.stderr).write(text)
sys.exit(int(status))
PY
}

scale() {
  if [ $# -ne 1 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
    echo "scale takes the number of workers wanted, a whole number of at least 1, e.g. scripts/pipeline.sh scale 4" >&2; return 3
  fi
  control scale "$1"
}

# The exports carry the token signing key and the database password: print them, never log them.
exports() { running && host env "$PWD/scripts/pipeline.sh"; }

down() {
  local pid; pid=$(host_pid)
  if ! alive "$pid"; then echo "The pipeline is not running."; rm -f "$state_dir/host.pid" "$state"; return 0; fi
  # Recorded before asking, to check afterwards that nothing the pipeline started outlives it.
  local started=""
  [ -f "$state" ] && started=$(python3 -c 'import json,sys; print(" ".join(map(str, json.load(open(sys.argv[1]))["processIds"].values())))' "$state")
  kill -TERM "$pid"
  local deadline=$((SECONDS + stop_timeout))
  while alive "$pid" && (( SECONDS < deadline )); do sleep 0.2; done # polling for the host's exit
  if alive "$pid"; then
    echo "The pipeline did not stop within ${stop_timeout} s; killing its process group."
    kill -KILL -- "-$pid" 2>/dev/null
  fi
  local left=""
  for child in $started; do alive "$child" && left+=" $child"; done
  if [ -n "$left" ]; then
    echo "Still running after the stop:$left; killing them."
    kill -KILL $left 2>/dev/null
  fi
  rm -f "$state_dir/host.pid" "$state"
  echo "Stopped."
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  up) up "$@" ;;
  token) token "$@" ;;
  env) exports ;;
  stop|start|kill|pause|resume|logs) control "$command" "$@" ;;
  backup|lose-data|restore) drill "$command" "$@" ;;
  scale) scale "$@" ;;
  status) if [ $# -gt 0 ]; then control status "$@"; else status; fi ;;
  down) down ;;
  -h|--help|"") sed -n '2,/^[^#]/{/^#/p}' "$0" ;;
  *) echo "unknown command: $command (use up, status, token, env, stop, start, kill, pause, resume, logs, backup, lose-data, restore, scale or down)" >&2; exit 2 ;;
esac
