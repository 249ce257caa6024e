#!/usr/bin/env bash
# A private SMTP sink for the e-mail notification tests (tests/Receivers/smtp_sink.py on aiosmtpd): one listener
# without authentication and one that requires AUTH PLAIN/LOGIN with a fixed test user, both bound to 127.0.0.1,
# every message stored raw, one file each, under one temp folder.
#
#   tests/Receivers/smtp.sh start   prints `export VBR_TEST_SMTP_*=...` lines (ports, user, password, folder) for eval
#   tests/Receivers/smtp.sh stop    stops the sink by its own pid and removes the folder
#
# Needs Debian's python3-aiosmtpd (installed here when missing and run as root). It runs with /usr/bin/python3:
# a python3 earlier on PATH (pyenv) does not see Debian's packages.
set -euo pipefail
umask 077
action=${1:?usage: smtp.sh start|stop}
dir=${VBR_SMTP_DIR:-${TMPDIR:-/tmp}/vbr-smtp-sink}
port=${VBR_SMTP_PORT:-52525}
auth_port=${VBR_SMTP_AUTH_PORT:-52587}
# A fixed test account (the sink is loopback only and holds nothing); overridable for a run that wants its own.
user=${VBR_SMTP_USER:-vbr-test}
password=${VBR_SMTP_PASSWORD:-sink-password-7f3a9c}
python=/usr/bin/python3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pidfile="$dir/sink.pid"

stop_sink() {
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile" 2>/dev/null || true)
    # Only our sink: a stale pidfile may name a pid the system has given to another process since.
    if [ -n "$pid" ] && grep -qs smtp_sink.py "/proc/$pid/cmdline"; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

listening() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

case "$action" in
start)
    if ! "$python" -c 'import aiosmtpd' 2>/dev/null; then
        if [ "$(id -u)" != 0 ]; then
            echo "python3-aiosmtpd is missing: apt-get install -y --no-install-recommends python3-aiosmtpd" >&2
            exit 1
        fi
        # A fresh machine may have no package lists yet: update once, only when the plain install fails.
        apt-get install -y --no-install-recommends python3-aiosmtpd >&2 \
            || { apt-get update >&2 && apt-get install -y --no-install-recommends python3-aiosmtpd >&2; }
    fi
    [ -d "$dir" ] && stop_sink
    rm -rf "$dir"
    mkdir -p "$dir/mail"
    for p in "$port" "$auth_port"; do
        if listening "$p"; then
            echo "Port $p on 127.0.0.1 is already in use (set VBR_SMTP_PORT / VBR_SMTP_AUTH_PORT)." >&2
            exit 1
        fi
    done
    # Detached from this shell's output: `eval "$(smtp.sh start)"` must not wait for the sink to end.
    SMTP_SINK_PASSWORD="$password" "$python" "$here/smtp_sink.py" --port "$port" --auth-port "$auth_port" \
        --user "$user" --maildir "$dir/mail" --pidfile "$pidfile" </dev/null >"$dir/sink.log" 2>&1 &
    launched=$!
    # The sink writes its pidfile once both listeners answer; wait for that (bounded), then check the ports.
    for _ in $(seq 1 100); do
        if [ -f "$pidfile" ] && listening "$port" && listening "$auth_port"; then
            echo "export VBR_TEST_SMTP_PORT='$port' VBR_TEST_SMTP_AUTH_PORT='$auth_port' VBR_TEST_SMTP_USER='$user' VBR_TEST_SMTP_PASSWORD='$password' VBR_TEST_SMTP_MAILDIR='$dir/mail'"
            exit 0
        fi
        kill -0 "$launched" 2>/dev/null || break
        sleep 0.1
    done
    echo "The SMTP sink did not come up; its log is $dir/sink.log" >&2
    tail -n 20 "$dir/sink.log" >&2 || true
    kill "$launched" 2>/dev/null || true
    rm -f "$pidfile"
    exit 1
    ;;
stop)
    if [ -d "$dir" ]; then stop_sink; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: smtp.sh start|stop" >&2
    exit 2
    ;;
esac
