#!/usr/bin/env bash
# Runs the Pulumi CLI fully offline: a file backend and a PULUMI_HOME in a directory this script
# owns, a passphrase secrets provider, no update check and no automatic plugin download.
#
#   scripts/pulumi-local.sh <pulumi arguments...>      e.g. scripts/pulumi-local.sh -C examples/seed-environment up --yes
#
# Environment (all optional):
#   PULUMI_LOCAL_DIR          where state lives (default: <repo>/.pulumi-local); backend/ and home/ inside
#   PULUMI_CONFIG_PASSPHRASE  encrypts secrets in that state (default: a fixed local-only passphrase)
#   PULUMI_BIN_DIR            directory holding `pulumi` (default: whatever scripts/ensure-pulumi.sh prints)
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
local_dir="${PULUMI_LOCAL_DIR:-$repo_root/.pulumi-local}"
bin_dir="${PULUMI_BIN_DIR:-$("$repo_root/scripts/ensure-pulumi.sh")}"
mkdir -p "$local_dir/backend" "$local_dir/home"
local_dir="$(cd "$local_dir" && pwd)"

export PATH="$bin_dir:$PATH"
export PULUMI_BACKEND_URL="file://$local_dir/backend"
export PULUMI_HOME="$local_dir/home"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-local-only-passphrase}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true
exec pulumi "$@"
