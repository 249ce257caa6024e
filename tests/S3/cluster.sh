#!/usr/bin/env bash
# A private single-node Ceph cluster with its S3 gateway (RADOS Gateway), for the object storage tests and the
# benchmark: one monitor, one BlueStore OSD on a sparse file, one gateway, all bound to 127.0.0.1, everything
# (data, sockets, pid and log files) under one temp folder. Object Lock works as S3 specifies on it.
#
#   tests/S3/cluster.sh start   prints `export VBR_TEST_S3_*=...` lines (endpoint, keys) for eval
#   tests/S3/cluster.sh stop    stops the daemons by their own pids and removes the folder
#
# Needs Debian's radosgw, ceph-mon and ceph-osd (apt-get install --no-install-recommends radosgw ceph-mon ceph-osd).
set -euo pipefail
umask 077
action=${1:?usage: cluster.sh start|stop}
dir=${VBR_S3_CLUSTER_DIR:-${TMPDIR:-/tmp}/vbr-s3-cluster}
mon_port=${VBR_S3_MON_PORT:-56789}
rgw_port=${VBR_S3_PORT:-57480}
conf="$dir/ceph.conf"

stop_all() {
    for pidfile in "$dir"/run/*.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null || true)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
}

# The ceph CLI waits for ever when the monitor is down: every call is bounded.
ceph_cli() { timeout 60 ceph -c "$conf" "$@"; }

case "$action" in
start)
    for tool in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph-authtool; do
        command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd" >&2; exit 1; }
    done
    [ -d "$dir" ] && stop_all
    rm -rf "$dir"
    mkdir -p "$dir"/{run,log,mon/a,osd/0,rgw}
    fsid=$(cat /proc/sys/kernel/random/uuid)
    cat > "$conf" <<CONF
[global]
fsid = $fsid
mon initial members = a
mon host = v2:127.0.0.1:$mon_port
public addr = 127.0.0.1
ms bind ipv6 = false
ms bind msgr1 = false
ms bind port min = $((mon_port + 10))
ms bind port max = $((mon_port + 60))
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd pool default pg num = 8
osd pool default pgp num = 8
mon max pg per osd = 1000
osd crush chooseleaf type = 0
mon data avail warn = 2
mon data avail crit = 1
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
log file = $dir/log/\$name.log
keyring = $dir/keyring
[mon.a]
mon data = $dir/mon/a
[osd.0]
osd data = $dir/osd/0
osd objectstore = bluestore
bluestore block create = true
bluestore block size = 10737418240
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
CONF
    ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
    monmaptool --create --addv a "[v2:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
    ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" >"$dir/log/mon-mkfs.log" 2>&1
    ceph-mon -c "$conf" -i a >"$dir/log/mon-start.log" 2>&1
    osd_uuid=$(cat /proc/sys/kernel/random/uuid)
    ceph_cli osd new "$osd_uuid" >/dev/null
    ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" >"$dir/log/osd-mkfs.log" 2>&1
    ceph-osd -c "$conf" -i 0 >"$dir/log/osd-start.log" 2>&1
    radosgw -c "$conf" -n client.rgw.a >"$dir/log/rgw-start.log" 2>&1
    access=$(head -c 10 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F')
    secret=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
    # The gateway makes its pools on first use; wait (bounded) until the user can be made, then until it listens.
    user_made=false
    for _ in $(seq 1 90); do
        if ! $user_made; then
            if timeout 20 radosgw-admin -c "$conf" user create --uid=vbr-test --display-name=vbr-test --access-key="$access" --secret-key="$secret" >/dev/null 2>"$dir/log/user.err"; then
                user_made=true
            fi
        fi
        if $user_made && timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$rgw_port" 2>/dev/null; then
            echo "export VBR_TEST_S3_ENDPOINT='http://127.0.0.1:$rgw_port'"
            echo "export VBR_TEST_S3_ACCESS_KEY='$access'"
            echo "export VBR_TEST_S3_SECRET_KEY='$secret'"
            exit 0
        fi
        sleep 1
    done
    echo "The S3 gateway did not come up; logs are in $dir/log" >&2
    tail -n 20 "$dir"/log/*.log >&2 || true
    stop_all
    exit 1
    ;;
stop)
    if [ -d "$dir" ]; then stop_all; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: cluster.sh start|stop" >&2
    exit 2
    ;;
esac
