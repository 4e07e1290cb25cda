#!/usr/bin/env bash
# Builds local equivalents of the official base images docker-compose.yml uses, for machines that
# cannot pull them (no mcr.microsoft.com, no Docker Hub), from Debian's mirror and this machine's
# own .NET install:
#   pipeline-local/debian:bookworm       debootstrap --variant=minbase bookworm + docker import
#   pipeline-local/dotnet-aspnet:10.0    for mcr.microsoft.com/dotnet/aspnet:10.0 (host's runtimes)
#   pipeline-local/dotnet-sdk:10.0       for mcr.microsoft.com/dotnet/sdk:10.0 (host's SDK)
#   pipeline-local/postgres:15           for pgvector/pgvector:pg15 (Debian's PostgreSQL 15, no pgvector)
# and writes the variables that make docker-compose.yml use them to $cache/images.env (printed too):
#   set -a; . /var/cache/pipeline-images/images.env; set +a; docker-compose up -d --build
#
#   scripts/docker-base-images.sh                  the base images (each skipped when already built)
#   scripts/docker-base-images.sh --with-pipeline  also builds the pipeline's own images (what the
#                                                   compose tests start), at low CPU priority
#   scripts/docker-base-images.sh --rebuild        builds everything again (the debootstrap tarball
#                                                   in the cache is reused; delete it to refresh)
#   scripts/docker-base-images.sh --background     RUN steps capped at half a CPU, for a build that
#                                                   runs beside timing-sensitive tests (scripts/test.sh)
# Needs a running Docker engine and root (debootstrap). Cache: $PIPELINE_IMAGE_CACHE, default
# /var/cache/pipeline-images. Every step prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."

with_pipeline=false
rebuild=false
limits=()
for argument in "$@"; do
  case "$argument" in
    --with-pipeline) with_pipeline=true ;;
    --rebuild) rebuild=true ;;
    --background) limits+=(--cpu-period 100000 --cpu-quota 50000) ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option: $argument (see --help)" >&2; exit 2 ;;
  esac
done

cache="${PIPELINE_IMAGE_CACHE:-/var/cache/pipeline-images}"
definitions="reference-pipeline/docker/base-images"
debian_image=pipeline-local/debian:bookworm
runtime_image=pipeline-local/dotnet-aspnet:10.0
sdk_image=pipeline-local/dotnet-sdk:10.0
postgres_image=pipeline-local/postgres:15
# RUN steps of image builds get a small CPU share (and with --background a hard cap), so a build
# beside a test run yields to the timing-sensitive scenarios: docker build runs them in the
# engine, where the caller's nice does not reach.
limits+=(--cpu-shares 128)

say() { echo "docker-base-images: $*"; }
step_started=0
begin() { step_started=$SECONDS; say "$*"; }
done_step() { say "  done in $((SECONDS - step_started))s"; }

