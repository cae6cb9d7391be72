#!/usr/bin/env python3
"""Generate data/en/countries.txt, evcode's country dictionary.

Usage:
    python3 tools/gen_countries.py [ISO_JSON] [EXTRA] > data/en/countries.txt

ISO_JSON defaults to /usr/share/iso-codes/json/iso_3166-1.json (Debian package
iso-codes); EXTRA defaults to tools/countries_extra.txt, the hand-curated input
whose header documents its format. Python 3 standard library only.

The output follows data/README.md (actor files):
    NAME | NAME ... = CODE +FLAG
with one +country line per ISO 3166-1 entry (and per country added in EXTRA),
+adj lines for demonyms, +capital lines for capitals and seats of power (code
COUNTRY+ROLE) and unflagged lines for CAMEO regions. The output is sorted and
does not depend on anything but the two inputs and the iso-codes version.

The script stops with an error (exit status 1) when the inputs are
inconsistent: an unknown key, a malformed line, a `drop` that removes nothing,
or a name that would appear on two lines (two codes or two kinds), compared the
way evcode matches names (case-insensitive except for all-caps words).
"""

import json
import os
import re
import subprocess
import sys
import unicodedata

DEFAULT_ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
DEFAULT_EXTRA = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "countries_extra.txt")

ROLES = {"GOV", "MIL", "REB", "OPP", "CVL", "MED", "JUD", "LEG", "COP", "SPY",
         "BUS", "EDU", "HLH", "REF", "LAB", "CRM", "IGO", "NGO", "ELI", "UAF",
         "INS", "SEP", "REL", "ENV", "AGR", "MOD", "RAD"}

# Letters that Unicode decomposition does not reduce to ASCII.
TRANSLIT = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
            "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
            "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'"}

KINDS = ("country", "adj", "capital", "region")
FLAGS = {"country": "+country", "adj": "+adj", "capital": "+capital",
         "region": ""}
SECTIONS = {
    "country": "Countries and territories: ISO 3166-1 names, official names, "
               "common names and variants",
    "adj": "Demonyms and adjectives",
    "capital": "Capitals and seats of power standing for the government "
               "(COUNTRY+GOV) or an agency",
    "region": "CAMEO international regions (codebook 1.1b3, table 3.3)",
}


class InputError(Exception):
    pass


def iso_codes_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                             capture_output=True, text=True, check=True,
                             timeout=30).stdout.strip()
        return out or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def tidy(name):
    """NFC, straight apostrophes, single spaces."""
    name = unicodedata.normalize("NFC", name)
    name = name.replace("’", "'").replace("‘", "'")
    return " ".join(name.split())


