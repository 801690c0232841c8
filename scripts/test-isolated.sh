#!/usr/bin/env bash
# Runs the suite's non-engine part (everything but test/e2e) from a copy of this repository placed
# in a fresh temporary directory with nothing beside it: proves that no test reads files outside
# the repository (the OpenAPI checks must report themselves pending there, never fail).
#
#   bash scripts/test-isolated.sh            (CI runs it from .ci/run after `npm ci`)
#
# The copy holds the repository's files (tracked and untracked, not ignored ones) and reuses the
# installed node_modules through hard links (a plain copy when linking is impossible).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
if [ ! -d node_modules ]; then
  echo "test-isolated: run \`npm ci\` first (the copy reuses node_modules)" >&2
  exit 1
fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-atlas-restore-isolated.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
copy="$scratch/pulumi-atlas-restore"
mkdir "$copy"
git ls-files -z --cached --others --exclude-standard | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
  | tar --null -T - -cf - | tar -xf - -C "$copy"
cp -al node_modules "$copy/node_modules" 2>/dev/null || cp -a node_modules "$copy/node_modules"
echo "test-isolated: running from $copy (its parent directory holds nothing else)"

cd "$copy"
unset ATLAS_OPENAPI_DIR
npm run build --silent
log="$scratch/mocha.log"
set +e
npx mocha --ignore 'test/e2e/**' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "test-isolated: FAILED: a test fails when the repository stands alone (see above)" >&2
  exit "$status"
fi
if ! grep -q "pending: .*ATLAS_OPENAPI_DIR" "$log"; then
  echo "test-isolated: FAILED: the OpenAPI checks did not report themselves pending with the reason" >&2
  exit 1
fi
echo "test-isolated: OK ($(grep -Eo '[0-9]+ passing' "$log"), $(grep -Eo '[0-9]+ pending' "$log" || echo '0 pending'))"
