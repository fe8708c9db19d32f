"""What every reader shares: size limits, validation, and building the Article.

Readers differ only in how they get text and metadata; the checks and the
Meta they produce must not, so one input gives the same record whichever
reader it came through.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from ..records import Meta
from . import boilerplate, dates
from .article import Article, InputError
from .language import check_english

MAX_CHARS = 5_000_000  # longest article text accepted, in characters
MAX_FILE_BYTES = 10_000_000  # largest single-article file read (checked before reading)
BINARY_SAMPLE = 65536  # bytes looked at when telling text from binary
MAX_CONTROL_SHARE = 0.05  # more control bytes than this: binary
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x7f"  # not tab, newlines, form feed


_WORD = re.compile(r"[A-Za-z]{2}")


def check_text(text) -> None:
    """Raise InputError unless `text` is a non-empty English string of sane size."""
    if not isinstance(text, str):
        raise InputError(f"text is not a string but {type(text).__name__}")
    if not text.strip():
        raise InputError("empty text" if not text else "text is only whitespace")
    if len(text) > MAX_CHARS:
        raise InputError(f"text too large: {len(text):,} characters (limit {MAX_CHARS:,})")
    check_english(text)
    if not _WORD.search(text):  # short texts pass the language check on trust
        raise InputError("no words in the text (no run of two or more Latin letters)")


def given_date(value) -> Optional[str]:
    """A caller's publication date as ISO 8601; one that cannot be read is an error,
    since silently dropping it would shift every relative date in the article."""
    if value is None or value == "":
        return None
    iso = dates.normalise(value)
    if iso is None:
        raise InputError(f"publication date not understood: {value!r}")
    return iso


_HTTP_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.I)


def is_http_url(url) -> bool:
    """True for an absolute http(s) URL with a host. Only these are stored: a
    `javascript:` or `data:` URL would become a script link in the web UI."""
    return isinstance(url, str) and bool(_HTTP_URL.match(url.strip()))


def check_url(url: Optional[str]) -> Optional[str]:
    """The URL stripped, or None when empty; InputError unless it is http(s)."""
    if url is None or not str(url).strip():
        return None
    url = str(url).strip()
    if not is_http_url(url):
        shown = url if len(url) <= 60 else url[:57] + "..."
        raise InputError(f"url must be an http:// or https:// address, not {shown!r}")
    return url


def domain_of(url: Optional[str]) -> Optional[str]:
    """The host of a URL without "www.", or None."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def build_article(text: str, origin: str, *, published: Optional[str] = None,
                  basis: str = "given", id=None, title: Optional[str] = None,
                  url: Optional[str] = None, source: Optional[str] = None,
                  author: Optional[str] = None, encoding: Optional[str] = None) -> Article:
    """Validate `text` and build the Article; `basis` says where `published` came from."""
    check_text(text)
    url = check_url(url)
    meta = Meta(title=title or None, url=url or None, source=source or domain_of(url),
                author=author or None, published=published,
                published_basis=basis if published else "unknown")
    return Article(text=text, meta=meta, id=None if id is None else str(id),
                   boilerplate=boilerplate.mark(text), origin=origin, encoding=encoding)


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    """The file's size; InputError if it is over `limit`, found by stat without reading."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"file too large: {size:,} bytes (limit {limit:,})")
    return size


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes (gunzipped for .gz), refusing anything over `limit` bytes."""
    check_size(path, limit)
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"file too large: over {limit:,} bytes once uncompressed")
    if not data:
        raise InputError("empty file")
    return data


def check_not_binary(data: bytes) -> None:
    """InputError("binary file ...") for data with NUL bytes or many control bytes."""
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        raise InputError("binary file (contains NUL bytes)")
    control = len(sample) - len(sample.translate(None, _CONTROL))
    if sample and control / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(f"binary file ({control / len(sample):.0%} control bytes)")


def describe(err: BaseException) -> str:
    """A reader's failure as the reason a user reads next to the input's name."""
    if isinstance(err, json.JSONDecodeError):
        return f"not valid JSON: {err.msg.removesuffix(' at')} at column {err.colno}"
    if isinstance(err, UnicodeDecodeError):
        return f"not valid {err.encoding.upper()} (byte {err.start})"
    if isinstance(err, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"corrupt compressed file: {err}"
    if isinstance(err, RecursionError):
        return "JSON nested too deeply"
    if isinstance(err, OSError):
        return f"cannot read: {err.strerror or err}"
    return str(err)


# What a reader may raise for one bad input; anything else is a bug and propagates.
READ_ERRORS = (InputError, ValueError, OSError, EOFError, zlib.error, RecursionError)
