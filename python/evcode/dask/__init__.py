"""Code a corpus on a Dask cluster.

Each input shard (a ``.jsonl`` or ``.jsonl.gz`` file of articles, or a
plain-text article) is read by the worker that codes it, where it lives (a
path every worker sees: a shared or network file system). Every worker
process loads one :class:`evcode.Coder` and keeps it for all its tasks. Each
shard gives one JSON Lines file of records under ``out``, byte for byte what
``evcode code --quotes --articles SHARD`` prints (article records included,
so the store can be rebuilt from them).

The store's deduplication (near-duplicate articles, shared passages, events
merged GDELT-style) spans shards when the outputs are ingested in input
order: :func:`evcode.ingest_records` (or ``code_corpus(..., db=FILE)``) gives
the same store as one ``evcode ingest`` of all the shards on one machine.

From Python::

    from dask.distributed import Client
    import evcode.dask
    paths = evcode.dask.code_corpus("corpus/*.jsonl.gz", out="coded", client=Client(addr))

From the shell::

    python3 -m evcode.dask --scheduler tcp://host:8786 --input 'corpus/*.jsonl.gz' --out coded [--db news.db]
"""
from __future__ import annotations

import glob
import os
import threading
from collections import deque
from typing import Any, Iterable, Iterator, Optional, Union

from .. import Coder, article_id_base, ingest_records, read_articles

__all__ = ["code_corpus", "code_shard", "expand_inputs", "output_path"]

PathLike = Union[str, "os.PathLike[str]"]

# one Coder per worker process, per set of options (loaded at the first task)
_coders: dict[tuple, Coder] = {}
_coders_lock = threading.Lock()


def _coder(dict_dir: Optional[str]) -> Coder:
    key = (dict_dir,)
    with _coders_lock:
        c = _coders.get(key)
        if c is None:
            c = _coders[key] = Coder(dict_dir)
        return c


def expand_inputs(paths: Union[PathLike, Iterable[PathLike]]) -> list[str]:
    """The input files: each path as given, or the sorted matches of a glob
    pattern; in order, each file once."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[str] = []
    for p in paths:
        p = os.fspath(p)
        matches = sorted(glob.glob(p)) if glob.has_magic(p) else [p]
        if not matches:
            raise FileNotFoundError(f"no input matches {p!r}")
        out.extend(m for m in matches if m not in out)
    return out


def output_path(out: PathLike, path: PathLike) -> str:
    """Where the records of input shard `path` go: ``OUT/<base>.jsonl``."""
    return os.path.join(os.fspath(out), article_id_base(path) + ".jsonl")


def code_shard(path: str, out_path: str, dict_dir: Optional[str] = None, published: Optional[str] = None,
               quotes: bool = True, threads: int = 1) -> dict[str, Any]:
    """Codes one shard into `out_path` (written to a temporary name, then
    renamed, so a rerun after a failure never sees half a file). Runs on a
    worker. Returns the output path, the counts and a ``file:line: reason``
    message for each article skipped (as the CLI reports them)."""
    coder = _coder(dict_dir)
    lines: deque[int] = deque()   # the line of each article in flight, in order

    def items() -> Iterator[tuple[str, Union[bytes, str]]]:
        for default_id, article, line in read_articles(path):
            lines.append(line)
            yield default_id, article

    problems: list[str] = []
    tmp = f"{out_path}.tmp{os.getpid()}"
    n = 0
    with open(tmp, "wb") as f:
        for res in coder.code_many(items(), threads=threads, published=published, quotes=quotes,
                                   article_records=True, errors="return", jsonl=True):
            line = lines.popleft()
            if isinstance(res, Exception):
                problems.append(f"{path}:{line}: {res}")
            else:
                f.write(res)
                n += 1
    os.replace(tmp, out_path)
    return {"input": path, "output": out_path, "articles": n, "skipped": len(problems), "problems": problems}


def code_corpus(paths: Union[PathLike, Iterable[PathLike]], out: PathLike, client: Any = None, *,
                dict_dir: Optional[PathLike] = None, published: Optional[str] = None, quotes: bool = True,
                threads: int = 1, db: Optional[PathLike] = None, report: Optional[list] = None) -> list[str]:
    """Codes every input shard on the Dask cluster of `client` (default: the
    current client, ``distributed.get_client()``), one task per shard, and
    writes one JSON Lines file of records per shard under `out` (created).
    Returns the output paths in input order. `paths` are files or glob
    patterns (expanded here, sorted); they must be readable at the same path
    on the workers. `threads`: coding threads per task (run as many worker
    processes as cores with ``threads_per_worker=1`` and keep 1). With `db`,
    the outputs are then ingested in input order into that SQLite store (see
    :func:`evcode.ingest_records`). `report`, when a list, receives each
    shard's counts and skipped articles."""
    from distributed import get_client

    if client is None:
        client = get_client()
    inputs = [os.path.abspath(p) for p in expand_inputs(paths)]
    os.makedirs(out, exist_ok=True)
    outs = [os.path.abspath(output_path(out, p)) for p in inputs]
    if len(set(outs)) != len(outs):
        raise ValueError("two input shards have the same base name; their outputs would collide")
    ddir = os.path.abspath(os.fspath(dict_dir)) if dict_dir is not None else None
    futures = client.map(code_shard, inputs, outs, dict_dir=ddir, published=published, quotes=quotes,
                         threads=threads, pure=False)
    results = client.gather(futures)
    if report is not None:
        report.extend(results)
    paths_out = [r["output"] for r in results]
    if db is not None:
        ingest_records(paths_out, db)
    return paths_out
