#!/bin/sh
# Web inputs: a WARC archive of our own test pages (tests/web/pages, written
# for evcode; mkwarc.py builds the archive: gzip content coding, chunked
# transfer coding, a windows-1252 page named by the HTTP header, a PNG and a
# 404 response to skip) codes to the same events as the same pages given as
# files, in every WARC form (plain, gzip per record, one gzip member); and
# the error contract for web inputs (file:line: reason, the rest coded,
# exit 2).
set -u
EVC=${1:?usage: warc.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

# events without the article id (page ids differ: file name vs WARC record), sorted
events() { grep '"type":"event"' "$1" | sed 's/"article":"[^"]*",//' | sort; }

"$EVC" code "$HERE/pages" > "$T/files.out" 2> "$T/files.err" || no "pages as files: exit $? ($(cat "$T/files.err"))"
[ -s "$T/files.err" ] && no "pages as files: stderr not empty: $(cat "$T/files.err")"
n=$(events "$T/files.out" | wc -l)
[ "$n" -ge 5 ] || no "pages as files: only $n events"
for form in plain.warc members.warc.gz whole.warc.gz; do
    case $form in
    whole*) python3 "$HERE/mkwarc.py" "$HERE/pages" "$T/$form" --whole-gzip ;;
    *) python3 "$HERE/mkwarc.py" "$HERE/pages" "$T/$form" ;;
    esac
    "$EVC" code "$T/$form" > "$T/$form.out" 2> "$T/$form.err" || no "$form: exit $? ($(cat "$T/$form.err"))"
    [ -s "$T/$form.err" ] && no "$form: stderr not empty: $(cat "$T/$form.err")"
    events "$T/files.out" > "$T/a"
    events "$T/$form.out" > "$T/b"
    cmp -s "$T/a" "$T/b" || { no "$form: events differ from the pages as files"; diff "$T/a" "$T/b" | head -5; }
done

# extract: three HTML records, with the URL of the WARC record and the charset
"$EVC" extract "$T/members.warc.gz" > "$T/x.out" || no "extract WARC: exit $?"
[ "$(grep -c '"type":"article"' "$T/x.out")" -eq 3 ] || no "extract WARC: want 3 articles"
grep -q '"url":"https://news.example.org/2023/cafe-summit","language":"fr","charset":"windows-1252"' "$T/x.out" ||
    no "extract WARC: cafe-summit url/charset"
grep -q 'Café Einstein' "$T/x.out" || no "extract WARC: windows-1252 text not converted"
for bad in Advertisement 'Share on' 'Related stories' 'Photo: Ledger' 'cookies' 'newsletter' 'terrible news' 'not text'; do
    grep -q "$bad" "$T/x.out" && no "extract: boilerplate kept: $bad"
done
"$EVC" extract --format zyte "$HERE/pages" > "$T/z.json" || no "extract zyte: exit $?"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert sorted(d)==['cafe-summit','drought-aid','harbour-talks'], d.keys(); assert d['harbour-talks']['datePublished']=='2023-03-14'" "$T/z.json" ||
    no "extract zyte: not one object keyed by page id"

# errors: a record with a broken header, a truncated gzip member, a binary
# page, a gzip page; the good records are still coded, exit 2
python3 "$HERE/mkwarc.py" "$HERE/pages" "$T/ok.warc"
{ printf 'WARC/1.1\r\nWARC-Type: response\r\nContent-Length: xyz\r\n\r\nbody\r\n\r\n'; cat "$T/ok.warc"; } > "$T/badlen.warc"
"$EVC" code "$T/badlen.warc" > "$T/badlen.out" 2> "$T/badlen.err"
st=$?
[ $st -eq 2 ] || no "bad Content-Length: exit $st, want 2"
grep -q "^$T/badlen.warc:1: WARC record without a valid Content-Length" "$T/badlen.err" || no "bad Content-Length: message: $(cat "$T/badlen.err")"
events "$T/badlen.out" > "$T/b"
cmp -s "$T/a" "$T/b" || no "bad Content-Length: the other records were not all coded"
python3 "$HERE/mkwarc.py" "$HERE/pages" "$T/m.warc.gz"
head -c $(( $(wc -c < "$T/m.warc.gz") - 300 )) "$T/m.warc.gz" > "$T/cut.warc.gz"
"$EVC" code "$T/cut.warc.gz" > "$T/cut.out" 2> "$T/cut.err"
st=$?
[ $st -eq 2 ] || no "truncated gzip: exit $st, want 2"
grep -q "^$T/cut.warc.gz:[0-9]*: " "$T/cut.err" || no "truncated gzip: no file:line message: $(cat "$T/cut.err")"
[ "$(events "$T/cut.out" | wc -l)" -ge 3 ] || no "truncated gzip: the records before the cut were not coded"
head -c 3000 /dev/urandom > "$T/noise.html"
gzip -c "$HERE/pages/drought-aid.html" > "$T/drought-aid.html.gz"
"$EVC" code "$T/noise.html" "$T/drought-aid.html.gz" > "$T/mix.out" 2> "$T/mix.err"
st=$?
[ $st -eq 2 ] || no "binary page: exit $st, want 2"
grep -q "^$T/noise.html:1: " "$T/mix.err" || no "binary page: message: $(cat "$T/mix.err")"
grep -q '"article":"drought-aid"' "$T/mix.out" || no "gzip page: not coded"
[ $fail -eq 0 ] && echo "ok: web inputs"
exit $fail
