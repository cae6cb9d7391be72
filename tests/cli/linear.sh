#!/bin/sh
# Linear time and bounded memory on adversarial inputs, proven by counting
# work, never by timing.
#
# Time: callgrind counts the instructions spent coding one article (inside
# evc_doc_finish, or evc_doc_code_json for JSON Lines, which includes the
# parse) for an input of N units and of 2N units (tests/cli/pathological.py
# writes them); a linear coder needs about twice the work, a quadratic one
# four times. Fails when the ratio exceeds 2.6. N is small where callgrind
# is slow; the 2N comparison does not need big inputs.
#
# Memory: /usr/bin/time reports the peak RSS. A 50 MB single line over the
# article limit is skipped without being held (txt, JSONL, standard input);
# inputs of a million units are coded in memory that grows linearly
# (RSS(2N) - RSS(0) <= 2.6 (RSS(N) - RSS(0))) and stays under a bound.
set -u
EVC=${1:?usage: linear.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
DICT="$HERE/../unit/fixtures"
GEN="$HERE/pathological.py"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "linear: valgrind not found (scripts/install-deps.sh installs it)"
    exit 1
fi
if [ ! -x /usr/bin/time ]; then
    echo "linear: /usr/bin/time not found (scripts/install-deps.sh installs it)"
    exit 1
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

work() { # function, file -> instructions inside the function
    valgrind --tool=callgrind --toggle-collect="$1" --callgrind-out-file="$T/cg.out" \
        "$EVC" code --quotes --articles --threads 1 --max-bytes 100000000 --dict "$DICT" "$2" > /dev/null 2>&1
    awk '/^totals:/ {print $2}' "$T/cg.out"
}

shape() { # case (tests/cli/pathological.py), units for N
    ext=txt fn=evc_doc_finish
    case "$1" in json_*) ext=jsonl fn=evc_doc_code_json ;; esac
    python3 "$GEN" "$1" "$2" "$T/$1.n.$ext" && python3 "$GEN" "$1" $(($2 * 2)) "$T/$1.2n.$ext" || {
        bad "$1: cannot write the input"
        return
    }
    a=$(work $fn "$T/$1.n.$ext")
    b=$(work $fn "$T/$1.2n.$ext")
    rm -f "$T/$1.n.$ext" "$T/$1.2n.$ext"
    if [ -z "$a" ] || [ -z "$b" ] || [ "$a" -eq 0 ]; then
        bad "$1: no instruction count"
        return
    fi
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
    if awk -v r="$ratio" 'BEGIN { exit !(r <= 2.6) }'; then
        ok "$1: N=$2: $a, 2N: $b instructions, ratio $ratio"
    else
        bad "$1: N=$2: $a, 2N: $b instructions, ratio $ratio (quadratic?)"
    fi
}

rss() { # file [evcode options...] -> peak RSS in KB of coding it
    f=$1
    shift
    /usr/bin/time -f %M -o "$T/rss" "$EVC" code --quotes --articles --threads 1 --dict "$DICT" "$@" "$f" \
        > /dev/null 2>&1
    tail -n 1 "$T/rss"
}

# ---- time: instructions for N and 2N ----------------------------------------
shape one_sentence 3000             # one long line, one sentence
shape no_punctuation 20000          # 20,000 (and 40,000) tokens, no punctuation at all
shape no_punctuation_names 2000     # 22,000 tokens of names, verbs and cues, no punctuation
shape paragraphs 3000
shape quotes 2000
shape quote_marks 50000
shape curly_quote_marks 10000
shape names 5000
shape one_name 20000                # one name repeated
shape end_marks 20000               # ". . . ." then a lower-case word
shape every_byte 4000               # each byte value 0..255 in turn, inside text
shape bad_utf8 5000                 # invalid, overlong, surrogate and truncated UTF-8
shape nul_bytes 5000
shape crlf 5000
shape lone_cr 5000
shape cr_paragraphs 3000
shape we_said 2000                  # first-person speakers in one paragraph of reported speech
shape json_escapes 2000             # one JSON string full of escapes
shape json_unterminated 20000       # an unterminated JSON line
shape json_members 20000            # many members before "text"

# ---- memory: peak RSS ------------------------------------------------------
# a 50 MB single line over the 16 MiB article limit: skipped, never held
python3 - "$T/huge.txt" "$T/huge.jsonl" <<'PY'
import sys
unit = "The Taliban attacked Pakistan and "
line = unit * (50 * 1000 * 1000 // len(unit))
open(sys.argv[1], "w").write(line + "\n")
open(sys.argv[2], "w").write('{"id":"h","text":"' + line + '"}\n')
PY
for f in huge.txt huge.jsonl; do
    m=$(rss "$T/$f")
    if [ -n "$m" ] && [ "$m" -lt 80000 ]; then
        ok "50 MB single line ($f): skipped in $m KB peak RSS"
    else
        bad "50 MB single line ($f): ${m:-?} KB peak RSS (the line is held?)"
    fi
done
m=$(/usr/bin/time -f %M -o "$T/rss" "$EVC" code --threads 1 --dict "$DICT" - < "$T/huge.jsonl" > /dev/null 2>&1
    tail -n 1 "$T/rss")
if [ -n "$m" ] && [ "$m" -lt 80000 ]; then
    ok "50 MB single line (stdin): skipped in $m KB peak RSS"
else
    bad "50 MB single line (stdin): ${m:-?} KB peak RSS (the line is held?)"
fi
rm -f "$T/huge.txt" "$T/huge.jsonl"

grows() { # case, N, bound in KB for 2N: memory linear in the input and bounded
    ext=txt
    case "$1" in json_*) ext=jsonl ;; esac
    python3 "$GEN" "$1" 1 "$T/m0.$ext"
    python3 "$GEN" "$1" "$2" "$T/m1.$ext"
    python3 "$GEN" "$1" $(($2 * 2)) "$T/m2.$ext"
    m0=$(rss "$T/m0.$ext" --max-bytes 100000000)
    m1=$(rss "$T/m1.$ext" --max-bytes 100000000)
    m2=$(rss "$T/m2.$ext" --max-bytes 100000000)
    bytes=$(wc -c < "$T/m2.$ext")
    rm -f "$T/m0.$ext" "$T/m1.$ext" "$T/m2.$ext"
    if [ -z "$m0" ] || [ -z "$m1" ] || [ -z "$m2" ]; then
        bad "$1: no peak RSS"
    elif [ "$m2" -gt "$3" ] || [ $((m2 - m0)) -gt $(((m1 - m0) * 26 / 10)) ]; then
        bad "$1: peak RSS $m0 KB (1 unit), $m1 KB (N=$2), $m2 KB (2N, $bytes bytes; bound $3 KB)"
    else
        ok "$1: peak RSS $m0 KB (1 unit), $m1 KB (N=$2), $m2 KB (2N, $bytes bytes)"
    fi
}
grows quote_marks 1000000 400000          # 1 M (and 2 M) quote marks
grows one_name 1000000 600000             # one name repeated 1 M times
grows no_punctuation 100000 100000        # a 100,000-token sentence without punctuation
grows json_escapes 50000 400000           # a 7 MB JSON string full of escapes

echo "linear: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
