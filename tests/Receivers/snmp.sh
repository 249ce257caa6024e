#!/usr/bin/env bash
# A private SNMP trap receiver for the notification tests: Net-SNMP's snmptrapd on 127.0.0.1 only, on an
# unprivileged port, with its own configuration, log, pid and state files under one temp folder. It accepts traps
# with one random community (and, as any receiver does, silently drops the others) and logs each accepted trap as
# one line a test can read without MIBs:
#
#   TRAP<tab>TRAP2, SNMP v2c, community <community><tab><oid> = <value><tab><oid> = <value>...
#
# OIDs are numeric (-On), TimeTicks a plain number (-Ot), and every OCTET STRING in hex (-Ox, hexOutputLength 0:
# one line, whatever the bytes), so UTF-8 and line breaks in values arrive intact and unambiguous.
#
#   tests/Receivers/snmp.sh start   prints `export VBR_TEST_SNMP_*=...` lines (port, log file, community) for eval
#   tests/Receivers/snmp.sh stop    stops the receiver by its own pid and removes the folder
#
# Needs snmptrapd; as root it is installed when missing (Debian's package, which also pulls in snmpd).
set -euo pipefail
umask 077
action=${1:?usage: snmp.sh start|stop}
dir=${VBR_SNMP_DIR:-${TMPDIR:-/tmp}/vbr-test-snmp}
port=${VBR_SNMP_PORT:-56162}
pidfile="$dir/snmptrapd.pid"
log="$dir/traps.log"

stop_receiver() {
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

find_snmptrapd() { command -v snmptrapd 2>/dev/null || { [ -x /usr/sbin/snmptrapd ] && echo /usr/sbin/snmptrapd; } || true; }

case "$action" in
start)
    trapd=$(find_snmptrapd)
    if [ -z "$trapd" ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "snmptrapd is missing: apt-get install -y --no-install-recommends snmptrapd (as root)" >&2
            exit 1
        fi
        echo "Installing snmptrapd..." >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends snmptrapd >&2 \
            || { apt-get update >&2 && apt-get install -y --no-install-recommends snmptrapd >&2; }
        trapd=$(find_snmptrapd)
        [ -n "$trapd" ] || { echo "snmptrapd is still missing after the install." >&2; exit 1; }
    fi
    [ -d "$dir" ] && stop_receiver
    rm -rf "$dir"
    mkdir -p "$dir/persist"
    community="vbr-test-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    # -C below: no system configuration is read, only this file. "[snmp]" lines go to the library's own settings.
    cat > "$dir/snmptrapd.conf" <<CONF
authCommunity log $community
doNotRetainNotificationLogs yes
format2 TRAP\t%P\t%V\t%v\n
[snmp] hexOutputLength 0
CONF
    : > "$log"
    # Without -f it opens its socket, then forks into the background and writes its pid with -p; it exits non-zero
    # at once when it cannot listen (a port in use). SNMP_PERSISTENT_DIR keeps its state out of /var/lib/snmp;
    # MIBS= loads no MIB (numeric output needs none).
    started=0
    SNMP_PERSISTENT_DIR="$dir/persist" MIBS= "$trapd" -C -c "$dir/snmptrapd.conf" -Lf "$log" -p "$pidfile" \
        -n -On -Ot -Ox "udp:127.0.0.1:$port" >&2 2>>"$log" || started=$?
    # It logs its version once it runs.
    for _ in $(seq 1 100); do
        [ "$started" = 0 ] || break
        if [ -f "$pidfile" ] && grep -q '^NET-SNMP version' "$log" && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "export VBR_TEST_SNMP_PORT='$port'"
            echo "export VBR_TEST_SNMP_LOG='$log'"
            echo "export VBR_TEST_SNMP_COMMUNITY='$community'"
            exit 0
        fi
        sleep 0.1
    done
    echo "snmptrapd did not come up on 127.0.0.1:$port; its log ($log):" >&2
    tail -n 20 "$log" >&2 || true
    stop_receiver
    exit 1
    ;;
stop)
    if [ -d "$dir" ]; then stop_receiver; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: snmp.sh start|stop" >&2
    exit 2
    ;;
esac
