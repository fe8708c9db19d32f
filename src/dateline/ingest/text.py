"""Plain-text reader.

The text is kept exactly as decoded, never altered, so that offsets line up
with the caller's own copy; boilerplate is marked, not cut.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Optional, Union

from charset_normalizer import from_bytes

from . import dates
from .article import Article, InputError
from .build import build_article, check_not_binary, given_date, read_bytes

# charset-normalizer's verdict is trusted only when the decoded text reads cleanly:
MAX_CHAOS = 0.1  # its "mess" ratio of the decoded text
MIN_COHERENCE = 0.2  # its language fit, required unless a Western encoding fits
# Short English texts fit several single-byte code pages equally well (cp775,
# cp1250, cp1252 ...); for an English-only pipeline the Western ones are the
# likely truth, so among clean fits they win.
WESTERN = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def article_from_text(text: str, origin: str = "<text>", published=None, id=None,
                      title: Optional[str] = None, url: Optional[str] = None,
                      source: Optional[str] = None, author: Optional[str] = None,
                      encoding: Optional[str] = None) -> Article:
    """An Article for `text`; the date is the caller's, else a dateline's, else unknown."""
    given = given_date(published)
    found = None if given or not isinstance(text, str) else dates.from_dateline(text)
    return build_article(text, origin, published=given or found,
                         basis="given" if given else "text", id=id, title=title, url=url,
                         source=source, author=author, encoding=encoding)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (a BOM dropped), UTF-16/32 with a BOM, else a confident
    detection; binary data and unsure guesses raise InputError."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec), codec
    check_not_binary(data)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    clean = [m for m in from_bytes(data) if m.chaos <= MAX_CHAOS]
    names = [m.encoding for m in clean]
    encoding = next((name for name in WESTERN if name in names), None)
    if encoding is None and clean and clean[0].coherence >= MIN_COHERENCE:
        encoding = clean[0].encoding
    if encoding is None:
        guess = f" (closest guess {names[0]}, not trusted)" if names else ""
        raise InputError("not valid UTF-8 and no confident encoding detected" + guess)
    return data.decode(encoding), encoding


def article_from_bytes(data: bytes, origin: str, published=None) -> Article:
    """An Article for the bytes of a plain-text input."""
    text, encoding = decode(data)
    try:
        return article_from_text(text, origin, published, encoding=encoding)
    except InputError as err:
        if encoding == "utf-8":
            raise
        raise InputError(f"{err} (decoded as {encoding})") from None


def read_text_file(path: Union[str, Path], published=None) -> Article:
    """An Article for a plain-text file; refused before reading when over the size limit."""
    path = Path(path)
    return article_from_bytes(read_bytes(path), str(path), published)
