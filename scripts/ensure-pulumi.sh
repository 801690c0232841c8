#!/usr/bin/env bash
# Makes a working Pulumi CLI available and prints the directory that holds it (last line of stdout).
#
#   1. A `pulumi` >= 3.146 already on PATH (a normal install) is used as it is.
#   2. Otherwise the pinned CLI is built from Go modules (tools/pulumi-cli) into a cache outside
#      the clone, together with a Node.js language host, and `pulumi-resource-pulumi-nodejs`
#      (shipped inside @pulumi/pulumi) is put beside them.
#
# Idempotent: with the cache present it only checks it. A failed build leaves no cache behind.
# Environment: PULUMI_ATLAS_RESTORE_FORCE_BUILD=1 ignores a pulumi on PATH;
#              PULUMI_ATLAS_RESTORE_CACHE overrides the cache root.
set -euo pipefail

PULUMI_VERSION="v3.259.0"
MIN_VERSION="3.146.0"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_ATLAS_RESTORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-atlas-restore}"
bin_dir="$cache_root/pulumi-$PULUMI_VERSION/bin"

log() { echo "ensure-pulumi: $*" >&2; }

version_at_least() { # $1 >= $2 (dotted numbers)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

dynamic_provider_script() {
  local script="$repo_root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ ! -f "$script" ]; then
    log "missing $script: run \`npm install\` (or \`npm ci\`) in $repo_root first"
    exit 1
  fi
  echo "$script"
}

if [ "${PULUMI_ATLAS_RESTORE_FORCE_BUILD:-}" != "1" ] && command -v pulumi >/dev/null 2>&1; then
  existing="$(command -v pulumi)"
  found="$(pulumi version 2>/dev/null | sed 's/^v//' || true)"
  if [ -n "$found" ] && version_at_least "${found%%-*}" "$MIN_VERSION"; then
    log "using the Pulumi CLI on PATH: $existing (v$found)"
    dirname "$existing"
    exit 0
  fi
  log "ignoring $existing (version '${found:-unknown}' is older than $MIN_VERSION)"
fi

if [ -x "$bin_dir/pulumi" ] && [ -x "$bin_dir/pulumi-language-nodejs" ] && [ -e "$bin_dir/pulumi-resource-pulumi-nodejs" ] \
   && "$bin_dir/pulumi" version >/dev/null 2>&1; then
  log "using cached Pulumi CLI $("$bin_dir/pulumi" version) in $bin_dir"
  echo "$bin_dir"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "no Pulumi CLI on PATH and no Go toolchain to build one."
  log "Install Pulumi (https://www.pulumi.com/docs/install/) or Go >= 1.25.11, then run this again."
  exit 1
fi

provider_script="$(dynamic_provider_script)"
mkdir -p "$cache_root"
# One build at a time per cache (parallel test runs, several checkouts): wait for another build,
# then use what it cached.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.build.lock"
  if ! flock -n 9; then
    log "another build of the Pulumi CLI is running; waiting for it"
    flock 9
  fi
  if [ -x "$bin_dir/pulumi" ] && [ -x "$bin_dir/pulumi-language-nodejs" ] && "$bin_dir/pulumi" version >/dev/null 2>&1; then
    log "using the Pulumi CLI just built by another run in $bin_dir"
    echo "$bin_dir"
    exit 0
  fi
fi
staging="$(mktemp -d "$cache_root/.build-XXXXXX")"
trap 'rm -rf "$staging"' EXIT

log "building Pulumi CLI $PULUMI_VERSION from Go modules (first run only: several minutes, a few hundred MB of modules)"
start=$(date +%s)
(
  cd "$repo_root/tools/pulumi-cli"
  ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
  go build -buildvcs=false -trimpath -ldflags "$ldflags" -o "$staging/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  go build -buildvcs=false -trimpath -ldflags "$ldflags" -o "$staging/bin/pulumi-language-nodejs" ./language-nodejs
) || { log "go build failed (the Go error is above); nothing was cached"; exit 1; }
cp "$provider_script" "$staging/bin/pulumi-resource-pulumi-nodejs"
chmod +x "$staging/bin/pulumi-resource-pulumi-nodejs"
"$staging/bin/pulumi" version >/dev/null || { log "the built CLI does not run; nothing was cached"; exit 1; }

rm -rf "$cache_root/pulumi-$PULUMI_VERSION"
mv "$staging" "$cache_root/pulumi-$PULUMI_VERSION"
trap - EXIT
log "built $("$bin_dir/pulumi" version) in $(( $(date +%s) - start ))s into $bin_dir ($(du -sh "$bin_dir" | cut -f1))"
echo "$bin_dir"
