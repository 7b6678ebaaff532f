#!/usr/bin/env bash
# Throwaway single-node Ceph (mon + memstore OSD + radosgw) on loopback, for tests and demos.
# All state lives under DIR; nothing is written elsewhere. No cephx between daemons, pool size 1.
set -euo pipefail

usage() {
  cat >&2 <<'EOF'
Usage: ceph-rgw.sh install
       ceph-rgw.sh start DIR PORT ACCESS_KEY SECRET_KEY
       ceph-rgw.sh stop DIR
       ceph-rgw.sh pause DIR    (stop only radosgw: an outage drill)
       ceph-rgw.sh resume DIR   (start radosgw again on its port)
Env:   CEPH_MON_PORT        mon port (default: a free port from a random start in 20000-39999)
       CEPH_MEMSTORE_BYTES  OSD memstore size (default 1073741824 = 1 GiB)
       CEPH_WAIT_SECONDS    timeout of each wait loop (default 90)
EOF
  exit 2
}

WAIT=${CEPH_WAIT_SECONDS:-90}
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

die() { echo "ceph-rgw: $*" >&2; [ -n "${LOG:-}" ] && [ -f "$LOG" ] && tail -n 30 "$LOG" >&2; exit 1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for DESCRIPTION COMMAND...: retry COMMAND every 0.2 s for at most $WAIT seconds.
wait_for() {
  local what=$1 end=$((SECONDS + WAIT)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$end" ] || die "timeout (${WAIT}s) waiting for $what"
    sleep 0.2
  done
}

install() {
  command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null \
    && command -v ceph >/dev/null && return 0
  echo "ceph-rgw: installing Debian packages ceph-mon ceph-osd radosgw ceph-common" >&2
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
  $SUDO "${apt[@]}" update >/dev/null
  $SUDO "${apt[@]}" install -y --no-install-recommends ceph-mon ceph-osd radosgw ceph-common >/dev/null
}

# Stop the daemons whose pid files are under DIR (only if their command line points at DIR's conf),
# one at a time: radosgw hangs on shutdown without its OSD, an OSD waits 5 s for its mon's ack.
stop() {
  local name
  for name in client.rgw.a osd.0 mon.a; do term_wait "$1" "$name"; done
}
term_wait() {
  local f=$1/run/$2.pid pid end=$((SECONDS + 30))
  [ -f "$f" ] || return 0
  pid=$(cat "$f"); rm -f "$f"
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1/ceph.conf" || return 0
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -lt "$end" ] || kill -9 "$pid" 2>/dev/null || true
    sleep 0.2
  done
}

start() {
  local d port=$2 key=$3 secret=$4 mon_port
  mkdir -p "$1"; d=$(cd "$1" && pwd)
  install
  stop "$d"
  port_busy "$port" && die "port $port already in use"
  mon_port=${CEPH_MON_PORT:-}
  if [ -z "$mon_port" ]; then
    # a random start: two clusters starting at once must not race for the same first free port
    # (the loser's `ceph osd crush add` would then talk to the winner's mon)
    mon_port=$((20000 + RANDOM % 20000)); while port_busy "$mon_port"; do mon_port=$((mon_port + 1)); done
  fi
  port_busy "$mon_port" && die "mon port $mon_port already in use"

  rm -rf "$d"/{mon,osd,run,log,rgw,ceph.conf,monmap}
  STARTED=$d; trap '[ $? -eq 0 ] || stop "$STARTED"' EXIT   # on failure, stop what was started
  mkdir -p "$d"/{mon/a,osd/0,run,log,rgw}
  local fsid; fsid=$(cat /proc/sys/kernel/random/uuid)
  cat >"$d/ceph.conf" <<EOF
[global]
fsid = $fsid
mon host = [v1:127.0.0.1:$mon_port]
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
osd objectstore = memstore
memstore device bytes = ${CEPH_MEMSTORE_BYTES:-1073741824}
osd crush chooseleaf type = 0
# we place osd.0 in the crush map ourselves; the OSD's own start-up update can race the
# monmap ("wrong fsid") and make ceph-osd exit
osd crush update on start = false
osd class update on start = false
osd pool default pg autoscale mode = off
osd pool default pg num = 8
osd pool default pgp num = 8
mon max pg per osd = 1000
# commit mon changes quickly: RGW creates its pools one by one at start (~14 s -> ~4 s)
paxos propose interval = 0.05
paxos min wait = 0.01
run dir = $d/run
admin socket = $d/run/\$name.asok
log file = $d/log/\$name.log
pid file = $d/run/\$name.pid
public network = 127.0.0.0/8
[mon.a]
mon data = $d/mon/a
[osd.0]
osd data = $d/osd/0
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$port
rgw data = $d/rgw
EOF
  local c=(-c "$d/ceph.conf") ceph=(timeout "$WAIT" ceph -c "$d/ceph.conf" --connect-timeout "$WAIT")
  local out="$d/log/setup.out"

  LOG=$d/log/mon.a.log
  monmaptool --create --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$d/monmap" >"$out" 2>&1 || die "monmaptool failed"
  ceph-mon "${c[@]}" --mkfs -i a --monmap "$d/monmap" >>"$out" 2>&1 || die "mon mkfs failed"
  ceph-mon "${c[@]}" -i a >>"$out" 2>&1 || die "mon start failed"

  LOG=$d/log/osd.0.log
  "${ceph[@]}" osd create >>"$out" 2>&1 || die "osd create failed (mon not answering?)"
  ceph-osd "${c[@]}" -i 0 --mkfs >>"$out" 2>&1 || die "osd mkfs failed"
  # The monitor can be slow to answer on a busy machine: each CRUSH step is retried (all idempotent).
  crush() { local i; for i in 1 2 3 4 5; do "${ceph[@]}" osd crush "$@" >>"$out" 2>&1 && return 0; sleep 2; done; return 1; }
  crush add-bucket localhost host || die "osd crush add-bucket failed"
  crush move localhost root=default || die "osd crush move failed"
  crush add osd.0 1.0 host=localhost || die "osd crush add failed"
  ceph-osd "${c[@]}" -i 0 >>"$out" 2>&1 || die "osd start failed"
  osd_up() { "${ceph[@]}" osd stat 2>/dev/null | grep -q '1 up'; }
  wait_for "OSD up" osd_up

  LOG=$d/log/client.rgw.a.log
  radosgw "${c[@]}" -n client.rgw.a >>"$out" 2>&1 || die "radosgw start failed"
  wait_for "RGW on port $port" curl -s -o /dev/null "http://127.0.0.1:$port/"
  timeout "$WAIT" radosgw-admin "${c[@]}" user create --uid=test --display-name=test \
    --access-key="$key" --secret-key="$secret" >>"$out" 2>&1 || die "radosgw-admin user create failed"
  echo "RGW ready on http://127.0.0.1:$port"
}

# Outage drills for tests: stop only the S3 gateway (clients see connection refused) and start it
# again on the same port; the mon and OSD keep the data, so buckets and objects survive.
pause() {
  term_wait "$1" client.rgw.a
}
resume() {
  local d=$1 port
  port=$(sed -n 's/^rgw frontends = beast endpoint=127.0.0.1:\([0-9]*\)$/\1/p' "$d/ceph.conf")
  [ -n "$port" ] || die "no RGW port in $d/ceph.conf"
  LOG=$d/log/client.rgw.a.log
  radosgw -c "$d/ceph.conf" -n client.rgw.a >>"$d/log/setup.out" 2>&1 || die "radosgw start failed"
  wait_for "RGW on port $port" curl -s -o /dev/null "http://127.0.0.1:$port/"
  echo "RGW resumed on http://127.0.0.1:$port"
}

case "${1:-}" in
  install) [ $# -eq 1 ] || usage; install ;;
  start)   [ $# -eq 5 ] || usage; start "$2" "$3" "$4" "$5" ;;
  stop)    [ $# -eq 2 ] || usage; [ -d "$2" ] && stop "$(cd "$2" && pwd)" || true ;;
  pause)   [ $# -eq 2 ] || usage; pause "$(cd "$2" && pwd)" ;;
  resume)  [ $# -eq 2 ] || usage; resume "$(cd "$2" && pwd)" ;;
  *)       usage ;;
esac
