#!/usr/bin/env python3
"""Adversarial web inputs of N units for tests/web/linear.sh.

usage: pathological.py CASE N OUT
"""
import sys

P = "<p>The minister met the envoy in the capital on Monday, officials said.</p>"


def warc_record(block, n):
    head = "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: %d\r\n\r\n" % len(block)
    return head.encode() + block + b"\r\n\r\n"


def make(case, n):
    if case == "html_deep":          # nested unclosed blocks
        return ("<div>" * n + P).encode()
    if case == "html_inline":        # nested unclosed inline elements
        return ("<b><i><span>" * n + P).encode()
    if case == "html_meta":          # meta tags without an end
        return ("<meta charset" * n).encode()
    if case == "html_links":         # a menu of n links
        return ("<ul>" + "<li><a href=/x>Item</a></li>" * n + "</ul>" + P).encode()
    if case == "html_attrs":         # one tag with n attributes
        return ("<div " + " ".join("data-a%d=\"v\" class=\"c%d\"" % (i, i) for i in range(n)) + ">" + P).encode()
    if case == "html_paras":         # n article paragraphs, every one twice
        return ("<article>" + "".join("<p>Paragraph %d of the story, with a comma, and a full stop.</p>" % (i // 2)
                                      for i in range(2 * n)) + "</article>").encode()
    if case == "html_comments":      # unclosed comments and scripts
        return ("<!-- <script> <style " * n).encode()
    if case == "html_ldjson":        # a JSON-LD script of n keys
        return ("<script type=\"application/ld+json\">{" + ",".join("\"k%d\":\"v\"" % i for i in range(n)) +
                "}</script>" + P).encode()
    if case == "warc_records":       # n small records
        return b"".join(warc_record(b"x" * 10, i) for i in range(n))
    if case == "warc_garbage":       # n malformed lines before one record
        return b"WARC/1.1 broken\n" * n + warc_record(b"hello", 0)
    if case == "warc_chunks":        # one response of n one-byte chunks
        body = b"".join(b"1\r\nx\r\n" for _ in range(n)) + b"0\r\n\r\n"
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + body
        head = ("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: %d\r\n\r\n"
                % len(http)).encode()
        return head + http + b"\r\n\r\n"
    raise SystemExit("unknown case " + case)


if __name__ == "__main__":
    case, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    open(out, "wb").write(make(case, n))
