#!/bin/sh
# Dictionary load time of `evcode code` (whole process on a one-line input,
# median of 9 runs) and its peak RSS: compiled (--no-cache) and from the
# compiled cache, for our dictionaries and, when ../shared is there, the full
# Phoenix set (actors, agents, discards, issues, CAMEO.2.0 verbs). Appends a
# row per set to bench/RESULTS.md. Benchmarks report; no test asserts on time.
set -eu
EVC=${1:-build/evcode}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
PHOENIX="$ROOT/../shared/peers/petrarch2/dictionaries"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export EVCODE_CACHE_DIR="$TMP/cache"
echo '{"id":"x","text":"Nobody did anything."}' > "$TMP/one.jsonl"

now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1e6}'; }

# median wall time in ms of 9 runs, then the peak RSS in MB of one more
measure() {
    times=""
    for r in 1 2 3 4 5 6 7 8 9; do
        t0=$(now_ms)
        "$EVC" code "$@" "$TMP/one.jsonl" > /dev/null
        t1=$(now_ms)
        times="$times $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')"
    done
    med=$(echo $times | tr ' ' '\n' | sort -n | sed -n 5p)
    /usr/bin/time -f "%M" -o "$TMP/rss" "$EVC" code "$@" "$TMP/one.jsonl" > /dev/null
    echo "$med ms, peak RSS $(awk '{printf "%.0f", $1 / 1024}' "$TMP/rss") MB"
}

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
row() { # name, then the dictionary options
    name=$1
    shift
    compiled=$(measure --no-cache "$@")
    "$EVC" code "$@" "$TMP/one.jsonl" > /dev/null # writes the cache
    cached=$(measure "$@")
    echo "load $name: compiled $compiled; cached $cached"
    insert_row "$ROOT/bench/RESULTS.md" "Dictionary load" \
        "| $(date -u +%Y-%m-%d) | $commit | $(nproc) x $cpu | $name | $compiled | $cached |"
}
row ours
if [ -d "$PHOENIX" ]; then
    row phoenix --dict "$PHOENIX"
else
    echo "load phoenix: skipped: ../shared not found"
fi
