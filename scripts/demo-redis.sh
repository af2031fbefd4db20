#!/usr/bin/env bash
# The demo on two nodes sharing one Redis: `bash scripts/demo-redis.sh`.
# Starts redis-server (Debian's; scripts/system-deps.sh installs it) on a port of its
# own with nothing saved to disk, and two Vite dev servers, A and B, each serving the app
# and the socket on its own port through @wirestate/server's Vite plugin with its Redis
# option, all from source. A page talks to the node of its own origin; the badge in the
# top bar says which. Messages, history, presence and notifications cross from one node
# to the other through Redis.
#   REDIS_URL   use a running Redis instead of starting one (e.g. redis://127.0.0.1:6379)
#   REDIS_PORT  (default 6390)  the port of the Redis this script starts
#   DEMO_PORT   (default 5173)  node A's port; node B takes the next one
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bootstrap.sh
REDIS_PORT="${REDIS_PORT:-6390}"
NODE_A="${DEMO_PORT:-5173}"
NODE_B="$((NODE_A + 1))"
redis_check=()
[ -z "${REDIS_URL:-}" ] && redis_check=("$REDIS_PORT:REDIS_PORT")
node scripts/check-ports.mjs demo-redis "bash scripts/demo-redis.sh" "${redis_check[@]}" \
  "$NODE_A:DEMO_PORT" "$NODE_B:DEMO_PORT:1" || exit 1

# Stopped in order: the nodes first (a node removes its members from Redis as it stops),
# then Redis. Redis runs in a session of its own, so the terminal's Ctrl-C reaches it
# only through this.
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

cd apps/demo
for node in A B; do
  port=$([ "$node" = A ] && echo "$NODE_A" || echo "$NODE_B")
  WIRESTATE_REDIS="$REDIS_URL" VITE_WIRESTATE_NODE="$node" \
    node --conditions=@wirestate/source "$ROOT/node_modules/vite/bin/vite.js" \
    --configLoader native --port "$port" --strictPort --clearScreen false &
  pids+=($!)
done
cat <<TEXT
demo-redis: open http://127.0.0.1:$NODE_A/ (node A) and http://127.0.0.1:$NODE_B/ (node B)
            in two windows under two names; broker $REDIS_URL; Ctrl-C stops everything
TEXT
wait -n "${pids[@]}"
