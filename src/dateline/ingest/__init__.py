"""Readers: files, directories and stdin in; Articles, or Skipped with a reason, out.

One bad input never ends a batch: every failure a reader expects (unreadable,
binary, too large, not English, no article in the HTML, a broken JSON line)
becomes a Skipped naming the input and the reason, and reading goes on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Union

from .article import Article, InputError, Skipped
from .build import MAX_CHARS, MAX_FILE_BYTES, READ_ERRORS, describe
from .html import article_from_html, read_html_file
from .jsonl import article_from_record, parse_line, read_json, read_jsonl
from .text import article_from_bytes, article_from_text, read_text_file

__all__ = [
    "Article", "Skipped", "InputError", "MAX_CHARS", "MAX_FILE_BYTES", "read_paths", "read_file",
    "article_from_text", "article_from_html", "article_from_record", "read_text_file",
    "read_html_file", "read_jsonl", "read_json", "parse_line",
]


def read_warc_file(path: Path, published=None):
    """The HTML responses of a WARC crawl file (warcio is imported only when needed)."""
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise InputError("reading WARC files needs the warcio package") from None
    from .warc import read_warc

    return read_warc(path, published=published)


READERS = {
    ".txt": read_text_file, ".text": read_text_file, ".md": read_text_file,
    ".txt.gz": read_text_file,
    ".html": read_html_file, ".htm": read_html_file, ".xhtml": read_html_file,
    ".html.gz": read_html_file, ".htm.gz": read_html_file,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".jsonl.gz": read_jsonl, ".ndjson.gz": read_jsonl,
    ".json": read_json,
    ".warc": read_warc_file, ".warc.gz": read_warc_file,
}
STDIN = "-"


def file_type(path: Path) -> str:
    """The extension that picks the reader: ".html", or ".html.gz" for gzipped files."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] == [".gz"]:
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def read_file(path: Union[str, Path], published=None) -> Iterator[Union[Article, Skipped]]:
    """The articles of one file, by extension; failures become Skipped(path, reason)."""
    path = Path(path)
    reader = READERS.get(file_type(path))
    if reader is None:
        yield Skipped(str(path), f"unsupported file type {file_type(path) or '(no extension)'}")
        return
    try:
        result = reader(path, published)
        if isinstance(result, Article):
            yield result
        else:
            yield from result
    except READ_ERRORS as err:
        yield Skipped(str(path), describe(err))


def walk(root: Path) -> Iterator[Path]:
    """Readable files under `root`, recursively, in sorted order; hidden ones and
    files of unknown type are left out."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.startswith(".") and file_type(path) in READERS and path.is_file():
                yield path  # (not a FIFO or device, which would block or never end)


def read_stdin(published=None, stream=None) -> Union[Article, Skipped]:
    """Standard input as one plain-text article."""
    stream = stream if stream is not None else sys.stdin
    try:
        if hasattr(stream, "buffer"):
            data = stream.buffer.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise InputError(f"input too large: over {MAX_FILE_BYTES:,} bytes")
            if not data:
                raise InputError("empty input")
            return article_from_bytes(data, "<stdin>", published)
        return article_from_text(stream.read(MAX_CHARS + 1), "<stdin>", published)
    except READ_ERRORS as err:
        return Skipped("<stdin>", describe(err))


def read_paths(paths: Iterable[Union[str, Path]], published=None
               ) -> Iterator[Union[Article, Skipped]]:
    """Articles from files, directories (recursively) and "-" (stdin), in order.

    `published` is the caller's publication date for inputs that carry none.
    Files of unknown type are reported when named, and ignored inside directories.
    """
    for p in paths:
        if str(p) == STDIN:
            yield read_stdin(published)
            continue
        path = Path(p)
        if path.is_dir():
            for f in walk(path):
                yield from read_file(f, published)
        elif path.exists():
            yield from read_file(path, published)
        else:
            yield Skipped(str(p), "no such file")
