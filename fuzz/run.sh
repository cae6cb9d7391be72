#!/bin/sh
# Runs each libFuzzer target of BUILD (configured with -DEVC_LIBFUZZER=ON)
# for SECONDS over its corpus in fuzz/corpus/, one target at a time. New
# interesting inputs go to BUILD/fuzz-new/TARGET, never into the repository;
# a crash, leak, hang (10 s per input) or out-of-memory leaves its input in
# BUILD/fuzz-crashes/ and fails the run. Prints each target's last status
# line (executions, coverage) and the seconds it ran.
#   usage: run.sh BUILD SECONDS [TARGET...]
set -u
BUILD=${1:?usage: run.sh BUILD SECONDS [TARGET...]}
SECONDS_EACH=${2:?usage: run.sh BUILD SECONDS [TARGET...]}
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGETS=${*:-code peerdict jsonl clean text dict suite html warc http}
export EVCODE_DATA="$ROOT/data"
mkdir -p "$BUILD/fuzz-crashes"
fail=0
for t in $TARGETS; do
    bin="$BUILD/fuzz/fuzz_$t"
    if [ ! -x "$bin" ]; then
        echo "FAIL $t: $bin not built (configure with -DEVC_LIBFUZZER=ON)"
        fail=1
        continue
    fi
    mkdir -p "$BUILD/fuzz-new/$t"
    log="$BUILD/fuzz-$t.log"
    start=$(date +%s)
    "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$BUILD/fuzz-crashes/$t-" "$BUILD/fuzz-new/$t" "$ROOT/fuzz/corpus/$t" > "$log" 2>&1
    st=$?
    took=$(( $(date +%s) - start ))
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    if [ $st -ne 0 ]; then
        echo "FAIL $t (exit $st, ${took}s): $last"
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 5
        fail=1
    else
        echo "ok   $t (${took}s): $last"
    fi
done
exit $fail
