"""One event as one document reports it, with the features linking compares.

A `Report` is built once per (document, event) and caches everything the
blocking, scoring and reconciliation steps read, so those steps stay plain
functions over two reports.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..records import ActorRef, DocumentRecord, Event, Figure, parse_day, plain
from .config import CONFIG

# PLOVER types that reports of one real-world event are coded as, depending on
# the wording ("police detained protesters" COERCE vs "clashes" ASSAULT).
# Blocking compares reports within a family; scoring then charges a penalty
# for a type mismatch, so a cross-type merge needs strong other evidence.
TYPE_FAMILY = {
    "ASSAULT": "violence", "COERCE": "violence",
    "PROTEST": "protest",
    "CONSULT": "talks", "AGREE": "talks", "SUPPORT": "talks",
    "ACCUSE": "verbal-conflict", "REQUEST": "verbal-conflict", "REJECT": "verbal-conflict",
    "THREATEN": "verbal-conflict",
    "RETREAT": "concession", "CONCEDE": "concession",
    "AID": "aid", "COOPERATE": "aid",
    "SANCTION": "sanction", "MOBILIZE": "mobilize",
}

INFERRED_SLACK = CONFIG.inferred_slack  # days; see LinkConfig.inferred_slack

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_GENERIC = {"officials", "official", "police", "gunmen", "militants", "government", "authorities",
            "people", "protesters", "security forces", "forces", "army", "military", "troops"}


class cached_property:  # noqa: N801 - named as the functools one it replaces
    """functools.cached_property without its per-class lock (Python 3.11 takes an RLock
    on every first access: a tenth of linking's time over thousands of reports).
    A non-data descriptor: once computed, the instance's own attribute is read."""

    def __init__(self, func):
        self.func, self.attrname, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.attrname] = self.func(obj)
        return value


def family(event_type: str) -> str:
    return TYPE_FAMILY.get(event_type, event_type.lower())


def actor_key(a: ActorRef) -> str:
    """A participant's identity: a knowledge-base id when known, else its name."""
    for k in sorted(a.kb or {}):
        if a.kb[k]:
            return f"{k}:{a.kb[k]}"
    return " ".join((a.name or "").lower().split())


def is_specific(a: ActorRef, country_read: bool = True) -> bool:
    """A named participant: with an identifier, or a country read in the text
    ('Pakistani officials'), or a proper name ('Ekrem İmamoğlu'), and not a generic
    'officials' or 'gunmen'. A country the actors stage only inferred from the
    story's context (`country_basis: "context"`) makes nobody specific: every
    'railway employees' of a Pakistani story would otherwise be a named party."""
    if a.kb:
        return True
    if actor_key(a) in _GENERIC:
        return False
    return (bool(a.country) and country_read) or (a.name[:1].isupper() and any(ch.islower() for ch in a.name))


def stem(word: str) -> str:
    """A crude English stem, enough to match 'attacked'/'attack'/'attacks'."""
    w = word.lower()
    for suf in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if len(w) > len(suf) + 2 and w.endswith(suf):
            w = w[: -len(suf)]
            break
    return w


