#!/bin/sh
# Acceptance: `evcode validate` on the four peer validation suites in
# ../shared/peers, with floors (records passed, expected events found, share
# of extra events) from tests/acceptance/peer_floors.txt. Floors only go up
# and ceilings only down.
set -u
EVC=${1:?usage: peers.sh EVCODE}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
P="$ROOT/../shared/peers"
if [ ! -d "$P/tabari" ] || [ ! -d "$P/petrarch2" ] || [ ! -d "$P/universalpetrarch" ]; then
    echo "skipped: ../shared not found"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$ROOT" || exit 1
"$EVC" validate "$P/tabari/Validate.project" --quiet > "$T/tabari" || exit 1
"$EVC" validate "$P/petrarch2/text/PETR.UnitTest.records.xml" --dict "$P/petrarch2/dictionaries" --quiet > "$T/petr_unit" || exit 1
"$EVC" validate "$P/universalpetrarch/PETR_Validate_records_2_02.xml" --quiet > "$T/ud_validate" || exit 1
"$EVC" validate "$P/universalpetrarch/PETR2_GSR_validation.xml" --dict "$P/petrarch2/dictionaries" --quiet > "$T/gsr" || exit 1
fail=0
while read -r suite what bound; do
    case "$suite" in ''|'#'*) continue ;; esac
    f="$T/$suite"
    passed=$(sed -n 's/^\([0-9]*\) passed.*/\1/p' "$f")
    found=$(sed -n 's/.*found [0-9]* (\([0-9.]*\)%).*/\1/p' "$f")
    extra=$(sed -n 's/.*extra [0-9]* (\([0-9.]*\)%.*/\1/p' "$f")
    case "$what" in
    passed) got=$passed; ok=$(awk -v g="$got" -v b="$bound" 'BEGIN{print (g >= b)}') ;;
    found) got=$found; ok=$(awk -v g="$got" -v b="$bound" 'BEGIN{print (g >= b)}') ;;
    extra_max) got=$extra; ok=$(awk -v g="$got" -v b="$bound" 'BEGIN{print (g <= b)}') ;;
    *) echo "peer_floors.txt: unknown measure $what"; exit 1 ;;
    esac
    if [ "$ok" = 1 ]; then r=ok; else r=FAIL; fail=1; fi
    printf '%-12s %-10s %8s (bound %s) %s\n' "$suite" "$what" "$got" "$bound" "$r"
done < "$ROOT/tests/acceptance/peer_floors.txt"
for s in tabari petr_unit ud_validate gsr; do printf '%-12s ' "$s"; tail -2 "$T/$s" | tr '\n' ' '; echo; done
exit $fail
