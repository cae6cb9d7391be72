#!/usr/bin/env python3
"""evcode explain and code --explain.

Codes our examples (and the gold seeds in ../shared/gold when present) with
--explain and checks every explanation against the dictionaries:
- each event has an "explain" object naming its verb pattern (or the rule
  that coded it without one), a rule for its source, and a rule for its
  target and date;
- each cited dictionary entry exists: the file opens, the line is there and
  holds the entry (names as written, patterns after their code);
- each sentence has an event or a "no_event" record with a reason;
- `evcode explain --format text` tells the same events, one "event" line each,
  and `explain` writes the records of `code --explain` when not on a terminal.
Also a sentence of our own whose explanation is known: a pronoun referring
back to a person named in the sentence before.
  usage: explain.py EVCODE
"""
import json
import os
import subprocess
import sys
import tempfile

EVC = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(ROOT, "..", "shared", "gold", "seeds.input.jsonl")
failures = []
lines_cache = {}


def fail(msg):
    failures.append(msg)


def line_of(path, n):
    if path not in lines_cache:
        with open(path, encoding="utf-8") as f:
            lines_cache[path] = f.read().split("\n")
    lines = lines_cache[path]
    return lines[n - 1] if 1 <= n <= len(lines) else None


def check_entry(e, where, pattern=False):
    path, n, entry = e.get("file"), e.get("line"), e.get("entry")
    if not path or not os.path.exists(path):
        return fail(f"{where}: cited file {path!r} does not exist")
    text = line_of(path, n)
    if text is None:
        return fail(f"{where}: {path}:{n} is past the end of the file")
    if pattern:
        code = e.get("code")
        if not text.split() or text.split()[0] != code or entry not in text:
            fail(f"{where}: {path}:{n} is {text!r}, not the pattern {code} {entry!r}")
    elif entry.lower() not in text.lower():
        fail(f"{where}: {path}:{n} is {text!r}, without {entry!r}")


def check_actor(a, where):
    if not a.get("rule"):
        fail(f"{where}: no rule")
    for e in a.get("entries", []):
        check_entry(e, where)
    if "refers_to" in a:
        for e in a["refers_to"].get("entries", []):
            check_entry(e, where + " (refers to)")


def run(args, stdin=None):
    p = subprocess.run([EVC] + args, input=stdin, capture_output=True, text=True)
    if p.returncode not in (0, 2):
        fail(f"{' '.join(args)}: exit {p.returncode}: {p.stderr[:300]}")
    return p.stdout


def check(args, label, stdin=None):
    out = run(["code", "--explain"] + args, stdin)
    recs = [json.loads(l) for l in out.splitlines() if l.strip()]
    events = [r for r in recs if r["type"] == "event"]
    nothing = [r for r in recs if r["type"] == "no_event"]
    articles = {r["article"] for r in recs if r["type"] == "article"}
    for i, ev in enumerate(events):
        where = f"{label}: article {ev['article']} sentence {ev['sentence_index']} {ev['code']}"
        x = ev.get("explain")
        if not x:
            fail(f"{where}: no explain object")
            continue
        if x["verb"]:
            check_entry(x["verb"], where + " verb", pattern=True)
        elif not x["rule"]:
            fail(f"{where}: neither a verb pattern nor a rule")
        if not x["source"]:
            fail(f"{where}: no source explained")
        else:
            check_actor(x["source"], where + " source")
        if x["target"]:
            check_actor(x["target"], where + " target")
        elif ev["target"]:
            fail(f"{where}: a target without its explanation")
        if not x["date"]["rule"] or x["date"]["value"] != ev["date"]:
            fail(f"{where}: date {ev['date']} without its rule")
        if ev["location"] and (not x["place"] or not x["place"]["rule"]):
            fail(f"{where}: place without its rule")
    for r in nothing:
        if not r["why"]:
            fail(f"{label}: article {r['article']} sentence {r['sentence_index']}: no reason")
        for k in r["skipped"]:
            check_entry(k["verb"], f"{label}: no_event {r['sentence_index']}", pattern=True)
    # every sentence of every article: an event or a no_event record
    n_sent = {}
    for r in json.loads("[" + ",".join(run(["code", "--articles"] + args, stdin).splitlines()) + "]"):
        if r["type"] == "article":
            n_sent[r["article"]] = r["sentences"]
    told = {}
    for r in events + nothing:
        told.setdefault(r["article"], set()).add(r["sentence_index"])
    for a, n in n_sent.items():
        if len(told.get(a, ())) != n:
            fail(f"{label}: article {a}: {n} sentences, {len(told.get(a, ()))} explained")
    # the text form tells the same events
    text = run(["explain", "--format", "text"] + args, stdin)
    if text.count("\n  event ") != len(events):
        fail(f"{label}: text form has {text.count(chr(10) + '  event ')} events, JSON {len(events)}")
    plain = run(["explain"] + args, stdin)
    if plain != out:
        fail(f"{label}: 'explain' into a pipe differs from 'code --explain'")
    del articles
    return events, nothing


examples = sorted(os.path.join(ROOT, "examples", f) for f in os.listdir(os.path.join(ROOT, "examples"))
                  if f.endswith(".txt"))
ev, no = check(examples, "examples")
print(f"examples: {len(ev)} events and {len(no)} sentences without one explained")

# a case whose explanation we know
text = ("Russian President Vladimir Putin arrived in Beijing on Tuesday. "
        "He met Chinese President Xi Jinping and praised China.\n")
ev, no = check(["--published", "2024-05-16", "-"], "own", stdin=text)
praised = [e for e in ev if e["code"].startswith("05") or e["code"].startswith("04")]
if not any(e["explain"]["source"] and e["explain"]["source"].get("how") == "a pronoun" and
           e["explain"]["source"].get("refers_to", {}).get("sentence_index") == 0 for e in ev if e["sentence_index"] == 1):
    fail("own: 'He' in sentence 1 is not explained as a pronoun referring to sentence 0: "
         + json.dumps([e["explain"]["source"] for e in ev]))

if os.path.exists(GOLD):
    ev, no = check(["--quotes", "--articles", GOLD], "gold seeds")
    print(f"gold seeds: {len(ev)} events and {len(no)} sentences without one explained")
else:
    print("gold seeds: skipped: ../shared not found")

for f in failures[:40]:
    print("FAIL", f)
if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("ok")
