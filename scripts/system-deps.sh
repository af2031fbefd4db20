#!/usr/bin/env bash
# Installs the system programs some test suites drive for real, from Debian's
# packages, when they are missing: chromium (browser and end-to-end tests) and
# redis-server and redis-cli (multi-node server tests, the local Redis Cluster).
# Needs root or sudo.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system-deps: ${need[*]} missing; install them with: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
echo "system-deps: installing ${need[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
