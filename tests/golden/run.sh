#!/bin/sh
# Golden test: coding examples/ must give exactly tests/golden/examples.jsonl,
# with one thread and with two (output in input order). After an intended
# change, regenerate with tests/golden/update.sh and review the diff.
set -u
EVC=${1:?usage: run.sh EVCODE}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
fail=0
for n in 1 2; do
    "$EVC" code --quotes --articles --threads $n examples/*.txt > "$T/out$n" || { echo "FAIL: evcode exited $?"; fail=1; }
    if ! diff -u tests/golden/examples.jsonl "$T/out$n" > "$T/diff"; then
        echo "FAIL: output with --threads $n differs from tests/golden/examples.jsonl:"
        head -40 "$T/diff"
        fail=1
    fi
done
"$EVC" code --quotes --articles examples/articles.jsonl > "$T/jsonl" || fail=1
if ! diff -u tests/golden/articles.jsonl "$T/jsonl" > "$T/diff"; then
    echo "FAIL: examples/articles.jsonl output differs from tests/golden/articles.jsonl:"
    head -40 "$T/diff"
    fail=1
fi
events=$(grep -c '"type":"event"' tests/golden/examples.jsonl)
if [ "$events" -lt 10 ]; then
    echo "FAIL: the golden file holds only $events events"
    fail=1
fi
if [ $fail -eq 0 ]; then echo "golden: 4 passed, 0 failed"; else echo "golden: failed"; fi
exit $fail
