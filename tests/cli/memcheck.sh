#!/bin/sh
# valgrind memcheck over the golden inputs (examples/) coded with
# `evcode code --quotes --articles`, as the golden test codes them: with the
# dictionaries compiled (--no-cache), then written to and mapped from the
# cache, on one thread and on two; then over malformed inputs (the error
# paths). Fails on any memcheck error or definitely lost block. Registered
# for non-sanitizer builds only: valgrind cannot run ASan builds.
set -u
EVC=${1:?usage: memcheck.sh EVCODE}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
    echo "memcheck: valgrind not found (scripts/install-deps.sh installs it)"
    exit 1
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
pass=0
fail=0
vg() { # name, evcode arguments...
    name=$1
    shift
    valgrind --tool=memcheck --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
        --log-file="$T/$name.vg" "$EVC" "$@" > "$T/$name.out" 2> "$T/$name.err"
    st=$?
    # evcode exits 0 or 2 here (2: some input skipped); 1 is memcheck's report or a fatal error
    if [ $st -ne 0 ] && [ $st -ne 2 ]; then
        echo "FAIL $name: exit $st"
        grep -E '^==[0-9]+== ' "$T/$name.vg" | grep -vE '^==[0-9]+== (Memcheck|Copyright|Using Valgrind|Command)' | head -40
        head -5 "$T/$name.err"
        fail=$((fail + 1))
    else
        echo "ok   $name: $(grep -c . "$T/$name.out") records, no memcheck errors"
        pass=$((pass + 1))
    fi
}
export EVCODE_CACHE_DIR="$T/cache"
vg compiled code --quotes --articles --no-cache --threads 1 examples/*.txt examples/articles.jsonl
vg cache-written code --quotes --articles --threads 2 examples/*.txt examples/articles.jsonl
vg cache-mapped code --quotes --articles --threads 2 --format tsv examples/*.txt examples/articles.jsonl
# the output under valgrind is the golden output (records in input order)
if ! cat tests/golden/examples.jsonl tests/golden/articles.jsonl | cmp -s - "$T/compiled.out"; then
    echo "FAIL compiled: output under valgrind differs from tests/golden/"
    fail=$((fail + 1))
fi
# the error paths: malformed JSON, invalid UTF-8, NUL bytes, binary, empty
printf '%s\n' '{"id":"a","text":"The Taliban attacked Pakistan."}' '{"id":"b","text":"broken' \
    '{"id":"c","text":"bad \u00e9scape \ud800 and \q"}' '[1,2]' '{"id":"d"}' > "$T/bad.jsonl"
printf 'The Taliban attacked \377\376 Pakistan.\000\r\nFrance criticized it.\r' > "$T/bad.txt"
head -c 2048 /dev/zero > "$T/zero.bin"
: > "$T/empty.txt"
vg errors code --quotes --articles --dict tests/unit/fixtures "$T/bad.jsonl" "$T/bad.txt" "$T/zero.bin" \
    "$T/empty.txt" "$T/missing.txt"
echo "memcheck: $pass passed, $fail failed"
[ $fail -eq 0 ]
