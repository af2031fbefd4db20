#!/usr/bin/env bash
# Every test of the repository: `npm test`. Installs the toolchain and system
# programs it needs, runs lint, type checks, unit/integration/browser tests,
# package checks (publint, attw) and size budgets, then prints one line:
# `N passed, N failed`, totalled over every package.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/system-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

rm -rf .reports packages/*/.reports apps/*/.reports bench/.reports
mkdir -p .reports
check() {
  local name=$1; shift
  echo "── $name"
  if "$@"; then echo "pass $name" >>.reports/checks.txt; else echo "fail $name" >>.reports/checks.txt; fi
}
turbo() { pnpm exec turbo run "$@" --continue --log-order=grouped; }

check lint pnpm exec biome check .
check typecheck turbo typecheck --output-logs=errors-only
# One suite at a time: the machine has 2 cores, and the multi-node, fuzz and browser
# suites measure real time (liveness bounds, reconnects); running them side by side
# would make them flaky for no gain worth having.
check tests turbo test test:browser test:e2e --output-logs=full --concurrency=1
# A new package in a fresh copy of the workspace: tsc, Vitest, Vite and the server's CLI
# with no build of any @wirestate package (scripts/workspace-package.test.ts); every code
# block of the package READMEs type-checked (scripts/readme-snippets.test.ts).
check "new workspace package, no build; README blocks" pnpm test:scripts
check "build + publint + attw" turbo check:package --output-logs=errors-only
check size-limit pnpm exec size-limit
node scripts/test-summary.mjs
