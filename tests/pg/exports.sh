#!/usr/bin/env bash
# exports.sh MODULE: the PostgreSQL module's dynamic symbols are its entry
# points only (pg_ext/exports.map): Pg_magic_func, _PG_init, and each SQL
# function of sql/migrate--*.sql with its pg_finfo_ record. PostgreSQL loads
# modules RTLD_GLOBAL, so any other exported symbol could clash.
set -euo pipefail
module=${1:?usage: exports.sh MODULE}
here=$(cd "$(dirname "$0")" && pwd)
expected=$( {
  echo Pg_magic_func
  echo _PG_init
  sed -n "s/.*AS 'MODULE_PATHNAME', '\([a-z_]*\)'.*/\1/p" "$here"/../../sql/migrate--*.sql | sort -u |
    while read -r f; do echo "$f"; echo "pg_finfo_$f"; done
} | sort)
actual=$(nm -D --defined-only "$module" | awk '{print $NF}' | sort)
if [ "$actual" != "$expected" ]; then
  echo "exported symbols of $module differ from the entry points:" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "$(echo "$actual" | wc -l) symbols exported, all entry points"
