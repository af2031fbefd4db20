#!/usr/bin/env bash
# The demo: `npm start`. Starts @wirestate/server on its in-memory broker and the
# Vite app beside it, both from source, and prints the URL to open.
#   WIRESTATE_PORT (default 4000)  the server's port
#   DEMO_PORT      (default 5173)  the app's port
# Two server nodes on Redis instead: scripts/demo-redis.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bootstrap.sh
SERVER_PORT="${WIRESTATE_PORT:-4000}"
APP_PORT="${DEMO_PORT:-5173}"
node scripts/check-ports.mjs demo "npm start" "$SERVER_PORT:WIRESTATE_PORT" "$APP_PORT:DEMO_PORT" || exit 1

# The demo client heartbeats every 5 s: a connection silent for 15 s is a dead network,
# and the others see that user leave then rather than after the default 60 s.
node --conditions=@wirestate/source packages/server/src/cli.ts --port "$SERVER_PORT" --idle-timeout 15000 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM

cd apps/demo
cat <<TEXT
demo: open http://127.0.0.1:$APP_PORT/ in two tabs under two names (each tab keeps its own)
      the same rooms in Vue:    http://127.0.0.1:$APP_PORT/vue.html?room=general
                  and Svelte:   http://127.0.0.1:$APP_PORT/svelte.html?room=general
      server: ws://127.0.0.1:$SERVER_PORT/socket/websocket (memory broker); Ctrl-C stops both
TEXT
VITE_WIRESTATE_URL="ws://127.0.0.1:$SERVER_PORT/socket/websocket" pnpm exec vite --port "$APP_PORT" --strictPort