command -v docker >/dev/null 2>&1 || { say "docker is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { say "the Docker engine is not running (scripts/setup.sh starts it)" >&2; exit 1; }
mkdir -p "$cache"

# Built before with the same inputs (the label records them)? Then there is nothing to do.
up_to_date() { # image inputs
  ! $rebuild && [ "$(docker image inspect --format '{{ index .Config.Labels "pipeline.inputs" }}' "$1" 2>/dev/null)" = "$2" ]
}

build() { # image inputs dockerfile context [build-arg...]
  local image=$1 inputs=$2 dockerfile=$3 context=$4; shift 4
  local arguments=()
  for build_arg in "$@"; do arguments+=(--build-arg "$build_arg"); done
  docker build --quiet "${limits[@]}" --label "pipeline.inputs=$inputs" \
    "${arguments[@]}" --file "$dockerfile" --tag "$image" "$context" >/dev/null
}

# 1. Debian: debootstrap once (the tarball stays in the cache), then import.
debian_inputs="bookworm-minbase"
if up_to_date "$debian_image" "$debian_inputs"; then
  say "$debian_image is up to date"
else
  tarball="$cache/bookworm-minbase.tar"
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null 2>&1 || { say "debootstrap is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
    begin "debootstrap --variant=minbase bookworm (a few minutes; cached in $tarball)"
    rootfs="$(mktemp -d "$cache/rootfs.XXXXXX")"
    trap 'rm -rf "$rootfs"' EXIT
    mirror="$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
    nice -n 10 debootstrap --variant=minbase bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" >"$cache/debootstrap.log" 2>&1 \
      || { say "debootstrap failed; see $cache/debootstrap.log" >&2; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
    rm -rf "$rootfs"; trap - EXIT
    done_step
  fi
  begin "importing $debian_image"
  docker import --change "LABEL pipeline.inputs=$debian_inputs" --change 'CMD ["/bin/bash"]' "$tarball" "$debian_image" >/dev/null
  done_step
fi

# 2. .NET: this machine's install, hard-linked into a build context (copied where links cannot be).
sdk_version="$(dotnet --version)"
dotnet_root="$(dotnet --list-sdks | awk -v v="$sdk_version" '$1 == v { gsub(/[][]/, "", $2); sub(/\/sdk$/, "", $2); print $2 }')"
[ -x "$dotnet_root/dotnet" ] || { say "could not find this machine's .NET install (dotnet --list-sdks)" >&2; exit 1; }
local_cas=(/usr/local/share/ca-certificates/*.crt)
[ -e "${local_cas[0]}" ] || local_cas=()
dotnet_inputs="dotnet-$sdk_version-$(cat "$definitions"/dotnet-*.Dockerfile "${local_cas[@]}" | sha256sum | cut -c1-16)"
if up_to_date "$runtime_image" "$dotnet_inputs" && up_to_date "$sdk_image" "$dotnet_inputs"; then
  say "$runtime_image and $sdk_image are up to date (.NET SDK $sdk_version)"
else
  context="$cache/dotnet-context"
  rm -rf "$context"
  cp -al "$dotnet_root" "$context" 2>/dev/null || cp -a "$dotnet_root" "$context"
  # The machine's local certificate authorities (e.g. a TLS-inspecting proxy's), trusted inside too.
  mkdir -p "$context/local-ca-certificates"
  [ ${#local_cas[@]} -eq 0 ] || cp "${local_cas[@]}" "$context/local-ca-certificates/"
  begin "building $runtime_image from $dotnet_root"
  build "$runtime_image" "$dotnet_inputs" "$definitions/dotnet-runtime.Dockerfile" "$context" "DEBIAN_IMAGE=$debian_image"
  done_step
  begin "building $sdk_image (.NET SDK $sdk_version)"
  build "$sdk_image" "$dotnet_inputs" "$definitions/dotnet-sdk.Dockerfile" "$context" "RUNTIME_IMAGE=$runtime_image" \
    "NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}"
  done_step
  rm -rf "$context"
fi

# 3. PostgreSQL 15 from Debian's packages.
postgres_inputs="postgres-$(sha256sum "$definitions/postgres.Dockerfile" "$definitions/postgres-entrypoint" | sha256sum | cut -c1-16)"
if up_to_date "$postgres_image" "$postgres_inputs"; then
  say "$postgres_image is up to date"
else
  begin "building $postgres_image from Debian's postgresql-15"
  build "$postgres_image" "$postgres_inputs" "$definitions/postgres.Dockerfile" "$definitions" "DEBIAN_IMAGE=$debian_image"
  done_step
fi

cat > "$cache/images.env" <<EOF
DOTNET_SDK_IMAGE=$sdk_image
DOTNET_RUNTIME_IMAGE=$runtime_image
POSTGRES_IMAGE=$postgres_image
EOF

# 4. Optionally the pipeline's own images, as docker-compose.yml names them.
if $with_pipeline; then
  for target in api-server base-worker mock-llamaparse mock-openai; do
    begin "building document-pipeline/$target:local (restores packages from NuGet the first time)"
    docker build --quiet "${limits[@]}" --target "$target" \
      --build-arg "SDK_IMAGE=$sdk_image" --build-arg "RUNTIME_IMAGE=$runtime_image" \
      --file reference-pipeline/Dockerfile --tag "document-pipeline/$target:local" . >/dev/null
    done_step
  done
fi

say "images ready; use them with:"
sed 's/^/  export /' "$cache/images.env"
