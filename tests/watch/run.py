#!/usr/bin/env python3
"""Watchlists and webhook alerts end to end (docs/store.md, "Watchlists").

A webhook receiver on 127.0.0.1 (http.server in a thread; it can answer
200, answer 500, hang without answering, or be down) and stores made from
our corpus (tests/store/corpus.py). Checks:

- the hits of each watchlist are the events `evcode query` lists with the
  same filters, and each is POSTed exactly once (once answered with 2xx),
  with the event as /v1/events/ID gives it; a watchlist that matches
  nothing gets nothing, one without a webhook gets no POST;
- re-ingesting the same articles records and delivers nothing new;
- with the receiver down, ingest completes and returns while deliveries are
  still pending in the store (it did not wait for them), each attempt is
  recorded with its error and the retry time doubles (5 s, 10 s, 20 s after
  a failure); once the receiver is up, `watch deliver` (or a later ingest)
  delivers each pending one exactly once;
- a receiver that hangs or answers 500 holds up nothing and is retried;
- `evcode serve` delivers what comes due while it runs, and serves
  /v1/watchlists and /v1/watchlists/NAME/events;
- `watch events --new`, `watch rm`, `code --db`, and the usage errors.

No assertion is timed: a wait (for a server's delivery) has a generous
limit and fails only when it is exceeded.

usage: run.py EVCODE
"""
import http.server
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "store", "corpus.py")
FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)
    return cond


class Receiver:
    """A webhook receiver on 127.0.0.1:port. mode: "ok" (200), "error" (500)
    or "hang" (reads the request, then answers nothing until released).
    `delivered` holds the requests answered 2xx: (path, headers, body)."""

    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.mode = "ok"
        self.delivered, self.refused = [], []
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.server = None

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def start(self):
        rec = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                item = (self.path, dict(self.headers), body)
                if rec.mode == "hang":
                    rec.release.wait(60)
                    return
                status = 200 if rec.mode == "ok" else 500
                with rec.lock:
                    (rec.delivered if status == 200 else rec.refused).append(item)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        """Down: the port refuses connections."""
        if self.server:
            self.release.set()
            self.server.shutdown()
            self.server.server_close()
            self.server = None
            self.release.clear()

    def posts(self):
        """(watchlist, event id, delivery id) of every 2xx-answered POST."""
        with self.lock:
            out = []
            for path, headers, body in self.delivered:
                d = json.loads(body)
                check(path == "/hook/" + d["watchlist"], "POST to %s for watchlist %s" % (path, d["watchlist"]))
                check(headers.get("X-Evcode-Delivery") == str(d["delivery"]) and
                      headers.get("X-Evcode-Watchlist") == d["watchlist"] and
                      headers.get("Content-Type") == "application/json", "POST headers %r" % headers)
                out.append((d["watchlist"], d["event"]["id"], d["delivery"]))
            return out


def run(evc, *args, want=0, stdin=None):
    p = subprocess.run([evc] + list(args), capture_output=True, text=True, stdin=stdin)
    check(p.returncode == want, "evcode %s: exit %d, wanted %d: %s" % (" ".join(args), p.returncode, want,
                                                                       p.stderr.strip()[:300]))
    return p


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def key(e):
    return (e["day"], e["source"], e["target"], e["code"])


# The watchlists of the test: name, filter options, with a webhook or not.
WATCHES = [
    ("rus", ["--actor", "RUS", "--code", "19"], True),
    ("hostile", ["--place", "UKR", "--place", "rus", "--goldstein-below", "-5"], True),
    ("usa", ["--actor", "USA", "--code", "04", "--code", "05"], True),
    ("nothing", ["--actor", "ZZZ"], True),
    ("quiet", ["--code", "1"], False),
]


def add_watches(evc, db, rec):
    for name, filt, hook in WATCHES:
        extra = ["--webhook", rec.url("/hook/" + name)] if hook else []
        run(evc, "watch", "add", "--db", db, name, *filt, *extra)


