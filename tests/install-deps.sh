#!/usr/bin/env bash
# Installs the Debian packages that building and testing need, if missing.
# Usage: tests/install-deps.sh [--with-postgres] [--with-alembic] [--with-fuzz]
set -euo pipefail
packages=(build-essential cmake pkg-config libsqlite3-dev sqlite3 libfmt-dev catch2 libcli11-dev libpq-dev)
for arg in "$@"; do
  case "$arg" in
    --with-postgres) packages+=(postgresql-15 postgresql-server-dev-15) ;;
    --with-alembic) packages+=(python3 python3-alembic python3-sqlalchemy python3-psycopg2) ;;
    --with-fuzz) packages+=(clang libclang-rt-14-dev) ;;  # libFuzzer and clang's sanitizer runtimes
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
