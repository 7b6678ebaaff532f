#!/usr/bin/env bash
# Prometheus on loopback serving known series loaded from an OpenMetrics file (stand-in for the
# Thanos Querier API: /api/v1/query, /api/v1/query_range). All state lives under DIR.
set -euo pipefail

usage() {
  cat >&2 <<'EOF'
Usage: prometheus.sh install
       prometheus.sh start DIR PORT OPENMETRICS_FILE
       prometheus.sh stop DIR
       prometheus.sh pause DIR    (stop the server, keep its data: an outage drill)
       prometheus.sh resume DIR   (start it again on its port over the same data)
OPENMETRICS_FILE: timestamps in seconds, ends with "# EOF". Placeholders ${BASE} and
${BASE+N} / ${BASE-N} are replaced by PROM_BASE_TS+N (default PROM_BASE_TS: now - 3 h).
Env: PROM_WAIT_SECONDS timeout of each wait loop (default 90)
EOF
  exit 2
}

WAIT=${PROM_WAIT_SECONDS:-90}
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

die() { echo "prometheus: $*" >&2; [ -n "${LOG:-}" ] && [ -f "$LOG" ] && tail -n 30 "$LOG" >&2; exit 1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install() {
  command -v prometheus >/dev/null && command -v promtool >/dev/null && return 0
  echo "prometheus: installing Debian package prometheus" >&2
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
  $SUDO "${apt[@]}" update >/dev/null
  $SUDO "${apt[@]}" install -y --no-install-recommends prometheus >/dev/null
  # The package enables (and under systemd starts) a system service on :9090; we do not want it.
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
  else
    $SUDO service prometheus stop >/dev/null 2>&1 || true
    $SUDO update-rc.d prometheus disable >/dev/null 2>&1 || true
  fi
}

stop() {
  local d=$1 pid end=$((SECONDS + 30))
  [ -f "$d/prometheus.pid" ] || return 0
  pid=$(cat "$d/prometheus.pid")
  if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$d/prometheus.yml"; then
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
      [ "$SECONDS" -lt "$end" ] || kill -9 "$pid" 2>/dev/null || true
      sleep 0.1
    done
  fi
  rm -f "$d/prometheus.pid"
}

start() {
  local d port=$2 file=$3 base
  [ -f "$file" ] || die "no such file: $file"
  mkdir -p "$1"; d=$(cd "$1" && pwd)
  install
  stop "$d"
  port_busy "$port" && die "port $port already in use"
  rm -rf "$d/data" "$d/series.om"; mkdir -p "$d/data"

  base=${PROM_BASE_TS:-$(( $(date +%s) - 3 * 3600 ))}
  BASE=$base perl -pe 's/\$\{BASE(?:([+-]\d+))?\}/$ENV{BASE} + ($1 || 0)/ge' "$file" >"$d/series.om"
  LOG=$d/promtool.log
  promtool tsdb create-blocks-from openmetrics "$d/series.om" "$d/data" >"$LOG" 2>&1 \
    || die "promtool could not build blocks from $file"

  printf 'global: {}\nscrape_configs: []\n' >"$d/prometheus.yml"
  echo "$port" >"$d/port"
  launch "$d" "$port"
}

launch() {
  local d=$1 port=$2 pid end
  LOG=$d/prometheus.log
  nohup prometheus --config.file="$d/prometheus.yml" --storage.tsdb.path="$d/data" \
    --storage.tsdb.retention.time=100y --web.listen-address="127.0.0.1:$port" </dev/null >>"$LOG" 2>&1 &
  pid=$!; echo "$pid" >"$d/prometheus.pid"
  end=$((SECONDS + WAIT))
  until curl -sf -o /dev/null "http://127.0.0.1:$port/-/ready"; do
    kill -0 "$pid" 2>/dev/null || { rm -f "$d/prometheus.pid"; die "prometheus exited"; }
    [ "$SECONDS" -lt "$end" ] || { stop "$d"; die "timeout (${WAIT}s) waiting for /-/ready"; }
    sleep 0.1
  done
  echo "Prometheus ready on http://127.0.0.1:$port"
}

resume() {
  local d=$1 port
  [ -f "$d/port" ] || die "no port file in $d: was it started?"
  port=$(cat "$d/port")
  port_busy "$port" && die "port $port already in use"
  launch "$d" "$port"
}

case "${1:-}" in
  install) [ $# -eq 1 ] || usage; install ;;
  start)   [ $# -eq 4 ] || usage; start "$2" "$3" "$4" ;;
  stop)    [ $# -eq 2 ] || usage; [ -d "$2" ] && stop "$(cd "$2" && pwd)" || true ;;
  pause)   [ $# -eq 2 ] || usage; stop "$(cd "$2" && pwd)" ;;
  resume)  [ $# -eq 2 ] || usage; resume "$(cd "$2" && pwd)" ;;
  *)       usage ;;
esac
