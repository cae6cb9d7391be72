"""No leaks in the binding: coding many articles (code, code_many as dicts
and as JSONL, errors raised, the store) leaves the memory malloc holds stable."""
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
    def test_memory_stable(self):
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
        # The bytes malloc holds for the program (mallinfo2: in use, plus
        # mmapped chunks), sampled after each round. RSS alone moves by
        # megabytes with the malloc arenas of code_many's threads and with
        # the load of the machine; bytes in use move only when something is
        # kept. A leak raises the floor of the samples; noise does not.
        libc = ctypes.CDLL("libc.so.6")

        class MallInfo2(ctypes.Structure):
            _fields_ = [(f, ctypes.c_size_t) for f in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                       "fsmblks", "uordblks", "fordblks", "keepcost")]

        if hasattr(libc, "mallinfo2"):
            libc.mallinfo2.restype = MallInfo2

            def sample():
                m = libc.mallinfo2()
                return (m.uordblks + m.hblkhd) // 1024
            what = "malloc in use"
        else:  # an older C library: RSS after giving free memory back
            def sample():
                libc.malloc_trim(0)
                return rss_kb()
            what = "RSS"
        n = 60
        kb = []
        for _ in range(n):
            round_()
            kb.append(sample())
        first, last = min(kb[: n // 3]), min(kb[-(n // 3):])
        articles = n * len(lines) * 15
        print(f"memory: {articles} articles coded after warm-up; {what} floor {first} kB in the first third of "
              f"the rounds, {last} kB in the last (samples {min(kb)}..{max(kb)} kB; RSS now {rss_kb()} kB)")
        # the floors stand 40 rounds (4,800 articles) apart: a leak of sixty
        # bytes per article raises the last by 280 kB or more
        self.assertLess(last - first, 256)


if __name__ == "__main__":
    unittest.main(verbosity=2)
