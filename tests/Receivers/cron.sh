#!/usr/bin/env bash
# Debian's cron for the schedule test: `start` starts the daemon when none runs and prints the export line for eval;
# `stop` stops it again by its own pid, and only when this script started it (a machine's own cron is left alone).
# cron has no foreground bind or port: it reads /etc/cron.d, which the test writes as root.
set -euo pipefail
state="${VBR_CRON_STATE_DIR:-${TMPDIR:-/tmp}/vbr-test-cron}"
case "${1:-}" in
start)
    command -v cron >/dev/null 2>&1 || { echo "cron is not installed (apt-get install cron)" >&2; exit 1; }
    mkdir -p "$state"
    if ! pgrep -x cron >/dev/null 2>&1; then
        # Debian's cron daemonizes and writes its pid to /var/run/crond.pid.
        cron
        for _ in $(seq 1 50); do [ -s /var/run/crond.pid ] && break; sleep 0.1; done
        cat /var/run/crond.pid > "$state/started.pid"
        echo "cron started (pid $(cat "$state/started.pid"))" >&2
    else
        echo "cron already runs; using it" >&2
    fi
    echo "export VBR_TEST_CRON=1"
    ;;
stop)
    if [ -s "$state/started.pid" ]; then
        kill "$(cat "$state/started.pid")" 2>/dev/null || true
        rm -f "$state/started.pid"
        echo "cron stopped" >&2
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
