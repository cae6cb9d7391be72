#!/bin/sh
# Never lose a line: `evcode code --quotes --articles` over every fuzz
# corpus file (fuzz/corpus/*/*), read three ways (format sniffed from the
# content, as .txt, as .jsonl) on one thread and on two. Checks:
#   - every stdout line is a JSON object of type article, event or quote (on
#     two threads with --explain too: events carry "explain", and no_event
#     records come with them);
#   - every stderr line reads "file:line[:col]: reason" and names an input;
#   - the exit status is 0, 1 or 2: 0 exactly when stderr is empty, else 2
#     (1 only with a message);
#   - no article is lost silently: each .txt input gives one article record
#     or a "skipped" message; each non-blank JSONL line gives one article
#     record or a "skipped" message.
set -u
EVC=${1:?usage: corpus_output.sh EVCODE}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/as-is" "$T/txt" "$T/jsonl"
for f in "$ROOT"/fuzz/corpus/*/*; do
    name=$(basename "$(dirname "$f")")-$(basename "$f")
    ln -s "$f" "$T/as-is/$name"
    ln -s "$f" "$T/txt/$name.txt"
    ln -s "$f" "$T/jsonl/$name.jsonl"
done
fail=0
for mode in as-is txt jsonl; do
    for threads in 1 2; do
        explain=""
        [ $threads = 2 ] && explain=--explain
        "$EVC" code --quotes --articles $explain --threads $threads "$T/$mode"/* > "$T/out" 2> "$T/err"
        st=$?
        python3 - "$mode" "$st" "$T/out" "$T/err" "$T/$mode" "$threads" <<'PY' || fail=1
import json, os, re, sys

mode, status, out, err, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
label = "%s, %s thread(s), exit %d" % (mode, sys.argv[6], status)
problems = []
inputs = sorted(os.path.join(folder, f) for f in os.listdir(folder))

articles = {}  # article id -> count
for n, line in enumerate(open(out, "rb"), 1):
    try:
        rec = json.loads(line)
    except ValueError as e:
        problems.append("stdout line %d is not JSON (%s): %r" % (n, e, line[:120]))
        continue
    if not isinstance(rec, dict) or rec.get("type") not in ("article", "event", "quote", "no_event"):
        problems.append("stdout line %d is no record: %r" % (n, line[:120]))
    elif rec["type"] == "article":
        articles[rec.get("article")] = articles.get(rec.get("article"), 0) + 1

form = re.compile(r"^(.+?):([0-9]+)(:[0-9]+)?: (.+)$")
skipped = {}  # input -> skip messages
messages = 0
for n, raw in enumerate(open(err, "rb"), 1):
    messages += 1
    line = raw.decode("utf-8", "replace").rstrip("\n")
    m = form.match(line)
    if not m or m.group(1) not in inputs:
        problems.append("stderr line %d is not 'file:line[:col]: reason': %r" % (n, line[:160]))
        continue
    if m.group(4).endswith("skipped") and not m.group(4).startswith("empty input"):
        skipped[m.group(1)] = skipped.get(m.group(1), 0) + 1

if status not in (0, 1, 2):
    problems.append("exit status %d is not 0, 1 or 2" % status)
elif (status == 0) != (messages == 0):
    problems.append("exit status %d with %d message(s) on stderr" % (status, messages))


def is_jsonl(path, data):
    if path.endswith(".jsonl"):
        return True
    if path.endswith(".txt"):
        return False
    return data.lstrip(b" \n\r\t")[:1] == b"{"  # the CLI sniffs the first non-space byte


expected = 0
for path in inputs:
    data = open(path, "rb").read()
    if is_jsonl(path, data):
        expected += sum(1 for l in data.split(b"\n") if l.strip(b" \t\r")) - skipped.get(path, 0)
    else:
        base = os.path.basename(path)
        aid = base[:base.rindex(".")] if "." in base[1:] else base
        if skipped.get(path, 0) + articles.get(aid, 0) != 1:
            problems.append("%s: %d article record(s) and %d skip message(s)" %
                            (base, articles.get(aid, 0), skipped.get(path, 0)))
        expected += 1 - skipped.get(path, 0)
got = sum(articles.values())
if got != expected:
    problems.append("%d article records, %d expected from the inputs' articles and lines" % (got, expected))

for p in problems[:20]:
    print("FAIL (%s): %s" % (label, p))
if problems:
    sys.exit(1)
print("ok   %s: %d inputs, %d article records, %d messages" % (label, len(inputs), got, messages))
PY
    done
done
if [ $fail -eq 0 ]; then echo "corpus output: passed"; else echo "corpus output: failed"; fi
exit $fail
