#!/bin/sh
# The Python binding's throughput against the CLI (bench/python_bench.py):
# a 5 MB corpus of bench/gen.py (seed 1), events and quotes, 2 threads,
# median of 9 runs; appends a row to the "Python binding" table of
# bench/RESULTS.md with the machine and commit. Needs the build tree's
# extension (make builds it into build/python). Benchmarks report; no test
# asserts on time.
#   usage: bench/python.sh [BUILD_DIR] [THREADS] [RUNS]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
THREADS=${2:-2}
RUNS=${3:-9}
. "$ROOT/bench/lib.sh"
CORPUS="$ROOT/bench/corpus/gen-5mb-seed1.jsonl"
mkdir -p "$ROOT/bench/corpus"
[ -s "$CORPUS" ] || /usr/bin/python3 "$ROOT/bench/gen.py" 5 "$CORPUS" --seed 1 > /dev/null
export EVCODE_CACHE_DIR="${EVCODE_CACHE_DIR:-$BUILD/dict-cache}"
PYTHONPATH="$BUILD/python" /usr/bin/python3 "$ROOT/bench/python_bench.py" "$BUILD/evcode" "$CORPUS" "$THREADS" "$RUNS" \
    | tee "$BUILD/python-bench.out"
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
row=$(tail -1 "$BUILD/python-bench.out")
insert_row "$ROOT/bench/RESULTS.md" "Python binding" "| $(date -u +%Y-%m-%d) | $commit | $(nproc) x $cpu | $THREADS $row"
