#!/usr/bin/env python3
"""Writes the store tests' corpus as JSON Lines on stdout: our examples
(examples/articles.jsonl), then three articles made from them for the
deduplication tests, then N articles of bench/gen.py (seed 3) when N > 0.

  syndicated-copy   a wire reprint of 03-odesa: other outlet, url and headline,
                    its last two paragraphs dropped and a credit line added
                    (a near-duplicate: linked to 03 as its canonical article)
  sudan-background  a new story that reuses four paragraphs of 06-sudan as
                    background (shares passages with 06; not a duplicate)
  --changed         05-second-thomas-shoal with its second paragraph reworded
                    (a new version of a stored article: replaces it)

usage: corpus.py [--changed] [N]
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")

NEW_PARAS = [
    "Aid agencies said on Wednesday that convoys carrying food and medicine were still waiting at the border "
    "crossing, and that drivers had been told to turn back twice in a week.",
    "The World Food Programme appealed to both sides to open a corridor so that supplies could reach the "
    "capital, where markets have been closed since the fighting began.",
]


def main(argv):
    changed = "--changed" in argv
    args = [a for a in argv if not a.startswith("--")]
    n = int(args[0]) if args else 0
    arts = [json.loads(line) for line in open(os.path.join(ROOT, "examples", "articles.jsonl"), encoding="utf-8")]
    by_id = {a["id"]: a for a in arts}
    out = []
    for a in arts:
        a = dict(a)
        if changed and a["id"].startswith("05-"):
            paras = a["text"].split("\n\n")
            paras[1] = "Officials in Manila said the ship had not stopped plans to resupply the outpost next week."
            a["text"] = "\n\n".join(paras)
        out.append(a)
    odesa = dict(next(v for k, v in by_id.items() if k.startswith("03-")))
    paras = odesa["text"].split("\n\n")
    copy = dict(odesa, id="syndicated-copy", outlet="wire-reprint.example", url="https://wire-reprint.example/odesa",
                title="REPRINT: " + odesa.get("title", ""))
    copy["text"] = "\n\n".join(paras[:-2] + ["(Reporting by the wire desk; editing by the night desk.)"])
    out.append(copy)
    sudan = next(v for k, v in by_id.items() if k.startswith("06-"))
    sp = [p for p in sudan["text"].split("\n\n") if len(p.split()) >= 8]
    back = {"id": "sudan-background", "outlet": "aid-monitor.example", "published": sudan.get("published"),
            "title": "Aid convoys wait at Sudan border as fighting goes on",
            "text": "\n\n".join(NEW_PARAS + sp[1:5])}
    out.append(back)
    for a in out:
        sys.stdout.write(json.dumps(a, ensure_ascii=False) + "\n")
    if n > 0:
        with tempfile.TemporaryDirectory() as t:
            path = os.path.join(t, "gen.jsonl")
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), "1", path, "--seed", "3"],
                           check=True)
            with open(path, encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i >= n:
                        break
                    sys.stdout.write(line)


if __name__ == "__main__":
    main(sys.argv[1:])
