#!/usr/bin/env python3
"""Writes a deterministic corpus of news-like articles as JSON Lines.

usage: gen.py MEGABYTES OUT.jsonl [--seed N]

Everything comes from our own templates below and from names in data/en
(countries and people), so the corpus is ours, varied and reproducible: the
same seed and size give the same bytes. Articles mix narrative sentences
with actors and verbs, direct and indirect quotes, weekday and calendar
dates, photo captions with credits, repeated captions and web boilerplate,
in lengths from a few sentences to several dozen.
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "en")

ACTS = [
    "met {B} in {CITY} to discuss the crisis",
    "accused {B} of violating the ceasefire",
    "condemned the attack on {B}",
    "launched air strikes against {B}",
    "threatened to retaliate against {B}",
    "signed a trade agreement with {B}",
    "expelled two diplomats from {B}",
    "called on {B} to release the detained journalists",
    "pledged humanitarian aid to {B}",
    "imposed sanctions on {B}",
    "held talks with {B} on border security",
    "criticised {B} for its handling of the protests",
    "denied that it had attacked {B}",
    "praised {B} for its cooperation",
    "warned {B} against any escalation",
    "visited {B} for the first time since the war",
    "rejected a proposal from {B}",
    "agreed to resume negotiations with {B}",
    "fired rockets at {B}",
    "arrested supporters of {B}",
]
QUOTES = [
    "We will not accept any interference in our internal affairs",
    "The door to dialogue remains open",
    "This is a dangerous escalation that must stop",
    "Our forces are ready to defend the country",
    "We call on all sides to show restraint",
    "The talks were frank and constructive",
    "There can be no military solution to this conflict",
    "We have evidence of serious violations",
]
CUES = ["said", "told reporters", "added", "said in a statement", "wrote on social media", "warned"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "yesterday", "last week", "on March 3", "on 14 June"]
BOILER = ["Share this article", "Read more at example.com", "Advertisement", "Post a Comment", "source: example.org"]
CAPTIONS = ["Soldiers stand guard near the border crossing on {DAY}",
            "Protesters gather outside the parliament building in {CITY}",
            "Delegates arrive for the talks in {CITY}"]
CREDITS = ["Reuters/Jane Roe", "John Doe/AFP via Getty Images", "AP Photo/Sam Poe"]


def names(path, flag=None, limit=4000):
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split(" #")[0].strip()
                if not line or line.startswith("#") or "=" not in line:
                    continue
                left, right = line.split("=", 1)
                if flag and flag not in right:
                    continue
                out.append(left.split("|")[0].strip())
                if len(out) >= limit:
                    break
    except FileNotFoundError:
        pass
    return out


def article(rnd, idx, countries, capitals, people):
    def actor():
        r = rnd.random()
        if r < 0.45 and countries:
            return rnd.choice(countries)
        if r < 0.8 and people:
            return rnd.choice(people)
        return "the government of " + rnd.choice(countries or ["the country"])

    def city():
        return rnd.choice(capitals or ["the capital"])

    paras = []
    n = rnd.choice([3, 5, 8, 12, 20, 35])
    for _ in range(n):
        a, b = actor(), actor()
        act = rnd.choice(ACTS).format(B=b, CITY=city())
        day = rnd.choice(DAYS)
        kind = rnd.random()
        if kind < 0.55:
            paras.append(f"{a} {act} {day}.")
        elif kind < 0.8:
            paras.append(f"\u201c{rnd.choice(QUOTES)},\u201d {a} {rnd.choice(CUES)} {day}.")
        else:
            paras.append(f"{a} said {day} that {b} had {rnd.choice(ACTS).format(B=actor(), CITY=city())}.")
        if rnd.random() < 0.08:
            cap = rnd.choice(CAPTIONS).format(DAY=day.replace("on ", ""), CITY=city())
            paras.append(cap + "\n" + rnd.choice(CREDITS))
            if rnd.random() < 0.5:
                paras.append(cap)
        if rnd.random() < 0.05:
            paras.append(rnd.choice(BOILER))
    title = f"{actor()} {rnd.choice(ACTS).format(B=actor(), CITY=city())}"
    y, m, d = 2015 + rnd.randrange(11), 1 + rnd.randrange(12), 1 + rnd.randrange(28)
    return {"id": f"gen-{idx}", "published": f"{y:04d}-{m:02d}-{d:02d}", "outlet": "example.org",
            "title": title, "text": "\n\n".join(paras)}


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    seed = 1
    if "--seed" in argv:
        seed = int(argv[argv.index("--seed") + 1])
        args = [a for a in args if a != str(seed)]
    if len(args) != 2:
        sys.exit(__doc__)
    limit = int(float(args[0]) * 1024 * 1024)
    rnd = random.Random(seed)
    countries = names(os.path.join(DATA, "countries.txt"), "+country")
    capitals = names(os.path.join(DATA, "countries.txt"), "+capital")
    people = names(os.path.join(DATA, "people-west.txt")) + names(os.path.join(DATA, "people-east.txt"))
    size, idx = 0, 0
    with open(args[1], "w", encoding="utf-8") as out:
        while size < limit:
            line = json.dumps(article(rnd, idx, countries, capitals, people), ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            idx += 1


if __name__ == "__main__":
    main(sys.argv[1:])
