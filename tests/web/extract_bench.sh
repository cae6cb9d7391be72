#!/bin/sh
# The article-extraction benchmark in ../shared (181 real pages with ground
# truth, scored by ../shared/tools/extscore): `evcode extract --format zyte`
# must stay at or above the floors of tests/web/floors.txt (a ratchet) and
# leave no page empty. Skipped when ../shared is absent.
set -u
EVC=${1:?usage: extract_bench.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED="$HERE/../../../shared"
BENCH="$SHARED/peers/article-extraction"
if [ ! -d "$BENCH/html" ] || [ ! -x "$SHARED/tools/extscore" ]; then
    echo "skipped: ../shared not found"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$EVC" extract --format zyte "$BENCH/html" > "$T/p.json" || { echo "FAIL: evcode extract exit $?"; exit 1; }
"$SHARED/tools/extscore" "$BENCH/ground-truth.json" "$T/p.json" --json > "$T/s.json" || { echo "FAIL: extscore"; exit 1; }
python3 - "$T/s.json" "$HERE/floors.txt" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
fail = 0
print("extscore: F1 %.4f precision %.4f recall %.4f empty %d" % (s["f1"], s["precision"], s["recall"], s["empty_predictions"]))
for line in open(sys.argv[2]):
    line = line.split("#")[0].split()
    if not line:
        continue
    key, floor = line[0], float(line[1])
    if key == "empty_predictions":
        if s[key] > floor:
            print("FAIL: %s %d > %d" % (key, s[key], floor)); fail = 1
    elif s[key] < floor:
        print("FAIL: %s %.4f < floor %.4f" % (key, s[key], floor)); fail = 1
sys.exit(fail)
PY
