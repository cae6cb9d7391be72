"""evcode.dask on a LocalCluster of 2 worker processes: a sharded corpus
(plain and gzip JSON Lines, ids missing on some lines, a malformed line, a
syndicated copy in another shard than its original) coded shard by shard
gives, per shard, exactly what `evcode code --quotes --articles` prints, and
the shard outputs ingested into one SQLite store export exactly what one
`evcode ingest` of the whole corpus on one machine exports. The shell entry
(python3 -m evcode.dask) is run against the same cluster."""
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from helpers import ROOT, cli  # noqa: E402

import evcode  # noqa: E402

try:
    from distributed import Client, LocalCluster
    import evcode.dask
except ImportError as e:   # pragma: no cover
    Client = None
    MISSING = str(e)


def make_shards(t):
    """Shards under t/in (two of them gzip) and their plain copies under
    t/plain (same base names, so the CLI gives the same ids). Returns the
    plain paths in input order."""
    corpus = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "store", "corpus.py"), "150"],
                            check=True, stdout=subprocess.PIPE).stdout.decode("utf-8").splitlines()
    arts = [json.loads(ln) for ln in corpus]
    ids = [a.get("id") for a in arts]
    orig = ids.index("03-odesa-strike-after-grain-deal")
    copy = next(i for i, a in enumerate(ids) if a and "syndicated" in a)
    assert orig < 8 <= copy, (orig, copy)
    for i, a in enumerate(arts):
        if i >= 20 and i % 7 == 0:
            a.pop("id", None)   # named shard-line
    lines = [json.dumps(a, ensure_ascii=False) for a in arts]
    lines.insert(30, '{"id": "broken", "text": ')   # skipped by both, with a message
    cuts = [(0, 8), (8, 60), (60, 110), (110, len(lines))]
    os.makedirs(os.path.join(t, "in"))
    os.makedirs(os.path.join(t, "plain"))
    plain = []
    for k, (a, b) in enumerate(cuts):
        data = ("\n".join(lines[a:b]) + "\n").encode("utf-8")
        name = f"shard{k}.jsonl"
        with open(os.path.join(t, "plain", name), "wb") as f:
            f.write(data)
        if k >= 2:
            with gzip.open(os.path.join(t, "in", name + ".gz"), "wb") as f:
                f.write(data)
        else:
            shutil.copy(os.path.join(t, "plain", name), os.path.join(t, "in", name))
        plain.append(os.path.join(t, "plain", name))
    return plain


class DaskCorpus(unittest.TestCase):
    def test_sharded_equals_single_machine(self):
        if Client is None:
            print(f"skipped: dask not installed ({MISSING}); Debian: python3-dask python3-distributed")
            return
        with tempfile.TemporaryDirectory() as t, \
                LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            plain = make_shards(t)
            report = []
            outs = evcode.dask.code_corpus(os.path.join(t, "in", "*"), os.path.join(t, "out"), client,
                                           db=os.path.join(t, "merged.db"), report=report)
            self.assertEqual([os.path.basename(o) for o in outs], [os.path.basename(p) for p in plain])
            # each worker process coded some shard
            self.assertEqual(len(client.scheduler_info()["workers"]), 2)
            # per shard: the CLI's bytes
            for o, p in zip(outs, plain):
                with open(o, "rb") as f:
                    self.assertEqual(f.read(), cli("code", "--quotes", "--articles", p), o)
            problems = [m for r in report for m in r["problems"]]
            self.assertEqual(len(problems), 1)

            self.assertRegex(problems[0], r"shard1\.jsonl:23: ")
            # the merged store equals one `evcode ingest` of the whole corpus
            single = os.path.join(t, "single.db")
            cli("ingest", "--db", single, *plain)
            merged = os.path.join(t, "merged.db")
            for fmt in ("jsonl", "gdelt", "csv"):
                a = cli("export", "--db", single, "--format", fmt)
                b = cli("export", "--db", merged, "--format", fmt)
                self.assertTrue(a.count(b"\n") > 100, fmt)
                self.assertEqual(a, b, fmt)
            with evcode.Store(merged) as st:
                stats = st.stats()
            self.assertGreaterEqual(stats["duplicates"], 1)   # the copy in shard 1 of an article in shard 0
            self.assertGreaterEqual(stats["links"], 1)
            print(f"dask: {len(outs)} shards; store {stats}")
            # the shell entry, against the same cluster
            out2 = os.path.join(t, "out2")
            p = subprocess.run([sys.executable, "-m", "evcode.dask", "--scheduler", cluster.scheduler_address,
                                "--input", os.path.join(t, "in", "shard[01].jsonl"),
                                "--input", os.path.join(t, "in", "*.gz"), "--out", out2,
                                "--db", os.path.join(t, "shell.db")], capture_output=True, text=True)
            self.assertEqual(p.returncode, 2, p.stderr)   # one line skipped
            self.assertIn("4 shards", p.stdout)
            self.assertRegex(p.stderr, r"shard1\.jsonl:23: ")
            for o in outs:
                with open(o, "rb") as f1, open(os.path.join(out2, os.path.basename(o)), "rb") as f2:
                    self.assertEqual(f1.read(), f2.read())
            self.assertEqual(cli("export", "--db", os.path.join(t, "shell.db")), cli("export", "--db", single))
            # merging twice adds nothing
            again = evcode.ingest_records(outs, merged)
            self.assertEqual(again["unchanged"], again["articles"])
            self.assertEqual(cli("export", "--db", merged), cli("export", "--db", single))


if __name__ == "__main__":
    unittest.main(verbosity=2)
