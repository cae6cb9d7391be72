#!/bin/sh
# `evcode serve` under load with wrk (Debian's wrk package; skipped without
# it). The store holds our examples/ and the 300 articles of
# tests/store/corpus.py (generated from our own templates). The server runs
# with its defaults (8 worker threads) on a free loopback port; each route
# gets `wrk -t2 -c16 -d${SERVE_SECONDS:-30}s --latency` after one warm-up
# request:
#   /v1/events?limit=50      the first page of the events listing
#   /v1/timeline?by=month    every event read and aggregated
#   /v1/dyads?limit=20       every event read, counted by (source, target)
#   POST /v1/code            examples/01-niger-ecowas-ultimatum.txt coded (text/plain)
# Reports requests/s, latency (mean, p50, p99), non-2xx responses and socket
# errors (any fails the bench) and the server's RSS before the first run and
# after each (memory should stay flat), and adds a row to "Server" in
# bench/RESULTS.md with the machine and commit.
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
while ! grep -q 'http://' "$TMP/out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
BASE=$(sed -n 's|.*\(http://[^/]*\)/.*|\1|p' "$TMP/out" | head -n 1)
[ -n "$BASE" ] || { echo "serve did not start: $(cat "$TMP/err")" >&2; exit 1; }
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$PID/status"; }

# POST /v1/code: wrk sends the article with every request
ARTICLE="$ROOT/examples/01-niger-ecowas-ultimatum.txt"
cat > "$TMP/post.lua" << EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
local f = assert(io.open("$ARTICLE", "rb"))
wrk.body = f:read("*a")
f:close()
EOF

rss0=$(rss)
fail=0
cells=""
for route in "/v1/events?limit=50" "/v1/timeline?by=month" "/v1/dyads?limit=20" "POST /v1/code"; do
    case "$route" in
        POST*)
            path=${route#POST }
            script="-s $TMP/post.lua"
            python3 -c 'import sys, urllib.request as u; u.urlopen(u.Request(sys.argv[1], open(sys.argv[2], "rb").read(),
                {"Content-Type": "text/plain"})).read()' "$BASE$path" "$ARTICLE" ;;
        *)
            path=$route
            script=""
            python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1]).read()' "$BASE$path" ;;
    esac
    # shellcheck disable=SC2086
    wrk -t2 -c16 -d"${SECS}s" --latency $script "$BASE$path" > "$TMP/wrk"
    line=$(awk -v rss="$(rss)" '
        $1 == "Latency" && !avg { avg = $2 }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
        END { printf "%.0f req/s, latency mean %s p50 %s p99 %s, non-2xx %d, socket errors %d, RSS after %s MB",
                     rps, avg, p50, p99, non2xx, sock, rss }' "$TMP/wrk")
    echo "$route: $line"
    case "$line" in
        *"non-2xx 0, socket errors 0,"*) ;;
        *) fail=1; cat "$TMP/wrk" ;;
    esac
    cells="$cells $line |"
done
echo "server RSS before: $rss0 MB"
commit=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
insert_row "$ROOT/bench/RESULTS.md" Server \
    "| $(date -u +%Y-%m-%d) | $commit | $(nproc) x $cpu | wrk -t2 -c16 -d${SECS}s | $rss0 MB |$cells"
if [ $fail -ne 0 ]; then
    echo "server: FAIL: errors under load" >&2
    exit 1
fi
