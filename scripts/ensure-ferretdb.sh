#!/usr/bin/env bash
# Makes a FerretDB binary (a MongoDB-wire server, used by the DataMask tests) available and prints
# its path (last line of stdout).
#
#   1. $FERRETDB_BIN, if set, must name a working binary; it is used as it is.
#   2. Otherwise FerretDB $FERRETDB_VERSION is built from the Go module's source into a cache
#      outside the clone (beside the Pulumi CLI, see scripts/ensure-pulumi.sh).
#
# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds, but the binary panics at
# start because build/version/version.txt is empty in the module zip: the source is copied to a
# writable directory, the version is written into that file, then ./cmd/ferretdb is built.
#
# Idempotent: with the cache present it only checks it. A failed build leaves no cache behind.
# Environment: PULUMI_ATLAS_RESTORE_CACHE overrides the cache root.
set -euo pipefail

FERRETDB_VERSION="v1.24.2"
cache_root="${PULUMI_ATLAS_RESTORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-atlas-restore}"
bin_dir="$cache_root/ferretdb-$FERRETDB_VERSION/bin"
binary="$bin_dir/ferretdb"

log() { echo "ensure-ferretdb: $*" >&2; }

works() { "$1" --version >/dev/null 2>&1; }

if [ -n "${FERRETDB_BIN:-}" ]; then
  if works "$FERRETDB_BIN"; then
    log "using FERRETDB_BIN=$FERRETDB_BIN"
    echo "$FERRETDB_BIN"
    exit 0
  fi
  log "FERRETDB_BIN=$FERRETDB_BIN does not run (\`$FERRETDB_BIN --version\` failed)"
  exit 1
fi

if [ -x "$binary" ] && works "$binary"; then
  log "using cached FerretDB in $binary"
  echo "$binary"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "no FerretDB binary and no Go toolchain to build one: install Go, or set FERRETDB_BIN."
  exit 1
fi

mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.ferretdb-build.lock"
  if ! flock -n 9; then
    log "another build of FerretDB is running; waiting for it"
    flock 9
  fi
  if [ -x "$binary" ] && works "$binary"; then
    log "using the FerretDB just built by another run in $binary"
    echo "$binary"
    exit 0
  fi
fi
staging="$(mktemp -d "$cache_root/.ferretdb-build-XXXXXX")"
trap 'chmod -R u+w "$staging" 2>/dev/null; rm -rf "$staging"' EXIT

log "building FerretDB $FERRETDB_VERSION from its Go module (first run only: a few minutes on 2 cores)"
start=$(date +%s)
module_dir="$(cd "$staging" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
if [ -z "$module_dir" ] || [ ! -d "$module_dir" ]; then
  log "go mod download of github.com/FerretDB/FerretDB@$FERRETDB_VERSION failed (error above)"
  exit 1
fi
cp -r "$module_dir" "$staging/src"
chmod -R u+w "$staging/src"
printf '%s\n' "$FERRETDB_VERSION" > "$staging/src/build/version/version.txt"
(
  cd "$staging/src"
  go build -buildvcs=false -trimpath -o "$staging/bin/ferretdb" ./cmd/ferretdb
) || { log "go build failed (the Go error is above); nothing was cached"; exit 1; }
works "$staging/bin/ferretdb" || { log "the built FerretDB does not run; nothing was cached"; exit 1; }
rm -rf "$staging/src"

rm -rf "$cache_root/ferretdb-$FERRETDB_VERSION"
mkdir -p "$cache_root/ferretdb-$FERRETDB_VERSION"
mv "$staging/bin" "$bin_dir"
rm -rf "$staging"
trap - EXIT
log "built $("$binary" --version 2>&1 | head -n1) in $(( $(date +%s) - start ))s into $binary"
echo "$binary"
