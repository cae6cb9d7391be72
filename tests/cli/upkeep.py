#!/usr/bin/env python3
"""evcode upkeep: the names the dictionaries miss, ranked, with entries that load.

1. Our own sentences name armed groups and people that are in no dictionary
   of ours (invented names) where a verb needs its source or target. upkeep
   must list each of them, most frequent first, with two examples and a
   suggested line; the suggestions must load (`evcode dict check` on a copy of
   data/ with them added), and with them the sentences code events with those
   names and upkeep no longer lists them.
2. On our examples and, when ../shared is there, the gold seeds: the output
   is valid, sorted by count, and every suggested line loads.
  usage: upkeep.py EVCODE
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

EVC = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(ROOT, "..", "shared", "gold", "seeds.input.jsonl")
failures = []


def fail(msg):
    failures.append(msg)


def upkeep(args, stdin=None, env=None):
    p = subprocess.run([EVC, "upkeep", "--format", "jsonl"] + args, input=stdin, capture_output=True, text=True,
                       env=env)
    if p.returncode not in (0, 2):
        fail(f"upkeep {args}: exit {p.returncode}: {p.stderr[:300]}")
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


def check_sorted(recs, label):
    kinds = [r["type"] for r in recs]
    if kinds != sorted(kinds, key=lambda k: k != "missing_actor"):
        fail(f"{label}: actors do not all come before verbs")
    for kind in ("missing_actor", "missing_verb"):
        counts = [r["count"] for r in recs if r["type"] == kind]
        if counts != sorted(counts, reverse=True):
            fail(f"{label}: {kind} not by frequency: {counts}")
    for r in recs:
        if not 1 <= len(r["examples"]) <= 2 or any(not e["sentence"] for e in r["examples"]):
            fail(f"{label}: {r['text']!r}: examples {r['examples']}")


def with_entries(lines):
    """A copy of data/ with the lines added to en/actors.txt."""
    d = tempfile.mkdtemp()
    shutil.copytree(os.path.join(ROOT, "data"), os.path.join(d, "data"))
    with open(os.path.join(d, "data", "en", "actors.txt"), "a", encoding="utf-8") as f:
        f.write("\n# added by tests/cli/upkeep.py\n" + "\n".join(lines) + "\n")
    return d


def loads(lines, label):
    d = with_entries(lines)
    p = subprocess.run([EVC, "dict", "check", os.path.join(d, "data")], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{label}: suggested lines do not load: {p.stderr[:500]}")
    return d


# 1. invented names in our own sentences
TEXT = """Fighters clashed in the north on Monday.

The Nadir Hills Brigades attacked Syrian troops near Hama, Syrian officials said.

Syria accused the Nadir Hills Brigades of attacking civilians in Idlib.

Turkey condemned the Nadir Hills Brigades on Tuesday.

Qorvan Telmessi attacked government forces in Aleppo.

Qorvan Telmessi later attacked a police station.
"""
recs = upkeep(["--published", "2024-03-05", "-"], stdin=TEXT)
check_sorted(recs, "own")
actors = {r["text"]: r for r in recs if r["type"] == "missing_actor"}
for name, least in (("Nadir Hills Brigades", 3), ("Qorvan Telmessi", 2)):
    r = actors.get(name)
    if not r:
        fail(f"own: {name!r} not listed: {sorted(actors)}")
    elif r["count"] < least:
        fail(f"own: {name!r} counted {r['count']} times, want at least {least}")
order = [r["text"] for r in recs if r["type"] == "missing_actor"]
if "Nadir Hills Brigades" in order and "Qorvan Telmessi" in order and \
        order.index("Nadir Hills Brigades") > order.index("Qorvan Telmessi"):
    fail(f"own: the more frequent name is not first: {order}")
brig = actors.get("Nadir Hills Brigades", {}).get("suggest", "")
if not brig.startswith("Nadir Hills Brigades = SYRREB"):
    fail(f"own: suggestion for the Brigades is {brig!r}, want SYRREB (Syrian, an armed group's name)")
lines = [r["suggest"] for r in recs if r["type"] == "missing_actor"]
d = loads(lines, "own")
env = dict(os.environ, EVCODE_CACHE_DIR=os.path.join(d, "cache"))
after = upkeep(["--dict", os.path.join(d, "data"), "--published", "2024-03-05", "-"], stdin=TEXT, env=env)
left = [r["text"] for r in after if r["type"] == "missing_actor" and r["text"] in actors]
if left:
    fail(f"own: still listed after adding the suggestions: {left}")
p = subprocess.run([EVC, "code", "--dict", os.path.join(d, "data"), "--published", "2024-03-05", "-"], input=TEXT,
                   capture_output=True, text=True, env=env)
coded = [json.loads(l) for l in p.stdout.splitlines()]
if not any(e["source_name"] == "Nadir Hills Brigades" or e["target_name"] == "Nadir Hills Brigades" for e in coded):
    fail("own: no event names the Brigades once they are in the dictionary")
shutil.rmtree(d)
print(f"own sentences: {len(actors)} missing actors listed: " + "; ".join(f"{r['count']} {n}" for n, r in actors.items()))

# 2. our examples, and the gold seeds when present
inputs = sorted(os.path.join(ROOT, "examples", f) for f in os.listdir(os.path.join(ROOT, "examples"))
                if f.endswith(".txt"))
label = "examples"
if os.path.exists(GOLD):
    inputs.append(GOLD)
    label = "examples and gold seeds"
else:
    print("gold seeds: skipped: ../shared not found")
recs = upkeep(inputs)
check_sorted(recs, label)
d = loads([r["suggest"] for r in recs if r["type"] == "missing_actor"], label)
shutil.rmtree(d)
print(f"{label}: {sum(r['type'] == 'missing_actor' for r in recs)} missing actors, "
      f"{sum(r['type'] == 'missing_verb' for r in recs)} verbs")

for f in failures[:40]:
    print("FAIL", f)
if failures:
    sys.exit(1)
print("ok")
