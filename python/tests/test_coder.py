"""evcode.Coder against the CLI: code() and code_many() give the records
`evcode code` prints, record by record, for every article of examples/, the
golden files, the gold seeds of ../shared (when there) and a generated
corpus; errors are clear Python exceptions; one Coder shared by threads."""
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from helpers import EVC, ROOT, SHARED, cli, records  # noqa: E402

import evcode  # noqa: E402

CODER = evcode.Coder()


def base(path):
    return os.path.splitext(os.path.basename(path))[0]


class SameAsCli(unittest.TestCase):
    def check_text_files(self, paths, published=None):
        self.assertTrue(paths)
        extra = ["--published", published] if published else []
        for p in paths:
            with open(p, encoding="utf-8") as f:
                text = f.read()
            want = cli("code", "--quotes", "--articles", *extra, p)
            got = CODER.code(text, published=published, article_records=True, id=base(p))
            self.assertEqual(len(got), len(records(want)), p)
            for g, w in zip(got, records(want)):
                self.assertEqual(g, w, p)
            self.assertEqual(CODER.code(text, published=published, article_records=True, id=base(p), jsonl=True),
                             want, p)
            # the defaults: events and quotes
            self.assertEqual(CODER.code(text, published, id=base(p)), records(cli("code", "--quotes", *extra, p)))
            self.assertEqual(CODER.code(text, published, quotes=False, id=base(p)), records(cli("code", *extra, p)))

    def test_examples_txt(self):
        self.check_text_files(sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt"))))

    def test_golden_examples(self):
        """tests/golden/examples.jsonl holds the expected records of examples/*.txt."""
        got = []
        for p in sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt"))):
            with open(p, encoding="utf-8") as f:
                got += CODER.code(f.read(), article_records=True, id=base(p))
        with open(os.path.join(ROOT, "tests", "golden", "examples.jsonl"), "rb") as f:
            want = records(f.read())
        self.assertEqual(len(got), len(want))
        for g, w in zip(got, want):
            self.assertEqual(g, w)

    def test_jsonl_articles(self):
        """examples/articles.jsonl as bytes lines, dicts and through code_many,
        against the CLI and tests/golden/articles.jsonl."""
        path = os.path.join(ROOT, "examples", "articles.jsonl")
        with open(path, "rb") as f:
            lines = [ln.strip() for ln in f if ln.strip()]
        with open(os.path.join(ROOT, "tests", "golden", "articles.jsonl"), "rb") as f:
            golden = records(f.read())
        want = records(cli("code", "--quotes", "--articles", path))
        self.assertEqual(want, golden)
        by_line = [r for ln in lines for r in CODER.code(ln, article_records=True)]
        by_dict = [r for ln in lines for r in CODER.code(json.loads(ln), article_records=True)]
        self.assertEqual(by_line, want)
        self.assertEqual(by_dict, want)
        for threads in (1, 2, 3):
            many = [r for rs in CODER.code_many(lines, threads=threads, article_records=True) for r in rs]
            self.assertEqual(many, want)
            many = [r for rs in CODER.code_many(map(json.loads, lines), threads=threads, article_records=True)
                    for r in rs]
            self.assertEqual(many, want)
        jl = b"".join(CODER.code_many(lines, threads=2, article_records=True, jsonl=True))
        self.assertEqual(jl, cli("code", "--quotes", "--articles", path))

    def test_gold_seeds(self):
        seeds = sorted(glob.glob(os.path.join(SHARED, "gold", "seeds", "*.txt")))
        if not seeds:
            print("skipped: ../shared not found")
            return
        self.check_text_files(seeds)

    def test_generated_corpus(self):
        """A corpus of bench/gen.py (seed 2): code_many against the CLI, with
        ids from file names and lines where records carry none."""
        with tempfile.TemporaryDirectory() as t:
            path = os.path.join(t, "gen.jsonl")
            subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "bench", "gen.py"), "1", path, "--seed", "2"],
                           check=True, stdout=subprocess.DEVNULL)
            # drop the ids of every third record: the default id is file-line
            with open(path, encoding="utf-8") as f:
                arts = [json.loads(ln) for ln in f]
            for i, a in enumerate(arts):
                if i % 3 == 0:
                    a.pop("id", None)
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(a) + "\n" for a in arts)
            want = cli("code", "--quotes", "--articles", "--published", "2024-05-01", path)
            items = [(d, a) for d, a, _ in evcode.read_articles(path)]
            got = b"".join(CODER.code_many(items, threads=2, published="2024-05-01", article_records=True,
                                           jsonl=True))
            self.assertEqual(got, want)
            dicts = [r for rs in CODER.code_many(items, threads=2, published="2024-05-01", article_records=True)
                     for r in rs]
            self.assertEqual(dicts, records(want))
            print(f"generated corpus: {len(arts)} articles, {len(dicts)} records equal")


