#!/usr/bin/env python3
"""Scores evcode output against our own annotated corpus.

usage: evcode code --quotes tests/corpus/events.jsonl | score.py tests/corpus/events.jsonl [--min-f1 X]
       evcode code --quotes tests/corpus/quotes.jsonl | score.py tests/corpus/quotes.jsonl [--min-speaker X]

Events match at level L1: same sentence id, same CAMEO root, same first three
letters of source and target; one to one. Quotes match on their words
(Jaccard >= 0.6 or containment >= 0.8); the speaker is right when the
surnames agree. With --details, prints every miss and every extra record.
"""
import json
import re
import sys
import unicodedata

WORD = re.compile(r"[a-z0-9]+")


def words(s):
    return set(WORD.findall((s or "").lower().replace("\u2019", "'")))


def overlap(a, b):
    x, y = words(a), words(b)
    if not x or not y:
        return False
    i = len(x & y)
    return i / len(x | y) >= 0.6 or i / min(len(x), len(y)) >= 0.8


def surname(s):
    """The last word, without diacritics ("Türk" is "Turk")."""
    s = unicodedata.normalize("NFKD", s or "")
    w = WORD.findall("".join(ch for ch in s if not unicodedata.combining(ch)).lower())
    return w[-1] if w else ""


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    corpus = [json.loads(l) for l in open(args[0]) if l.strip()]
    out = [json.loads(l) for l in sys.stdin if l.strip()]
    details = "--details" in argv
    floor = None
    for i, a in enumerate(argv):
        if a in ("--min-f1", "--min-speaker") and i + 1 < len(argv):
            floor = float(argv[i + 1])
    if "events" in corpus[0]:
        gold = [(c["id"], e) for c in corpus for e in c["events"]]
        sysv = [r for r in out if r.get("type") == "event"]
        used, tp = set(), 0
        for cid, g in gold:
            hit = None
            for k, s in enumerate(sysv):
                if k in used or s["article"] != cid:
                    continue
                if s["code"][:2] == g["code"][:2] and s["source"][:3] == g["source"][:3] \
                        and s["target"][:3] == g["target"][:3]:
                    hit = k
                    break
            if hit is None:
                if details:
                    print(f"miss  {cid} {g['source']} {g['code']} {g['target']}")
            else:
                used.add(hit)
                tp += 1
        if details:
            for k, s in enumerate(sysv):
                if k not in used:
                    print(f"extra {s['article']} {s['source']} {s['code']} {s['target']} | {s['sentence'][:80]}")
        p = tp / len(sysv) if sysv else 0.0
        r = tp / len(gold) if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"events L1: P {p:.3f} R {r:.3f} F1 {f:.3f} (gold {len(gold)}, system {len(sysv)})")
        ok = floor is None or f + 1e-9 >= floor
    else:
        gold = [(c["id"], q) for c in corpus for q in c["quotes"]]
        sysq = [r for r in out if r.get("type") == "quote"]
        used, pairs = set(), []
        for cid, g in gold:
            for k, s in enumerate(sysq):
                if k not in used and s["article"] == cid and s["kind"] == g["kind"] and overlap(s["text"], g["text"]):
                    used.add(k)
                    pairs.append((cid, g, s))
                    break
        right = sum(1 for _, g, s in pairs if surname(s.get("speaker")) == surname(g["speaker"]))
        if details:
            for cid, g, s in pairs:
                if surname(s.get("speaker")) != surname(g["speaker"]):
                    print(f"speaker {cid} gold={g['speaker']!r} got={s.get('speaker')!r} | {g['text'][:60]}")
        p = len(pairs) / len(sysq) if sysq else 0.0
        r = len(pairs) / len(gold) if gold else 0.0
        sp = right / len(pairs) if pairs else 0.0
        print(f"quotes: P {p:.3f} R {r:.3f}, speaker right {sp:.3f} (gold {len(gold)}, system {len(sysq)})")
        ok = floor is None or sp + 1e-9 >= floor
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
