#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every test
# through ctest (unit, SQLite, Alembic interoperability, PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
tests/install-deps.sh --with-postgres --with-alembic
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure "$@"