@lru_cache(maxsize=1)
def _verb_lemmas() -> dict[str, str]:
    text = resources.files("dateline").joinpath("data/link/wordnet_lemmas.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            form, _, lem = line.partition("\t")
            out[form] = lem
    return out


_RULES = (("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", "e"), ("es", ""), ("s", ""))


@lru_cache(maxsize=20000)
def lemma(word: str) -> str:
    """A verb's lemma without a parse (WordNet's forms and suffix rules, as its
    morphy does): "met" -> meet, "died" -> die, "stopped" -> stop; other words unchanged."""
    w = word.lower()
    table = _verb_lemmas()
    if w in table:
        return table[w]
    for suf, rep in _RULES:
        if w.endswith(suf) and len(w) > len(suf) + 1:
            base = w[: -len(suf)] + rep
            if base in table:
                return table[base]
            if not rep and len(base) > 2 and base[-1] == base[-2] and base[:-1] in table:
                return table[base[:-1]]  # "stopped" -> stop
    return w


def content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return {stem(w) for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2}


def _actor_refs(doc: DocumentRecord, ids: list[str]) -> list[ActorRef]:
    by_id = {e.id: e for e in doc.entities}
    return [ActorRef(name=by_id[i].name, country=by_id[i].country, sector=by_id[i].sector,
                     kb=dict(by_id[i].kb)) for i in ids if i in by_id]


@dataclass(eq=False)
class Report:
    """One event as one document reports it."""

    doc: DocumentRecord
    event: Event
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc.id, self.event.id)

    @property
    def published(self) -> str:
        return self.doc.meta.published or ""

    @property
    def order(self) -> tuple:
        """Earliest-first order: publication, document id, event number."""
        return (self.published[:10] or "9999", self.doc.id, _id_num(self.event.id), self.event.id)

    @property
    def family(self) -> str:
        return family(self.event.type)

    @cached_property
    def participants(self) -> list[ActorRef]:
        return self.actors + self.recipients

    @cached_property
    def participant_keys(self) -> set[str]:
        return {actor_key(a) for a in self.participants}

    @cached_property
    def country_keys(self) -> set[str]:
        """Participants that are whole countries ('China'): weak anchors, in many events."""
        kinds = {e.name: e.kind for e in self.doc.entities}
        return {actor_key(a) for a in self.participants if kinds.get(a.name) == "country"}

    @cached_property
    def context_country_names(self) -> frozenset:
        """Entities whose country was inferred from the story, not read in it."""
        return frozenset(e.name for e in self.doc.entities if getattr(e, "country_basis", None) == "context")

    def is_specific(self, a: ActorRef) -> bool:
        return is_specific(a, country_read=a.name not in self.context_country_names)

    @cached_property
    def specific_keys(self) -> set[str]:
        return {actor_key(a) for a in self.participants if self.is_specific(a)}

    @cached_property
    def countries(self) -> set[str]:
        return {a.country for a in self.participants if a.country}

    @cached_property
    def place(self) -> Optional[str]:
        loc = self.event.location
        if loc is None or loc.basis == "scene":  # the story's scene says nothing of this event
            return None
        return " ".join(loc.name.lower().split()) if loc.name else None

    @cached_property
    def place_country(self) -> Optional[str]:
        loc = self.event.location
        return loc.country if loc and loc.basis != "scene" else None

    @cached_property
    def when(self):
        """The event's date; a publication-date fallback gives way to the date of the
        nearest event in the same sentence that has one of its own ("attacked … on
        Tuesday, blowing up the track": the blowing up is Tuesday too)."""
        w = self.event.when
        if w is not None and w.basis != "published":
            return w
        s = self.event.sentence
        near = [v for v in self.doc.events if v is not self.event and v.sentence.start == s.start
                and v.when is not None and v.when.basis != "published" and v.when.start]
        if not near:
            return w
        return min(near, key=lambda v: abs(v.trigger.start - self.event.trigger.start)).when

    @cached_property
    def bounds(self) -> Optional[tuple[date, date]]:
        """Inclusive date bounds the event can lie in.

        A date that fell back on the publication date (`basis: published`) only
        says the event happened on or shortly before it, so its bounds open a
        week back; a missing date opens a month back; a date inferred from a
        nearby sentence opens INFERRED_SLACK days either side.
        """
        w = self.when
        s, e = (parse_day(w.start), parse_day(w.end)) if w else (None, None)
        if s and e and w.basis != "published":
            s, e = (s, e) if s <= e else (e, s)
            if w.basis == "inferred":
                # Borrowed from a nearby sentence's date: the scene may span a day or two.
                s, e = s - timedelta(days=INFERRED_SLACK), e + timedelta(days=INFERRED_SLACK)
            return s, e
        pub = parse_day(self.published) or e or s
        if pub is None:
            return None
        back = 7 if (w and w.basis == "published") else 31
        if w and w.basis == "published" and self.event.status == "planned":
            return pub, pub + timedelta(days=31)  # a plan points forward, not back
        return pub - timedelta(days=back), pub

    @cached_property
    def doc_country(self) -> Optional[str]:
        """The country the document's entities name most often (ties: alphabetical)."""
        counts: dict[str, int] = {}
        for e in self.doc.entities:
            if e.country and e.country != "IGO":
                counts[e.country] = counts.get(e.country, 0) + max(1, len(e.mentions))
        return min(counts, key=lambda c: (-counts[c], c)) if counts else None

    @cached_property
    def raw_bounds(self) -> Optional[tuple[date, date]]:
        """The date as stated (no slack for inferred dates); the window for publication dates."""
        w = self.when
        s, e = (parse_day(w.start), parse_day(w.end)) if w else (None, None)
        if s and e and w.basis != "published":
            return (s, e) if s <= e else (e, s)
        return self.bounds

    @cached_property
    def trigger_stem(self) -> str:
        words = _WORD.findall(self.event.trigger.text)
        return stem(lemma(words[-1])) if words else ""

    @property
    def trigger_stems(self) -> frozenset:
        """The trigger words this report is told in (a within-document chain has several)."""
        return frozenset((self.trigger_stem,)) if self.trigger_stem else frozenset()

    @cached_property
    def sentence_words(self) -> set[str]:
        s = self.event.sentence
        return content_words(self.doc.text[s.start:s.end])

    @property
    def doc_words(self) -> set[str]:
        """Content words of the whole article (cached on the document, shared by its reports)."""
        return doc_words(self.doc)

    @cached_property
    def figures(self) -> list[Figure]:
        by_id = {f.id: f for f in self.doc.figures}
        return [by_id[i] for i in self.event.figures if i in by_id]

    @cached_property
    def evidence(self) -> str:
        s = self.event.sentence
        return self.doc.text[s.start:s.end]

    # --- the reports table: a report without its document ---------------------

    def features(self) -> dict:
        """Everything linking reads from this report, as plain JSON values, so the
        store can keep it in its own row and relinking never rebuilds the document.

        Whatever a Report property computes from the whole document (its text, its
        other events, its entities) is stored computed; `Report.from_features`
        puts it back in the property caches."""
        m = self.doc.meta
        return {
            "doc": self.doc.id, "published": m.published, "source": m.source, "url": m.url,
            "title": m.title,
            "event": plain(self.event),
            "actors": [plain(a) for a in self.actors],
            "recipients": [plain(a) for a in self.recipients],
            "figures": [plain(f) for f in self.figures],
            "when": plain(self.when),
            "country_keys": sorted(self.country_keys),
            "context_country_names": sorted(self.context_country_names),
            "within_view": _view_row(self),
            "doc_country": self.doc_country,
            "sentence_words": sorted(self.sentence_words),
            "evidence": self.evidence,
        }

    @classmethod
    def from_features(cls, f: dict, doc: Optional["LinkDoc"] = None) -> "Report":
        """A report rebuilt from `features()` (a stored row). Pass one shared `doc`
        for the reports of one document (see `LinkDoc`)."""
        from ..records import Meta, When

        if doc is None:
            doc = LinkDoc(f["doc"], Meta(title=f.get("title"), url=f.get("url"), source=f.get("source"),
                                         published=f.get("published")))
        event = _event(f["event"])
        r = cls(doc, event, [ActorRef(**a) for a in f["actors"]], [ActorRef(**a) for a in f["recipients"]])
        figs = [_figure(x) for x in f["figures"]]
        doc.add_figures(figs)
        r.__dict__.update(
            figures=figs, when=When(**f["when"]) if f["when"] else None,
            country_keys=set(f["country_keys"]), doc_country=f["doc_country"],
            context_country_names=frozenset(f.get("context_country_names", ())),
            sentence_words=set(f["sentence_words"]), evidence=f["evidence"])
        if f.get("within_view"):
            r.__dict__["_view"] = _view_from_row(f["within_view"])
        return r


