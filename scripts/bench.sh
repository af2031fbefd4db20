#!/usr/bin/env bash
# Every benchmark, each against its baseline measured in the same run: `npm run bench`.
# Figures are ratios: these machines are shared and noisy, absolute numbers are not.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bootstrap.sh
run() { (cd bench && node --expose-gc --conditions=@wirestate/source "$@"); echo; }
run dispatch/node.ts
if [ -x /usr/bin/chromium ]; then run dispatch/browser.ts; else echo "dispatch in Chromium: skipped, no /usr/bin/chromium (bash scripts/system-deps.sh)"; fi
if [ -x /usr/bin/chromium ]; then run shared/shared.ts; else echo "shared socket in Chromium: skipped, no /usr/bin/chromium (bash scripts/system-deps.sh)"; fi
run presence/node.ts
run fanout/fanout.ts
if command -v redis-server >/dev/null 2>&1; then run fanout/redis-two-nodes.ts; else echo "fanout on Redis: skipped, no redis-server (bash scripts/system-deps.sh)"; fi
