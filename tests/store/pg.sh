#!/bin/sh
# The store in PostgreSQL (docs/store.md, "PostgreSQL"): a throwaway cluster
# (initdb and pg_ctl in a temporary directory, listening on a unix socket
# only; as user nobody when run as root). The same input ingested into
# PostgreSQL and into SQLite exports the same bytes in every format, answers
# queries alike and records the same watchlist hits; re-ingesting adds
# nothing; an ingest killed after a batch and run again ends like a clean
# run; a batch writes only the rows it changed (a replaced article, merged
# reports: still the bytes of SQLite); code --db prints and stores; webhook
# attempts are recorded in PostgreSQL.
# Prints "skipped: ..." and passes when no PostgreSQL server is installed.
set -u
EVC=${1:?usage: pg.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

PGBIN=""
for d in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then PGBIN=$d; fi
done
if [ -z "$PGBIN" ]; then
    echo "skipped: no PostgreSQL server (initdb, pg_ctl; Debian package postgresql)"
    exit 0
fi
AS=""
if [ "$(id -u)" -eq 0 ]; then
    # the server refuses to run as root
    if ! command -v runuser > /dev/null 2>&1 || ! id nobody > /dev/null 2>&1; then
        echo "skipped: running as root without runuser or a user nobody to run PostgreSQL as"
        exit 0
    fi
    AS="runuser -u nobody --"
fi
T=$(mktemp -d /tmp/evcpg.XXXXXX)
chmod 755 "$T"
mkdir "$T/pg"
[ -n "$AS" ] && chown nobody "$T/pg"
PGUSER=$(if [ -n "$AS" ]; then echo nobody; else id -un; fi)
stop() {
    (cd "$T" && $AS "$PGBIN/pg_ctl" -D "$T/pg/data" -m immediate stop > /dev/null 2>&1)
    rm -rf "$T"
}
trap stop EXIT
if ! (cd "$T" && $AS "$PGBIN/initdb" -D "$T/pg/data" -A trust -U "$PGUSER" -E UTF8 --no-sync > "$T/initdb.log" 2>&1); then
    echo "skipped: initdb failed as $PGUSER:"
    tail -3 "$T/initdb.log"
    exit 0
fi
if ! (cd "$T" && $AS "$PGBIN/pg_ctl" -D "$T/pg/data" -w -l "$T/pg/log" \
        -o "-k $T/pg -c listen_addresses= -p 5432 -c fsync=off" start > /dev/null 2>&1); then
    echo "skipped: the throwaway PostgreSQL server did not start:"
    tail -3 "$T/pg/log"
    exit 0
fi
url() { echo "postgresql://$PGUSER@/$1?host=$T/pg&port=5432"; }
PSQL=$PGBIN/psql
[ -x "$PSQL" ] || PSQL=psql
newdb() { "$PSQL" -q "$(url postgres)" -c "CREATE DATABASE $1" || fail "create database $1"; }
PG=$(url postgres)
echo "PostgreSQL $("$PGBIN/pg_ctl" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/') in $T/pg (unix socket), as $PGUSER"

python3 "$HERE/corpus.py" > "$T/small.jsonl" || exit 1
python3 "$HERE/corpus.py" 60 > "$T/more.jsonl" || exit 1

# --- the same ingests into PostgreSQL and SQLite ---------------------------------
# with a watchlist: PostgreSQL keeps it, and records the hits SQLite does
hits() {
    "$EVC" watch events --db "$1" force --format jsonl |
        python3 -c 'import json, sys; [print(e["day"], e["source"], e["target"], e["code"], e["delivery"]) for e in map(json.loads, sys.stdin)]' |
        sort
}
for db in "$PG" "$T/lite.db"; do
    "$EVC" watch add --db "$db" force --code 18 --code 19 --code 2 > /dev/null || fail "watch add on $db"
    "$EVC" ingest --db "$db" --batch 3 "$T/small.jsonl" > "$T/ingest.out" || fail "ingest into $db"
    "$EVC" ingest --db "$db" --batch 8 "$T/more.jsonl" > "$T/ingest2.out" || fail "second ingest into $db"
done
grep "^store:" "$T/ingest2.out"
for f in jsonl gdelt plover csv; do
    "$EVC" export --db "$PG" --format $f > "$T/pg.$f" || fail "export $f from PostgreSQL"
    "$EVC" export --db "$T/lite.db" --format $f > "$T/lite.$f" || fail "export $f from SQLite"
    if cmp -s "$T/pg.$f" "$T/lite.$f" && [ -s "$T/pg.$f" ]; then
        echo "export --format $f: PostgreSQL and SQLite give the same $(wc -l < "$T/pg.$f") lines"
    else
        fail "export --format $f differs between PostgreSQL and SQLite"
        diff "$T/pg.$f" "$T/lite.$f" | head -5
    fi
done
for args in "--actor USA" "--code 19 --from 2023-01-01" "--text said --limit 7"; do
    # shellcheck disable=SC2086
    a=$("$EVC" query --db "$PG" $args --format jsonl | md5sum)
    # shellcheck disable=SC2086
    b=$("$EVC" query --db "$T/lite.db" $args --format jsonl | md5sum)
    [ "$a" = "$b" ] || fail "query $args differs"
done
echo "query: three filters give the same events"
a=$(hits "$PG")
if [ -n "$a" ] && [ "$a" = "$(hits "$T/lite.db")" ]; then
    echo "watchlist: PostgreSQL keeps it and records the same $(echo "$a" | wc -l) hits as SQLite"
else
    fail "the watchlist's hits differ between PostgreSQL and SQLite"
fi
"$EVC" watch list --db "$PG" | grep -q '"name":"force"' || fail "watch list on PostgreSQL"

# --- webhooks: delivered at the end of an ingest (on its own handle) and by
# watch deliver; here to a closed port, so each attempt fails and is recorded
newdb hooked
H=$(url hooked)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$EVC" watch add --db "$H" hook --code 19 --webhook "http://127.0.0.1:$port/" > /dev/null || fail "watch add hook"
"$EVC" ingest --db "$H" "$T/small.jsonl" > "$T/hook.out" || fail "ingest with a webhook"
"$EVC" watch deliver --db "$H" --now > /dev/null
[ $? -eq 2 ] || fail "watch deliver to a closed port: not exit 2"
# every delivery attempted (by watch deliver --now at least) and recorded; the
# ingest attempted some in its grace (how many depends on the machine's speed)
n=$("$PSQL" -At "$H" -c "SELECT count(*), count(*) FILTER (WHERE state = 'pending' AND attempts >= 1
    AND last_error LIKE 'cannot connect%'), count(*) FILTER (WHERE attempts = 2) FROM watch_deliveries" 2> /dev/null)
all=${n%%|*}
rest=${n#*|}
if [ -n "$n" ] && [ "$all" -gt 0 ] && [ "$all" = "${rest%%|*}" ] && [ "${rest#*|}" -gt 0 ]; then
    echo "webhooks: $all deliveries attempted (${rest#*|} by the ingest itself), each attempt recorded in PostgreSQL"
else
    fail "webhook attempts in PostgreSQL: '$n'; $(tail -1 "$T/hook.out")"
fi

# the tables hold the rows (for other tools reading PostgreSQL directly)
n=$("$PSQL" -At "$PG" -c "SELECT count(*) FROM events" 2> /dev/null || echo "?")
[ "$n" = "$(grep -c '"type":"event"' "$T/pg.jsonl")" ] || fail "PostgreSQL events table has $n rows"

# --- re-ingest adds nothing ----------------------------------------------------------
"$EVC" ingest --db "$PG" "$T/small.jsonl" > "$T/again.out" || fail "re-ingest"
grep -q "0 added, $(wc -l < "$T/small.jsonl") unchanged" "$T/again.out" || fail "re-ingest added: $(head -1 "$T/again.out")"
"$EVC" export --db "$PG" > "$T/pg.again" && cmp -s "$T/pg.again" "$T/pg.jsonl" || fail "re-ingest changed the store"

# --- a batch writes the rows it changed, not the store ---------------------------------
# (rows written after transaction X have a newer xmin; a throwaway cluster has
# no wraparound). A replaced article and merged reports: rows deleted, events
# updated, and the same bytes as SQLite.
TABLES="articles article_links minhash_bands passages events mentions quotes actors"
rows() {
    q=""
    for t in $TABLES; do q="$q${q:+ + }(SELECT count(*) FROM $t WHERE xmin::text::bigint > $1)"; done
    "$PSQL" -At "$PG" -c "SELECT $q"
}
total=$(rows 0)
x=$("$PSQL" -At "$PG" -c "SELECT txid_current()")
python3 "$HERE/corpus.py" --changed > "$T/changed.jsonl" || exit 1
for db in "$PG" "$T/lite.db"; do
    "$EVC" ingest --db "$db" --batch 4 "$T/changed.jsonl" | grep -q "1 replaced" || fail "no replacement in $db"
done
written=$(rows "$x")
if [ "$written" -gt 0 ] && [ $((written * 10)) -lt "$total" ]; then
    echo "a replaced article: $written of $total rows written (rows of that article, its events, its actors)"
else
    fail "a replaced article wrote $written of $total rows"
fi
for db in "$PG" "$T/lite.db"; do
    "$EVC" ingest --db "$db" --batch 2 "$HERE/merge.jsonl" > /dev/null || fail "merge.jsonl into $db"
done
"$EVC" export --db "$PG" > "$T/pg.merged"
"$EVC" export --db "$T/lite.db" > "$T/lite.merged"
if cmp -s "$T/pg.merged" "$T/lite.merged"; then
    echo "replaced and merged: PostgreSQL and SQLite give the same $(wc -l < "$T/pg.merged") lines"
else
    fail "after a replacement and merges, PostgreSQL and SQLite differ"
    diff "$T/pg.merged" "$T/lite.merged" | head -5
fi

# --- killed after a batch, run again: a clean run's store ------------------------------
newdb killed
newdb clean
K=$(url killed)
"$EVC" ingest --db "$(url clean)" --batch 3 "$T/small.jsonl" > /dev/null || fail "clean ingest"
EVCODE_TEST_KILL=after:2 "$EVC" ingest --db "$K" --batch 3 "$T/small.jsonl" > /dev/null 2>&1
rc=$?
[ $rc -eq 137 ] || fail "after:2: ingest was not killed (exit $rc)"
"$EVC" ingest --db "$K" --batch 3 "$T/small.jsonl" > "$T/rerun.out" || fail "rerun"
"$EVC" export --db "$K" > "$T/k.jsonl"
"$EVC" export --db "$(url clean)" > "$T/c.jsonl"
if cmp -s "$T/k.jsonl" "$T/c.jsonl"; then
    echo "kill -9 after batch 2, rerun: same store as a clean run ($(head -1 "$T/rerun.out" | cut -d';' -f1))"
else
    fail "killed and rerun differs from a clean run"
fi

# --- code --db prints what code prints, and stores --------------------------------------
newdb coded
"$EVC" code --db "$(url coded)" "$T/small.jsonl" > "$T/coded.out" || fail "code --db"
"$EVC" code "$T/small.jsonl" > "$T/plain.out"
cmp -s "$T/coded.out" "$T/plain.out" || fail "code --db printed something else"
"$EVC" export --db "$(url coded)" > "$T/coded.jsonl"
cmp -s "$T/coded.jsonl" "$T/c.jsonl" || fail "code --db stored something else than ingest"

# --- errors: a message and exit 1 ------------------------------------------------------
"$EVC" export --db "postgresql://$PGUSER@/nosuchdb?host=$T/pg&port=5432" > /dev/null 2> "$T/err" && fail "no such database: exit 0"
grep -q "PostgreSQL: cannot connect" "$T/err" || fail "no such database: $(cat "$T/err")"
"$EVC" serve --db "$PG" > /dev/null 2> "$T/err" && fail "serve on PostgreSQL: exit 0"
grep -q "SQLite" "$T/err" || fail "serve on PostgreSQL: $(cat "$T/err")"

if [ $fails -ne 0 ]; then
    echo "$fails failures"
    exit 1
fi
echo "store in PostgreSQL: all checks passed"