class Errors(unittest.TestCase):
    def test_bad_articles(self):
        for bad in ("", "   \n\n ", "\x01\x02\x03" * 100):
            with self.assertRaises(evcode.InputError) as cm:
                CODER.code(bad)
            self.assertIsInstance(cm.exception, ValueError)
            self.assertEqual(cm.exception.status, -6)
        with self.assertRaisesRegex(evcode.InputError, "column"):
            CODER.code(b'{"text": ')
        with self.assertRaisesRegex(evcode.InputError, "text"):
            CODER.code({"id": "x"})
        with self.assertRaises(TypeError):
            CODER.code(42)
        with self.assertRaises(TypeError):
            CODER.code({"text": 5})
        with self.assertRaises(ValueError):
            CODER.code("France attacked Pakistan.", published="5 March")
        with self.assertRaises(evcode.DictionaryError):
            evcode.Coder("/nonexistent/dir")
        with self.assertRaises(ValueError):
            CODER.code_many([], threads=0)
        with self.assertRaises(ValueError):
            CODER.code_many([], errors="ignore")

    def test_too_large(self):
        small = evcode.Coder(max_article_bytes=100)
        with self.assertRaisesRegex(evcode.InputError, "larger"):
            small.code("France attacked Pakistan on Monday. " * 10)

    def test_code_many_errors(self):
        good = "France attacked Pakistan on Monday."
        items = [good, "", good]
        it = CODER.code_many(items, published="2024-01-01", threads=2)
        self.assertTrue(next(it))
        with self.assertRaises(evcode.InputError):
            next(it)
        self.assertEqual(list(it), [])   # the iteration ended
        out = list(CODER.code_many(items, published="2024-01-01", errors="skip"))
        self.assertEqual([len(o) > 0 for o in out], [True, False, True])
        out = list(CODER.code_many(items, published="2024-01-01", errors="return"))
        self.assertIsInstance(out[1], evcode.InputError)
        # a wrong type and a failing input iterator: raised in their place
        out = CODER.code_many([good, 7, good], published="2024-01-01")
        self.assertTrue(next(out))
        with self.assertRaises(TypeError):
            next(out)

        def failing():
            yield good
            raise KeyError("boom")
        it = CODER.code_many(failing(), published="2024-01-01")
        self.assertTrue(next(it))
        with self.assertRaises(KeyError):
            next(it)
        # closing early stops the workers
        it = CODER.code_many([good] * 100, threads=2, published="2024-01-01")
        next(it)
        it.close()
        self.assertEqual(list(it), [])

    def test_ids_and_dates(self):
        recs = CODER.code(("France attacked Pakistan on Monday."), published="2024-03-06", id="x")
        self.assertEqual({r["article"] for r in recs}, {"x"})
        import datetime
        self.assertEqual(CODER.code("France attacked Pakistan on Monday.", published=datetime.date(2024, 3, 6),
                                    id="x"), recs)
        rec = CODER.code({"id": "y", "published": None, "text": "France attacked Pakistan on Monday."},
                         published="2024-03-06")
        self.assertEqual(rec[0]["published"], "2024-03-06")
        out = list(CODER.code_many([("d", b'{"text": "France attacked Pakistan on Monday."}')],
                                   published="2024-03-06"))
        self.assertEqual(out[0][0]["article"], "d")


class Threads(unittest.TestCase):
    def test_shared_coder(self):
        """One Coder, four Python threads calling code(): same records as one."""
        paths = sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt")))
        texts = []
        for p in paths:
            with open(p, encoding="utf-8") as f:
                texts.append(f.read())
        want = [CODER.code(t, article_records=True) for t in texts]
        bad = []

        def run():
            for _ in range(5):
                for t, w in zip(texts, want):
                    if CODER.code(t, article_records=True) != w:
                        bad.append(t[:40])
        ts = [threading.Thread(target=run) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(bad, [])


if __name__ == "__main__":
    if not os.path.exists(EVC):
        sys.exit(f"no CLI at {EVC}")
    unittest.main(verbosity=2)
