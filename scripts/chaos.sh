#!/usr/bin/env bash
# The fault suite at full size: `npm run chaos`. The same scenarios run small in
# `npm test`; here they run at the sizes docs/reliability.md reports — 2,000
# messages at 100/s with the subscriber's links faulted every 2 s; 5 runs of two
# nodes through two Redis restarts and a SIGKILL; 60 presence races on memory,
# Redis and a 3-master Redis Cluster; Redis losing every key under 50 chat
# clients; 300 clients reconnecting after a server restart. One scenario at a
# time (the machine's cores are the budget), then a table of the counters.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bootstrap.sh || exit 1
bash scripts/system-deps.sh || exit 1
mkdir -p .reports
REPORT="$ROOT/.reports/chaos.jsonl"
rm -f "$REPORT"
export WIRESTATE_CHAOS=full WIRESTATE_CHAOS_REPORT="$REPORT"
started=$(date +%s)
(cd packages/server && pnpm exec vitest run test/chaos --no-file-parallelism --reporter=default)
status=$?
node scripts/chaos-table.mjs "$REPORT" "$(( $(date +%s) - started ))"
exit $status
