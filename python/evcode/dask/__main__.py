"""python3 -m evcode.dask: code a corpus on a Dask cluster (see evcode.dask)."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python3 -m evcode.dask",
        description="Code JSON Lines shards (plain or .gz) on a Dask cluster: one records file "
        "per shard under --out, as `evcode code --quotes --articles` writes it; with --db also "
        "ingest them, in input order, into one SQLite store (deduplicated across shards).")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS", help="the scheduler, e.g. tcp://host:8786")
    where.add_argument("--local", metavar="N", type=int, help="start a local cluster of N worker processes")
    ap.add_argument("--input", metavar="GLOB", action="append", required=True,
                    help="input shards (files or glob patterns; may repeat)")
    ap.add_argument("--out", metavar="DIR", required=True, help="directory for the records files")
    ap.add_argument("--db", metavar="FILE", help="also ingest the records into this SQLite store")
    ap.add_argument("--dict", metavar="DIR", help="dictionary directory (as evcode code --dict)")
    ap.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    ap.add_argument("--no-quotes", action="store_true", help="leave out quote records")
    ap.add_argument("--threads", type=int, default=1, help="coding threads per task (default 1)")
    args = ap.parse_args(argv)

    from distributed import Client, LocalCluster

    from . import code_corpus

    cluster = None
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.scheduler)
    report: list = []
    try:
        outs = code_corpus(args.input, args.out, client, dict_dir=args.dict, published=args.published,
                           quotes=not args.no_quotes, threads=args.threads, db=args.db, report=report)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    skipped = 0
    for r in report:
        for p in r["problems"]:
            print(p, file=sys.stderr)
        skipped += r["skipped"]
    print(f"{len(outs)} shards, {sum(r['articles'] for r in report)} articles coded, {skipped} skipped")
    for o in outs:
        print(o)
    return 2 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
