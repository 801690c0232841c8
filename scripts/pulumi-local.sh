#!/usr/bin/env bash
# Runs the Pulumi CLI fully offline: a file backend and a PULUMI_HOME in a directory this script
# owns, a passphrase secrets provider, no update check and no automatic plugin download.
#
#   scripts/pulumi-local.sh <pulumi arguments...>      e.g. scripts/pulumi-local.sh -C examples/seed-environment up --yes
#
# Environment (all optional):
#   PULUMI_LOCAL_DIR          where state lives (default: <repo>/.pulumi-local); backend/ and home/ inside
#   PULUMI_CONFIG_PASSPHRASE  encrypts secrets in that state (or PULUMI_CONFIG_PASSPHRASE_FILE). Without
#                             either, a fixed, publicly known passphrase is used ONLY for stacks that talk
#                             to the local simulator: every Pulumi.<stack>.yaml of the project sets
#                             mongodbatlas:baseUrl to a loopback URL, or PULUMI_LOCAL_DEMO=1 is set and
#                             no stack is configured for another Atlas host. Anything else must set one.
#   PULUMI_LOCAL_DEMO=1       allows the fixed passphrase for a project whose stacks have no Atlas host yet
#   PULUMI_BIN_DIR            directory holding `pulumi` (default: whatever scripts/ensure-pulumi.sh prints)
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
local_dir="${PULUMI_LOCAL_DIR:-$repo_root/.pulumi-local}"

# The project directory the command works on (-C / --cwd), to read its stack config files.
project_dir="."
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    -C | --cwd) project_dir="${args[$((i + 1))]:-.}" ;;
    --cwd=*) project_dir="${args[$i]#--cwd=}" ;;
    -C?*) project_dir="${args[$i]#-C}" ;;
  esac
done

is_loopback_url() { # http(s)://127.x.x.x, localhost or [::1], any port
  [[ "$1" =~ ^https?://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(:[0-9]+)?/?$ ]]
}

# Prints why the fixed passphrase may not be used here (nothing when it may).
refuse_fixed_passphrase() {
  local env_url="${MONGODB_ATLAS_BASE_URL:-}" stacks=0 loopback=0 file url
  if [ -n "$env_url" ] && ! is_loopback_url "$env_url"; then
    echo "MONGODB_ATLAS_BASE_URL is $env_url"; return
  fi
  shopt -s nullglob
  for file in "$project_dir"/Pulumi.*.yaml; do
    stacks=$((stacks + 1))
    url="$(sed -n 's/^[[:space:]]*mongodbatlas:baseUrl:[[:space:]]*//p' "$file" | tr -d "\"'" | head -n1)"
    if [ -n "$url" ] && is_loopback_url "$url"; then
      loopback=$((loopback + 1))
    elif [ -n "$url" ] || grep -q '^[[:space:]]*mongodbatlas:' "$file"; then
      echo "$(basename "$file") points at ${url:-the default Atlas host (https://cloud.mongodb.com)}"; return
    fi
  done
  if [ "$stacks" -gt 0 ] && [ "$loopback" -eq "$stacks" ]; then return; fi
  if [ "${PULUMI_LOCAL_DEMO:-}" = "1" ]; then return; fi
  echo "no stack of $project_dir sets mongodbatlas:baseUrl to the local simulator (127.0.0.1) yet"
}

if [ -z "${PULUMI_CONFIG_PASSPHRASE:-}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  reason="$(refuse_fixed_passphrase)"
  if [ -n "$reason" ]; then
    echo "pulumi-local: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE): it encrypts this stack's secrets, such as your Atlas private key. The built-in local passphrase is public and only used for the local simulator, but $reason. (For a simulator-only project whose stacks have no baseUrl yet, PULUMI_LOCAL_DEMO=1 allows it.)" >&2
    exit 2
  fi
  export PULUMI_CONFIG_PASSPHRASE="local-only-passphrase"
fi

bin_dir="${PULUMI_BIN_DIR:-$("$repo_root/scripts/ensure-pulumi.sh")}"
mkdir -p "$local_dir/backend" "$local_dir/home"
local_dir="$(cd "$local_dir" && pwd)"

export PATH="$bin_dir:$PATH"
export PULUMI_BACKEND_URL="file://$local_dir/backend"
export PULUMI_HOME="$local_dir/home"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true
exec pulumi "$@"
