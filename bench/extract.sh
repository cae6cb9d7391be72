#!/bin/sh
# Extraction throughput of `evcode extract` (one thread: one core) over the
# 181 pages of the article-extraction benchmark in ../shared (gzip HTML, 30 MB
# once decompressed): pages/s and MB/s of HTML by the CPU time of the process
# (user + system: what one core spends, less sensitive than wall time to other
# load on the machine; the wall time is shown too), median of 10 runs, the
# time of a run on an empty directory (startup) subtracted; appended to
# bench/RESULTS.md with the machine and commit. Skipped when ../shared is
# absent. Benchmarks report; no test asserts on time.
set -eu
EVC=${1:-build/evcode}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
PAGES="$ROOT/../shared/peers/article-extraction/html"
if [ ! -d "$PAGES" ]; then
    echo "extract bench: skipped: ../shared not found"
    exit 0
fi
n=$(ls "$PAGES" | grep -c '\.html\.gz$')
mb=$(for f in "$PAGES"/*.html.gz; do gzip -dc "$f"; done | wc -c | awk '{printf "%.1f", $1 / 1048576}')
EMPTY=$(mktemp -d)
trap 'rmdir "$EMPTY"' EXIT
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
runs=""
base=""
walls=""
cpu() { awk '{printf "%.3f", $1 + $2}' /tmp/evc-xtime; }
for r in 1 2 3 4 5 6 7 8 9 10; do
    /usr/bin/time -f "%U %S %e" -o /tmp/evc-xtime "$EVC" extract --format zyte "$PAGES" > /dev/null
    runs="$runs $(cpu)"
    walls="$walls $(awk '{print $3}' /tmp/evc-xtime)"
    /usr/bin/time -f "%U %S %e" -o /tmp/evc-xtime "$EVC" extract --format zyte "$EMPTY" > /dev/null
    base="$base $(cpu)"
done
rm -f /tmp/evc-xtime
t=$(echo $runs | median)
b=$(echo $base | median)
w=$(echo $walls | median)
line=$(awk -v t="$t" -v b="$b" -v w="$w" -v n="$n" -v mb="$mb" 'BEGIN {
    s = t - b; if (s <= 0) s = 0.001;
    printf "%d pages (%.1f MB of HTML, gzip): %.0f pages/s, %.1f MB/s of CPU time on one core (median CPU %.3f s, startup %.3f s, wall %.3f s)",
           n, mb, n / s, mb / s, t, b, w }')
echo "extract: $line"
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
insert_row "$ROOT/bench/RESULTS.md" Extraction "| $(date -u +%Y-%m-%d) | $commit | $(nproc) x $cpu | $line |"
