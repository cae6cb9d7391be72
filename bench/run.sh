#!/bin/sh
# Throughput of `evcode code` on a 20 MB corpus written by bench/gen.py
# (deterministic, seed 1, from our own templates and dictionary names).
# Appends to bench/RESULTS.md, with the machine and commit:
#   Throughput   articles/s, sentences/s, MB/s, events/s and peak RSS at 1 and
#                2 threads with our dictionaries (median of 5 runs), and the
#                speed-up from 1 to 2 threads
#   Phoenix      the same at 2 threads with the full Phoenix dictionaries of
#                ../shared/peers (skipped when ../shared is absent)
#   Stages       each pipeline stage's share of the time (`code --stats`)
#   Memory       peak RSS on 10 MB of input and on 1 GB (the corpus streamed
#                50 times through standard input)
# Benchmarks report; no test asserts on time.
set -eu
EVC=${1:-build/evcode}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
CORPUS="$ROOT/bench/corpus/gen-20mb-seed1.jsonl"
PHOENIX="$ROOT/../shared/peers/petrarch2/dictionaries"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$ROOT/bench/corpus"
if [ ! -s "$CORPUS" ]; then
    # deterministic: our templates and dictionary names, seed 1, 20 MB
    python3 "$ROOT/bench/gen.py" 20 "$CORPUS" --seed 1
fi
bytes=$(wc -c < "$CORPUS")
articles=$(wc -l < "$CORPUS")
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
stamp="| $(date -u +%Y-%m-%d) | $commit | $(nproc) x $cpu |"

# counts: sentences (from the article records) and events, with the given options
counts() {
    "$EVC" code --articles --threads 2 "$@" "$CORPUS" > "$TMP/out"
    sentences=$(grep '"type":"article"' "$TMP/out" | sed 's/.*"sentences":\([0-9]*\).*/\1/' | awk '{s+=$1} END {print s}')
    events=$(grep -c '"type":"event"' "$TMP/out" || true)
    rm -f "$TMP/out"
}

# rate THREADS RUNS [options]: median wall time of RUNS runs -> one line of
# rates; the median seconds are left in $TMP/med
rate() {
    t=$1
    runs=$2
    shift 2
    times=""
    rss=0
    r=0
    while [ $r -lt "$runs" ]; do
        /usr/bin/time -f "%e %M" -o "$TMP/time" "$EVC" code --threads "$t" "$@" "$CORPUS" > /dev/null
        read -r secs kb < "$TMP/time"
        times="$times $secs"
        [ "$kb" -gt "$rss" ] && rss=$kb
        r=$((r + 1))
    done
    med=$(echo $times | tr ' ' '\n' | sort -n | sed -n "$(((runs + 1) / 2))p")
    echo "$med" > "$TMP/med"
    awk -v s="$med" -v a="$articles" -v n="$sentences" -v b="$bytes" -v e="$events" -v r="$rss" -v t="$t" 'BEGIN {
        if (s <= 0) s = 0.001;
        printf "threads %d: %.0f articles/s, %.0f sentences/s, %.1f MB/s, %.0f events/s, peak RSS %.1f MB (median %.2f s)",
               t, a / s, n / s, b / s / 1048576, e / s, r / 1024, s }'
}

# our dictionaries, 1 and 2 threads
counts
echo "corpus: $articles articles, $sentences sentences, $bytes bytes, $events events"
one=$(rate 1 5)
med1=$(cat "$TMP/med")
echo "$one"
two=$(rate 2 5)
med2=$(cat "$TMP/med")
echo "$two"
speedup=$(awk -v a="$med1" -v b="$med2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')
echo "speed-up from 1 to 2 threads: $speedup"
insert_row "$ROOT/bench/RESULTS.md" Throughput "$stamp $one | $two | $speedup |"

# each stage's share at 2 threads
stages=$("$EVC" code --stats --threads 2 "$CORPUS" 2>&1 > /dev/null | grep '^stages' | sed 's/^stages ([^)]*): //')
echo "stages: $stages"
insert_row "$ROOT/bench/RESULTS.md" Stages "$stamp $stages |"

# the full Phoenix dictionaries at 2 threads
if [ -d "$PHOENIX" ]; then
    "$EVC" code --dict "$PHOENIX" "$CORPUS" > /dev/null # compiles and caches them
    counts --dict "$PHOENIX"
    ph=$(rate 2 3 --dict "$PHOENIX")
    echo "phoenix: $ph"
    insert_row "$ROOT/bench/RESULTS.md" "Phoenix dictionaries" "$stamp $ph |"
else
    echo "phoenix: skipped: ../shared not found"
fi

# peak RSS: 10 MB of input against 1 GB streamed through standard input
head -c 10485760 "$CORPUS" | sed '$d' > "$TMP/10mb.jsonl"
/usr/bin/time -f "%M" -o "$TMP/rss10" "$EVC" code --threads 2 "$TMP/10mb.jsonl" > /dev/null
i=0
while [ $i -lt 50 ]; do cat "$CORPUS"; i=$((i + 1)); done |
    /usr/bin/time -f "%M" -o "$TMP/rss1g" "$EVC" code --threads 2 - > /dev/null
mem=$(awk -v a="$(cat "$TMP/rss10")" -v b="$(cat "$TMP/rss1g")" 'BEGIN {
    printf "10 MB: %.1f MB | 1 GB: %.1f MB (%+.1f%%)", a / 1024, b / 1024, (a > 0 ? 100 * (b - a) / a : 0) }')
echo "peak RSS: $mem"
insert_row "$ROOT/bench/RESULTS.md" Memory "$stamp $mem |"
