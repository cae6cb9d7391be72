"""Type hints for the C module evcode._evcode (docstrings live in the C source)."""
import datetime
import os
from typing import Iterator, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

__version__: str
SCHEMA_VERSION: int
DATA_DIR: str

Record = dict
Article = Union[str, bytes, Mapping[str, Optional[str]]]
Date = Union[str, datetime.date, None]

class Error(Exception): ...
class InputError(Error, ValueError):
    status: int
class DictionaryError(Error):
    status: int
class InputWarning(UserWarning): ...

class CodeManyIterator(Iterator[Union[list[Record], bytes, InputError]]):
    def __next__(self) -> Union[list[Record], bytes, InputError]: ...
    def close(self) -> None: ...

class Coder:
    def __init__(
        self,
        dict_dir: Union[str, "os.PathLike[str]", None] = None,
        *,
        dict_files: Optional[Sequence[str]] = None,
        cache_dir: Union[bool, str, "os.PathLike[str]", None] = True,
        max_article_bytes: int = 0,
        min_sentence_words: int = 0,
        max_sentences: int = 0,
    ) -> None: ...
    @overload
    def code(self, text: Article, published: Date = None, quotes: bool = True, article_records: bool = False,
             *, id: Optional[str] = None, jsonl: Literal[False] = False) -> list[Record]: ...
    @overload
    def code(self, text: Article, published: Date = None, quotes: bool = True, article_records: bool = False,
             *, id: Optional[str] = None, jsonl: Literal[True]) -> bytes: ...
    def code_many(
        self,
        articles: "Iterator[Union[Article, Tuple[Optional[str], Article]]] | Sequence[Union[Article, Tuple[Optional[str], Article]]]",
        threads: Optional[int] = None,
        *,
        published: Date = None,
        quotes: bool = True,
        article_records: bool = False,
        errors: Literal["raise", "skip", "return"] = "raise",
        jsonl: bool = False,
    ) -> CodeManyIterator: ...
    def stats(self) -> dict[str, int]: ...

class Store:
    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None: ...
    def begin(self) -> None: ...
    def put(self, records: Sequence[Record]) -> dict: ...
    def commit(self) -> None: ...
    def export(self, format: Literal["jsonl", "gdelt", "plover", "csv"] = "jsonl") -> str: ...
    def stats(self) -> dict[str, int]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc: object) -> None: ...
