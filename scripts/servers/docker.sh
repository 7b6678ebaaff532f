#!/usr/bin/env bash
# The container engine for the topology test (TopologyIT, Testcontainers): Debian's docker.io,
# dockerd started in the background without iptables (containers use host networking; the default
# bridge network must exist because Testcontainers asks for it). Runs as root (sudo otherwise).
set -euo pipefail

usage() {
  cat >&2 <<'EOF'
Usage: docker.sh install   (install Debian's docker.io when dockerd is missing)
       docker.sh start     (start dockerd unless the socket already answers; wait for it)
       docker.sh stop      (stop the dockerd this script started)
Env:   DOCKER_SOCKET        default /var/run/docker.sock
       DOCKER_LOG           dockerd's log (default /var/log/ccx-dockerd.log)
       DOCKER_WAIT_SECONDS  timeout of the wait loop (default 60)
EOF
  exit 2
}

WAIT=${DOCKER_WAIT_SECONDS:-60}
SOCKET=${DOCKER_SOCKET:-/var/run/docker.sock}
LOG=${DOCKER_LOG:-/var/log/ccx-dockerd.log}
PIDFILE=/var/run/ccx-dockerd.pid
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

die() { echo "docker: $*" >&2; [ -f "$LOG" ] && tail -n 30 "$LOG" >&2; exit 1; }

# The engine answers when GET /_ping on its socket returns OK (no docker CLI needed).
answering() { $SUDO curl -sf --max-time 2 --unix-socket "$SOCKET" http://localhost/_ping 2>/dev/null | grep -q OK; }

install() {
  command -v dockerd >/dev/null && return 0
  echo "docker: installing Debian package docker.io" >&2
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
  $SUDO "${apt[@]}" update >/dev/null
  $SUDO "${apt[@]}" install -y docker.io >/dev/null
}

start() {
  answering && { echo "docker: engine already answering on $SOCKET"; return 0; }
  install
  $SUDO mkdir -p "$(dirname "$LOG")"
  # --iptables=false: no NAT rules on this machine kind (containers run with --network host)
  $SUDO sh -c "nohup dockerd --iptables=false --host unix://$SOCKET --pidfile $PIDFILE >>'$LOG' 2>&1 &"
  local end=$((SECONDS + WAIT))
  until answering; do
    [ "$SECONDS" -lt "$end" ] || die "timeout (${WAIT}s) waiting for dockerd on $SOCKET"
    sleep 0.2
  done
  echo "docker: engine ready on $SOCKET"
}

stop() {
  [ -f "$PIDFILE" ] || return 0
  local pid end=$((SECONDS + 30)); pid=$($SUDO cat "$PIDFILE")
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$PIDFILE" || return 0
  $SUDO kill "$pid" 2>/dev/null || return 0
  while $SUDO kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -lt "$end" ] || $SUDO kill -9 "$pid" 2>/dev/null || true
    sleep 0.2
  done
}

case "${1:-}" in
  install) [ $# -eq 1 ] || usage; install ;;
  start)   [ $# -eq 1 ] || usage; start ;;
  stop)    [ $# -eq 1 ] || usage; stop ;;
  *)       usage ;;
esac
