#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (run as root) for this repository: installs what the tests
# need from Debian's own packages when it is missing, and nothing else. Safe to run again.
#   scripts/setup.sh                  PostgreSQL server binaries, DejaVu fonts, Prometheus and
#                                     Alertmanager (promtool checks the alert rules; the monitoring
#                                     scenarios run both as child processes), Node.js and npm (the
#                                     official provider clients), Chromium (the browser test of the
#                                     readiness page and living documentation drives it), Docker
#                                     (docker.io, docker-compose 1.29, debootstrap; the engine is
#                                     started when it is not running) for the compose target, and
#                                     poppler-utils with two PDF manuals (bzip2-doc, libtasn1-doc)
#                                     that the mock parser's word spacing is checked against, and
#                                     two real manuals (octave-doc, r-doc-pdf) for the memory benchmark
#   scripts/setup.sh --with-chromium  the same (kept for older callers)
# The tests start their own private PostgreSQL clusters, so the distribution's default cluster is
# kept stopped and set to manual start.
set -euo pipefail

with_chromium=true
for argument in "$@"; do
  case "$argument" in
    --with-chromium) with_chromium=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $argument (see --help)" >&2; exit 2 ;;
  esac
done

say() { echo "setup: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  say "must run as root (it installs Debian packages)" >&2
  exit 1
fi

# Package -> a file that proves it is installed and usable.
wanted=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || wanted+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || wanted+=(fonts-dejavu-core)
# Node runs the official npm clients (openai, llama-cloud-services) against the mocks in the tests.
command -v node >/dev/null 2>&1 || wanted+=(nodejs)
command -v npm >/dev/null 2>&1 || wanted+=(npm)
# The mock parser's word-spacing test compares it with poppler's pdftotext on typeset manuals Debian ships as PDFs.
command -v pdftotext >/dev/null 2>&1 || wanted+=(poppler-utils)
[ -f /usr/share/doc/bzip2/manual.pdf.gz ] || wanted+=(bzip2-doc)
[ -f /usr/share/doc/libtasn1-doc/libtasn1.pdf ] || wanted+=(libtasn1-doc)
command -v promtool >/dev/null 2>&1 || wanted+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || wanted+=(prometheus-alertmanager)
if $with_chromium && ! command -v chromium >/dev/null 2>&1; then wanted+=(chromium); fi
# Docker for the compose target: Debian's engine, docker-compose 1.29 (Compose v2 is not packaged
# in Debian 12) and debootstrap (scripts/docker-base-images.sh builds local base images with it).
command -v dockerd >/dev/null 2>&1 || wanted+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || wanted+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || wanted+=(debootstrap)
# Real manuals of 1,158 and 2,415 pages for scripts/benchmark-memory.sh (memory independent of page count).
[ -f /usr/share/doc/octave/octave.pdf ] || wanted+=(octave-doc)
[ -f /usr/share/R/doc/manual/fullrefman.pdf ] || wanted+=(r-doc-pdf)

if [ ${#wanted[@]} -gt 0 ]; then
  say "installing ${wanted[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep package scripts from starting services while installing (Debian's policy-rc.d protocol).
  policy=/usr/sbin/policy-rc.d
  created_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && created_policy=true
  fi
  trap 'if $created_policy; then rm -f "$policy"; fi' EXIT
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${wanted[@]}"
else
  say "PostgreSQL binaries, DejaVu fonts, Prometheus and Alertmanager already present; nothing to install"
fi

# Debian's Prometheus and Alertmanager services: never started at boot; the tests run their own.
for service in prometheus prometheus-alertmanager; do
  if command -v systemctl >/dev/null 2>&1; then
    # --now only where systemd runs; without it, disable still edits the unit links offline.
    if [ -d /run/systemd/system ]; then systemctl disable --now "$service" >/dev/null 2>&1 || true
    else systemctl disable "$service" >/dev/null 2>&1 || true; fi
  fi
  if [ -x "/etc/init.d/$service" ] && command -v update-rc.d >/dev/null 2>&1; then
    update-rc.d "$service" disable >/dev/null 2>&1 || true
  fi
done

# The distribution's default cluster(s): stopped and never started at boot; tests use their own.
for conf in /etc/postgresql/*/*/start.conf; do
  [ -e "$conf" ] || continue
  version=$(basename "$(dirname "$(dirname "$conf")")")
  cluster=$(basename "$(dirname "$conf")")
  if command -v pg_ctlcluster >/dev/null 2>&1 && pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
    say "stopping the default cluster $version/$cluster"
    pg_ctlcluster "$version" "$cluster" stop -m fast || true
  fi
  if ! grep -qx 'manual' <(grep -v '^#' "$conf" | tr -d '[:space:]'); then
    say "setting cluster $version/$cluster to manual start"
    sed -i 's/^auto$/manual/' "$conf"
  fi
done

# The official provider clients for the contract tests, exactly as pinned in package-lock.json.
contract="$(cd "$(dirname "$0")/.." && pwd)/reference-pipeline/contract/node"
if [ -f "$contract/package-lock.json" ] && ! cmp -s "$contract/package-lock.json" "$contract/node_modules/.installed-from-lock" 2>/dev/null; then
  say "installing the official npm clients in $contract (npm ci)"
  (cd "$contract" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-from-lock)
else
  say "official npm clients already installed in $contract"
fi

# The Docker engine, started like PostgreSQL is installed: only if it is not already answering.
# Where it cannot start (no privileges for containers), the compose tests say so and are skipped.
docker_state="not installed"
if command -v dockerd >/dev/null 2>&1; then
  if docker info >/dev/null 2>&1; then
    docker_state="running"
  else
    say "starting the Docker engine (log: /var/log/dockerd.log)"
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
      systemctl start docker >/dev/null 2>&1 || true
    fi
    docker info >/dev/null 2>&1 || (setsid nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &)
    for _ in $(seq 1 30); do
      docker info >/dev/null 2>&1 && break
      sleep 1 # no event to wait on: dockerd has just been launched and opens its socket when ready
    done
    if docker info >/dev/null 2>&1; then docker_state="running"
    else docker_state="could not start (see /var/log/dockerd.log); compose tests will be skipped"; fi
  fi
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
say "PostgreSQL binaries: ${bin:-missing}; fonts: /usr/share/fonts/truetype/dejavu"
say "promtool: $(command -v promtool || echo missing); alertmanager: $(command -v prometheus-alertmanager || echo missing)"
$with_chromium && say "chromium: $(command -v chromium || echo missing)"
say "docker engine: $docker_state; compose: $(command -v docker-compose || echo missing)"
say "done"
