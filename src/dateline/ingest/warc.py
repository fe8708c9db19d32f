"""WARC reader: the HTML responses of a web crawl, one article each.

The WARC-Date is when the page was crawled, not when it was published, so it
is never used as the publication date; htmldate reads that from the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from .article import Article, InputError, Skipped


def read_warc(path: str | Path, published: Optional[str] = None) -> Iterator[Article | Skipped]:
    """Stream a WARC file (plain or gzipped) without loading it whole."""
    with open(path, "rb") as stream:
        yield from read_warc_stream(stream, origin=str(path), published=published)


def read_warc_stream(stream, origin: str, published: Optional[str] = None) -> Iterator[Article | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .html import article_from_html

    try:
        for n, record in enumerate(ArchiveIterator(stream), 1):
            if record.rec_type != "response" or not record.http_headers:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{n}"
            body = record.content_stream().read()
            try:
                yield article_from_html(body.decode("utf-8", errors="replace"), origin=where,
                                        published=published, url=url)
            except InputError as err:
                yield Skipped(f"{where} ({url})", str(err))
    except ArchiveLoadFailed as err:
        yield Skipped(origin, f"not a readable WARC file: {err}")