def check_hits(evc, db, label):
    """Each watchlist's hits are the events of query with its filters;
    returns {name: set of event ids}."""
    out = {}
    for name, filt, _ in WATCHES:
        want = jsonl(run(evc, "query", "--db", db, *filt, "--format", "jsonl").stdout)
        hits = jsonl(run(evc, "watch", "events", "--db", db, name, "--format", "jsonl").stdout)
        check(sorted(key(e) for e in want) == sorted(key(h) for h in hits),
              "%s: the hits of %s (%d) are not the events of query (%d)" % (label, name, len(hits), len(want)))
        check(len({h["id"] for h in hits}) == len(hits), "%s: an event is a hit of %s twice" % (label, name))
        out[name] = {h["id"] for h in hits}
    return out


def deliveries(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT d.id, d.state, d.attempts, d.next_at, d.last_error, d.last_status"
                           " FROM watch_deliveries d ORDER BY d.id").fetchall()
    finally:
        con.close()


def check_exactly_once(rec, hits, label):
    posts = rec.posts()
    pairs = [(w, e) for w, e, _ in posts]
    check(len(pairs) == len(set(pairs)), "%s: an event was delivered twice to a watchlist" % label)
    check(len({d for _, _, d in posts}) == len(posts), "%s: a delivery was answered 2xx twice" % label)
    for name, _, hook in WATCHES:
        got = {e for w, e in pairs if w == name}
        want = hits[name] if hook else set()
        check(got == want, "%s: %s: %d events delivered, %d hits" % (label, name, len(got), len(want)))
    return len(posts)


