#!/bin/sh
# The CLI's error contract: every input problem is reported as
# "file:line: reason" on stderr, the rest is coded, the exit status is 2.
set -u
EVC=${1:?usage: errors.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
DICT="$HERE/../unit/fixtures"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
pass=0
check() { # description, command status
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
has() { grep -q -- "$2" "$1"; }

printf '%s\n' '{"id":"a","published":"2021-09-02","text":"The Taliban attacked Pakistan."}' \
    '{"id":"b","text":"broken' \
    '{"id":"c","published":"2021-09-02","text":"ISIS attacked the Taliban."}' > "$T/mixed.jsonl"
printf 'The Taliban attacked \377\376 Pakistan.\n' > "$T/badutf8.txt"
printf 'The Taliban attacked\000 Pakistan.\n' > "$T/nul.txt"
: > "$T/empty.txt"
: > "$T/empty.jsonl"
# every byte value in turn (deterministic: random bytes read as text once in a few hundred runs)
python3 -c "import sys; sys.stdout.buffer.write(bytes(range(256)) * 16)" > "$T/binary.bin"
printf 'The Taliban attacked Pakistan.\n' > "$T/good.txt"
# a 50 MB single line
awk 'BEGIN { s = "The Taliban attacked Pakistan and "; for (i = 0; i < 1600000; i++) printf "%s", s; print "" }' > "$T/huge.txt"

"$EVC" code --dict "$DICT" --published 2021-09-02 "$T/mixed.jsonl" "$T/badutf8.txt" "$T/nul.txt" "$T/empty.txt" \
    "$T/empty.jsonl" "$T/binary.bin" "$T/huge.txt" "$T/good.txt" > "$T/out" 2> "$T/err"
st=$?
check "exit status 2 when input was skipped (got $st)" $([ $st -eq 2 ]; echo $?)
check "malformed JSONL line reported with line and column" $(has "$T/err" "mixed.jsonl:2:[0-9]*: unterminated string; line skipped"; echo $?)
check "lines around a malformed line are coded" $([ "$(grep -c '"article":"a"' "$T/out")" -eq 1 ] && [ "$(grep -c '"article":"c"' "$T/out")" -eq 1 ]; echo $?)
check "invalid UTF-8 reported" $(has "$T/err" "badutf8.txt:1: 2 invalid UTF-8 sequence(s) and 0 NUL byte(s) replaced"; echo $?)
check "invalid UTF-8 article still coded" $(has "$T/out" '"article":"badutf8"'; echo $?)
check "NUL bytes reported" $(has "$T/err" "nul.txt:1: 0 invalid UTF-8 sequence(s) and 1 NUL byte(s) replaced"; echo $?)
check "empty text file reported" $(has "$T/err" "empty.txt:1: empty article; skipped"; echo $?)
check "empty JSONL file reported" $(has "$T/err" "empty.jsonl:1: empty input; skipped"; echo $?)
check "binary file reported" $(has "$T/err" "binary.bin:1: binary data, not text; skipped"; echo $?)
check "50 MB line reported" $(has "$T/err" "huge.txt:1: article larger than 16777216 bytes; skipped"; echo $?)
check "the good file after them is coded" $(has "$T/out" '"article":"good"'; echo $?)
check "every output line is JSON" $(python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/out"; echo $?)

# clean input exits 0; usage errors exit 1
"$EVC" code --dict "$DICT" "$T/good.txt" > /dev/null 2>&1
check "clean input exits 0" $?
"$EVC" code --bogus > /dev/null 2>&1
check "unknown option exits 1" $([ $? -eq 1 ]; echo $?)
"$EVC" code --max-bytes 600000000 "$T/good.txt" > /dev/null 2>&1
check "--max-bytes over 512 MiB (32-bit text offsets) exits 1" $([ $? -eq 1 ]; echo $?)
"$EVC" code --dict /nonexistent "$T/good.txt" > /dev/null 2> "$T/err2"
check "missing dictionary exits 1 with a message" $([ $? -eq 1 ] && has "$T/err2" "cannot find"; echo $?)
"$EVC" code --dict "$DICT" "$T/missing.txt" > /dev/null 2> "$T/err3"
check "missing input file reported" $([ $? -eq 2 ] && has "$T/err3" "missing.txt: cannot open"; echo $?)
# a directory is read (its input files, recursively), whatever its name; one
# without input files is reported
mkdir "$T/dir" "$T/dir.txt"
"$EVC" code --dict "$DICT" "$T/dir" "$T/dir.txt" "$T/good.txt" > "$T/out5" 2> "$T/err5"
check "directories without inputs reported" $([ $? -eq 2 ] && has "$T/err5" "dir: directory without input files" &&
    has "$T/err5" "dir.txt: directory without input files" && has "$T/out5" '"article":"good"'; echo $?)
# stdin: JSON Lines sniffed
printf '%s\n' '{"id":"s1","text":"The Taliban attacked Pakistan."}' | "$EVC" code --dict "$DICT" - > "$T/out4"
check "stdin JSONL" $(has "$T/out4" '"article":"s1"'; echo $?)
# --help mentions the error contract
"$EVC" --help > "$T/help"
check "--help documents the error contract" $(has "$T/help" "file:line\[:col\]: reason" && has "$T/help" "Exit status: 0" &&
    has "$T/help" "2 when some" && has "$T/help" "1 on a usage or fatal error"; echo $?)
"$EVC" code --help | grep -q "file:line\[:col\]: reason"
check "code --help documents the error contract" $?
"$EVC" code --help | grep -q -- "--threads"
check "code --help lists options" $?

# dict check reports every bad line and counts what it read
mkdir -p "$T/dict"
cp -r "$DICT"/. "$T/dict"/
printf 'Taliban = AFGREB\nBroken line\nX = lower\nGood Name = FRA\n' > "$T/dict/en/actors-bad.txt"
"$EVC" dict check "$T/dict" > "$T/check.out" 2> "$T/check.err"
check "dict check exits 1 on bad lines" $([ $? -eq 1 ]; echo $?)
check "dict check names both bad lines" $(has "$T/check.err" "actors-bad.txt:2: missing '='" && has "$T/check.err" "actors-bad.txt:3: invalid code"; echo $?)
check "dict check counts the good entries" $(has "$T/check.out" "organisations	9"; echo $?)
"$EVC" dict check "$DICT" > /dev/null 2>&1
check "dict check exits 0 on good dictionaries" $?

# --progress reports on stderr; without it (and no terminal) stderr stays quiet
"$EVC" code --dict "$DICT" --progress "$T/good.txt" > /dev/null 2> "$T/prog"
check "--progress prints articles and articles/s" $(has "$T/prog" "1 articles, .* articles/s"; echo $?)
"$EVC" code --dict "$DICT" "$T/good.txt" > /dev/null 2> "$T/prog2"
check "no progress when stderr is not a terminal" $([ ! -s "$T/prog2" ]; echo $?)
# --stats: one line with every stage, the records unchanged
"$EVC" code --dict "$DICT" --stats "$T/good.txt" > "$T/timed.out" 2> "$T/timed"
check "--stats names every stage" $(has "$T/timed" "^stages .*parse .*clean .*split .*actors .*quotes .*dates .*code .*write "; echo $?)
"$EVC" code --dict "$DICT" "$T/good.txt" > "$T/nostats.out" 2> /dev/null
check "--stats leaves the records unchanged" $(cmp -s "$T/timed.out" "$T/nostats.out"; echo $?)

# dict stats lists every CAMEO code with its patterns; none of ours is without one
"$EVC" dict stats > "$T/stats.out"
check "dict stats: every CAMEO code of data/ has a pattern" $?
check "dict stats lists all 311 codes" $([ "$(sed -n '/^patterns per CAMEO code:/,$p' "$T/stats.out" | grep -c '	')" -eq 311 ]; echo $?)
"$EVC" dict stats "$DICT" > /dev/null 2>&1
check "dict stats fails when a code has no pattern (the fixture covers few)" $([ $? -eq 1 ]; echo $?)

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
