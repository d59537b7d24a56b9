#!/usr/bin/env bash
# Fuzzes the readers of untrusted text with libFuzzer, ASan and UBSan.
# Usage: tests/fuzz/run.sh [seconds per target, default 300] [target...]
# Targets: sql_revision python_revision identifier ini graph (default: all).
# They run $FUZZ_JOBS at a time (default: the number of cores), each on its
# own copy of its seed corpus (build-fuzz/corpus/<target>, kept between runs).
# Fails if any target finds a crash, a leak, a sanitizer report, a broken
# invariant (an Internal error, a violated property) or an input
# slower than 10 s; the input is saved under build-fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(sql_revision python_revision identifier ini graph)
jobs=${FUZZ_JOBS:-$(nproc)}
build=build-fuzz

tests/install-deps.sh --with-fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -DMIGRATE_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
# every seed must pass before fuzzing starts
(cd "$build" && ctest --output-on-failure --no-tests=error -L fuzz -R "$(IFS='|'; echo "fuzz: (${targets[*]})\$")")

mkdir -p "$build/logs"
run_one() {
    local t=$1
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
    for seed in tests/fuzz/corpus/"$t"/*; do
        [ -e "$build/corpus/$t/${seed##*/}" ] || cp "$seed" "$build/corpus/$t/"
    done
    "$build/fuzz/fuzz_$t" "$build/corpus/$t" -dict="tests/fuzz/$t.dict" -max_total_time="$seconds" \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" >"$build/logs/$t.log" 2>&1
}

declare -A pid_of
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    echo "fuzzing $t for ${seconds}s (log: $build/logs/$t.log)"
    run_one "$t" &
    pid_of[$t]=$!
done

failed=()
for t in "${targets[@]}"; do
    if wait "${pid_of[$t]}"; then status=ok; else status=FAILED; failed+=("$t"); fi
    stats=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$build/logs/$t.log" | tail -1 || true)
    echo "$t: $status  ${stats}"
done
if [ ${#failed[@]} -gt 0 ]; then
    for t in "${failed[@]}"; do
        echo "---- $t: $build/logs/$t.log"
        grep -E -A30 '==ERROR|runtime error|deadly signal|property violated|internal error|Timeout|timeout' \
            "$build/logs/$t.log" | head -60 || tail -40 "$build/logs/$t.log"
        ls "$build/artifacts/$t"
    done
    exit 1
fi
