#!/usr/bin/env bash
# The demo: `npm start`. One process: Vite serves the app and, through
# @wirestate/server's Vite plugin, the socket on the same port (/socket/websocket), with
# the memory broker; everything runs from source. Prints the URL to open.
#   DEMO_PORT (default 5173)  the port
# Two nodes on Redis instead: scripts/demo-redis.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bootstrap.sh
APP_PORT="${DEMO_PORT:-5173}"
node scripts/check-ports.mjs demo "npm start" "$APP_PORT:DEMO_PORT" || exit 1

cd apps/demo
cat <<TEXT
demo: open http://127.0.0.1:$APP_PORT/ in two tabs under two names (each tab keeps its own)
      the same rooms in Vue:    http://127.0.0.1:$APP_PORT/vue.html?room=general
                  and Svelte:   http://127.0.0.1:$APP_PORT/svelte.html?room=general
      socket: ws://127.0.0.1:$APP_PORT/socket/websocket (memory broker), handlers in
      apps/demo/server/socket.ts: an edit applies at the next event; Ctrl-C stops it
TEXT
# Node itself must resolve the workspace's sources: Vite loads the config, and with it the
# plugin, with Node (packages/server/README.md, "In Vite's dev server").
exec node --conditions=@wirestate/source "$ROOT/node_modules/vite/bin/vite.js" \
  --configLoader native --port "$APP_PORT" --strictPort