def _view_row(r: "Report") -> dict:
    """The within-document model's view of a report (link/within.py), stored with its
    row so within-document chains can be rebuilt without the document."""
    from .within import view_of

    v = view_of(r)
    return {f.name: (sorted(getattr(v, f.name)) if isinstance(getattr(v, f.name), frozenset)
                     else getattr(v, f.name)) for f in dataclasses.fields(v)}


def _view_from_row(d: dict):
    from .within import View

    return View(**{k: frozenset(x) if k in ("args", "context") else x for k, x in d.items()})


def _event(d: dict) -> Event:
    """Event.from a `records.plain` dict (records._build does the same, generically and slower)."""
    from ..records import Attribution, Factuality, Location, Offsets, Span, When

    d = dict(d)
    d["trigger"] = Span(**d["trigger"])
    d["sentence"] = Offsets(**d["sentence"])
    for name, cls in (("location", Location), ("when", When), ("factuality", Factuality),
                      ("attribution", Attribution)):
        if d.get(name) is not None:
            d[name] = cls(**d[name])
    return Event(**d)


def _figure(d: dict) -> Figure:
    from ..records import Attribution

    d = dict(d)
    if d.get("attribution") is not None:
        d["attribution"] = Attribution(**d["attribution"])
    return Figure(**d)


class LinkDoc:
    """The part of a document that a report rebuilt from its row still needs:
    id, meta, the figures of its events and (set by the loader) the article's
    content words. Reading anything else (text, entities, events) raises
    AttributeError: a new feature must go into `Report.features` first."""

    __slots__ = ("id", "meta", "figures", "_link_words", "_figure_ids")

    def __init__(self, doc_id: str, meta, words: Optional[set] = None):
        self.id, self.meta, self.figures, self._figure_ids = doc_id, meta, [], set()
        if words is not None:
            self._link_words = words

    def add_figures(self, figures: list) -> None:
        for f in figures:
            if f.id not in self._figure_ids:
                self._figure_ids.add(f.id)
                self.figures.append(f)


def reports_from_rows(rows, words: Optional[dict] = None) -> list[Report]:
    """Reports from stored feature rows (dicts or JSON strings); `words` maps a
    document id to its content words (`content_words(text)`). Reports of one
    document share one LinkDoc."""
    import json

    docs: dict[str, LinkDoc] = {}
    out = []
    for row in rows:
        f = json.loads(row) if isinstance(row, (str, bytes)) else row
        doc = docs.get(f["doc"])
        if doc is None:
            from ..records import Meta

            doc = docs[f["doc"]] = LinkDoc(
                f["doc"], Meta(title=f.get("title"), url=f.get("url"), source=f.get("source"),
                               published=f.get("published")),
                (words or {}).get(f["doc"]))
        out.append(Report.from_features(f, doc))
    return out


def doc_words(doc: DocumentRecord) -> set[str]:
    """The article's content words, as story similarity compares them."""
    words = getattr(doc, "_link_words", None)
    if words is None:
        words = content_words(doc.text)
        object.__setattr__(doc, "_link_words", words)
    return words


def _id_num(event_id: str) -> int:
    digits = "".join(ch for ch in event_id if ch.isdigit())
    return int(digits) if digits else 0


def reports_of(doc: DocumentRecord) -> list[Report]:
    return [Report(doc, v, _actor_refs(doc, v.actors), _actor_refs(doc, v.recipients))
            for v in doc.events]
