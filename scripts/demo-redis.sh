#!/usr/bin/env bash
# The demo on two server nodes sharing one Redis: `bash scripts/demo-redis.sh`.
# Starts redis-server (Debian's; scripts/system-deps.sh installs it) on a port of its
# own with nothing saved to disk, @wirestate/server nodes A and B on it, and the Vite
# app, all from source. Each tab picks a node: ?node=a or ?node=b, else the next in
# turn; the badge in the top bar says which. Messages, history, presence and
# notifications cross from one node to the other through Redis.
#   REDIS_URL      use a running Redis instead of starting one (e.g. redis://127.0.0.1:6379)
#   REDIS_PORT     (default 6390)        the port of the Redis this script starts
#   WIRESTATE_PORT (default 4001)        node A's port; node B takes the next one
#   DEMO_PORT      (default 5173)        the app's port
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bootstrap.sh
REDIS_PORT="${REDIS_PORT:-6390}"
NODE_A="${WIRESTATE_PORT:-4001}"
NODE_B="$((NODE_A + 1))"
APP_PORT="${DEMO_PORT:-5173}"
redis_check=()
[ -z "${REDIS_URL:-}" ] && redis_check=("$REDIS_PORT:REDIS_PORT")
node scripts/check-ports.mjs demo-redis "bash scripts/demo-redis.sh" "${redis_check[@]}" \
  "$NODE_A:WIRESTATE_PORT" "$NODE_B:WIRESTATE_PORT:1" "$APP_PORT:DEMO_PORT" || exit 1

# Stopped in order: the app and the nodes first (a node removes its members from Redis
# as it stops), then Redis. Redis runs in a session of its own, so the terminal's
# Ctrl-C reaches it only through this.
pids=()
redis=""
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$redis" ] && kill "$redis" 2>/dev/null || true
}
trap stop EXIT INT TERM

if [ -z "${REDIS_URL:-}" ]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "demo-redis: redis-server not found; install it with: bash scripts/system-deps.sh" >&2
    echo "            (or apt-get install -y redis-server), or set REDIS_URL" >&2
    exit 1
  fi
  setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --loglevel warning >/dev/null &
  redis=$!
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  for attempt in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break
    if [ "$attempt" -eq 50 ]; then
      echo "demo-redis: Redis did not start on port $REDIS_PORT (in use? set REDIS_PORT)" >&2
      exit 1
    fi
    sleep 0.1
  done
fi

for port in "$NODE_A" "$NODE_B"; do
  node --conditions=@wirestate/source packages/server/src/cli.ts --port "$port" \
    --redis "$REDIS_URL" --idle-timeout 15000 &
  pids+=($!)
done

cd apps/demo
cat <<TEXT
demo-redis: open http://127.0.0.1:$APP_PORT/?node=a and http://127.0.0.1:$APP_PORT/?node=b
            (two windows, two names: one on each node; without ?node= tabs take turns)
            node A ws://127.0.0.1:$NODE_A/socket/websocket, node B ws://127.0.0.1:$NODE_B/socket/websocket
            broker $REDIS_URL; Ctrl-C stops everything
TEXT
URLS="ws://127.0.0.1:$NODE_A/socket/websocket,ws://127.0.0.1:$NODE_B/socket/websocket"
VITE_WIRESTATE_URLS="$URLS" pnpm exec vite --port "$APP_PORT" --strictPort &
pids+=($!)
wait "${pids[-1]}"
