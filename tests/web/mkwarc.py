#!/usr/bin/env python3
"""Writes a WARC/1.1 archive of the test pages, for tests/web/warc.sh.

usage: mkwarc.py PAGES_DIR OUT.warc[.gz] [--whole-gzip]

Records: warcinfo; a request (to skip); one response per page, each with a
different HTTP body form: gzip content coding (harbour-talks), chunked
transfer coding (drought-aid), a windows-1252 body named by the HTTP header
(cafe-summit); a PNG response and a 404 (both skipped as not HTML pages);
a metadata record. With .gz each record is its own gzip member (as Common
Crawl writes them), or with --whole-gzip one member for the whole file.
Deterministic: fixed dates and record ids.
"""
import gzip
import io
import sys


def record(wtype, uri, block, ctype, n):
    head = [
        "WARC/1.1",
        "WARC-Type: " + wtype,
        "WARC-Date: 2023-09-22T10:00:%02dZ" % n,
        "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>" % n,
    ]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += ["Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status, headers, body):
    lines = ["HTTP/1.1 " + status] + headers
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def chunked(body, size=97):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    pages, out = sys.argv[1], sys.argv[2]
    whole = "--whole-gzip" in sys.argv
    read = lambda name: open(pages + "/" + name, "rb").read()
    base = "https://news.example.org/2023/"
    recs = [
        record("warcinfo", None, b"software: evcode tests/web/mkwarc.py\r\nformat: WARC File Format 1.1\r\n",
               "application/warc-fields", 1),
        record("request", base + "harbour-talks",
               b"GET /2023/harbour-talks HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
               "application/http; msgtype=request", 2),
        record("response", base + "harbour-talks",
               http("200 OK", ["Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip"],
                    gzip.compress(read("harbour-talks.html"), mtime=0)),
               "application/http; msgtype=response", 3),
        record("response", base + "drought-aid",
               http("200 OK", ["Content-Type: text/html", "Transfer-Encoding: chunked"],
                    chunked(read("drought-aid.html"))),
               "application/http; msgtype=response", 4),
        record("response", base + "logo.png",
               http("200 OK", ["Content-Type: image/png"], b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
               "application/http; msgtype=response", 5),
        record("response", base + "cafe-summit",
               http("200 OK", ["Content-Type: text/html; charset=windows-1252"], read("cafe-summit.html")),
               "application/http; msgtype=response", 6),
        record("response", base + "missing",
               http("404 Not Found", ["Content-Type: text/html"], b"<html><body><p>Not found</p></body></html>"),
               "application/http; msgtype=response", 7),
        record("metadata", base + "cafe-summit", b"fetchTimeMs: 120\r\n", "application/warc-fields", 8),
    ]
    if not out.endswith(".gz"):
        data = b"".join(recs)
    elif whole:
        data = gzip.compress(b"".join(recs), mtime=0)
    else:
        data = b"".join(gzip.compress(r, mtime=0) for r in recs)
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
