#!/bin/sh
# Merging differently specific reports of one event (docs/store.md,
# "Events"), on articles of our own (merge.jsonl): "ISIS-K carried out a
# terrorist attack against Americans" (IMGMUSISI>USA 180) and "... a suicide
# bombing against U.S. service members" (IMGMUSISI>USAMIL 1831) on the same
# day are one event with two articles and the specific codes; another day,
# another source (RUS), another target (RUS), another root (130, 194) and
# sibling actors (USAGOV, USAMIL) stay apart; "The United States criticized"
# joins the compatible event with the most mentions. The same articles in
# reverse order give the same events (but for "The United States", which
# joins whichever of USAGOV and USAMIL came first: the choice depends on
# what is stored before it); an ingest killed with SIGKILL and run
# again gives the rows of a clean run; replacing the specific report takes
# its codes back off the event.
set -u
EVC=${1:?usage: merge.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
IN=$HERE/merge.jsonl

"$EVC" ingest --db "$T/a.db" --batch 2 "$IN" > /dev/null || fail "ingest"
"$EVC" export --db "$T/a.db" > "$T/a.dump" || fail "export"
python3 - "$T/a.dump" <<'PY' || fails=$((fails + 1))
import json, sys
events = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if '"type":"event"' in l]
ok = True
def check(cond, msg):
    global ok
    if not cond:
        print("FAIL:", msg)
        ok = False
def key(e):
    return "%s %s>%s %s" % (e["day"], e["source"], e["target"], e["code"])
by = {key(e): e for e in events}
attack = by.get("2021-08-26 IMGMUSISI>USAMIL 1831")
check(attack is not None, "no merged attack event: %s" % sorted(by))
if attack:
    check(attack["num_articles"] == 2 and attack["num_sources"] == 2 and attack["num_mentions"] == 2,
          "attack counts: %r" % [attack[k] for k in ("num_articles", "num_sources", "num_mentions")])
    own = sorted((m["article"], m["target"], m["code"]) for m in attack["mentions"])
    check(own == [("m1-attack-americans", "USA", "180"), ("m2-attack-service-members", "USAMIL", "1831")],
          "attack mentions keep their own codes: %r" % own)
    check(attack["goldstein"] == -10.0, "attack Goldstein %r (1831's is -10.0)" % attack["goldstein"])
for k in ("2021-08-27 IMGMUSISI>USA 180", "2021-08-26 RUS>USA 180", "2021-08-26 IMGMUSISI>RUS 180",
          "2021-08-26 IMGMUSISI>USA 130", "2021-08-26 IMGMUSISI>USA 194", "2021-08-26 USAMIL>AFGREB 111"):
    check(k in by and by[k]["num_articles"] == 1, "%s: not an event of its own" % k)
gov = by.get("2021-08-26 USAGOV>AFGREB 111")
check(gov is not None and sorted(m["article"] for m in gov["mentions"]) ==
      ["m5-officials", "m6-biden", "m8-united-states"],
      "USA>AFGREB 111 did not join USAGOV>AFGREB 111 (two mentions against one)")
check(len(events) == 8, "%d events, expected 8" % len(events))
print("merge: %d events from %d mentions; the attack: %s with %d articles"
      % (len(events), sum(len(e["mentions"]) for e in events), key(attack) if attack else None,
         attack["num_articles"] if attack else 0))
sys.exit(0 if ok else 1)
PY

# the same articles in reverse order: the same events and counts (without
# the report compatible with two sibling events)
grep -v m8-united-states "$IN" > "$T/fwd.jsonl"
tac "$T/fwd.jsonl" > "$T/rev.jsonl"
"$EVC" ingest --db "$T/fwd.db" --batch 2 "$T/fwd.jsonl" > /dev/null || fail "ingest"
"$EVC" export --db "$T/fwd.db" > "$T/fwd.dump" || fail "export"
"$EVC" ingest --db "$T/rev.db" --batch 2 "$T/rev.jsonl" > /dev/null || fail "reverse ingest"
"$EVC" export --db "$T/rev.db" > "$T/rev.dump" || fail "export"
summary() {
    python3 -c 'import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(l)
    if e["type"] == "event":
        print(e["day"], e["source"], e["target"], e["code"], e["num_articles"], e["num_mentions"],
              sorted((m["article"], m["code"]) for m in e["mentions"]))' "$1"
}
summary "$T/fwd.dump" > "$T/fwd.sum"
summary "$T/rev.dump" > "$T/rev.sum"
if cmp -s "$T/fwd.sum" "$T/rev.sum"; then
    echo "reverse order: the same $(wc -l < "$T/rev.sum") events"
else
    fail "reverse order gives other events"
    diff "$T/fwd.sum" "$T/rev.sum"
fi

# killed at chosen points and run again: the rows of a clean run
before=$fails
for point in after:1 inside:2 after:3 inside:4; do
    EVCODE_TEST_KILL=$point "$EVC" ingest --db "$T/k.db" --batch 2 "$IN" > /dev/null 2>&1
    rc=$?
    "$EVC" ingest --db "$T/k.db" --batch 2 "$IN" > /dev/null || fail "$point: rerun"
    "$EVC" export --db "$T/k.db" > "$T/k.dump"
    [ $rc -eq 137 ] && cmp -s "$T/a.dump" "$T/k.dump" || fail "killed at $point (exit $rc), rerun: not a clean run's rows"
    rm -f "$T"/k.db*
done
[ $fails -eq "$before" ] && echo "killed at after:1 inside:2 after:3 inside:4, run again: the rows of a clean run"

# the specific report replaced by a version without it: the event goes back
python3 -c 'import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(l)
    if a["id"] == "m2-attack-service-members":
        a["text"] = "\n\n".join(a["text"].split("\n\n")[1:])
    print(json.dumps(a))' "$IN" > "$T/changed.jsonl"
cp "$T/a.db" "$T/r.db"
"$EVC" ingest --db "$T/r.db" "$T/changed.jsonl" | grep -q "1 replaced" || fail "m2 was not replaced"
"$EVC" export --db "$T/r.db" > "$T/r.dump"
python3 - "$T/r.dump" <<'PY' || fails=$((fails + 1))
import json, sys
events = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if '"type":"event"' in l]
mine = [e for e in events if any(m["article"] == "m1-attack-americans" for m in e["mentions"])]
if len(mine) != 1 or (mine[0]["target"], mine[0]["code"], mine[0]["num_articles"], mine[0]["goldstein"]) != \
        ("USA", "180", 1, -9.0):
    print("FAIL: after the replacement: %r" % [(e["target"], e["code"], e["num_articles"]) for e in mine])
    sys.exit(1)
print("replaced: the attack event is IMGMUSISI>USA 180 again, with one article")
PY

if [ $fails -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "store merge: all checks passed"
