#!/usr/bin/env python3
"""evcode serve against a store made from our examples (tests/store/corpus.py).

Starts `evcode serve --port 0` (a free loopback port, printed on stdout) and
checks every route against `evcode export` of the same store: the events
listing (order, filters, pagination), each event with its mentions, each
article with its text and links, stats, actors, quotes, the timeline (counts
and mean Goldstein per day, week and month); bad parameters get 400 with a
JSON error, unknown routes 404; random query strings never crash it; an
`evcode ingest` into the same store while requests run; the dashboard page.
Stops it with SIGTERM and requires exit status 0 (under ASan: no leaks).

usage: run.py EVCODE
"""
import datetime
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "store", "corpus.py")
FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)
    return cond


class Server:
    def __init__(self, evc, db):
        self.proc = subprocess.Popen([evc, "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "http://127.0.0.1:" not in line:
            self.proc.kill()
            sys.exit("serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.base = line.split()[2].rstrip("/")
        print(line.strip())

    def get(self, path, method="GET"):
        """(status, content type, body bytes)"""
        req = urllib.request.Request(self.base + path, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read()

    def json(self, path, want=200):
        status, ctype, body = self.get(path)
        check(status == want, "%s: status %d, wanted %d: %s" % (path, status, want, body[:200]))
        check(ctype.startswith("application/json"), "%s: content type %s" % (path, ctype))
        try:
            return json.loads(body)
        except ValueError:
            check(False, "%s: not JSON: %r" % (path, body[:200]))
            return {}

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = "timeout"
        err = self.proc.stderr.read()
        check(rc == 0, "serve exit status %s after SIGTERM: %s" % (rc, err[-2000:]))


def q(path, **params):
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def export(evc, db):
    out = subprocess.run([evc, "export", "--db", db], capture_output=True, text=True, check=True).stdout
    recs = [json.loads(line) for line in out.splitlines()]
    kinds = {}
    for r in recs:
        kinds.setdefault(r["type"], []).append(r)
    return kinds


def check_events(s, ex):
    events = ex["event"]
    got = s.json(q("/api/events", limit=1000))
    check(got["count"] == len(events) and not got["more"], "events: %d listed, %d exported" % (got["count"], len(events)))
    for a, b in zip(got["events"], events):
        check((a["day"], a["source"], a["target"], a["code"]) == (b["day"], b["source"], b["target"], b["code"]),
              "events order: %r vs %r" % (a, b))
    # pagination
    p1, p2 = s.json(q("/api/events", limit=5)), s.json(q("/api/events", limit=5, offset=5))
    check(p1["more"] and p1["count"] == 5, "page 1: %r" % {k: p1[k] for k in ("count", "more")})
    check([e["id"] for e in p1["events"] + p2["events"]] == [e["id"] for e in got["events"][:10]], "pages 1-2")
    last = s.json(q("/api/events", limit=5, offset=len(events) - 2))
    check(last["count"] == 2 and not last["more"], "last page")
    # each event with its mentions, as the export has them
    for a, b in zip(got["events"], events):
        e = s.json("/api/events/%d" % a["id"])
        check(e.get("code") == b["code"] and e.get("num_mentions") == b["num_mentions"], "event %d" % a["id"])
        mine = [(m["article"], m["sentence_index"], m["sentence"]) for m in e.get("mentions", [])]
        theirs = [(m["article"], m["sentence_index"], m["sentence"]) for m in b["mentions"]]
        check(mine == theirs, "event %d mentions: %r vs %r" % (a["id"], mine, theirs))
        check(all("title" in m and "outlet" in m for m in e.get("mentions", [])), "event %d: mention articles" % a["id"])
    print("events: %d listed in export order, pages, every event's mentions equal the export's" % len(events))
    return got["events"]


def check_filters(s, evc, db, listed):
    word = max((w for w in listed[0]["sentence"].split() if w.isalpha()), key=len)
    cases = [{"actor": "USA"}, {"code": "19"}, {"from": "2023-01-01", "to": "2023-12-31"}, {"text": word},
             {"actor": "RUS", "code": "1"}, {"text": "the", "limit": 3}]
    for f in cases:
        got = s.json(q("/api/events", **f))
        args = [evc, "query", "--db", db, "--format", "jsonl"]
        for k, v in f.items():
            args += ["--" + k, str(v)]
        want = [json.loads(x) for x in subprocess.run(args, capture_output=True, text=True).stdout.splitlines()]
        check([(e["day"], e["code"]) for e in got["events"]] == [(e["day"], e["code"]) for e in want],
              "filter %r: %d events, query gives %d" % (f, got["count"], len(want)))
        check(got["count"] > 0, "filter %r matches nothing" % f)
        if "actor" in f:
            check(all(e["source"].startswith(f["actor"]) or (e["target"] or "").startswith(f["actor"])
                      for e in got["events"]), "actor filter")
    print("filters: %d cases equal evcode query's" % len(cases))


def check_articles(s, ex):
    for a in ex["article"]:
        got = s.json("/api/articles/" + urllib.parse.quote(a["article"]))
        check(got.get("text") == a["text"] and got.get("duplicate_of") == a["duplicate_of"],
              "article %s: text or duplicate_of" % a["article"])
        check([l["article"] for l in got.get("links", [])] == [l["article"] for l in a["links"]],
              "article %s: links" % a["article"])
        n_mentions = sum(1 for e in ex["event"] for m in e["mentions"] if m["article"] == a["article"])
        check(len(got.get("mentions", [])) == n_mentions, "article %s: %d mentions, export %d" %
              (a["article"], len(got.get("mentions", [])), n_mentions))
        n_quotes = sum(1 for x in ex["quote"] if x["article"] == a["article"])
        check(len(got.get("quotes", [])) == n_quotes, "article %s: quotes" % a["article"])
    dup = [a for a in ex["article"] if a["duplicate_of"]]
    if check(dup, "the corpus has a near-duplicate"):
        canon = s.json("/api/articles/" + urllib.parse.quote(dup[0]["duplicate_of"]))
        check(dup[0]["article"] in [l["article"] for l in canon["linked_from"]], "linked_from of the canonical article")
    print("articles: %d with text, links, mentions and quotes as exported; %s is a near-duplicate of %s"
          % (len(ex["article"]), dup[0]["article"], dup[0]["duplicate_of"]))


def check_stats_actors_quotes(s, ex):
    st = s.json("/api/stats")
    want = {"articles": len(ex["article"]), "events": len(ex["event"]), "quotes": len(ex["quote"]),
            "actors": len(ex["actor"]), "mentions": sum(len(e["mentions"]) for e in ex["event"]),
            "duplicates": sum(1 for a in ex["article"] if a["duplicate_of"])}
    check(all(st.get(k) == v for k, v in want.items()), "stats %r, export %r" % (st, want))
    print("stats:", json.dumps(st))
    top = s.json(q("/api/actors", limit=5))["actors"]
    counts = sorted((a["mentions"] for a in ex["actor"]), reverse=True)[:5]
    check([a["mentions"] for a in top] == counts, "top actors %r vs %r" % (top, counts))
    usa = s.json(q("/api/actors", prefix="usa", limit=1000))["actors"]
    want_usa = [a for a in ex["actor"] if a["code"].upper().startswith("USA") or a["name"].lower().startswith("usa")]
    check(len(usa) == len(want_usa) and len(usa) > 0, "actors prefix usa: %d vs %d" % (len(usa), len(want_usa)))
    print("actors: top 5 %s; prefix usa: %d" % ([(a["code"], a["name"], a["mentions"]) for a in top], len(usa)))
    # quotes: by speaker, by words, paged
    speakers = {}
    for x in ex["quote"]:
        if x["speaker"]:
            speakers[x["speaker"]] = speakers.get(x["speaker"], 0) + 1
    who = max(speakers, key=speakers.get)
    part = who.split()[-1].lower()
    got = s.json(q("/api/quotes", speaker=part, limit=1000))
    want = [x for x in ex["quote"] if part in (x["speaker"] or "").lower() or
            (x["speaker_code"] or "").startswith(part.upper())]
    check(got["count"] == len(want), "quotes speaker=%s: %d vs %d" % (part, got["count"], len(want)))
    word = max((w for x in ex["quote"] for w in x["text"].split() if w.isalpha() and len(w) > 6), key=len)
    got = s.json(q("/api/quotes", text=word))
    check(got["count"] >= 1 and all(word.lower() in x["text"].lower() for x in got["quotes"]), "quotes text=%s" % word)
    p = s.json(q("/api/quotes", limit=7, offset=7))
    check(p["count"] == 7 and p["more"] == (len(ex["quote"]) > 14), "quotes page 2")
    print("quotes: speaker=%s -> %d, text=%s -> %d, paged 7 at offset 7" % (part, len(want), word, got["count"]))


def monday(day):
    d = datetime.date.fromisoformat(day)
    return (d - datetime.timedelta(days=d.weekday())).isoformat()


def check_timeline(s, listed):
    for by, key in (("day", lambda d: d), ("week", monday), ("month", lambda d: d[:7])):
        t = s.json(q("/api/timeline", by=by))
        want = {}
        for e in listed:
            if e["day"]:
                b = want.setdefault(key(e["day"]), [0, 0, 0.0])
                b[0] += 1
                b[1] += e["num_mentions"]
                b[2] += e["goldstein"]
        got = {b["period"]: b for b in t.get("buckets", [])}
        check(list(got) == sorted(want), "timeline by %s: periods %r vs %r" % (by, list(got), sorted(want)))
        for k, (n, m, g) in want.items():
            b = got.get(k, {})
            check(b.get("events") == n and b.get("mentions") == m and abs(b.get("goldstein", 99) - g / n) < 0.006,
                  "timeline by %s %s: %r vs %r" % (by, k, b, (n, m, g / n)))
        check(sum(b["events"] for b in t["buckets"]) + t["undated"] == len(listed), "timeline total")
    t = s.json(q("/api/timeline", by="month", actor="USA"))
    n = sum(1 for e in listed if e["day"] and (e["source"].startswith("USA") or (e["target"] or "").startswith("USA")))
    check(sum(b["events"] for b in t["buckets"]) == n, "timeline with actor filter")
    print("timeline: by day, week (Mondays), month; counts, mentions and mean Goldstein recomputed; %d buckets by month"
          % len(t["buckets"]))


BAD = [
    "/api/events?limit=0", "/api/events?limit=abc", "/api/events?limit=1001", "/api/events?limit=-1",
    "/api/events?offset=-1", "/api/events?offset=99999999999", "/api/events?from=2020-1-1", "/api/events?to=yesterday",
    "/api/events?code=ab", "/api/events?code=12345", "/api/events?text=%20%2B%2B", "/api/events?by=week",
    "/api/events?bogus=1", "/api/events?limit=1&limit=2", "/api/events?text=%zz", "/api/events?text=%00",
    "/api/events?text=%", "/api/events?actor=" + "A" * 65, "/api/timeline?by=year", "/api/timeline?limit=3",
    "/api/events/abc", "/api/events/-1", "/api/events/1x", "/api/events/" + "9" * 30, "/api/stats?x=1",
    "/api/actors?limit=5000", "/api/actors?prefix=" + "x" * 300, "/api/quotes?text=...", "/api/quotes?offset=x",
    "/api/events/1?limit=3", "/?x=1", "/api/articles/",
]
NOT_FOUND = ["/api/nope", "/nope", "/api", "/api/events/999999", "/api/articles/no-such-article", "/api/events/0",
             "/index.htm"]


def check_errors(s):
    for path in BAD:
        got = s.json(path, want=400)
        check(isinstance(got.get("error"), str) and got["error"], "%s: no error message" % path)
    for path in NOT_FOUND:
        s.json(path, want=404)
    status, _, body = s.get("/api/stats", method="POST")
    check(status == 405, "POST: %d" % status)
    print("errors: %d bad requests -> 400, %d unknown -> 404, POST -> 405, each with a JSON error"
          % (len(BAD), len(NOT_FOUND)))
    print("  e.g. GET /api/events?limit=0 ->", json.dumps(s.json("/api/events?limit=0", want=400)))


def fuzz(s, seed=9):
    rnd = random.Random(seed)
    routes = ["/api/events", "/api/timeline", "/api/actors", "/api/quotes", "/api/events/", "/api/articles/",
              "/api/stats"]
    names = ["actor", "code", "from", "to", "text", "limit", "offset", "by", "prefix", "speaker", "x", ""]
    alphabet = "aZ09-_.~%+&=;/?#\"'\\<>{}()*:^ \t" + "".join(chr(c) for c in range(0x80, 0x90))
    for i in range(400):
        parts = []
        for _ in range(rnd.randint(0, 5)):
            v = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
            parts.append(rnd.choice(names) + rnd.choice(["=", "", "=="]) + urllib.parse.quote(v, safe="%&=+")
                         if rnd.random() < 0.7 else v.encode("utf-8", "replace").decode("latin-1"))
        qs = "&".join(parts)
        route = rnd.choice(routes)
        if route.endswith("/"):
            route += urllib.parse.quote(rnd.choice(["1", "2", "abc", "03-odesa-strike-after-grain-deal", "%00", "é"]))
        path = route + ("?" + urllib.parse.quote(qs, safe="%&=+/") if qs else "")
        status, ctype, body = s.get(path)
        ok = status in (200, 400, 404)
        try:
            json.loads(body)
        except ValueError:
            ok = False
        if not check(ok, "fuzz %s: %d %r" % (path, status, body[:100])):
            break
    # raw bytes on the socket: malformed request lines, huge headers
    host, port = s.base.split("//")[1].split(":")
    for raw in [b"GARBAGE\r\n\r\n", b"GET /api/events?limit=1 HTTP/1.1\r\n" + b"X: " + b"y" * 20000 + b"\r\n\r\n",
                b"GET /api/events?" + b"a" * 10000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"\x00\xff" * 100,
                b"GET /api/events?text=%C3%28 HTTP/1.0\r\n\r\n"]:
        with socket.create_connection((host, int(port)), timeout=10) as c:
            try:
                c.sendall(raw)
                c.shutdown(socket.SHUT_WR)
                while c.recv(65536):
                    pass
            except OSError:
                pass
    check(s.get("/api/stats")[0] == 200, "alive after raw requests")
    print("fuzz: 400 random query strings and 5 malformed raw requests; every answer 200/400/404 with JSON")


def check_concurrent_ingest(evc, s, db, big):
    """An ingest writes into the served store while requests run."""
    seen, errors, stop = [], [], threading.Event()

    def poll():
        while not stop.is_set():
            try:
                st = s.json("/api/stats")
                s.json(q("/api/events", limit=20, offset=10))
                s.json(q("/api/timeline", by="month"))
                seen.append(st.get("articles", -1))
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))

    threads = [threading.Thread(target=poll) for _ in range(3)]
    for t in threads:
        t.start()
    r = subprocess.run([evc, "ingest", "--db", db, "--batch", "8", big], capture_output=True, text=True)
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    check(r.returncode == 0, "ingest while serving: exit %d %s" % (r.returncode, r.stderr[-500:]))
    check(not errors, "requests during ingest: %r" % errors[:3])
    final = s.json("/api/stats")
    want = [line for line in r.stdout.splitlines() if line.startswith("store:")]
    check(want and ("store: %d articles" % final["articles"]) in want[0], "stats after ingest %r vs %r" % (final, want))
    check(len(set(seen)) >= 2, "requests saw the store grow: %r" % sorted(set(seen))[:10])
    print("concurrent ingest: %d requests during it, article counts seen %d..%d, none failed; now %d articles"
          % (len(seen) * 3, min(seen), max(seen), final["articles"]))


def check_dashboard(s):
    status, ctype, body = s.get("/")
    html = body.decode("utf-8")
    check(status == 200 and ctype.startswith("text/html"), "dashboard: %d %s" % (status, ctype))
    for needle in ['id="filters"', 'name="actor"', 'name="code"', 'name="from"', 'name="to"', 'name="text"',
                   'id="chart"', 'id="events"', 'id="actors"', 'id="quotes"', 'id="detail"', '"/api/"',
                   'api("events"', 'api("timeline"', 'api("actors"', 'api("quotes"', 'api("articles/"', "<script>"]:
        check(needle in html, "dashboard lacks %s" % needle)
    check("<script src" not in html and "<link" not in html and "@import" not in html, "dashboard loads nothing external")
    node = shutil.which("node")
    if node:
        js = html.split("<script>", 1)[1].split("</script>", 1)[0]
        with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
            f.write(js)
        r = subprocess.run([node, "--check", f.name], capture_output=True, text=True)
        os.unlink(f.name)
        check(r.returncode == 0, "dashboard script: %s" % r.stderr)
    browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser:
        r = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                            "--dump-dom", s.base + "/"], capture_output=True, text=True, timeout=120)
        check('class="ev"' in r.stdout and "<rect" in r.stdout, "headless %s: events table or chart empty" % browser)
        print("dashboard: rendered by headless %s with events and the chart" % os.path.basename(browser))
    print("dashboard: %d bytes of HTML with filters, chart, events, actors, quotes%s%s" %
          (len(body), "; script parsed by node" if node else "", "" if browser else "; no chromium: not rendered"))


def main(argv):
    evc = os.path.abspath(argv[1])
    tmp = tempfile.mkdtemp(prefix="evc-serve-")
    try:
        small, big, db = (os.path.join(tmp, n) for n in ("small.jsonl", "big.jsonl", "s.db"))
        with open(small, "w") as f:
            subprocess.run([sys.executable, CORPUS], stdout=f, check=True)
        with open(big, "w") as f:
            subprocess.run([sys.executable, CORPUS, "300"], stdout=f, check=True)
        subprocess.run([evc, "ingest", "--db", db, small], check=True, stdout=subprocess.DEVNULL)
        ex = export(evc, db)
        s = Server(evc, db)
        try:
            listed = check_events(s, ex)
            check_filters(s, evc, db, listed)
            check_articles(s, ex)
            check_stats_actors_quotes(s, ex)
            check_timeline(s, listed)
            check_errors(s)
            fuzz(s)
            check_dashboard(s)
            check_concurrent_ingest(evc, s, db, big)
        finally:
            s.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILS:
        print("%d failures" % len(FAILS))
        return 1
    print("serve: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
