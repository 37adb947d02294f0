#!/usr/bin/env bash
# A single-node Ceph (1 mon, 1 memstore OSD, no mgr, no auth) with radosgw as the production-grade S3 server for CI.
#   scripts/ci/ceph-rgw.sh start   starts it and prints `export TEST_S3_…=…` lines for eval (progress on stderr)
#   scripts/ci/ceph-rgw.sh stop    stops it (the pids in $CEPH_DIR/run) and removes its files
# Needs Debian's ceph-mon, ceph-osd, radosgw (.ci/run installs them). Everything lives in $CEPH_DIR and is thrown
# away: memstore keeps the objects in the OSD's memory (2 GiB cap), which is what a test run needs and no more.
# Ports are settable so that two runs on one machine do not collide.
set -euo pipefail
D=${CEPH_DIR:-/tmp/msjd-ceph}
MON_PORT=${CEPH_MON_PORT:-6789}
RGW_PORT=${CEPH_RGW_PORT:-7480}
log() { echo "ceph-rgw: $*" >&2; }

stop() {
  for f in "$D"/run/*.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$D"
}

wait_for() { # seconds, description, command…
  local n=$1 what=$2; shift 2
  for _ in $(seq 1 "$n"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  log "timed out waiting for $what (logs in $D/log)"; return 1
}

start() {
  local started=$SECONDS
  stop
  mkdir -p "$D"/{run,log,mon,osd,rgw}
  local fsid; fsid=$(cat /proc/sys/kernel/random/uuid)
  cat > "$D/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
run dir = $D/run
admin socket = $D/run/\$name.asok
log file = $D/log/\$name.log
pid file = $D/run/\$name.pid
mon data = $D/mon/\$name
osd data = $D/osd/\$name
osd objectstore = memstore
memstore device bytes = 2147483648
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
mon max pg per osd = 1000
# radosgw's object names are long; the defaults are sized for a filesystem backend
osd max object name len = 460
osd max object namespace len = 64
ms bind ipv6 = false
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $D/rgw
CONF
  local C=(-c "$D/ceph.conf")
  monmaptool --create --addv a "[v1:127.0.0.1:$MON_PORT]" --fsid "$fsid" "$D/monmap" >/dev/null
  ceph-authtool --create-keyring "$D/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-mon "${C[@]}" --mkfs -i a --monmap "$D/monmap" --keyring "$D/mon.keyring"
  # daemons fork: their inherited stdout would hold open the `eval "$(… start)"` that reads the exports
  ceph-mon "${C[@]}" -i a </dev/null >>"$D/log/daemons.out" 2>&1
  wait_for 30 "the monitor" ceph "${C[@]}" -s
  local uuid id; uuid=$(cat /proc/sys/kernel/random/uuid)
  id=$(ceph "${C[@]}" osd new "$uuid")
  mkdir -p "$D/osd/osd.$id"
  ceph-osd "${C[@]}" -i "$id" --mkfs --osd-uuid "$uuid" </dev/null >>"$D/log/daemons.out" 2>&1
  ceph "${C[@]}" osd crush add-bucket localhost host >/dev/null 2>&1
  ceph "${C[@]}" osd crush move localhost root=default >/dev/null 2>&1
  ceph "${C[@]}" osd crush add "osd.$id" 1.0 host=localhost >/dev/null 2>&1
  ceph-osd "${C[@]}" -i "$id" </dev/null >>"$D/log/daemons.out" 2>&1
  wait_for 60 "the OSD" sh -c "ceph -c '$D/ceph.conf' osd stat 2>/dev/null | grep -q '1 up'"
  radosgw "${C[@]}" -n client.rgw.a </dev/null >>"$D/log/daemons.out" 2>&1
  wait_for 90 "radosgw on :$RGW_PORT" curl -sf -o /dev/null "http://127.0.0.1:$RGW_PORT/"
  # fresh random keys for each run; the user is the tests' only one
  local access secret
  access=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
  secret=$(head -c 30 /dev/urandom | base64 | tr -d '/+=\n')
  radosgw-admin "${C[@]}" user create --uid=msjd-ci --display-name="msjd CI" --access-key="$access" --secret="$secret" >/dev/null
  log "radosgw (Ceph $(ceph --version | awk '{print $3}')) on http://127.0.0.1:$RGW_PORT, up in $((SECONDS - started)) s"
  echo "export TEST_S3_ENDPOINT=http://127.0.0.1:$RGW_PORT"
  echo "export TEST_S3_ACCESS_KEY=$access"
  echo "export TEST_S3_SECRET_KEY=$secret"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
