#!/bin/sh
# Acceptance (issue 9): the gold seeds of ../shared in the store. Ingesting
# them twice, and once killed with SIGKILL in the middle and run again, gives
# the same rows; 004 (a blog repost) is linked to 002 by the passages they
# share. The articles are read from ../shared, never copied.
set -u
EVC=${1:?usage: store.sh EVCODE}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEEDS="$ROOT/../shared/gold/seeds.input.jsonl"
if [ ! -f "$SEEDS" ]; then
    echo "skipped: ../shared not found"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
"$EVC" ingest --db "$T/a.db" --batch 2 "$SEEDS" || exit 1
"$EVC" export --db "$T/a.db" > "$T/a.dump" || exit 1
"$EVC" ingest --db "$T/a.db" --batch 2 "$SEEDS" | head -1
"$EVC" export --db "$T/a.db" > "$T/again.dump" || exit 1
cmp -s "$T/a.dump" "$T/again.dump" || { echo "FAIL: ingesting the seeds twice changed the rows"; fails=1; }
for point in after:1 inside:2; do
    EVCODE_TEST_KILL=$point "$EVC" ingest --db "$T/k.db" --batch 2 "$SEEDS" > /dev/null 2>&1
    rc=$?
    "$EVC" ingest --db "$T/k.db" --batch 2 "$SEEDS" > /dev/null || exit 1
    "$EVC" export --db "$T/k.db" > "$T/k.dump" || exit 1
    if [ $rc -ne 137 ] || ! cmp -s "$T/a.dump" "$T/k.dump"; then
        echo "FAIL: seeds killed at $point (exit $rc) and run again: not the rows of a clean run"
        fails=1
    else
        echo "seeds killed at $point and run again: the rows of a clean run"
    fi
    rm -f "$T"/k.db*
done
python3 - "$T/a.dump" <<'PY' || fails=1
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
arts = {r["article"]: r for r in recs if r["type"] == "article"}
links = arts["004"]["links"]
print("004 links:", links)
# shown, not checked: which events several articles report depends on what
# our coder finds in them
events = [r for r in recs if r["type"] == "event" and r["num_articles"] > 1]
print("events reported by several articles:", ["%s %s>%s %s (%s)" % (e["day"], e["source"], e["target"], e["code"],
      ", ".join(sorted({m["article"] for m in e["mentions"]}))) for e in events])
if not any(l["article"] == "002" for l in links):
    print("FAIL: 004 is not linked to 002")
    sys.exit(1)
PY
exit $fails
