#!/usr/bin/env python3
"""evcode serve against a store made from our examples (tests/store/corpus.py).

Starts `evcode serve --port 0` (a free loopback port, printed on stdout) and
checks every route against `evcode export`, `evcode query` and `evcode code`:
the events listing (order, filters, pagination), each event with its
mentions, each article with its text and links, stats, actors, quotes,
speakers, dyads (filters, pages), the timeline (counts and mean Goldstein
per day, week and month; events per CAMEO root); POST /v1/code against
`evcode code` (text, JSON Lines, a web page, ?quotes, ?articles,
?format=json, ?published, chunked, sniffed) on a kept-alive connection, and
its 4xx: malformed JSON (line and column), an empty, oversized or
unframed body, a wrong method or type, the coding time limit. Bad
parameters get 400 with a JSON error, unknown routes 404; so do malformed
and oversized requests on a raw socket (a 100 KB URL, a 10 MB header, an
unknown method) get a 4xx JSON error; random query strings never crash it;
an `evcode ingest` into the same store while requests run; the dashboard's
files. The routes are under /v1/; /api/ is an alias, checked once. (The
page in a browser: browser.js.) Stops it with SIGTERM and requires exit
status 0 (under ASan: no leaks).

usage: run.py EVCODE
"""
import datetime
import glob
import http.client
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
ROOT = os.path.join(HERE, "..", "..")
CORPUS = os.path.join(HERE, "..", "store", "corpus.py")
FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)
    return cond


