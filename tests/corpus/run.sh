#!/bin/sh
# Our own annotated corpus (tests/corpus, written for evcode): events at L1
# and quote speakers, each above a floor (a ratchet: raise, never lower).
set -u
EVC=${1:?usage: run.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
EVENTS_F1=0.80
SPEAKER=0.96
fail=0
"$EVC" code "$HERE/events.jsonl" | python3 "$HERE/score.py" "$HERE/events.jsonl" --min-f1 $EVENTS_F1 || fail=1
"$EVC" code --quotes "$HERE/quotes.jsonl" | python3 "$HERE/score.py" "$HERE/quotes.jsonl" --min-speaker $SPEAKER || fail=1
exit $fail
