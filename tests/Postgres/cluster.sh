#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and the benchmark: its own data folder, bound to 127.0.0.1 only,
# password (SCRAM) authentication so that the wrong-credentials tests mean something. PostgreSQL refuses to run
# as root, so under root the cluster belongs to the `postgres` user Debian's package creates.
#
#   tests/Postgres/cluster.sh start   prints `export VBR_TEST_POSTGRES=...` (an admin connection string) for eval
#   tests/Postgres/cluster.sh stop    stops the cluster and removes its folder
set -euo pipefail
umask 077  # the password file and the cluster folder are for their owner only
action=${1:?usage: cluster.sh start|stop}
dir=${VBR_PG_CLUSTER_DIR:-${TMPDIR:-/tmp}/vbr-test-cluster}
port=${VBR_PG_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed (apt-get install -y postgresql)." >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$password" > "$dir/pwfile"
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U vbr_admin --pwfile="$dir/pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
    rm -f "$dir/pwfile"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >&2
    echo "export VBR_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=vbr_admin;Password=$password;Database=postgres'"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: cluster.sh start|stop" >&2
    exit 2
    ;;
esac