class Server:
    def __init__(self, evc, db, *args):
        self.proc = subprocess.Popen([evc, "serve", "--db", db, "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "http://127.0.0.1:" not in line:
            self.proc.kill()
            sys.exit("serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.base = line.split()[2].rstrip("/")
        print(line.strip())

    def get(self, path, method="GET", data=None, headers=None):
        """(status, content type, body bytes)"""
        req = urllib.request.Request(self.base + path, method=method, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read()

    def post(self, path, data, ctype="text/plain"):
        return self.get(path, "POST", data, {"Content-Type": ctype} if ctype else {})

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
    got = s.json(q("/v1/events", limit=1000))
    check(got["count"] == len(events) and not got["more"], "events: %d listed, %d exported" % (got["count"], len(events)))
    for a, b in zip(got["events"], events):
        check((a["day"], a["source"], a["target"], a["code"]) == (b["day"], b["source"], b["target"], b["code"]),
              "events order: %r vs %r" % (a, b))
    # pagination
    p1, p2 = s.json(q("/v1/events", limit=5)), s.json(q("/v1/events", limit=5, offset=5))
    check(p1["more"] and p1["count"] == 5, "page 1: %r" % {k: p1[k] for k in ("count", "more")})
    check([e["id"] for e in p1["events"] + p2["events"]] == [e["id"] for e in got["events"][:10]], "pages 1-2")
    last = s.json(q("/v1/events", limit=5, offset=len(events) - 2))
    check(last["count"] == 2 and not last["more"], "last page")
    # each event with its mentions, as the export has them
    for a, b in zip(got["events"], events):
        e = s.json("/v1/events/%d" % a["id"])
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
        got = s.json(q("/v1/events", **f))
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
        got = s.json("/v1/articles/" + urllib.parse.quote(a["article"]))
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
        canon = s.json("/v1/articles/" + urllib.parse.quote(dup[0]["duplicate_of"]))
        check(dup[0]["article"] in [l["article"] for l in canon["linked_from"]], "linked_from of the canonical article")
    print("articles: %d with text, links, mentions and quotes as exported; %s is a near-duplicate of %s"
          % (len(ex["article"]), dup[0]["article"], dup[0]["duplicate_of"]))


def check_stats_actors_quotes(s, ex):
    st = s.json("/v1/stats")
    want = {"articles": len(ex["article"]), "events": len(ex["event"]), "quotes": len(ex["quote"]),
            "actors": len(ex["actor"]), "mentions": sum(len(e["mentions"]) for e in ex["event"]),
            "duplicates": sum(1 for a in ex["article"] if a["duplicate_of"])}
    check(all(st.get(k) == v for k, v in want.items()), "stats %r, export %r" % (st, want))
    print("stats:", json.dumps(st))
    top = s.json(q("/v1/actors", limit=5))["actors"]
    counts = sorted((a["mentions"] for a in ex["actor"]), reverse=True)[:5]
    check([a["mentions"] for a in top] == counts, "top actors %r vs %r" % (top, counts))
    usa = s.json(q("/v1/actors", prefix="usa", limit=1000))["actors"]
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
    got = s.json(q("/v1/quotes", speaker=part, limit=1000))
    want = [x for x in ex["quote"] if part in (x["speaker"] or "").lower() or
            (x["speaker_code"] or "").startswith(part.upper())]
    check(got["count"] == len(want), "quotes speaker=%s: %d vs %d" % (part, got["count"], len(want)))
    word = max((w for x in ex["quote"] for w in x["text"].split() if w.isalpha() and len(w) > 6), key=len)
    got = s.json(q("/v1/quotes", text=word))
    check(got["count"] >= 1 and all(word.lower() in x["text"].lower() for x in got["quotes"]), "quotes text=%s" % word)
    p = s.json(q("/v1/quotes", limit=7, offset=7))
    check(p["count"] == 7 and p["more"] == (len(ex["quote"]) > 14), "quotes page 2")
    print("quotes: speaker=%s -> %d, text=%s -> %d, paged 7 at offset 7" % (part, len(want), word, got["count"]))


def monday(day):
    d = datetime.date.fromisoformat(day)
    return (d - datetime.timedelta(days=d.weekday())).isoformat()


def check_timeline(s, listed):
    for by, key in (("day", lambda d: d), ("week", monday), ("month", lambda d: d[:7])):
        t = s.json(q("/v1/timeline", by=by))
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
    t = s.json(q("/v1/timeline", by="month", actor="USA"))
    n = sum(1 for e in listed if e["day"] and (e["source"].startswith("USA") or (e["target"] or "").startswith("USA")))
    check(sum(b["events"] for b in t["buckets"]) == n, "timeline with actor filter")
    print("timeline: by day, week (Mondays), month; counts, mentions and mean Goldstein recomputed; %d buckets by month"
          % len(t["buckets"]))


def check_timeline_roots(s, listed):
    """group=root: each bucket's events per CAMEO root (the code's first two digits)."""
    t = s.json(q("/v1/timeline", by="month", group="root"))
    want = {}
    for e in listed:
        if e["day"]:
            b = want.setdefault(e["day"][:7], {})
            b[e["code"][:2]] = b.get(e["code"][:2], 0) + 1
    got = {b["period"]: b.get("roots") for b in t.get("buckets", [])}
    check(got == want, "timeline roots: %r vs %r" % (got, want))
    check(t.get("roots") == sorted({r for b in want.values() for r in b}), "timeline roots list %r" % t.get("roots"))
    check(all(sum(b["roots"].values()) == b["events"] for b in t["buckets"]), "timeline roots add up to events")
    print("timeline group=root: events per root in each of %d months; %d roots: %s"
          % (len(got), len(t["roots"]), " ".join(t["roots"])))


def dyads_of(events):
    """The dyads of a list of events, in /v1/dyads order."""
    d = {}
    for e in events:
        if e["target"]:
            x = d.setdefault((e["source"], e["target"]), [0, 0, 0.0])
            x[0] += 1
            x[1] += e["num_mentions"]
            x[2] += e["goldstein"]
    return sorted(((k[0], k[1], n, m, g / n) for k, (n, m, g) in d.items()), key=lambda x: (-x[2], -x[3], x[0], x[1]))


def check_dyads(s, evc, db, listed):
    want = dyads_of(listed)
    got = s.json(q("/v1/dyads", limit=1000))
    mine = [(x["source"], x["target"], x["events"], x["mentions"]) for x in got["dyads"]]
    check(mine == [x[:4] for x in want], "dyads: %r vs %r" % (mine[:5], want[:5]))
    check(all(abs(a["goldstein"] - b[4]) < 0.006 for a, b in zip(got["dyads"], want)), "dyads: mean Goldstein")
    check(got["total"] == len(want) and got["count"] == len(want) and not got["more"], "dyads total")
    check(got["no_target"] == sum(1 for e in listed if not e["target"]), "dyads no_target")
    p = s.json(q("/v1/dyads", limit=5, offset=5))
    check([(x["source"], x["target"]) for x in p["dyads"]] == [x[:2] for x in want[5:10]] and p["more"] == (len(want) > 10),
          "dyads page 2")
    for f in ({"actor": "USA"}, {"code": "19"}, {"from": "2023-01-01", "to": "2023-12-31"}):
        args = [evc, "query", "--db", db, "--format", "jsonl"]
        for k, v in f.items():
            args += ["--" + k, v]
        events = [json.loads(x) for x in subprocess.run(args, capture_output=True, text=True).stdout.splitlines()]
        for e in events:
            e["target"] = e.get("target") or None
        got = s.json(q("/v1/dyads", limit=1000, **f))
        check([(x["source"], x["target"], x["events"]) for x in got["dyads"]] == [x[:3] for x in dyads_of(events)],
              "dyads %r vs evcode query" % f)
    print("dyads: %d pairs as counted from the events (top %s -> %s, %d events), a page, 3 filters as evcode query's"
          % (len(want), want[0][0], want[0][1], want[0][2]))


def check_speakers(s, ex):
    counts = {}
    for x in ex["quote"]:
        k = (x["speaker"], x["speaker_code"])
        counts[k] = counts.get(k, 0) + 1
    want = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0] is None, kv[0][0] or "", kv[0][1] or ""))
    got = s.json(q("/v1/speakers", limit=1000))
    mine = [((x["speaker"], x["speaker_code"]), x["quotes"]) for x in got["speakers"]]
    check(mine == want, "speakers: %r vs %r" % (mine[:4], want[:4]))
    p = s.json(q("/v1/speakers", limit=3, offset=3))
    check([((x["speaker"], x["speaker_code"]), x["quotes"]) for x in p["speakers"]] == want[3:6] and p["more"],
          "speakers page 2")
    print("speakers: %d (speaker, code) pairs with their quotes as exported; most quoted %s (%d)"
          % (len(want), want[0][0][0], want[0][1]))


def code_cli(evc, args, stdin=None):
    return subprocess.run([evc, "code", *args], input=stdin, capture_output=True).stdout


def check_code(s, evc):
    """POST /v1/code answers what evcode code prints, on one kept-alive connection."""
    host, port = s.base.split("//")[1].split(":")
    c = http.client.HTTPConnection(host, int(port), timeout=60)

    def post(path, body, ctype="text/plain", chunked=False):
        headers = {"Content-Type": ctype} if ctype else {}
        c.request("POST", path, body=iter([body[:100], body[100:]]) if chunked else body, headers=headers,
                  encode_chunked=chunked)
        r = c.getresponse()
        data = r.read()
        check(r.getheader("Connection", "").lower() == "keep-alive", "%s: Connection %r" % (path, r.getheader("Connection")))
        return r.status, r.getheader("Content-Type", ""), data

    c.request("GET", "/v1/stats")
    stats = c.getresponse().read()
    sock = c.sock
    texts = sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt")))
    for path in texts:
        base = os.path.splitext(os.path.basename(path))[0]
        body = open(path, "rb").read()
        st, ctype, got = post(q("/v1/code", id=base, quotes=1), body)
        check(st == 200 and ctype.startswith("application/x-ndjson"), "code %s: %d %s" % (base, st, ctype))
        check(got == code_cli(evc, ["--quotes", path]), "code %s differs from evcode code --quotes" % base)
    jsonl = os.path.join(ROOT, "examples", "articles.jsonl")
    body = open(jsonl, "rb").read()
    want = code_cli(evc, ["--quotes", "--articles", jsonl])
    for ctype, chunked in (("application/json", False), ("application/x-ndjson", True), (None, False)):
        st, _, got = post(q("/v1/code", id="articles", quotes=1, articles=1), body, ctype, chunked)
        check(st == 200 and got == want, "code JSON Lines (%s%s): %d, %d bytes vs %d" %
              (ctype, ", chunked" if chunked else "", st, len(got), len(want)))
    st, ctype, got = post(q("/v1/code", id="articles", format="json"), body, "application/json")
    check(st == 200 and ctype.startswith("application/json") and
          json.loads(got) == [json.loads(x) for x in code_cli(evc, [jsonl]).splitlines()], "code ?format=json")
    undated = b"Talks in Geneva\n\nThe foreign minister of France met the president of Niger on Tuesday to discuss aid.\n"
    st, _, got = post(q("/v1/code", id="geneva", published="2024-03-05", articles=1), undated)
    check(st == 200 and got == code_cli(evc, ["--published", "2024-03-05", "--articles", "-"], undated).replace(
        b'"stdin"', b'"geneva"'), "code ?published")
    page = os.path.join(ROOT, "tests", "web", "pages", "harbour-talks.html")
    st, _, got = post(q("/v1/code", id="harbour-talks", articles=1), open(page, "rb").read(), "text/html; charset=utf-8")
    check(st == 200 and got == code_cli(evc, ["--articles", page]), "code text/html")
    # ?explain=1: what evcode code --explain prints; then a request without it has no "explain"
    st, _, got = post(q("/v1/code", id="articles", explain=1), body, "application/json")
    check(st == 200 and got == code_cli(evc, ["--explain", jsonl]) and b'"explain"' in got and b'"no_event"' in got,
          "code ?explain=1 differs from evcode code --explain")
    st, _, got = post(q("/v1/code", id="articles"), body, "application/json")
    check(st == 200 and b'"explain"' not in got and b'"no_event"' not in got, "code without ?explain explains")
    check(c.sock is sock, "POST /v1/code: the connection was not kept alive")
    c.request("GET", "/v1/stats")
    check(c.getresponse().read() == stats, "POST /v1/code changed the store")
    c.close()
    print("code: %d texts, JSON Lines (typed, chunked, sniffed), ?format=json, ?published, a web page: as evcode code "
          "prints; one kept-alive connection; the store unchanged" % len(texts))


def check_code_errors(s, evc, db, big):
    cases = [
        ("malformed JSON", q("/v1/code"), b'{"text": "x"}\n{"text": "unterminated\n', "application/json", 400),
        ("no text", q("/v1/code"), b'{"title": "x"}', "application/json", 400),
        ("empty body", q("/v1/code"), b"  \r\n", "text/plain", 400),
        ("oversize body", q("/v1/code"), b"a" * ((1 << 20) + 1), "text/plain", 413),
        ("XML", q("/v1/code"), b"<a/>", "application/xml", 415),
        ("Latin-1 text", q("/v1/code"), b"caf\xe9", "text/plain; charset=iso-8859-1", 415),
        ("format=xml", q("/v1/code", format="xml"), b"x", "text/plain", 400),
        ("quotes=yes", q("/v1/code", quotes="yes"), b"x", "text/plain", 400),
        ("published=2024-13-01", q("/v1/code", published="2024-13-01"), b"x", "text/plain", 400),
        ("unknown parameter", q("/v1/code", db="x"), b"x", "text/plain", 400),
    ]
    for what, path, body, ctype, want in cases:
        st, ct, got = s.post(path, body, ctype)
        err = json.loads(got) if ct.startswith("application/json") else {}
        check(st == want and isinstance(err.get("error"), str), "code %s: %d %r" % (what, st, got[:200]))
        if what == "malformed JSON":
            check(err.get("line") == 2 and err.get("column", 0) > 0 and err["error"].startswith("2:%d: " % err["column"]),
                  "malformed JSON: line and column in %r" % err)
            print("  e.g. malformed JSON ->", json.dumps(err))
    for method, path, allow in (("GET", "/v1/code", "POST"), ("PUT", "/v1/code", "POST"), ("POST", "/v1/events", "GET")):
        req = urllib.request.Request(s.base + path, method=method, data=b"x" if method != "GET" else None)
        try:
            urllib.request.urlopen(req, timeout=30)
            check(False, "%s %s answered 2xx" % (method, path))
        except urllib.error.HTTPError as e:
            check(e.code == 405 and e.headers.get("Allow") == allow and "error" in json.loads(e.read()),
                  "%s %s: %d, Allow %r" % (method, path, e.code, e.headers.get("Allow")))
    # a POST without a length: 411 on a raw socket; a body over the limit: 413 and the connection closed
    status, ctype, body = raw_request(s, b"POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n\r\n")
    check(status == 411 and ctype.startswith("application/json"), "POST without Content-Length: %d %r" % (status, body))
    status, _, body = raw_request(s, b"POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\nabc",
                                  shutdown=False)
    check(status == 413 and b"--max-body" in body, "Content-Length over --max-body: %d %r" % (status, body))
    # the coding time limit: 1 ms for the 300 articles of the big corpus
    slow = Server(evc, db, "--code-timeout", "1", "--max-body", str(16 << 20))
    try:
        st, _, got = slow.post("/v1/code", open(big, "rb").read(), "application/json")
        check(st == 413 and b"--code-timeout" in got, "--code-timeout 1: %d %r" % (st, got[:200]))
        print("  e.g. --code-timeout 1 ->", got.decode().strip())
    finally:
        slow.stop()
    print("code errors: %d bad bodies and parameters (400, 413, 415), wrong methods 405 with Allow, no length 411, "
          "a declared length over the limit 413 without reading it, the coding time limit 413" % len(cases))


BAD = [
    "/v1/events?limit=0", "/v1/events?limit=abc", "/v1/events?limit=1001", "/v1/events?limit=-1",
    "/v1/events?offset=-1", "/v1/events?offset=99999999999", "/v1/events?from=2020-1-1", "/v1/events?to=yesterday",
    "/v1/events?code=ab", "/v1/events?code=12345", "/v1/events?text=%20%2B%2B", "/v1/events?by=week",
    "/v1/events?bogus=1", "/v1/events?limit=1&limit=2", "/v1/events?text=%zz", "/v1/events?text=%00",
    "/v1/events?text=%", "/v1/events?actor=" + "A" * 65, "/v1/timeline?by=year", "/v1/timeline?limit=3",
    "/v1/events/abc", "/v1/events/-1", "/v1/events/1x", "/v1/events/" + "9" * 30, "/v1/stats?x=1",
    "/v1/actors?limit=5000", "/v1/actors?prefix=" + "x" * 300, "/v1/quotes?text=...", "/v1/quotes?offset=x",
    "/v1/events/1?limit=3", "/?x=1", "/v1/articles/", "/v1/dyads?by=week", "/v1/dyads?limit=0",
    "/v1/dyads?code=x", "/v1/timeline?group=actor", "/v1/speakers?limit=0", "/v1/speakers?speaker=x",
    "/uPlot.min.css?v=1",
]
NOT_FOUND = ["/v1/nope", "/nope", "/v1", "/api", "/v2/events", "/v1/events/999999", "/v1/articles/no-such-article",
             "/v1/events/0", "/index.htm", "/uPlot.js", "/v1/code/x"]


def check_errors(s):
    for path in BAD:
        got = s.json(path, want=400)
        check(isinstance(got.get("error"), str) and got["error"], "%s: no error message" % path)
    for path in NOT_FOUND:
        s.json(path, want=404)
    status, _, body = s.get("/v1/stats", method="POST")
    check(status == 405, "POST: %d" % status)
    print("errors: %d bad requests -> 400, %d unknown -> 404, POST -> 405, each with a JSON error"
          % (len(BAD), len(NOT_FOUND)))
    print("  e.g. GET /v1/events?limit=0 ->", json.dumps(s.json("/v1/events?limit=0", want=400)))


def fuzz(s, seed=9):
    rnd = random.Random(seed)
    routes = ["/v1/events", "/v1/timeline", "/v1/actors", "/v1/quotes", "/v1/events/", "/v1/articles/",
              "/v1/stats"]
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
    for raw in [b"GARBAGE\r\n\r\n", b"GET /v1/events?limit=1 HTTP/1.1\r\n" + b"X: " + b"y" * 20000 + b"\r\n\r\n",
                b"GET /v1/events?" + b"a" * 10000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"\x00\xff" * 100,
                b"GET /v1/events?text=%C3%28 HTTP/1.0\r\n\r\n"]:
        with socket.create_connection((host, int(port)), timeout=10) as c:
            try:
                c.sendall(raw)
                c.shutdown(socket.SHUT_WR)
                while c.recv(65536):
                    pass
            except OSError:
                pass
    check(s.get("/v1/stats")[0] == 200, "alive after raw requests")
    print("fuzz: 400 random query strings and 5 malformed raw requests; every answer 200/400/404 with JSON")


def check_alias(s):
    """/api/ answers as /v1/ does."""
    for path in ("/events?limit=5&offset=2", "/stats", "/timeline?by=month", "/events/1"):
        a, b = s.get("/api" + path), s.get("/v1" + path)
        check(a == b and a[0] == 200, "/api%s differs from /v1%s: %r vs %r" % (path, path, a[:2], b[:2]))
    check(s.get("/api/nope")[0] == 404, "/api/nope")
    print("alias: /api/... answers as /v1/...")


def raw_request(s, data, shutdown=True):
    """Sends bytes on a new connection; (status, content type, body) of the
    answer, (0, "", b"") when there is none."""
    host, port = s.base.split("//")[1].split(":")
    out = b""
    with socket.create_connection((host, int(port)), timeout=30) as c:
        try:
            for i in range(0, len(data), 1 << 16):
                c.sendall(data[i:i + (1 << 16)])
            if shutdown:
                c.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server stopped reading: its answer is still there
        try:
            while True:
                got = c.recv(65536)
                if not got:
                    break
                out += got
        except OSError:
            pass
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    ctype = next((l.split(":", 1)[1].strip() for l in lines[1:] if l.lower().startswith("content-type:")), "")
    return status, ctype, body


def check_raw_errors(s):
    """Malformed and oversized requests: a 4xx with a JSON error each (an
    unknown HTTP version: 505, as HTTP has it)."""
    big_url = b"GET /v1/events?text=" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    big_header = b"GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * (10 << 20) + b"\r\n\r\n"
    cases = [("100 KB URL", big_url), ("10 MB header", big_header),
             ("unknown method", b"FROB /v1/events HTTP/1.1\r\nHost: x\r\n\r\n"),
             ("DELETE", b"DELETE /v1/events HTTP/1.1\r\nHost: x\r\n\r\n"),
             ("no version", b"GET /v1/stats\r\n\r\n"), ("garbage", b"GARBAGE\r\n\r\n"),
             ("bad version", b"GET /v1/stats HTTP/7.3\r\nHost: x\r\n\r\n"),
             ("4 KB query string", b"GET /v1/events?text=" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")]
    seen = []
    for what, data in cases:
        status, ctype, body = raw_request(s, data)
        try:
            err = json.loads(body)
        except ValueError:
            err = {}
        check((400 <= status < 500 or (status == 505 and what == "bad version")) and ctype.startswith("application/json") and isinstance(err.get("error"), str),
              "%s: %d %s %r" % (what, status, ctype, body[:200]))
        seen.append("%s %d" % (what, status))
    check(s.get("/v1/stats")[0] == 200, "alive after oversized requests")
    print("raw errors: " + ", ".join(seen) + "; each with a JSON error")


def check_concurrent_ingest(evc, s, db, big):
    """An ingest writes into the served store while requests run."""
    seen, errors, stop = [], [], threading.Event()

    def poll():
        while not stop.is_set():
            try:
                st = s.json("/v1/stats")
                s.json(q("/v1/events", limit=20, offset=10))
                s.json(q("/v1/timeline", by="month"))
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
    final = s.json("/v1/stats")
    want = [line for line in r.stdout.splitlines() if line.startswith("store:")]
    check(want and ("store: %d articles" % final["articles"]) in want[0], "stats after ingest %r vs %r" % (final, want))
    check(len(set(seen)) >= 2, "requests saw the store grow: %r" % sorted(set(seen))[:10])
    print("concurrent ingest: %d requests during it, article counts seen %d..%d, none failed; now %d articles"
          % (len(seen) * 3, min(seen), max(seen), final["articles"]))


def check_dashboard(s):
    """The page and the files it loads, all from this server: our script and
    style, and uPlot at the version of share/dashboard/package-lock.json."""
    status, ctype, body = s.get("/")
    if status == 404 and b"EVC_DASHBOARD=OFF" in body:
        print("dashboard: skipped: built with EVC_DASHBOARD=OFF")
        return
    html = body.decode("utf-8")
    check(status == 200 and ctype.startswith("text/html"), "dashboard: %d %s" % (status, ctype))
    for needle in ['id="filters"', 'name="actor"', 'name="code"', 'name="from"', 'name="to"', 'name="text"',
                   'id="roots-chart"', 'id="goldstein-chart"', 'id="events"', 'id="dyads"', 'id="speakers"',
                   'id="actors"', 'id="quotes"', 'id="detail"']:
        check(needle in html, "dashboard lacks %s" % needle)
    refs = [m.split('"')[1] for m in html.split() if m.startswith(('src="', 'href="'))]
    want = ["/uPlot.min.css", "/dashboard.css", "/uPlot.iife.min.js", "/dashboard.js"]
    check([r for r in refs if not r.startswith("data:")] == want, "the page loads %r" % refs)
    check("<script>" not in html and "<style>" not in html and "style=" not in html, "inline script or style")
    with urllib.request.urlopen(s.base + "/", timeout=30) as r:
        csp = r.headers.get("Content-Security-Policy", "")
    check("default-src 'self'" in csp and "unsafe-inline" not in csp, "Content-Security-Policy %r" % csp)
    lock = json.load(open(os.path.join(ROOT, "share", "dashboard", "package-lock.json")))
    uplot = lock["packages"]["node_modules/uplot"]["version"]
    files = {}
    for ref in want:
        status, ctype, files[ref] = s.get(ref)
        kind = "text/css" if ref.endswith(".css") else "text/javascript"
        check(status == 200 and ctype.startswith(kind) and files[ref], "%s: %d %s" % (ref, status, ctype))
    check(files["/uPlot.iife.min.js"].startswith(b"/*! https://github.com/leeoniya/uPlot (v%s)" % uplot.encode()),
          "uPlot is not %s: %r" % (uplot, files["/uPlot.iife.min.js"][:60]))
    js = files["/dashboard.js"].decode("utf-8")
    for needle in ['"/v1/"', 'api("events"', 'api("timeline"', 'api("dyads"', 'api("speakers"', 'api("actors"',
                   'api("quotes"', 'api("articles/"', "new uPlot("]:
        check(needle in js, "dashboard.js lacks %s" % needle)
    check("innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js,
          "dashboard.js inserts HTML")
    node = shutil.which("node")
    if node:
        with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
            f.write(js)
        r = subprocess.run([node, "--check", f.name], capture_output=True, text=True)
        os.unlink(f.name)
        check(r.returncode == 0, "dashboard script: %s" % r.stderr)
    print("dashboard: the page (%d bytes) loads only %s from this server (uPlot %s), under a Content-Security-Policy%s"
          % (len(body), ", ".join(want), uplot, "; script parsed by node" if node else ""))


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
            check_timeline_roots(s, listed)
            check_dyads(s, evc, db, listed)
            check_speakers(s, ex)
            check_code(s, evc)
            check_code_errors(s, evc, db, big)
            check_errors(s)
            check_alias(s)
            check_raw_errors(s)
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
