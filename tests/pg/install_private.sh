#!/usr/bin/env bash
# install_private.sh PREFIX PGXS_BUILD [make args...]: the tests' "pg: install
# extension". Copies the installed PostgreSQL 15 tree (pg_config's bin/lib dir
# and share dir) under PREFIX, keeping the /usr/... layout, then builds the
# extension in PGXS_BUILD (with ASan and UBSan when MIGRATE_SANITIZE=1, as
# tests/run-sanitized.sh sets) and installs it into that copy only
# (DESTDIR=PREFIX). The system installation is never written.
#
# PostgreSQL finds its lib and share folders relative to its own executable,
# so PREFIX/usr/lib/postgresql/15/bin/postgres loads PREFIX's migrate.so;
# cluster.sh starts the test cluster with that bin/ (MIGRATE_PG_BINDIR).
# The server runs as the postgres user, which must be able to read the copy.
set -euo pipefail
prefix=${1:?usage: install_private.sh PREFIX PGXS_BUILD [make args...]}
build=${2:?usage: install_private.sh PREFIX PGXS_BUILD [make args...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
pg_config=${PG_CONFIG:-pg_config}
make=${MAKE:-make}
bindir=$("$pg_config" --bindir)      # /usr/lib/postgresql/15/bin
pkglibdir=$("$pg_config" --pkglibdir) # /usr/lib/postgresql/15/lib
sharedir=$("$pg_config" --sharedir)  # /usr/share/postgresql/15
case "$prefix" in /*) ;; *) prefix=$PWD/$prefix ;; esac
[ "$prefix" != / ] || { echo "install_private.sh: PREFIX must not be /" >&2; exit 2; }

# A fresh copy each time: the system tree may have changed since the last run.
rm -rf "$prefix"
for dir in "$(dirname "$bindir")" "$(dirname "$pkglibdir")" "$sharedir"; do
  [ -d "$prefix$dir" ] && continue
  mkdir -p "$(dirname "$prefix$dir")"
  cp -a "$dir" "$prefix$dir"
done
rm -f "$prefix$pkglibdir"/migrate.so "$prefix$sharedir"/extension/migrate[.-]*

mkdir -p "$build"
"$make" -s -C "$build" -f "$here/../../Makefile.pgxs" PG_CONFIG="$pg_config" MIGRATE_SANITIZE="${MIGRATE_SANITIZE:-}" "$@" \
  install DESTDIR="$prefix"
[ -f "$prefix$pkglibdir/migrate.so" ] || { echo "install_private.sh: no $prefix$pkglibdir/migrate.so" >&2; exit 1; }

# Readable (and the folders on the way traversable) by the server's user.
chmod -R a+rX "$prefix"
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -r "$prefix$pkglibdir/migrate.so"; then
  echo "install_private.sh: the postgres user cannot read $prefix$pkglibdir/migrate.so" >&2
  exit 1
fi
echo "extension installed into $prefix$pkglibdir (server: $prefix$bindir)"
