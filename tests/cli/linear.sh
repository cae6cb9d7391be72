#!/bin/sh
# Linear time on adversarial inputs, proven by counting work, not by timing:
# callgrind counts the instructions spent coding (inside evc_doc_finish) for
# an input of size N and of size 2N; a linear coder needs about twice the
# work, a quadratic one four times. Fails when the ratio exceeds 2.6.
set -u
EVC=${1:?usage: linear.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
    echo "linear: valgrind not found (scripts/install-deps.sh installs it)"
    exit 1
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
work() { # file -> instructions inside evc_doc_finish
    valgrind --tool=callgrind --toggle-collect=evc_doc_finish --callgrind-out-file="$T/cg.out" \
        "$EVC" code --quotes --threads 1 --max-bytes 100000000 --dict "$HERE/../unit/fixtures" "$1" > /dev/null 2>&1
    awk '/^totals:/ {print $2}' "$T/cg.out"
}
shape() { # name, python expression of one unit, separator, units for N
    python3 - "$T/$1.n.txt" "$T/$1.2n.txt" "$2" "$3" "$4" <<'PY'
import sys
unit, sep, n = sys.argv[3], sys.argv[4].encode().decode('unicode_escape'), int(sys.argv[5])
# a final stop, so that the cleaner keeps the text as body
open(sys.argv[1], "w").write(sep.join([unit] * n) + ".")
open(sys.argv[2], "w").write(sep.join([unit] * (2 * n)) + ".")
PY
    a=$(work "$T/$1.n.txt")
    b=$(work "$T/$1.2n.txt")
    if [ -z "$a" ] || [ -z "$b" ] || [ "$a" -eq 0 ]; then
        echo "FAIL: $1: no instruction count"
        fail=$((fail + 1))
        return
    fi
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
    if awk -v r="$ratio" 'BEGIN { exit !(r <= 2.6) }'; then
        echo "ok   $1: N $a, 2N $b instructions, ratio $ratio"
        pass=$((pass + 1))
    else
        echo "FAIL $1: N $a, 2N $b instructions, ratio $ratio (quadratic?)"
        fail=$((fail + 1))
    fi
}
shape one_sentence "The Taliban attacked Pakistan and" " " 3000
shape no_punctuation "word" " " 20000
shape paragraphs "The official said the Taliban attacked it." "\n\n" 3000
shape quotes "\u201cWe will attack them,\u201d he said of the Taliban." "\n\n" 2000
shape quote_marks "\"" "" 50000
shape names "Antony Blinken said" " " 5000
echo "linear: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
