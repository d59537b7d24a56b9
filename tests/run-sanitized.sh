#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DMIGRATE_SANITIZE=ON, gcc) into build-asan and runs the ctest suite there:
# unit tests, SQLite scenarios, Alembic interoperability, authoring, diff.
# Extra arguments go to ctest (e.g. -R unit). The PostgreSQL tests are left
# out: their fixture builds and installs the extension with PGXS, not CMake.
#
# The Python and sqlite3-shell tests load the sanitized migrate.so into
# Debian's uninstrumented python3 and sqlite3, so the ASan runtime must come
# first: it is preloaded into every test, with libstdc++ (a C program loads it
# only with migrate.so, too late for ASan to find the __cxa_throw it wraps).
# Leak checking is off, since those interpreters keep memory until exit by
# design; any other report, and any undefined behaviour (built with
# -fno-sanitize-recover), aborts the test.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/install-deps.sh --with-postgres --with-alembic  # the tests configure with both
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGRATE_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
cd build-asan
export LD_PRELOAD
LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so)"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:print_summary=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --output-on-failure -LE postgresql "$@"
