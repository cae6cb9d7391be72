"""No leaks in the binding: coding many articles (code, code_many as dicts
and as JSONL, errors raised, the store) leaves the resident set stable."""
import ctypes
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from helpers import ROOT  # noqa: E402

import evcode  # noqa: E402


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class Memory(unittest.TestCase):
    def test_rss_stable(self):
        coder = evcode.Coder()
        with open(os.path.join(ROOT, "examples", "articles.jsonl"), "rb") as f:
            lines = [ln.strip() for ln in f if ln.strip()]
        dicts = [json.loads(ln) for ln in lines]

        def round_():
            for ln, d in zip(lines, dicts):
                coder.code(ln, article_records=True)
                coder.code(d["text"], id="x", published="2024-01-01")
                try:
                    coder.code(b'{"text": ')
                except evcode.InputError:
                    pass
            for _ in coder.code_many(lines * 4, threads=2, article_records=True):
                pass
            for _ in coder.code_many(dicts * 4 + [""], threads=2, jsonl=True, errors="return"):
                pass
            it = coder.code_many(lines * 4, threads=2)
            next(it)
            del it
            with tempfile.TemporaryDirectory() as t, evcode.Store(os.path.join(t, "s.db")) as st:
                st.begin()
                st.put(coder.code(lines[0], article_records=True))
                st.commit()
                st.export()

        for _ in range(5):   # warm up: arenas, caches, interned strings
            round_()
        # RSS after giving free memory back (malloc_trim), sampled after each
        # round: the threads of code_many come and go with their malloc
        # arenas, so single samples move by megabytes either way. A leak
        # raises the floor of the samples; noise does not.
        try:
            trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            trim = None

        def sample():
            if trim:
                trim(0)
            return rss_kb()

        n = 60
        rss = []
        for _ in range(n):
            round_()
            rss.append(sample())
        first, last = min(rss[: n // 3]), min(rss[-(n // 3):])
        articles = n * len(lines) * 15
        print(f"memory: {articles} articles coded after warm-up; RSS floor {first} kB in the first third of the "
              f"rounds, {last} kB in the last (samples {min(rss)}..{max(rss)} kB)")
        # a leak of a few hundred bytes per article raises the floor by a
        # megabyte or more between the first and the last third
        self.assertLess(last - first, 1024)


if __name__ == "__main__":
    unittest.main(verbosity=2)
