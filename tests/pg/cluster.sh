#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests and the benchmark.
#
#   cluster.sh start STATE   initdb into a new temporary folder (as the postgres
#                            user when run as root: initdb refuses root), start
#                            it on a free port with its socket in that folder,
#                            write the connection settings to STATE
#   cluster.sh stop STATE    stop that cluster and remove its folder and STATE
#
# STATE holds shell assignments (PGHOST, PGPORT, PGUSER, MIGRATE_PG_DATA...);
# with_cluster.sh runs a command with them. Starting over an old STATE stops
# the old cluster first, so an interrupted run leaves nothing behind.
set -euo pipefail
action=${1:?usage: cluster.sh start|stop STATE}
state=${2:?usage: cluster.sh start|stop STATE}
bindir=${MIGRATE_PG_BINDIR:-/usr/lib/postgresql/15/bin}

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state" ] || return 0
  local dir
  dir=$(sed -n 's/^MIGRATE_PG_DIR=//p' "$state")
  if [ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  case "$dir" in /tmp/migrate-pg.*) rm -rf "$dir" ;; esac
  rm -f "$state"
}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  stop
  local dir port
  dir=$(mktemp -d /tmp/migrate-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  as_server "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-instructions -E UTF8 --locale=C >"$dir/initdb.log"
  port=$(free_port)
  # Socket only, in the cluster's folder; durability is not what is tested.
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$dir'
max_connections = 60
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
  mkdir -p "$(dirname "$state")"
  cat >"$state" <<STATE
MIGRATE_PG_DIR=$dir
MIGRATE_PG_DATA=$dir/data
MIGRATE_PG_BINDIR=$bindir
PGHOST=$dir
PGPORT=$port
PGUSER=postgres
PGDATABASE=postgres
STATE
  echo "PostgreSQL 15 cluster in $dir, port $port"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: cluster.sh start|stop STATE" >&2; exit 2 ;;
esac
