#!/bin/sh
# Acceptance: code ../shared/gold/seeds (as .txt files and as JSONL with
# metadata), score with ../shared/tools/evscore, and fail below the floors in
# tests/acceptance/floors.txt. Floors only ever go up.
set -u
EVC=${1:?usage: gold.sh EVCODE}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED="$ROOT/../shared"
if [ ! -d "$SHARED/gold/seeds" ] || [ ! -x "$SHARED/tools/evscore" ]; then
    echo "skipped: ../shared not found"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$EVC" code --quotes --articles "$SHARED"/gold/seeds/*.txt > "$T/txt.jsonl" || exit 1
"$EVC" code --quotes --articles "$SHARED/gold/seeds.input.jsonl" > "$T/input.jsonl" || exit 1
"$SHARED/tools/evscore" --json "$SHARED/gold/seeds" < "$T/txt.jsonl" > "$T/txt.score" || exit 1
"$SHARED/tools/evscore" --json "$SHARED/gold/seeds" < "$T/input.jsonl" > "$T/input.score" || exit 1
"$SHARED/tools/evscore" "$SHARED/gold/seeds" < "$T/input.jsonl"
python3 - "$ROOT/tests/acceptance/floors.txt" "$T/txt.score" "$T/input.score" <<'PY'
import json, sys
floors, txt, inp = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def get(score, path):
    v = score
    for k in path.split("."):
        v = v[k]
    if isinstance(v, str) and "/" in v:          # "5/5"
        a, b = v.split("/")
        return int(a) / int(b)
    return v if v is not None else 0.0
passed = failed = 0
for line in open(floors):
    line = line.split("#")[0].strip()
    if not line:
        continue
    which, path, floor = line.split()
    got = get(txt if which == "txt" else inp, path)
    ok = got + 1e-9 >= float(floor)
    passed += ok
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {which:5} {path:28} {got:.3f} (floor {floor})")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
