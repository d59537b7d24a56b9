#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DMIGRATE_SANITIZE=ON, gcc) into build-asan and runs the whole ctest suite
# there: unit tests, SQLite scenarios, Alembic interoperability, authoring,
# diff, and the PostgreSQL tests (pg_regress, tests/pg/test_*.py, the scenario
# and diff suites on PostgreSQL). Extra arguments go to ctest (e.g. -R unit,
# -L postgresql). Last full run: 128 of 128 tests passed, the 31 PostgreSQL
# ones included, no sanitizer report (docs/FUZZING.md, "Sanitizers").
#
# The Python and sqlite3-shell tests load the sanitized migrate.so into
# Debian's uninstrumented python3 and sqlite3, so the ASan runtime must come
# first: it is preloaded into every test, with libstdc++ (a C program loads it
# only with migrate.so, too late for ASan to find the __cxa_throw it wraps)
# and tests/pg/asan_swift_stub.cpp (without it, a preloaded libasan deadlocks
# any program that links libgpg-error, such as postgres, initdb and psql,
# before main; that file says why). Leak checking is off, since those
# interpreters keep memory until exit by design; any other report, and any
# undefined behaviour (built with -fno-sanitize-recover), aborts the test.
#
# PostgreSQL: in this build the "pg: install extension" fixture
# (tests/pg/install_private.sh) copies the installed PostgreSQL 15 tree into
# build-asan/pg-install/usr/... and installs the extension, built with the
# same sanitizers by Makefile.pgxs (MIGRATE_SANITIZE=1), into that copy only;
# the system installation is not touched. tests/pg/cluster.sh runs initdb
# without any preload and starts the copy's server (which finds its lib and
# share folders next to its own executable) with the ASan runtime preloaded
# into it alone; backends fork from the postmaster and inherit it. A report
# aborts the backend (the test sees the connection lost, the postmaster
# restarts), and "pg: stop cluster" fails if the server log holds any
# sanitizer report, printing it (the log is kept as
# build-asan/tests/pg/server-sanitizer.log).
set -euo pipefail
cd "$(dirname "$0")/.."
tests/install-deps.sh --with-postgres --with-alembic  # the tests configure with both
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGRATE_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
cd build-asan
export LD_PRELOAD
LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so) $PWD/tests/pg/libasan_swift_stub.so"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:print_summary=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --output-on-failure "$@"