def fold(name):
    """The name without diacritics (ASCII letters where possible)."""
    out = []
    for ch in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(ch):
            continue
        out.append(TRANSLIT.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def variants(name):
    """The name plus its generated variants, in a fixed order."""
    result = [name]
    if name.startswith("Saint "):
        rest = name[len("Saint "):]
        result += ["St. " + rest, "St " + rest]
    for n in list(result):
        f = fold(n)
        if f != n:
            result.append(f)
    seen, out = set(), []
    for n in result:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def match_key(name):
    """How evcode compares names: case-insensitive except all-caps words."""
    words = []
    for w in name.replace("’", "'").split():
        letters = [c for c in w if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            words.append(w)
        else:
            words.append(w.lower())
    return " ".join(words)


def iso_name(raw):
    """Clean an iso-codes name; None when it is an inverted form."""
    name = tidy(raw)
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if name.startswith("the "):
        name = name[len("the "):]
    if ", " in name:
        # "Korea, Republic of", "Virgin Islands, British" are inverted index
        # forms; "Bonaire, Sint Eustatius and Saba" is a list and stays.
        if " and " not in name.rsplit(", ", 1)[1]:
            return None
    return name or None


def check_name(name, where):
    if not name:
        raise InputError(f"{where}: empty name")
    for bad in ("|", "=", "#", "+", "\t"):
        if bad in name:
            raise InputError(f"{where}: name {name!r} contains {bad!r}")


def strip_comment(line):
    if line.lstrip().startswith("#"):
        return ""
    m = re.search(r"\s#", line)
    if m:
        line = line[:m.start()]
    return line.strip()


def split_names(text, where):
    names = [tidy(n) for n in text.split("|")]
    for n in names:
        check_name(n, where)
    return names


def read_extra(path):
    """Parse EXTRA into a list of (lineno, directive, args, names)."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n"))
            if not line:
                continue
            where = f"{path}:{lineno}"
            if ":" in line:
                head, _, rest = line.partition(":")
                parts = head.split()
                names = split_names(rest, where)
            else:
                parts = line.split()
                names = []
            if not parts:
                raise InputError(f"{where}: no directive")
            directive, args = parts[0], parts[1:]
            shape = {"code": (2, False), "country": (1, True),
                     "names": (1, True), "drop": (1, True), "adj": (1, True),
                     "capital": (1, True), "seat": (2, True),
                     "region": (1, True)}
            if directive not in shape:
                raise InputError(f"{where}: unknown directive {directive!r}")
            nargs, has_names = shape[directive]
            if len(args) != nargs or bool(names) != has_names:
                raise InputError(f"{where}: malformed {directive!r} line")
            for a in args:
                if not re.fullmatch(r"[A-Z]{3}", a):
                    raise InputError(f"{where}: bad code {a!r}")
            if directive == "seat" and args[1] not in ROLES:
                raise InputError(f"{where}: unknown role {args[1]!r}")
            entries.append((where, directive, args, names))
    return entries


class Builder:
    def __init__(self):
        # (kind, code) -> list of names, first one preferred
        self.lines = {}

    def add(self, kind, code, names, front=False):
        lst = self.lines.setdefault((kind, code), [])
        for n in names:
            for v in variants(n):
                if v in lst:
                    if front:           # already there: move it to the front
                        lst.remove(v)
                        lst.insert(0, v)
                        front = False
                    continue
                if front:
                    lst.insert(0, v)
                    front = False
                else:
                    lst.append(v)

    def drop(self, code, name, where):
        removed = False
        for (kind, c), lst in self.lines.items():
            if c.startswith(code) and name in lst:
                lst.remove(name)
                removed = True
        if not removed:
            raise InputError(f"{where}: drop {name!r}: no such name for {code}")


def build(iso_path, extra_path):
    with open(iso_path, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    entries = read_extra(extra_path)

    iso_codes = {c["alpha_3"] for c in iso}
    cameo = {a3: a3 for a3 in iso_codes}        # key -> CAMEO country code
    regions = set()
    for where, directive, args, names in entries:
        if directive == "code":
            if args[0] not in iso_codes:
                raise InputError(f"{where}: {args[0]} is not an ISO alpha-3 code")
            cameo[args[0]] = args[1]
    for where, directive, args, names in entries:
        if directive == "country":
            if args[0] in cameo or args[0] in cameo.values():
                raise InputError(f"{where}: {args[0]} already exists")
            cameo[args[0]] = args[0]
        elif directive == "region":
            if args[0] in cameo.values():
                raise InputError(f"{where}: region {args[0]} is a country code")
            regions.add(args[0])
    if len(set(cameo.values())) != len(cameo):
        raise InputError("two countries share a CAMEO code")

    b = Builder()
    no_short_name = set()   # codes whose iso-codes names are all long or inverted
    # Countries from iso-codes: preferred name first.
    for c in sorted(iso, key=lambda c: c["alpha_3"]):
        code = cameo[c["alpha_3"]]
        first = None
        for field in ("common_name", "name"):
            if c.get(field) and iso_name(c[field]):
                first = iso_name(c[field])
                break
        if first:
            b.add("country", code, [first])
        else:
            no_short_name.add(code)
        rest = [iso_name(c[f]) for f in ("name", "official_name", "common_name")
                if c.get(f)]
        b.add("country", code, [n for n in rest if n])

    def resolve(key, where, allow_region=False):
        if key in cameo:
            return cameo[key]
        if allow_region and key in regions:
            return key
        raise InputError(f"{where}: unknown key {key}")

    drops = []
    for where, directive, args, names in entries:
        if directive == "country":
            b.add("country", args[0], names, front=True)
        elif directive == "names":
            code = resolve(args[0], where)
            # When iso-codes gave only an official name or inverted forms
            # ("Palestine, State of"), the first extra name is preferred.
            b.add("country", code, names, front=code in no_short_name)
            no_short_name.discard(code)
        elif directive == "adj":
            b.add("adj", resolve(args[0], where, allow_region=True), names)
        elif directive == "capital":
            b.add("capital", resolve(args[0], where) + "GOV", names)
        elif directive == "seat":
            b.add("capital", resolve(args[0], where) + args[1], names)
        elif directive == "region":
            b.add("region", args[0], names)
        elif directive == "drop":
            drops.append((resolve(args[0], where), names, where))
    for code, names, where in drops:
        for n in names:
            b.drop(code, n, where)

    missing = [a3 for a3 in sorted(cameo) if not b.lines.get(("country", cameo[a3]))]
    if missing:
        raise InputError("countries without a name: " + " ".join(missing))

    # Every name on exactly one line.
    seen = {}
    conflicts = []
    for (kind, code), lst in sorted(b.lines.items()):
        for n in lst:
            k = match_key(n)
            if k in seen and seen[k][1:] != (kind, code):
                conflicts.append(f"{n!r}: {seen[k][1]} {seen[k][2]} "
                                 f"({seen[k][0]!r}) and {kind} {code}")
            else:
                seen.setdefault(k, (n, kind, code))
    if conflicts:
        raise InputError("names on two lines:\n  " + "\n  ".join(conflicts))
    return b


def render(b, version):
    out = ["# Generated by tools/gen_countries.py from iso-codes "
           f"{version} (iso_3166-1.json) and tools/countries_extra.txt; "
           "do not edit by hand",
           "# Format: see data/README.md (actor files). Every ISO 3166-1 "
           "entry has one +country line."]
    for kind in KINDS:
        out += ["", "# " + SECTIONS[kind]]
        for (k, code) in sorted(key for key in b.lines if key[0] == kind):
            lst = b.lines[(k, code)]
            if not lst:
                continue
            names = [lst[0]] + sorted(lst[1:], key=lambda n: (n.casefold(), n))
            line = " | ".join(names) + " = " + code
            if FLAGS[kind]:
                line += " " + FLAGS[kind]
            out.append(line)
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) > 3 or any(a in ("-h", "--help") for a in argv[1:]):
        sys.stderr.write(__doc__)
        return 2
    iso_path = argv[1] if len(argv) > 1 else DEFAULT_ISO
    extra_path = argv[2] if len(argv) > 2 else DEFAULT_EXTRA
    try:
        b = build(iso_path, extra_path)
    except (InputError, OSError, ValueError, KeyError) as e:
        sys.stderr.write(f"gen_countries.py: {e}\n")
        return 1
    sys.stdout.write(render(b, iso_codes_version()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
