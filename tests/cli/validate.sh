#!/bin/sh
# `evcode validate` on a TABARI suite of our own (tests/unit/fixtures/peer,
# written for evcode): records, option records (FORWARD stories, MINIMUM
# WORDS, four-digit years) and the summary lines.
set -u
EVC=${1:?usage: validate.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
out=$("$EVC" validate "$HERE/../unit/fixtures/peer/mini.project" --no-cache) || { echo "FAIL: validate exited $?"; exit 1; }
echo "$out"
echo "$out" | grep -qx 'events: expected 4, found 4 (100.0%), extra 0 (0.0% of 4 coded)' || { echo "FAIL: events line"; exit 1; }
echo "$out" | grep -qx '7 passed, 0 failed' || { echo "FAIL: records line"; exit 1; }
echo "ok"
