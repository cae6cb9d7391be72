#!/usr/bin/env python3
"""The dashboard's watchlist panel in headless Chromium (the WebDriver
client of tests/serve/browser.py): a store of our corpus with two
watchlists; the panel lists each, with its counts, and its newest hits as
/v1/watchlists/NAME/events?limit=5 gives them (as text: no element comes
from the data); clicking a hit shows its event. Prints "skipped: ..." and
passes without chromium or chromedriver.

usage: browser.py EVCODE
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "serve"))
import browser  # noqa: E402  (Driver)
import run  # noqa: E402  (Server, check, the corpus)

check = run.check


def check_panel(d, s):
    d.session("POST", "/url", {"url": s.base + "/"})
    wl = s.json("/v1/watchlists")["watchlists"]
    n = d.wait("return document.querySelectorAll('#watch-list .watch').length", "the watchlist panel")
    check(n == len(wl), "panel: %s watchlists, the API %d" % (n, len(wl)))
    for w in wl:
        want = s.json("/v1/watchlists/%s/events?limit=5" % w["name"])["events"]
        got = d.js("const w = [...document.querySelectorAll('#watch-list .watch')]"
                   ".find(x => x.dataset.name === arguments[0]);"
                   "return w ? [w.querySelector('strong').textContent, w.textContent,"
                   " [...w.querySelectorAll('.hit')].map(h => h.textContent)] : null", w["name"])
        check(got and got[0] == w["name"] and ("%d hits" % w["hits"]) in got[1], "panel: %s: %r" % (w["name"], got))
        check(got and len(got[2]) == len(want) and
              all(e["code"] in h and e["sentence"] in h for e, h in zip(want, got[2])),
              "panel: %s: hits %r differ from the API" % (w["name"], (got or [0, 0, []])[2][:2]))
    # only our own elements: a strong, spans, a br, the hit divs and their links
    tags = d.js("return [...new Set([...document.querySelectorAll('#watch-list *')].map(e => e.tagName))].sort()")
    check(set(tags or []) <= {"A", "BR", "DIV", "SPAN", "STRONG"}, "panel: unexpected elements %r" % tags)
    first = next((w for w in wl if w["hits"]), None)
    if check(first is not None, "no watchlist has hits"):
        ev = s.json("/v1/watchlists/%s/events?limit=1" % first["name"])["events"][0]
        d.js("[...document.querySelectorAll('#watch-list .watch')].find(x => x.dataset.name === arguments[0])"
             ".querySelector('.hit a').click()", first["name"])
        title = d.wait("const d = document.getElementById('detail');"
                       "return !d.hidden && d.querySelector('h2') && d.querySelector('h2').textContent", "the event")
        check(title and ev["code"] in title, "clicked hit: %r, not event %s" % (title, ev["code"]))
    print("panel: %d watchlists with their counts and newest hits as the API gives them; a hit opens its event"
          % len(wl))


def main(argv):
    evc = os.path.abspath(argv[1])
    chromium = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)),
                    None)
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        print("skipped: chromium not found" if not chromium else "skipped: chromedriver not found")
        return 0
    tmp = tempfile.mkdtemp(prefix="evc-watch-browser-")
    try:
        small, db = os.path.join(tmp, "small.jsonl"), os.path.join(tmp, "s.db")
        with open(small, "w") as f:
            subprocess.run([sys.executable, run.CORPUS], stdout=f, check=True)
        for args in (["rus", "--actor", "RUS", "--code", "19"], ["talks", "--code", "04", "--place", "UKR"]):
            subprocess.run([evc, "watch", "add", "--db", db] + args, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([evc, "ingest", "--db", db, small], check=True, stdout=subprocess.DEVNULL)
        s = run.Server(evc, db)
        try:
            d = browser.Driver(chromedriver, chromium)
            try:
                check_panel(d, s)
            finally:
                d.quit()
        finally:
            s.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if run.FAILS:
        print("%d failures" % len(run.FAILS))
        return 1
    print("watch browser: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
