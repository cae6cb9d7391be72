#!/bin/sh
# Throughput of `evcode code` on a 20 MB corpus written by bench/gen.py
# (deterministic, seed 1, from our own templates and dictionary names). Reports articles/s, sentences/s,
# MB/s, events/s and peak RSS at 1 and 2 threads (median of 5 runs) and
# appends the results to bench/RESULTS.md with the machine and commit.
# Benchmarks report; no test asserts on time.
set -eu
EVC=${1:-build/evcode}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
CORPUS="$ROOT/bench/corpus/gen-20mb-seed1.jsonl"
mkdir -p "$ROOT/bench/corpus"
if [ ! -s "$CORPUS" ]; then
    # deterministic: our templates and dictionary names, seed 1, 20 MB
    python3 "$ROOT/bench/gen.py" 20 "$CORPUS" --seed 1
fi
bytes=$(wc -c < "$CORPUS")
articles=$(wc -l < "$CORPUS")
"$EVC" code --articles --threads 1 "$CORPUS" > /tmp/evc-bench.out
sentences=$(grep '"type":"article"' /tmp/evc-bench.out | sed 's/.*"sentences":\([0-9]*\).*/\1/' | awk '{s+=$1} END {print s}')
events=$(grep -c '"type":"event"' /tmp/evc-bench.out)
rm -f /tmp/evc-bench.out
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
report="| $(date -u +%Y-%m-%d) | $commit | $(nproc) x $cpu |"
echo "corpus: $articles articles, $sentences sentences, $bytes bytes, $events events"
for t in 1 2; do
    times=""
    rss=0
    for r in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o /tmp/evc-time "$EVC" code --threads $t "$CORPUS" > /dev/null
        set -- $(cat /tmp/evc-time)
        times="$times $1"
        [ "$2" -gt "$rss" ] && rss=$2
    done
    med=$(echo $times | tr ' ' '\n' | sort -n | sed -n 3p)
    line=$(awk -v s="$med" -v a="$articles" -v n="$sentences" -v b="$bytes" -v e="$events" -v r="$rss" -v t="$t" 'BEGIN {
        if (s <= 0) s = 0.001;
        printf "threads %d: %.0f articles/s, %.0f sentences/s, %.1f MB/s, %.0f events/s, peak RSS %.1f MB (median %.2f s)",
               t, a / s, n / s, b / s / 1048576, e / s, r / 1024, s }')
    echo "$line"
    report="$report $line |"
done
rm -f /tmp/evc-time
insert_row "$ROOT/bench/RESULTS.md" Throughput "$report"
