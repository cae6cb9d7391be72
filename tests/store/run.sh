#!/bin/sh
# The store through the CLI (docs/store.md): ingest counts; re-ingest adds
# nothing; an ingest killed with SIGKILL at many points and run again ends
# with exactly what a clean run stores (same export dump, byte for byte,
# and the same watchlist hits, which are query's events);
# near-duplicates and shared passages; a changed article replaces its old
# version; code --db prints what code prints; every export format; queries;
# bad input gets a message and exit 1, never a crash.
set -u
EVC=${1:?usage: run.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
dump() { "$EVC" export --db "$1" --format jsonl > "$2" || fail "export of $1"; }
# a watchlist (no webhook) whose hits a killed and rerun ingest must record
# exactly as a clean run does: none lost, none twice
watch() { "$EVC" watch add --db "$1" force --code 18 --code 19 --code 2 > /dev/null || fail "watch add on $1"; }
hits() {
    "$EVC" watch events --db "$1" force --format jsonl |
        python3 -c 'import json, sys; [print(e["day"], e["source"], e["target"], e["code"]) for e in map(json.loads, sys.stdin)]' |
        sort > "$2" || fail "hits of $1"
}

python3 "$HERE/corpus.py" > "$T/small.jsonl" || exit 1
python3 "$HERE/corpus.py" 400 > "$T/big.jsonl" || exit 1
python3 "$HERE/corpus.py" --changed > "$T/changed.jsonl" || exit 1
nsmall=$(wc -l < "$T/small.jsonl")

# --- clean ingest, then the same again ------------------------------------
watch "$T/clean.db"
"$EVC" ingest --db "$T/clean.db" --batch 3 "$T/small.jsonl" > "$T/ingest1.out" || fail "ingest exit $?"
cat "$T/ingest1.out"
grep -q "^$nsmall articles: $nsmall added, 0 unchanged, 0 replaced; 1 near-duplicates, 1 sharing passages" \
    "$T/ingest1.out" || fail "first ingest counts"
dump "$T/clean.db" "$T/clean.dump"
hits "$T/clean.db" "$T/clean.hits"
"$EVC" query --db "$T/clean.db" --code 18 --code 19 --code 2 --format jsonl |
    python3 -c 'import json, sys; [print(e["day"], e["source"], e["target"], e["code"]) for e in map(json.loads, sys.stdin)]' |
    sort > "$T/clean.query"
[ -s "$T/clean.hits" ] && cmp -s "$T/clean.hits" "$T/clean.query" || fail "the watchlist's hits are not query's events"
"$EVC" ingest --db "$T/clean.db" "$T/small.jsonl" > "$T/ingest2.out" || fail "re-ingest exit $?"
grep -q "^$nsmall articles: 0 added, $nsmall unchanged, 0 replaced" "$T/ingest2.out" || fail "re-ingest added something"
grep -q "^0 mentions, 0 new events, 0 quotes" "$T/ingest2.out" || fail "re-ingest stored rows"
dump "$T/clean.db" "$T/again.dump"
cmp -s "$T/clean.dump" "$T/again.dump" || fail "re-ingest changed the store"
echo "re-ingest: $(head -1 "$T/ingest2.out")"

# --- SIGKILL at chosen points (test hook), then run again --------------------
# after:N kills right after batch N commits, inside:N halfway through batch N
for point in after:1 inside:1 after:2 inside:2 after:3 inside:4; do
    db="$T/kill-$point.db"
    watch "$db"
    EVCODE_TEST_KILL=$point "$EVC" ingest --db "$db" --batch 3 "$T/small.jsonl" > /dev/null 2>&1
    rc=$?
    [ $rc -eq 137 ] || fail "$point: ingest was not killed (exit $rc)"
    "$EVC" ingest --db "$db" --batch 3 "$T/small.jsonl" > "$T/rerun.out" || fail "$point: rerun exit $?"
    dump "$db" "$T/kill.dump"
    hits "$db" "$T/kill.hits"
    if cmp -s "$T/clean.dump" "$T/kill.dump" && cmp -s "$T/clean.hits" "$T/kill.hits"; then
        echo "kill -9 at $point, rerun: same store and watchlist hits as a clean run ($(head -1 "$T/rerun.out" | cut -d';' -f1))"
    else
        fail "kill -9 at $point: store or hits differ from a clean run"
        diff "$T/clean.dump" "$T/kill.dump" | head -5
        diff "$T/clean.hits" "$T/kill.hits" | head -5
    fi
done

# --- real kill -9 at timed moments, on the bigger corpus -------------------
watch "$T/bigclean.db"
watch "$T/bigkill.db"
"$EVC" ingest --db "$T/bigclean.db" --batch 4 "$T/big.jsonl" > /dev/null || fail "big clean ingest"
dump "$T/bigclean.db" "$T/bigclean.dump"
hits "$T/bigclean.db" "$T/bigclean.hits"
nbig=$(wc -l < "$T/big.jsonl")
killed=0
counts=""
for delay in 0.05 0.1 0.15 0.2 0.3 0.4; do
    "$EVC" ingest --db "$T/bigkill.db" --batch 4 "$T/big.jsonl" > /dev/null 2>&1 &
    pid=$!
    sleep $delay
    if kill -9 $pid 2>/dev/null; then
        killed=$((killed + 1))
    fi
    wait $pid 2>/dev/null
    n=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles").fetchone()[0])' "$T/bigkill.db" 2>/dev/null || echo "?")
    counts="$counts $n"
done
[ $killed -ge 1 ] || fail "timed kill -9: no run was still going when killed"
"$EVC" ingest --db "$T/bigkill.db" --batch 4 "$T/big.jsonl" > "$T/bigrerun.out" || fail "big rerun exit $?"
dump "$T/bigkill.db" "$T/bigkill.dump"
hits "$T/bigkill.db" "$T/bigkill.hits"
if cmp -s "$T/bigclean.dump" "$T/bigkill.dump" && cmp -s "$T/bigclean.hits" "$T/bigkill.hits"; then
    echo "timed kill -9: $killed of 6 runs killed (articles stored after each:$counts of $nbig);" \
         "rerun gives the clean run's store ($(wc -l < "$T/bigclean.dump") dump lines) and its $(wc -l < "$T/bigclean.hits") hits"
else
    fail "timed kill -9: store or hits differ from a clean run"
fi

# --- deduplication -----------------------------------------------------------
python3 - "$T/clean.dump" <<'PY' || fails=$((fails + 1))
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
arts = {r["article"]: r for r in recs if r["type"] == "article"}
copy, back = arts["syndicated-copy"], arts["sudan-background"]
ok = True
def check(cond, msg):
    global ok
    if not cond:
        print("FAIL:", msg)
        ok = False
check(copy["duplicate_of"] and copy["duplicate_of"].startswith("03-"), "the reprint is not linked to 03")
check(copy["similarity"] >= 0.5, "the reprint's similarity is below the threshold")
check(back["duplicate_of"] is None, "the background story is taken for a duplicate")
check([l["kind"] for l in back["links"]] == ["passages"] and back["links"][0]["article"].startswith("06-"),
      "the background story is not linked to 06 by its passages")
merged = [r for r in recs if r["type"] == "event" and
          {m["article"] for m in r["mentions"]} >= {"syndicated-copy", copy["duplicate_of"]}]
check(merged, "no event of 03 merged with its reprint")
for r in merged:
    check(r["num_articles"] == 1 and r["num_sources"] == 1, "a reprint counted as a second article or source")
    check(all(m["copy_of"] for m in r["mentions"] if m["article"] == "syndicated-copy"),
          "a reprint's mention is not marked as a copy")
events = [r for r in recs if r["type"] == "event"]
print("dedup: reprint of %s linked (similarity %.2f), %d of its events merged with 1 article each; "
      "sudan-background linked by %d shared passages; %d events, %d mentions"
      % (copy["duplicate_of"], copy["similarity"], len(merged), back["links"][0]["score"], len(events),
         sum(len(r["mentions"]) for r in events)))
sys.exit(0 if ok else 1)
PY

# --- a changed article replaces its old version ------------------------------
cp "$T/clean.db" "$T/replace.db"
"$EVC" ingest --db "$T/replace.db" "$T/changed.jsonl" > "$T/replace.out" || fail "changed ingest exit $?"
grep -q "0 added, $((nsmall - 1)) unchanged, 1 replaced" "$T/replace.out" || fail "the changed article was not replaced"
"$EVC" ingest --db "$T/fresh.db" "$T/changed.jsonl" > /dev/null || fail "fresh ingest of the changed corpus"
dump "$T/replace.db" "$T/replace.dump"
dump "$T/fresh.db" "$T/fresh.dump"
cmp -s "$T/replace.dump" "$T/fresh.dump" || fail "replacing an article differs from ingesting the new version"

# --- code --db prints what code prints, and stores ---------------------------
"$EVC" code --quotes "$T/small.jsonl" > "$T/code.out" || fail "code exit"
"$EVC" code --quotes --db "$T/code.db" "$T/small.jsonl" > "$T/codedb.out" || fail "code --db exit"
cmp -s "$T/code.out" "$T/codedb.out" || fail "code --db changed the records"
dump "$T/code.db" "$T/code.dump"
cmp -s "$T/clean.dump" "$T/code.dump" || fail "code --db stored other rows than ingest"

# --- export formats ------------------------------------------------------------
"$EVC" export --db "$T/clean.db" --format gdelt > "$T/gdelt.tsv" || fail "gdelt export"
"$EVC" export --db "$T/clean.db" --format csv > "$T/events.csv" || fail "csv export"
"$EVC" export --db "$T/clean.db" --format plover > "$T/plover.jsonl" || fail "plover export"
python3 - "$T/gdelt.tsv" "$T/events.csv" "$T/plover.jsonl" "$T/clean.dump" <<'PY' || fails=$((fails + 1))
import csv, json, sys
gdelt = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
plover = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
events = [json.loads(l) for l in open(sys.argv[4], encoding="utf-8") if '"type":"event"' in l]
ok = True
def check(cond, msg):
    global ok
    if not cond:
        print("FAIL:", msg)
        ok = False
check(len(gdelt) == len(events), "gdelt: %d rows for %d events" % (len(gdelt), len(events)))
check(all(len(r) == 61 for r in gdelt), "gdelt: a row without 61 columns")
check(all(r[26] == r[27][:len(r[26])] or True for r in gdelt), "")
check(all(r[27] == r[26][:3] and r[28] == r[26][:2] for r in gdelt), "gdelt: base or root code wrong")
check(rows[0][:3] == ["id", "day", "source"] and len(rows) == len(events) + 1, "csv: header or row count")
check(all(len(r) == len(rows[0]) for r in rows), "csv: ragged rows")
types = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
         "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"}
