"""The one object every annotation stage reads: the parsed article plus the
annotations of the stages before it (spaCy's shared-`Doc` idea, one level up).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Doc, Span

from .ingest.article import Article
from .records import Entity, Event, Figure, Quote, Time

if TYPE_CHECKING:
    from .attribution import Found
    from .places import Place


# A wire-style dateline opening a paragraph: "QUETTA, Pakistan (Indus News
# Wire) — ", "WASHINGTON — ". It says where the story was filed, so its names
# are never the actors of the first sentence's events.
_DATELINE_HEADER = re.compile(
    r"^[ \t]*(?=[A-Z.'’ -]*[A-Z]{3})[A-Z][A-Z.'’ -]{1,30}(?:, [A-Z][A-Za-z.'’ -]{1,30})?(?: \([^)\n]{1,40}\))?"
    r"[ \t]*(?:[—–]|--)", re.MULTILINE)


@dataclass
class Annotated:
    article: Article
    doc: Doc
    published: Optional[date]  # the anchor for relative dates; None if unknown
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # token index (Token.i) -> entity id for every token inside an entity
    # mention; filled by the actors stage so later stages can resolve roles.
    entity_at: dict[int, str] = field(default_factory=dict)
    # the document's resolved place names (places.of fills it on first use)
    places: Optional[list["Place"]] = None
    # the attribution stage's relations, in text order (None: not run yet), and
    # the quoted spans it found
    attributions: Optional[list["Found"]] = None
    quote_spans: Optional[list[tuple[int, int]]] = None

    def __post_init__(self):
        bp = sorted((b.start, b.end) for b in self.article.boilerplate)
        self._bp_starts = [s for s, _ in bp]
        self._bp = bp

    @property
    def text(self) -> str:
        # The article's own string (the Doc was parsed from it); Doc.text would
        # rebuild the string from tokens on every call.
        return self.article.text

    def in_boilerplate(self, start: int, end: Optional[int] = None) -> bool:
        """True if the span [start, end) overlaps a boilerplate region."""
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self._bp_starts, start) - 1
        for s, e in self._bp[max(i, 0): i + 2]:
            if s < end and start < e:
                return True
        return False

    def in_dateline_header(self, char: int) -> bool:
        """True if the offset lies in a wire dateline ("QUETTA, Pakistan (…) —")."""
        if not hasattr(self, "_headers"):
            self._headers = [(m.start(), m.end()) for m in _DATELINE_HEADER.finditer(self.text)]
        return any(s <= char < e for s, e in self._headers)

    def sentences(self) -> list[Span]:
        """Sentences outside boilerplate: the only text stages extract from."""
        if not hasattr(self, "_sents"):
            self._sents = [s for s in self.doc.sents
                           if s.text.strip() and not self.in_boilerplate(s.start_char, s.end_char)]
        return self._sents

    def ents(self) -> list[Span]:
        """spaCy named-entity spans outside boilerplate."""
        return [e for e in self.doc.ents if not self.in_boilerplate(e.start_char, e.end_char)]
