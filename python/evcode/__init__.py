"""evcode: news text in, CAMEO-coded events and attributed quotations out.

The Python binding of the evcode C library::

    import evcode
    coder = evcode.Coder()                      # loads the dictionaries once
    for rec in coder.code(text, published="2024-03-05"):
        print(rec["type"], rec.get("code"), rec.get("sentence"))
    for records in coder.code_many(articles, threads=2):   # in input order
        ...

Records are dicts with the fields of ``evcode code``'s JSON Lines (record
schema v1): ``coder.code(a)`` equals ``json.loads`` of each line the CLI
prints for the same article. A ``Coder`` is immutable and thread-safe; the
GIL is released while the C library codes. ``evcode.dask`` codes a corpus on
a Dask cluster; :func:`ingest_records` merges record files into the SQLite
store of ``evcode ingest`` with its deduplication.
"""
from ._evcode import (
    DATA_DIR,
    SCHEMA_VERSION,
    Coder,
    DictionaryError,
    Error,
    InputError,
    InputWarning,
    Store,
    __version__,
)
from .records import article_id_base, ingest_records, read_articles, read_records

__all__ = [
    "Coder",
    "Store",
    "Error",
    "InputError",
    "DictionaryError",
    "InputWarning",
    "read_articles",
    "read_records",
    "ingest_records",
    "article_id_base",
    "DATA_DIR",
    "SCHEMA_VERSION",
    "__version__",
]
