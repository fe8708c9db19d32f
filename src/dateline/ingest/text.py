"""Plain-text reader (minimal placeholder; the ingest work replaces it)."""
from __future__ import annotations
from ..records import Meta
from .article import Article


def article_from_text(text, origin="<text>", published=None, id=None, title=None, url=None, source=None):
    meta = Meta(title=title, url=url, source=source, published=published,
                published_basis="given" if published else "unknown")
    return Article(text=text, meta=meta, id=id, origin=origin)
