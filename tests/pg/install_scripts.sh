#!/usr/bin/env bash
# Copies the regression tests' script locations (tests/pg/scripts) into the
# test cluster's data directory as migrate_regress/. The server's working
# directory is its data directory, so the tests name them with relative paths
# ('migrate_regress/linear') and their expected output holds no temporary
# path. Run under with_cluster.sh.
set -euo pipefail
target="$MIGRATE_PG_DATA/migrate_regress"
rm -rf "$target"
cp -R "$(dirname "$0")/scripts" "$target"
[ "$(id -u)" -ne 0 ] || chown -R postgres: "$target"
