"""Reading articles and records from JSON Lines files, plain or gzip, and
merging record files into one SQLite store.

The article ids follow the CLI's rules, so that coding a shard here gives the
records ``evcode code`` gives for it: a JSON Lines record without an ``id``
is named ``<base>-<line>`` (``base`` the file name without its last
extension, after dropping ``.gz``), and a plain-text file is one article
named ``<base>``.
"""
from __future__ import annotations

import gzip
import json
import os
from typing import IO, Iterable, Iterator, Union

from ._evcode import InputError, Store

PathLike = Union[str, "os.PathLike[str]"]

# what the CLI trims around a JSON Lines record
_BLANKS = b" \t\r"


def _open(path: PathLike) -> IO[bytes]:
    p = os.fspath(path)
    return gzip.open(p, "rb") if p.endswith(".gz") else open(p, "rb")


def article_id_base(path: PathLike) -> str:
    """The base of the article ids of file `path`, as the CLI names them:
    the file name without its last extension (``.gz`` dropped first)."""
    name = os.path.basename(os.fspath(path))
    if name.endswith(".gz"):
        name = name[:-3]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def read_articles(path: PathLike) -> Iterator[tuple[str, bytes | str, int]]:
    """The articles of one input file as ``(default_id, article, line)``
    triples for :meth:`Coder.code_many` (pass ``(default_id, article)``):
    each non-blank line of a ``.jsonl`` / ``.jsonl.gz`` file as the bytes of
    one JSON Lines record, or the whole text of any other file as one plain-
    text article. Invalid UTF-8 in a text file is replaced."""
    p = os.fspath(path)
    base = article_id_base(p)
    stem = p[:-3] if p.endswith(".gz") else p
    with _open(p) as f:
        if not stem.endswith(".jsonl"):
            yield base, f.read().decode("utf-8", "replace"), 1
            return
        for lineno, line in enumerate(f, 1):
            line = line.rstrip(b"\n").strip(_BLANKS)
            if line:
                yield f"{base}-{lineno}", line, lineno


def read_records(path: PathLike) -> Iterator[dict]:
    """The records of a JSON Lines file of records (plain or gzip)."""
    with _open(path) as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as e:
                    raise InputError(f"{os.fspath(path)}:{lineno}: not a JSON record: {e}") from None


def group_articles(records: Iterable[dict]) -> Iterator[list[dict]]:
    """Each article's records (its article record first, then its events
    and quotes) from a stream written with article records."""
    group: list[dict] = []
    for rec in records:
        if rec.get("type") == "article":
            if group:
                yield group
            group = [rec]
        elif not group:
            raise InputError("records before the first article record: code with article_records=True")
        else:
            group.append(rec)
    if group:
        yield group


def ingest_records(paths: Iterable[PathLike], db: PathLike, batch: int = 64) -> dict:
    """Stores the articles of the record files `paths`, in order, into the
    SQLite store `db` (created when missing), as ``evcode ingest`` stores
    them when it codes their articles itself: near-duplicate articles,
    shared passages, merged events and their counts are found across all
    files. Records must include the article records (``evcode code --quotes
    --articles``, or what :func:`evcode.dask.code_corpus` writes). `batch`
    articles go in one transaction. Returns the counts of what the puts did
    and the store's totals."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    counts = {"articles": 0, "added": 0, "unchanged": 0, "replaced": 0, "duplicates": 0}
    with Store(db) as st:
        n = 0
        for path in paths:
            for group in group_articles(read_records(path)):
                if n % batch == 0:
                    if n:
                        st.commit()
                    st.begin()
                res = st.put(group)
                n += 1
                counts["articles"] += 1
                counts[res["status"]] += 1
                counts["duplicates"] += bool(res["duplicate"])
        if n:
            st.commit()
        counts["store"] = st.stats()
    return counts
