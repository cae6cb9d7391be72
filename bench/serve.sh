#!/bin/sh
# `evcode serve` under load with wrk (Debian's wrk package; skipped without
# it). The store holds our examples/ and the 300 articles of
# tests/store/corpus.py (generated from our own templates). The server runs
# with its defaults (8 worker threads) on a free loopback port; each route
# gets a 2 s warm-up with the same connections (every worker has opened the
# store and read the route's pages), then `wrk -t2 -c16
# -d${SERVE_SECONDS:-30}s --latency`:
#   /v1/events?limit=50      the first page of the events listing
#   /v1/timeline?by=month    every event read and aggregated
#   /v1/dyads?limit=20       every event read, counted by (source, target)
#   POST /v1/code            examples/01-niger-ecowas-ultimatum.txt coded (text/plain)
# Reports requests/s, latency (mean, p50, p99), non-2xx responses and socket
# errors (any fails the bench), and the server's RSS sampled every second
# during each run: start, max and end, and the growth over the last 10 s of
# the run (the whole run when shorter). Memory must stay flat: a growth over
# RSS_GROWTH_KB (default 1024 kB) fails the bench. Adds a row to "Server" in
# bench/RESULTS.md with the machine, its load average before the runs and
# the commit.
#   usage: serve.sh [EVCODE]
set -eu
EVC=${1:-build/evcode}
SECS=${SERVE_SECONDS:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
if ! command -v wrk > /dev/null 2>&1; then
    echo "server: skipped: wrk not found (apt-get install wrk)"
    exit 0
fi
TMP=$(mktemp -d)
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2> /dev/null && wait "$PID" 2> /dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

python3 "$ROOT/tests/store/corpus.py" 300 > "$TMP/corpus.jsonl"
"$EVC" ingest --db "$TMP/s.db" "$ROOT"/examples/*.txt "$TMP/corpus.jsonl" | grep '^store:'
"$EVC" serve --db "$TMP/s.db" --port 0 > "$TMP/out" 2> "$TMP/err" &
PID=$!
i=0
while ! grep -qs 'http://' "$TMP/out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
BASE=$(sed -n 's|.*\(http://[^/]*\)/.*|\1|p' "$TMP/out" | head -n 1)
[ -n "$BASE" ] || { echo "serve did not start: $(cat "$TMP/err")" >&2; exit 1; }
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$PID/status"; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$PID/status"; }

# POST /v1/code: wrk sends the article with every request
ARTICLE="$ROOT/examples/01-niger-ecowas-ultimatum.txt"
cat > "$TMP/post.lua" << EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
local f = assert(io.open("$ARTICLE", "rb"))
wrk.body = f:read("*a")
f:close()
EOF

GROWTH=${RSS_GROWTH_KB:-1024}
rss0=$(rss)
load=$(cut -d' ' -f1 /proc/loadavg)
fail=0
cells=""
for route in "/v1/events?limit=50" "/v1/timeline?by=month" "/v1/dyads?limit=20" "POST /v1/code"; do
    case "$route" in
        POST*) path=${route#POST }; script="-s $TMP/post.lua" ;;
        *) path=$route; script="" ;;
    esac
    # shellcheck disable=SC2086
    wrk -t2 -c16 -d2s $script "$BASE$path" > /dev/null
    # shellcheck disable=SC2086
    wrk -t2 -c16 -d"${SECS}s" --latency $script "$BASE$path" > "$TMP/wrk" &
    wpid=$!
    : > "$TMP/rss"
    while kill -0 $wpid 2> /dev/null; do
        rss_kb >> "$TMP/rss"
        sleep 1
    done
    wait $wpid
    rss_kb >> "$TMP/rss"
    # start, max, end (MB) and the growth over the last 10 samples (kB)
    mem=$(awk '{ v[NR] = $1; if ($1 > max) max = $1 }
        END { back = NR > 10 ? NR - 10 : 1
              printf "%.1f %.1f %.1f %d", v[1] / 1024, max / 1024, v[NR] / 1024, v[NR] - v[back] }' "$TMP/rss")
    set -- $mem
    line=$(awk -v mem="RSS start $1 max $2 end $3 MB, last 10 s $4 kB" '
        $1 == "Latency" && !avg { avg = $2 }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
        END { printf "%.0f req/s, latency mean %s p50 %s p99 %s, non-2xx %d, socket errors %d, %s",
                     rps, avg, p50, p99, non2xx, sock, mem }' "$TMP/wrk")
    echo "$route: $line"
    case "$line" in
        *"non-2xx 0, socket errors 0,"*) ;;
        *) fail=1; cat "$TMP/wrk" ;;
    esac
    if [ "$4" -gt "$GROWTH" ]; then
        echo "$route: RSS grew by $4 kB in the last 10 s (bound $GROWTH kB); samples (kB):" $(cat "$TMP/rss") >&2
        fail=1
    fi
    cells="$cells $line |"
done
echo "server RSS before: $rss0 MB; load average before: $load"
commit=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
insert_row "$ROOT/bench/RESULTS.md" Server \
    "| $(date -u +%Y-%m-%d) | $commit | $(nproc) x $cpu | wrk -t2 -c16 -d${SECS}s, load average $load | $rss0 MB |$cells"
if [ $fail -ne 0 ]; then
    echo "server: FAIL: errors under load or growing memory" >&2
    exit 1
fi