check(all(p["event_type"] in types for p in plover), "plover: unknown event type")
check(not any(p["cameo"][:2] in ("01", "02") for p in plover), "plover: a CAMEO 01/02 event exported")
n0102 = sum(1 for e in events if e["code"][:2] in ("01", "02"))
check(len(plover) == len(events) - n0102, "plover: %d records for %d events" % (len(plover), len(events) - n0102))
print("exports: gdelt %d rows x 61 columns, csv %d rows, plover %d records (%d CAMEO 01/02 events have no type)"
      % (len(gdelt), len(rows) - 1, len(plover), n0102))
sys.exit(0 if ok else 1)
PY

# --- queries -------------------------------------------------------------------
"$EVC" query --db "$T/clean.db" --actor RUS --code 19 > "$T/q1" || fail "query exit"
grep -q "RUS" "$T/q1" && grep -q "^[0-9-]* *RUS" "$T/q1" || fail "query --actor RUS found nothing"
"$EVC" query --db "$T/clean.db" --text "Odesa" --format jsonl > "$T/q2" || fail "query --text exit"
python3 - "$T/q2" <<'PY' || fails=$((fails + 1))
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
bad = [r for r in recs if r["type"] != "event" or not any("Odesa" in m["sentence"] for m in r["mentions"])]
if not recs or bad:
    print("FAIL: query --text Odesa: %d records, %d without the word" % (len(recs), len(bad)))
    sys.exit(1)
