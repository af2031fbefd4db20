#!/usr/bin/env bash
# Makes the pinned toolchain available and installs the workspace.
# Source it (`source scripts/bootstrap.sh`) so PATH changes stay in your shell.
# Only the npm registry is used: Node comes from the npm package `node`
# (a real binary), pnpm from the npm package `pnpm`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_is_recent || ! command -v pnpm >/dev/null 2>&1 || [ -x "$ROOT/.toolchain/node_modules/.bin/node" ]; then
  if [ ! -x "$ROOT/.toolchain/node_modules/.bin/node" ] || [ ! -x "$ROOT/.toolchain/node_modules/.bin/pnpm" ]; then
    echo "bootstrap: installing Node and pnpm into .toolchain/ from the npm registry"
    npm ci --prefix "$ROOT/.toolchain" --no-audit --no-fund --loglevel=error
  fi
  export PATH="$ROOT/.toolchain/node_modules/.bin:$PATH"
fi
# Once .toolchain's node is first on PATH, npm/pnpm stop reading the system npmrc's
# cafile; keep the system CA bundle reachable for the registry's TLS chain.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
echo "bootstrap: node $(node --version), pnpm $(pnpm --version)"
(cd "$ROOT" && pnpm install --frozen-lockfile --reporter=silent)