def check_backoff(db):
    """Every attempt is recorded; after the k-th failure the next is 5 * 2^(k-1) s later."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT d.id, d.attempts, unixepoch(d.next_at) - unixepoch(a.finished), a.error,"
            " (SELECT count(*) FROM watch_attempts t WHERE t.delivery = d.id)"
            " FROM watch_deliveries d JOIN watch_attempts a ON a.delivery = d.id AND a.attempt = d.attempts"
            " WHERE d.state = 'pending'").fetchall()
    finally:
        con.close()
    check(rows, "no attempt recorded")
    for did, attempts, gap, error, logged in rows:
        check(logged == attempts, "delivery %d: %d attempts, %d recorded" % (did, attempts, logged))
        check(gap == 5 * 2 ** (attempts - 1), "delivery %d: retry %s s after attempt %d" % (did, gap, attempts))
        check(error and ("cannot connect" in error or "timed out" in error or "HTTP status" in error),
              "delivery %d: error %r" % (did, error))
    return max(r[1] for r in rows) if rows else 0


def test_main(evc, tmp, small, more):
    rec = Receiver()
    rec.start()
    db = os.path.join(tmp, "w.db")
    add_watches(evc, db, rec)
    p = run(evc, "ingest", "--db", db, small)
    hits = check_hits(evc, db, "first ingest")
    check("watch: %d new hits" % sum(len(h) for h in hits.values()) in p.stdout, "ingest's watch line: %r" % p.stdout)
    # what the grace at exit did not deliver (a loaded machine) is delivered here
    run(evc, "watch", "deliver", "--db", db)
    n = check_exactly_once(rec, hits, "first ingest")
    check(hits["nothing"] == set() and all(hits[w] for w in ("rus", "hostile", "usa", "quiet")),
          "the corpus tests too little: %r" % {w: len(h) for w, h in hits.items()})
    check(all(s == "delivered" and a == 1 for _, s, a, _, _, _ in deliveries(db)), "a delivery took 2 attempts")
    # the payload: the event as /v1/events/ID has it, with its mentions
    d = json.loads(rec.delivered[0][2])
    check(set(d) == {"watchlist", "hit", "recorded", "delivery", "attempt", "event"} and d["event"]["mentions"] and
          d["event"]["mentions"][0]["sentence"], "payload %r" % sorted(d))
    print("first ingest: hits equal query's events for %d watchlists; %d POSTs, each event once"
          % (len(WATCHES), n))

    # the same articles again: nothing new
    p = run(evc, "ingest", "--db", db, small)
    check("watch: 0 new hits" in p.stdout, "re-ingest: %r" % p.stdout)
    check(check_hits(evc, db, "re-ingest") == hits, "re-ingest changed the hits")
    check(len(rec.posts()) == n, "re-ingest POSTed again")

    # the receiver down: ingest does not wait, deliveries stay pending
    rec.stop()
    p = run(evc, "ingest", "--db", db, more)
    pending = [r for r in deliveries(db) if r[1] == "pending"]
    check(pending, "receiver down: no delivery pending right after ingest returned")
    hits = check_hits(evc, db, "receiver down")
    check_backoff(db)
    # --now: every pending one attempted (and failed) once more, twice
    before = {r[0]: r[2] for r in pending}
    for _ in range(2):
        p = run(evc, "watch", "deliver", "--db", db, "--now", want=2)
    after = {r[0]: r[2] for r in deliveries(db)}
    check(all(after[d] == a + 2 for d, a in before.items()), "deliver --now twice: not two attempts more each")
    top = check_backoff(db)
    print("receiver down: ingest returned with %d deliveries pending; every attempt recorded, the retry time "
          "doubling (up to attempt %d: %d s)" % (len(pending), top, 5 * 2 ** (top - 1)))

    # up again: each pending one delivered exactly once
    rec.start()
    run(evc, "watch", "deliver", "--db", db, "--now")
    check(all(r[1] == "delivered" for r in deliveries(db)), "receiver up: not all delivered")
    n = check_exactly_once(rec, hits, "receiver back")
    print("receiver back: watch deliver --now delivered every pending one; %d POSTs in all, each event once" % n)

    # --new: the hits after the last look, then none
    new = jsonl(run(evc, "watch", "events", "--db", db, "rus", "--new", "--format", "jsonl").stdout)
    check(len(new) == len(hits["rus"]), "events --new: %d of %d" % (len(new), len(hits["rus"])))
    again = run(evc, "watch", "events", "--db", db, "rus", "--new", "--format", "jsonl").stdout
    check(again == "", "events --new twice: %r" % again[:200])
    table = run(evc, "watch", "list", "--db", db, "--format", "table").stdout
    check(table.startswith("NAME") and "rus " in table and "no webhook" in table, "list table: %r" % table[:300])
    listed = {w["name"]: w for w in jsonl(run(evc, "watch", "list", "--db", db).stdout)}
    check(listed["rus"]["unseen"] == 0 and listed["usa"]["unseen"] == listed["usa"]["hits"] and
          listed["usa"]["delivered"] == listed["usa"]["hits"] and listed["rus"]["webhook"].endswith("/hook/rus"),
          "list: %r" % listed.get("rus"))

    # rm: gone with its hits; later ingests record nothing for it
    run(evc, "watch", "rm", "--db", db, "usa")
    check("usa" not in {w["name"] for w in jsonl(run(evc, "watch", "list", "--db", db).stdout)}, "rm: still listed")
    run(evc, "watch", "events", "--db", db, "usa", want=1)
    rec.stop()
    return db


def test_hang_and_500(evc, tmp, small):
    """A receiver that never answers, then one that answers 500: ingest and
    deliver return, attempts are recorded, and later all is delivered once."""
    rec = Receiver()
    rec.mode = "hang"
    rec.start()
    db = os.path.join(tmp, "hang.db")
    run(evc, "watch", "add", "--db", db, "rus", "--actor", "RUS", "--code", "19", "--webhook", rec.url("/hook/rus"))
    run(evc, "ingest", "--db", db, small)
    rows = deliveries(db)
    check(rows and all(r[1] == "pending" for r in rows), "hanging receiver: not all pending after ingest")
    check(any(r[4] and "timed out" in r[4] for r in rows), "hanging receiver: no timeout recorded: %r" % rows[:2])
    rec.release.set()
    rec.mode = "error"
    run(evc, "watch", "deliver", "--db", db, "--now", want=2)
    rows = deliveries(db)
    check(all(r[1] == "pending" and r[5] == 500 and r[4] == "HTTP status 500" for r in rows),
          "500: %r" % rows[:2])
    check_backoff(db)
    rec.mode = "ok"
    run(evc, "watch", "deliver", "--db", db, "--now")
    hits = {e["id"] for e in jsonl(run(evc, "watch", "events", "--db", db, "rus", "--format", "jsonl").stdout)}
    pairs = [(w, e) for w, e, _ in rec.posts()]
    check(sorted(pairs) == sorted(("rus", e) for e in hits), "hang, 500, then ok: delivered %d of %d"
          % (len(pairs), len(hits)))
    rec.stop()
    print("hanging receiver: ingest returned, timeouts recorded; 500 recorded; then %d delivered once each"
          % len(pairs))


def test_serve(evc, tmp, small):
    """Pending deliveries are delivered by evcode serve once due; its API."""
    rec = Receiver()
    db = os.path.join(tmp, "serve.db")
    run(evc, "watch", "add", "--db", db, "rus", "--actor", "RUS", "--code", "19", "--webhook", rec.url("/hook/rus"))
    run(evc, "watch", "add", "--db", db, "quiet", "--code", "1")
    run(evc, "ingest", "--db", db, small)   # the receiver is down
    check(all(r[1] == "pending" for r in deliveries(db)), "serve: not pending before")
    rec.start()
    proc = subprocess.Popen([evc, "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        base = proc.stdout.readline().split()[2].rstrip("/")
        end = time.time() + 60
        while time.time() < end and not all(r[1] == "delivered" for r in deliveries(db)):
            time.sleep(0.2)
        check(all(r[1] == "delivered" for r in deliveries(db)), "serve: deliveries not made within 60 s")
        hits = jsonl(run(evc, "watch", "events", "--db", db, "rus", "--format", "jsonl").stdout)
        check(sorted(e for _, e, _ in rec.posts()) == sorted(h["id"] for h in hits), "serve: delivered %d of %d"
              % (len(rec.posts()), len(hits)))

        def get(path):
            try:
                with urllib.request.urlopen(base + path, timeout=30) as r:
                    return r.status, json.loads(r.read())
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read())

        status, wl = get("/v1/watchlists")
        names = [w["name"] for w in wl.get("watchlists", [])]
        check(status == 200 and names == ["quiet", "rus"], "/v1/watchlists: %s %r" % (status, names))
        rus = next((w for w in wl.get("watchlists", []) if w["name"] == "rus"), {})
        check(rus.get("webhook") == "http://127.0.0.1:%d" % rec.port, "/v1/watchlists shows %r, not the origin"
              % rus.get("webhook"))
        status, page = get("/v1/watchlists/rus/events?limit=2")
        newest = sorted(hits, key=lambda h: -h["hit"])
        check(status == 200 and [e["hit"] for e in page["events"]] == [h["hit"] for h in newest[:2]] and
              page["more"] == (len(hits) > 2), "/v1/watchlists/rus/events: %r" % page)
        check(page["events"] and page["events"][0]["delivery"] == "delivered", "the API's delivery state")
        status, _ = get("/v1/watchlists/missing/events")
        check(status == 404, "an unknown watchlist: %d" % status)
        status, _ = get("/v1/watchlists/bad%20name/events")
        check(status == 400, "a bad watchlist name: %d" % status)
    finally:
        proc.terminate()
        rc = proc.wait(timeout=60)
        check(rc == 0, "serve exit %d: %s" % (rc, proc.stderr.read()[-500:]))
        rec.stop()
    print("serve: delivered the %d pending deliveries once due; /v1/watchlists and its events as the CLI"
          % len(rec.posts()))


def test_code_db(evc, tmp, small):
    rec = Receiver()
    rec.start()
    db = os.path.join(tmp, "code.db")
    run(evc, "watch", "add", "--db", db, "rus", "--actor", "RUS", "--webhook", rec.url("/hook/rus"))
    coded = run(evc, "code", "--db", db, small).stdout
    plain = run(evc, "code", small).stdout
    check(coded == plain, "code --db printed something else")
    run(evc, "watch", "deliver", "--db", db)
    hits = {e["id"] for e in jsonl(run(evc, "watch", "events", "--db", db, "rus", "--format", "jsonl").stdout)}
    check(hits and sorted(e for _, e, _ in rec.posts()) == sorted(hits), "code --db: delivered %d of %d"
          % (len(rec.posts()), len(hits)))
    rec.stop()


def test_errors(evc, tmp):
    db = os.path.join(tmp, "err.db")
    cases = [
        (["watch"], "subcommand is required"),
        (["watch", "frob", "--db", db], "unknown subcommand"),
        (["watch", "add", "x"], "--db FILE is required"),
        (["watch", "add", "--db", db], "NAME is required"),
        (["watch", "add", "--db", db, "a", "b"], "one NAME only"),
        (["watch", "add", "--db", db, "a b"], "letters, digits"),
        (["watch", "add", "--db", db, "x", "--webhook", "https://hooks.example.org/x"], "only http://"),
        (["watch", "add", "--db", db, "x", "--webhook", "hooks.example.org"], "an http:// URL"),
        (["watch", "add", "--db", db, "x", "--code", "1x"], "1 to 4 digits"),
        (["watch", "add", "--db", db, "x", "--goldstein-below", "11"], "from -10 to 10"),
        (["watch", "add", "--db", db, "x", "--actor"], "wants a value"),
        (["watch", "add", "--db", db, "x", "--text", "a"], "unknown option"),
        (["watch", "list", "--db", os.path.join(tmp, "missing.db")], "no such store"),
        (["watch", "list", "--db", db, "--format", "xml"], "unknown format"),
        (["watch", "deliver", "--db", db, "--new"], "unknown option"),
    ]
    for args, pat in cases:
        p = run(evc, *args, want=1)
        check(pat in p.stderr, "evcode %s: %r lacks %r" % (" ".join(args), p.stderr.strip()[:200], pat))
    check(not os.path.exists(db), "a refused watch add made a store")
    run(evc, "watch", "add", "--db", db, "x", "--code", "19")
    for args, pat in [(["watch", "add", "--db", db, "x"], "already"),
                      (["watch", "rm", "--db", db, "y"], "no watchlist named y"),
                      (["watch", "events", "--db", db, "y"], "no watchlist named y")]:
        p = run(evc, *args, want=1)
        check(pat in p.stderr, "evcode %s: %r lacks %r" % (" ".join(args), p.stderr.strip()[:200], pat))
    check("watch add|list|rm|events|deliver" in run(evc, "--help").stdout, "evcode --help lacks watch")
    check("watch deliver" in run(evc, "watch", "--help").stdout, "watch --help")
    print("errors: %d usage errors exit 1 with their message" % (len(cases) + 3))


def main(argv):
    evc = os.path.abspath(argv[1])
    tmp = tempfile.mkdtemp(prefix="evc-watch-")
    try:
        small, more = os.path.join(tmp, "small.jsonl"), os.path.join(tmp, "more.jsonl")
        with open(small, "w") as f:
            subprocess.run([sys.executable, CORPUS], stdout=f, check=True)
        with open(more, "w") as f:
            subprocess.run([sys.executable, CORPUS, "60"], stdout=f, check=True)
        test_main(evc, tmp, small, more)
        test_hang_and_500(evc, tmp, small)
        test_serve(evc, tmp, small)
        test_code_db(evc, tmp, small)
        test_errors(evc, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILS:
        print("%d failures" % len(FAILS))
        return 1
    print("watch: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
