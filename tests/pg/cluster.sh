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
#
# Sanitized mode (tests/run-sanitized.sh; off unless MIGRATE_PG_SERVER_PRELOAD
# is set): MIGRATE_PG_BINDIR names the private PostgreSQL copy that holds the
# ASan/UBSan build of the extension (install_private.sh), and
# MIGRATE_PG_SERVER_PRELOAD the libraries to preload into the server only
# (libasan first, then libstdc++), with ASAN_OPTIONS/UBSAN_OPTIONS that abort
# the backend on any report. Everything else here (initdb, pg_ctl stop) runs
# without a preload: the caller's LD_PRELOAD is dropped. The postmaster's
# stderr is server.log, and backends fork from it without exec, so every
# report lands there; `stop` then scans server.log and fails, printing the
# reports, if it holds one (a copy of the log stays next to STATE).
set -euo pipefail
action=${1:?usage: cluster.sh start|stop STATE}
state=${2:?usage: cluster.sh start|stop STATE}
bindir=${MIGRATE_PG_BINDIR:-/usr/lib/postgresql/15/bin}
server_preload=${MIGRATE_PG_SERVER_PRELOAD:-}
if [ -n "$server_preload" ]; then
  unset LD_PRELOAD
fi

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Sanitized mode: prints the sanitizer reports of server.log, if any, and
# fails. A report starts with "==PID==ERROR: AddressSanitizer" (or
# LeakSanitizer...) or "FILE:LINE:COL: runtime error:" (UBSan) and ends with
# its "SUMMARY:" line.
check_server_log() {
  local log=$1 saved
  [ -f "$log" ] || return 0
  local pattern='==[0-9]+==ERROR: [A-Za-z]+Sanitizer|AddressSanitizer|UndefinedBehaviorSanitizer|:[0-9]+(:[0-9]+)?: runtime error: '
  grep -Eq "$pattern" "$log" || return 0
  saved="$(dirname "$state")/server-sanitizer.log"
  cp "$log" "$saved"
  echo "SANITIZER REPORT in the PostgreSQL server log (whole log kept in $saved):" >&2
  awk -v pat="$pattern" '
    $0 ~ pat { on = 1; n++ }
    on { print; if (++lines > 400) exit }
    on && /^SUMMARY: / { on = 0; print "----" }' "$log" >&2
  return 1
}

stop() {
  [ -f "$state" ] || return 0
  local dir sanitized status=0
  dir=$(sed -n 's/^MIGRATE_PG_DIR=//p' "$state")
  sanitized=$(sed -n 's/^MIGRATE_PG_SANITIZED=//p' "$state")
  if [ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  if [ -n "$sanitized" ] && [ -n "$dir" ]; then
    check_server_log "$dir/server.log" || status=1
  fi
  case "$dir" in /tmp/migrate-pg.*) rm -rf "$dir" ;; esac
  rm -f "$state"
  return $status
}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  stop || true  # an old cluster's sanitizer report was printed; this is a new run
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
  if [ -n "$server_preload" ]; then
    # The preload for the server only; a backend aborts on any report (the
    # postmaster then restarts the others, the test sees a lost connection).
    as_server env LD_PRELOAD="$server_preload" \
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:print_summary=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1 \
      "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
  else
    as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
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
  [ -z "$server_preload" ] || echo "MIGRATE_PG_SANITIZED=1" >>"$state"
  echo "PostgreSQL 15 cluster in $dir, port $port"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: cluster.sh start|stop STATE" >&2; exit 2 ;;
esac
