#!/usr/bin/env bash
# with_cluster.sh STATE COMMAND...: runs COMMAND with the connection settings
# of the cluster that cluster.sh started (PGHOST, PGPORT, PGUSER...).
set -euo pipefail
state=${1:?usage: with_cluster.sh STATE COMMAND...}
shift
if [ ! -f "$state" ]; then
  echo "no PostgreSQL test cluster: $state is missing (cluster.sh start was not run or failed)" >&2
  exit 1
fi
set -a
# shellcheck disable=SC1090
. "$state"
set +a
exec "$@"
