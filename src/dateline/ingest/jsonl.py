"""JSON Lines (and JSON) reader: one article record per line, streamed.

A crawl file may hold millions of lines and a few broken ones; a bad line is
reported as Skipped("path:line", reason) and reading goes on.

Record fields: "text" or "html" (required), and optionally "id", "title",
"url", "source", "author", "published".
"""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path
from typing import Iterator, Optional, Union

from . import dates
from .article import Article, InputError, Skipped
from .build import MAX_FILE_BYTES, READ_ERRORS, describe, read_bytes
from .html import article_from_html
from .text import article_from_text

MAX_LINE_BYTES = 4 * MAX_FILE_BYTES  # one record; longer lines are skipped unread
_CHUNK = 1 << 20


def _field(record: dict, name: str) -> Optional[str]:
    value = record.get(name)
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def article_from_record(record, origin: str, published=None) -> Article:
    """An Article for one record; `published` applies only where the record has no date.

    A record date that cannot be read leaves the date unknown rather than
    borrowing the caller's, which was meant for undated records.
    """
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but a JSON {type(record).__name__}")
    kind = "text" if record.get("text") is not None else "html"
    body = record.get(kind)
    if body is None:
        raise InputError('no "text" or "html" field')
    if not isinstance(body, str):
        raise InputError(f'"{kind}" is not a string but a JSON {type(body).__name__}')
    raw_date = _field(record, "published")
    date = dates.normalise(raw_date) if raw_date else published
    meta = dict(id=_field(record, "id"), title=_field(record, "title"), url=_field(record, "url"),
                source=_field(record, "source"), author=_field(record, "author"))
    if kind == "text":
        return article_from_text(body, origin, published=date, **meta)
    return article_from_html(body, origin, published=date, **meta)


def _lines(f, limit: int = MAX_LINE_BYTES) -> Iterator[tuple[int, Optional[bytes]]]:
    """(line number, bytes) per line; None for a line over `limit`, which is skipped unread."""
    lineno = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := f.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
            continue
        yield lineno, line


def _item(origin: str, make) -> Union[Article, Skipped]:
    try:
        return make()
    except READ_ERRORS as err:
        return Skipped(origin, describe(err))


def parse_line(line: Union[str, bytes], origin: str, published=None) -> Union[Article, Skipped]:
    """One JSON Lines record as an Article, or Skipped with the reason; never raises
    for bad input, so a Spark partition or an API batch goes on past it."""
    return _item(origin, lambda: article_from_record(json.loads(line), origin, published))


def read_jsonl(path: Union[str, Path], published=None) -> Iterator[Union[Article, Skipped]]:
    """Articles and Skipped lines of a .jsonl (or .jsonl.gz) file, in file order."""
    path = Path(path)
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as f:
        for lineno, line in _lines(f):
            origin = f"{path}:{lineno}"
            if line is None:
                yield Skipped(origin, f"line too long (over {MAX_LINE_BYTES:,} bytes)")
                continue
            line = line.rstrip(b"\r\n")
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if line.strip():
                yield parse_line(line, origin, published)


def read_json(path: Union[str, Path], published=None) -> Iterator[Union[Article, Skipped]]:
    """A .json file: an array of records, one record, or (one object per line) JSON Lines."""
    path = Path(path)
    with open(path, "rb") as f:
        first = f.read(4096).removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    if first != b"[":
        if path.stat().st_size > MAX_FILE_BYTES:
            yield from read_jsonl(path, published)
            return
        try:
            record = json.loads(read_bytes(path).removeprefix(codecs.BOM_UTF8))
        except ValueError:  # not one JSON value: try one object per line
            yield from read_jsonl(path, published)
            return
        yield _item(str(path), lambda: article_from_record(record, str(path), published))
        return
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"JSON array too large: {size:,} bytes (limit {MAX_FILE_BYTES:,}); "
                         "use JSON Lines for big batches")
    records = json.loads(read_bytes(path).removeprefix(codecs.BOM_UTF8))  # broken: caller reports
    for i, record in enumerate(records, 1):
        origin = f"{path}[{i}]"
        yield _item(origin, lambda: article_from_record(record, origin, published))
