#!/bin/sh
# Linear time on adversarial web inputs (tests/web/pathological.py), proven by
# counting work, never by timing: callgrind counts the instructions inside
# evc_html_extract (HTML pages; libxml2's parser included) or evc_warc_next
# (WARC archives) of `evcode extract` for an input of N units and of 2N; a
# linear reader needs about twice the work, a quadratic one four times.
# Fails when the ratio exceeds 2.6.
set -u
EVC=${1:?usage: linear.sh EVCODE}
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
    echo "linear: valgrind not found (scripts/install-deps.sh installs it)"
    exit 1
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
work() { # function, file -> instructions inside it
    valgrind --tool=callgrind --toggle-collect="$1" --callgrind-out-file="$T/cg.out" \
        "$EVC" extract --max-bytes 100000000 "$2" > /dev/null 2>&1
    awk '/^totals:/ {print $2}' "$T/cg.out"
}
for spec in ${LINEAR_CASES:-html_deep:20000 html_inline:10000 html_meta:20000 html_links:5000 html_attrs:2000 \
    html_paras:3000 html_comments:20000 html_ldjson:20000 warc_records:3000 warc_garbage:20000 warc_chunks:20000}; do
    c=${spec%%:*} n=${spec##*:}
    case $c in html_*) ext=html fn=evc_html_extract ;; *) ext=warc fn=evc_warc_next ;; esac
    python3 "$HERE/pathological.py" "$c" "$n" "$T/n.$ext" && python3 "$HERE/pathological.py" "$c" $((n * 2)) "$T/2n.$ext"
    a=$(work $fn "$T/n.$ext")
    b=$(work $fn "$T/2n.$ext")
    if [ -z "$a" ] || [ -z "$b" ] || [ "$a" -eq 0 ]; then
        echo "FAIL $c: no instruction count"
        fail=1
        continue
    fi
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
    if awk -v r="$ratio" 'BEGIN { exit !(r <= 2.6) }'; then
        echo "ok   $c: N=$n: $a, 2N: $b instructions, ratio $ratio"
    else
        echo "FAIL $c: N=$n: $a, 2N: $b instructions, ratio $ratio (quadratic?)"
        fail=1
    fi
done
exit $fail
