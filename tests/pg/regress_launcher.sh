#!/usr/bin/env bash
# pg_regress --launcher of `make -f Makefile.pgxs installcheck`: runs each
# test's psql (the command pg_regress gives, `psql ... -d DB ...`) in a
# database of its own, as tests/pg/regress.sh does under ctest: every test
# creates the extension and its own tables. The database gets pg_regress's
# per-database settings and is dropped afterwards.
set -euo pipefail
psql=$1
shift
db="migrate_regress_$$"
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "-d" ]; then args+=(-d "$db"); shift 2; else args+=("$1"); shift; fi
done
"$psql" -X -q -d postgres -c "CREATE DATABASE \"$db\" TEMPLATE template0" >/dev/null
trap '"$psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null' EXIT
# psql reads the test from stdin (pg_regress opened it already), and
# `\i sql/include/...` is relative to the working directory, as under ctest.
cd "$(dirname "$0")"
export PGOPTIONS="${PGOPTIONS:-} -c lc_messages=C -c lc_monetary=C -c lc_numeric=C -c lc_time=C -c bytea_output=hex -c timezone_abbreviations=Default"
"$psql" "${args[@]}"
