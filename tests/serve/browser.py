#!/usr/bin/env python3
"""The dashboard in a real browser: headless Chromium driven through
chromedriver's W3C WebDriver HTTP API (Python stdlib only).

Starts `evcode serve` over the store of our corpus (tests/store/corpus.py),
loads the page and checks that its JavaScript ran against the API: the
stats line, the events table has the rows of /v1/events, the timeline SVG
has one bar per period of /v1/timeline and the Goldstein line; clicking an
event shows each of its mentions; clicking a mention shows its article with
the sentence marked; the actor filter narrows the table to /v1/events?actor=.

Prints "skipped: chromium not found" and passes when chromium or
chromedriver is missing (scripts/install-deps.sh installs both for CI).
Running as root, chromium needs --no-sandbox.

usage: browser.py EVCODE
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run  # noqa: E402  (Server, check, the corpus)

check = run.check


class Driver:
    """A chromedriver process and one headless session."""

    def __init__(self, chromedriver, chromium):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.proc = subprocess.Popen([chromedriver, "--port=%d" % port], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % port
        self.sid = None
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"]
        if os.geteuid() == 0:
            args.append("--no-sandbox")
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": {"binary": chromium, "args": args}}}}
        self.sid = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read())["value"]
        except urllib.error.HTTPError as e:
            raise RuntimeError("webdriver %s %s: %s" % (method, path, e.read()[:500])) from None

    def session(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.sid, path), body)

    def js(self, script, *args):
        return self.session("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait(self, script, what, timeout=30):
        """Polls script (returning a truthy value when ready); returns its value."""
        end = time.time() + timeout
        while time.time() < end:
            v = self.js(script)
            if v:
                return v
            time.sleep(0.1)
        check(False, "timed out waiting for " + what)
        return None

    def quit(self):
        try:
            if self.sid:
                self.call("DELETE", "/session/" + self.sid)
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def check_page(d, s):
    d.session("POST", "/url", {"url": s.base + "/"})
    want = s.json("/v1/events?limit=50")["events"]
    n = d.wait("return document.querySelectorAll('#events tbody tr.ev').length", "the events table")
    check(n == len(want), "events table: %s rows, /v1/events gives %d" % (n, len(want)))
    cells = d.js("return [...document.querySelectorAll('#events tbody tr.ev')].map(r => "
                 "[...r.cells].map(c => c.textContent))")
    check([c[3] for c in cells or []] == [e["code"] for e in want], "events table codes differ from /v1/events")
    check([c[6] for c in cells or []] == [e["sentence"] for e in want], "events table sentences differ")
    stats = d.wait("return document.getElementById('stats').textContent", "the stats line")
    st = s.json("/v1/stats")
    check(stats and ("%d articles" % st["articles"]) in stats and ("%d events" % st["events"]) in stats,
          "stats line %r vs %r" % (stats, st))
    by = d.js("return document.getElementById('filters').elements.by.value")
    buckets = s.json("/v1/timeline?by=" + by)["buckets"]
    bars = d.wait("return document.querySelectorAll('#chart rect').length", "the timeline bars")
    check(bars == len(buckets), "timeline: %s bars, /v1/timeline?by=%s has %d periods" % (bars, by, len(buckets)))
    line = d.js("const p = document.querySelector('#chart path'); return p ? p.getAttribute('d') : ''")
    check(line.startswith("M") and line.count("L") == len(buckets) - 1, "timeline line %r" % line[:80])
    print("page: %d event rows as /v1/events, %d timeline bars (by %s) and the Goldstein line, stats %r"
          % (n, bars, by, stats))
    return want


def check_click(d, s, want):
    # the event with the most mentions, so that the list is worth checking
    i = max(range(len(want)), key=lambda k: want[k]["num_mentions"])
    ev = s.json("/v1/events/%d" % want[i]["id"])
    d.js("document.querySelectorAll('#events tbody tr.ev')[arguments[0]].click()", i)
    items = d.wait("const d = document.getElementById('detail');"
                   "return !d.hidden && d.querySelectorAll('li').length", "the event's mentions")
    check(items == len(ev["mentions"]), "event %d: %s mentions shown, API has %d" % (ev["id"], items, len(ev["mentions"])))
    shown = d.js("return [...document.querySelectorAll('#detail li q')].map(q => q.textContent)")
    check(shown == [m["sentence"] for m in ev["mentions"]], "event %d: mention sentences differ" % ev["id"])
    title = d.js("return document.querySelector('#detail h2').textContent")
    check(ev["code"] in title, "event detail heading %r lacks %s" % (title, ev["code"]))
    # a mention: its article, the sentence marked
    d.js("document.querySelector('#detail li a').click()")
    mark = d.wait("const m = document.querySelector('#detail mark'); return m && m.textContent", "the article")
    check(mark == ev["mentions"][0]["sentence"], "article: marked %r" % (mark or "")[:80])
    print("click: event %d (%s) shows its %d mentions; its first mention opens article %s with the sentence marked"
          % (ev["id"], ev["code"], items, ev["mentions"][0]["article"]))


def check_filter(d, s):
    actor = "USA"
    want = s.json("/v1/events?actor=%s&limit=50" % actor)["events"]
    d.js("const f = document.getElementById('filters'); f.elements.actor.value = arguments[0];"
         "f.requestSubmit()", actor)
    got = d.wait("const r = [...document.querySelectorAll('#events tbody tr.ev')].map(x => x.cells[1].textContent +"
                 " ' ' + x.cells[2].textContent); return r.length === %d && r.every(x => x.includes(%s)) ? r : null"
                 % (len(want), json.dumps(actor)), "the filtered table")
    check(got is not None and len(got) == len(want), "filter actor=%s: %d rows, API %d" % (actor, len(got or []), len(want)))
    check(all(actor in r for r in got or []), "filter actor=%s: rows without it" % actor)
    err = d.js("return document.getElementById('filter-error').textContent")
    check(not err, "filter error shown: %r" % err)
    print("filter: actor=%s narrows the table to the %d events of /v1/events?actor=%s" % (actor, len(want), actor))


def main(argv):
    evc = os.path.abspath(argv[1])
    chromium = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)),
                    None)
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        print("skipped: chromium not found" if not chromium else "skipped: chromedriver not found")
        return 0
    tmp = tempfile.mkdtemp(prefix="evc-browser-")
    try:
        small, db = os.path.join(tmp, "small.jsonl"), os.path.join(tmp, "s.db")
        with open(small, "w") as f:
            subprocess.run([sys.executable, run.CORPUS], stdout=f, check=True)
        subprocess.run([evc, "ingest", "--db", db, small], check=True, stdout=subprocess.DEVNULL)
        s = run.Server(evc, db)
        try:
            d = Driver(chromedriver, chromium)
            try:
                want = check_page(d, s)
                if want:
                    check_click(d, s, want)
                    check_filter(d, s)
            finally:
                d.quit()
        finally:
            s.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if run.FAILS:
        print("%d failures" % len(run.FAILS))
        return 1
    print("browser: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
