#!/usr/bin/env bash
# The README's demo: build the SQLite extension, then migrate the example
# project up and down inside the sqlite3 shell.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tests/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j"$(nproc)" --target migrate_sqlite

db="$(mktemp -d)/app.db"
cd "$root/examples"   # script_location defaults to ./migrations
echo "== sqlite3 $db"
sqlite3 -header -column "$db" <<SQL
.load $root/build/migrate
.print '-- migrate_heads()'
SELECT migrate_heads() AS heads;
.print "-- migrate_upgrade('head')"
SELECT migrate_upgrade('head') AS log;
.print '-- migrate_versions'
SELECT revision, down_revision, message, is_head, is_current, is_applied FROM migrate_versions;
.print '-- tables now'
SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;
.print "-- migrate_downgrade('-1')"
SELECT migrate_downgrade('-1') AS log;
SELECT migrate_current() AS current;
.print "-- migrate_downgrade('base')"
SELECT migrate_downgrade('base') AS log;
SELECT revision, is_current, is_applied FROM migrate_versions;
SQL
