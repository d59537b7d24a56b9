#!/usr/bin/env bash
# regress.sh TEST OUTDIR: runs tests/pg/sql/TEST.sql with pg_regress against
# the test cluster (run under with_cluster.sh) in its own database, and
# compares with tests/pg/expected/TEST.out; prints the diff on failure.
set -euo pipefail
test=${1:?usage: regress.sh TEST OUTDIR}
out=${2:?usage: regress.sh TEST OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
pg_regress=${PG_REGRESS:-$(pg_config --pkglibdir)/pgxs/src/test/regress/pg_regress}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
# psql runs the test from this folder: `\i sql/include/...` finds the helpers
# that several tests share.
cd "$here"
if ! "$pg_regress" --bindir="$MIGRATE_PG_BINDIR" --inputdir="$here" --outputdir="$out" \
    --dbname="regress_$test" "$test"; then
  [ ! -f "$out/regression.diffs" ] || cat "$out/regression.diffs"
  exit 1
fi