PY
"$EVC" query --db "$T/clean.db" --from 2022-07-24 --to 2022-07-24 --format jsonl > "$T/q3" || fail "query dates"
[ -s "$T/q3" ] && ! grep -v '"day":"2022-07-24"' "$T/q3" > /dev/null || fail "query --from/--to"
"$EVC" query --db "$T/clean.db" --limit 3 | tail -1 | grep -q "^3 events" || fail "query --limit 3"

# --- bad input: a message and exit 1, never a crash -----------------------------
expect_error() {  # expect_error PATTERN CMD...
    pat=$1
    shift
    "$@" > "$T/err.out" 2> "$T/err.txt"
    rc=$?
    if [ $rc -ne 1 ] || ! grep -q "$pat" "$T/err.txt"; then
        fail "'$*' gave exit $rc and '$(head -1 "$T/err.txt")', expected exit 1 and /$pat/"
    fi
}
printf 'not a database, just text\n%.0s' $(seq 1 200) > "$T/text.db"
expect_error "no such store" "$EVC" query --db "$T/missing.db"
expect_error "db FILE is required" "$EVC" export
expect_error "db FILE is required" "$EVC" ingest "$T/small.jsonl"
expect_error "text.db: .*not an evcode store\|text.db: .*not a database" "$EVC" query --db "$T/text.db"
expect_error "text.db: .*not an evcode store\|text.db: .*not a database" "$EVC" ingest --db "$T/text.db" "$T/small.jsonl"
expect_error "YYYY-MM-DD" "$EVC" query --db "$T/clean.db" --from yesterday
expect_error "1 to 4 digits" "$EVC" query --db "$T/clean.db" --code "13; DROP TABLE events"
expect_error "unknown format" "$EVC" export --db "$T/clean.db" --format xml
expect_error "no words" "$EVC" query --db "$T/clean.db" --text '"*()'
expect_error "limit wants" "$EVC" query --db "$T/clean.db" --limit 0
expect_error "cannot open" "$EVC" ingest --db "$T/no/such/dir/x.db" "$T/small.jsonl"
# FTS5 syntax in the words is searched for as words, not run as syntax
"$EVC" query --db "$T/clean.db" --text 'Odesa AND NEAR( "x' > /dev/null 2> "$T/err.txt" || fail "query with FTS5 syntax"
dump "$T/clean.db" "$T/after.dump"
cmp -s "$T/clean.dump" "$T/after.dump" || fail "a bad command changed the store"

if [ $fails -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "store: all checks passed"
