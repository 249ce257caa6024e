#!/usr/bin/env bash
# A private rsyslog for the syslog sender's tests: its own configuration, work folder, pid file and output file, all
# under one temp folder, listening on 127.0.0.1 only with three inputs: plain TCP (imtcp, which takes RFC 6587 octet
# counting framing), UDP (imudp) and TLS (imtcp with the gtls driver and a self-signed certificate made here). Every
# message it receives is written as it came (%rawmsg%), one a line, so a test can compare it byte for byte.
#
#   tests/Receivers/syslog.sh start   prints `export VBR_TEST_SYSLOG_*=...` lines (ports, output file, certificate) for eval
#   tests/Receivers/syslog.sh stop    stops the daemon by its own pid and removes the folder
#
# Needs Debian's rsyslog, and rsyslog-gnutls for the TLS input; run as root, the script installs what is missing
# (apt-get install --no-install-recommends rsyslog rsyslog-gnutls). Without rsyslog-gnutls the TLS input is left out,
# VBR_TEST_SYSLOG_TLS_PORT is not exported and the TLS tests skip saying so.
set -euo pipefail
umask 077
action=${1:?usage: syslog.sh start|stop}
dir=${VBR_SYSLOG_DIR:-${TMPDIR:-/tmp}/vbr-test-syslog}
tcp_port=${VBR_SYSLOG_TCP_PORT:-55514}
udp_port=${VBR_SYSLOG_UDP_PORT:-55515}
tls_port=${VBR_SYSLOG_TLS_PORT:-56514}
pidfile="$dir/rsyslogd.pid"  # rsyslogd's own (-i)
jobpid="$dir/daemon.pid"      # the pid this script started, what stop kills

stop_daemon() {
    [ -f "$jobpid" ] || return 0
    pid=$(cat "$jobpid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$jobpid" "$pidfile"
}

# The gtls driver is a separate package: its module file is what tells whether TLS can be offered.
gtls_module() { ls /usr/lib/*/rsyslog/lmnsd_gtls.so /usr/lib/rsyslog/lmnsd_gtls.so 2>/dev/null | head -n 1; }

install_missing() {
    local wanted=()
    command -v rsyslogd >/dev/null || wanted+=(rsyslog)
    [ -n "$(gtls_module)" ] || wanted+=(rsyslog-gnutls)
    [ ${#wanted[@]} -gt 0 ] || return 0
    if [ "$(id -u)" != 0 ]; then
        return 0  # the checks below say what is missing
    fi
    echo "Installing ${wanted[*]}..." >&2
    # Another install may hold the package lock for a while (other test scripts, CI): wait for it, bounded.
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${wanted[@]}" >&2 || {
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update >&2
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${wanted[@]}" >&2
    }
}

listening_tcp() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

case "$action" in
start)
    for tool in openssl timeout; do
        command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
    done
    install_missing
    command -v rsyslogd >/dev/null || { echo "rsyslogd is missing: apt-get install -y --no-install-recommends rsyslog rsyslog-gnutls (as root)" >&2; exit 1; }
    tls=true
    if [ -z "$(gtls_module)" ]; then
        tls=false
        echo "rsyslog-gnutls is not installed (run as root, or apt-get install rsyslog-gnutls): no TLS input, the TLS tests will skip." >&2
    fi
    [ -d "$dir" ] && stop_daemon
    rm -rf "$dir"
    mkdir -p "$dir/work"
    out="$dir/received.log"
    tls_conf=""
    if $tls; then
        # A throwaway certificate for 127.0.0.1 (and localhost); the tests pin it by its SHA-1 thumbprint, as the
        # product's -CertificateThumbprint does, and check that without the pin it is refused (it is in no store).
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
            -subj "/CN=vbr-test-syslog" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
            -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>"$dir/openssl.log"
        thumbprint=$(openssl x509 -noout -fingerprint -sha1 -in "$dir/cert.pem" | sed 's/^.*=//; s/://g')
        tls_conf="input(type=\"imtcp\" port=\"$tls_port\" address=\"127.0.0.1\" name=\"tls\" ruleset=\"raw\"
      streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\"
      streamDriver.CAFile=\"$dir/cert.pem\" streamDriver.CertFile=\"$dir/cert.pem\" streamDriver.KeyFile=\"$dir/key.pem\")"
    fi
    cat > "$dir/rsyslog.conf" <<CONF
# rsyslog's default message size limit (8096 bytes) is kept: the tests show that the sender stays within it.
global(workDirectory="$dir/work")
# Only our inputs: no local socket, no kernel log, nothing of the machine's own logging.
module(load="imtcp")
module(load="imudp")
template(name="rawline" type="string" string="%rawmsg%\n")
ruleset(name="raw") {
    action(type="omfile" file="$out" template="rawline" fileCreateMode="0644")
}
input(type="imtcp" port="$tcp_port" address="127.0.0.1" name="tcp" ruleset="raw")
input(type="imudp" port="$udp_port" address="127.0.0.1" name="udp" ruleset="raw")
$tls_conf
CONF
    rsyslogd -N1 -f "$dir/rsyslog.conf" >"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; exit 1; }
    # -n: stay in the foreground of this background job, so that the pid file names the daemon itself.
    nohup rsyslogd -n -f "$dir/rsyslog.conf" -i "$pidfile" >"$dir/rsyslogd.log" 2>&1 </dev/null &
    echo $! > "$jobpid"
    for _ in $(seq 1 100); do
        if listening_tcp "$tcp_port" && { ! $tls || listening_tcp "$tls_port"; }; then
            touch "$out"
            echo "export VBR_TEST_SYSLOG_HOST='127.0.0.1'"
            echo "export VBR_TEST_SYSLOG_TCP_PORT='$tcp_port'"
            echo "export VBR_TEST_SYSLOG_UDP_PORT='$udp_port'"
            echo "export VBR_TEST_SYSLOG_OUTPUT='$out'"
            if $tls; then
                echo "export VBR_TEST_SYSLOG_TLS_PORT='$tls_port'"
                echo "export VBR_TEST_SYSLOG_TLS_THUMBPRINT='$thumbprint'"
                echo "export VBR_TEST_SYSLOG_TLS_CERT='$dir/cert.pem'"
            fi
            exit 0
        fi
        sleep 0.1
    done
    echo "rsyslogd did not come up; its log is $dir/rsyslogd.log" >&2
    tail -n 20 "$dir/rsyslogd.log" >&2 || true
    stop_daemon
    exit 1
    ;;
stop)
    if [ -d "$dir" ]; then stop_daemon; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: syslog.sh start|stop" >&2
    exit 2
    ;;
esac
