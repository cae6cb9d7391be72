#!/usr/bin/env python3
"""Writes one adversarial input for tests/cli/linear.sh: CASE with N units.

    pathological.py CASE N FILE

Text cases end with a final stop so that the cleaner keeps the text as body.
JSON cases write one JSON Lines record (FILE should end in .jsonl).
"""
import sys

SENT = "The Taliban attacked Pakistan"


def cycle(units, n):
    """n units taken in turn from the list `units`."""
    return [units[i % len(units)] for i in range(n)]


def every_byte(n):
    # one byte value per clause, so that control bytes stay too rare for
    # the input to read as binary; numbered, so that no line repeats (the
    # cleaner drops repeated lines)
    return b"".join(b"%s %d %s and " % (SENT.encode(), i, bytes([i % 256])) for i in range(n)) + b"."


BAD_UTF8 = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf",  # invalid, overlong
            b"\xed\xa0\x80", b"\xf4\x90\x80\x80",  # surrogate, above U+10FFFF
            b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98"]  # truncated

JSON_ESCAPES = r'\"We will attack,\" he said \u00e9\u20ac\ud83d\ude00\ud800 \\ \/ \n\t\r\b\f'

CASES = {
    # text: (unit, separator) or a function of n giving bytes
    "one_sentence": ("The Taliban attacked Pakistan and", " "),
    "no_punctuation": ("word", " "),
    "no_punctuation_names": ("Taliban fighters attacked Pakistani troops near Kabul while officials said", " "),
    "paragraphs": ("The official said the Taliban attacked it.", "\n\n"),
    "quotes": ("\u201cWe will attack them,\u201d he said of the Taliban.", "\n\n"),
    "quote_marks": ("\"", ""),
    "curly_quote_marks": ("\u201c\u2018\u00ab\u201d\u2019\u00bb", ""),
    "names": ("Antony Blinken said", " "),
    "one_name": ("Pakistan", " "),
    "end_marks": lambda n: ("Then " + ". " * n + "and so on.").encode(),
    "we_said": ("We said that the Taliban attacked Pakistan.", " "),
    "every_byte": every_byte,
    "bad_utf8": lambda n: b" ".join([SENT.encode() + b" " + u for u in cycle(BAD_UTF8, n)]) + b".",
    "nul_bytes": lambda n: b"".join(b"The Taliban\x00attacked Pakistan.\x00 " for _ in range(n)),
    "crlf": ("The Taliban attacked Pakistan.", "\r\n"),
    "lone_cr": ("The Taliban attacked Pakistan.", "\r"),
    "cr_paragraphs": ("The Taliban attacked Pakistan.", "\r\r\n\r"),
    # JSON Lines
    "json_escapes": lambda n: ('{"id":"x","text":"' + (SENT + " " + JSON_ESCAPES + " ") * n + '."}\n').encode(),
    "json_unterminated": lambda n: ('{"id":"x","text":"' + (SENT + " and ") * n).encode(),
    "json_members": lambda n: ("{" + "".join('"k%d":[1,{"a":"\\u00e9"}],' % i for i in range(n)) + '"text":"x."}\n').encode(),
}


def main():
    case, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    spec = CASES[case]
    if callable(spec):
        data = spec(n)
    else:
        unit, sep = spec
        data = (sep.join([unit] * n) + ".").encode()
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
