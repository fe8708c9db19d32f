"""The records of OUTPUT.md as typed objects.

Every stage writes these objects and nothing else, so the JSON that users and
the evaluation read is produced in exactly one place (`to_dict`) and read back
in exactly one place (`from_dict`).
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Optional

DOCUMENT_SCHEMA = "dateline/document@1"


def parse_day(value: Optional[str]):
    """The day of an ISO date or datetime string (a `datetime.date`), or None."""
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

EVENT_SCHEMA = "dateline/event@1"


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Meta:
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    author: Optional[str] = None
    language: str = "en"
    published: Optional[str] = None
    published_basis: str = "unknown"  # given | html | url | text | unknown


@dataclass
class Boilerplate:
    start: int
    end: int
    kind: str


@dataclass
class Entity:
    id: str
    name: str
    kind: str  # person | organization | country | location | group | other
    country: Optional[str] = None
    sector: Optional[str] = None
    kb: dict = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)
    # "context" when the country was inferred from the sentence or the story
    # (no name, title or modifier of the entity says it); null when read
    country_basis: Optional[str] = None


@dataclass
class Time:
    id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    anchor: str = "published"  # published | <timex id> | none


@dataclass
class Location:
    name: str
    entity: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonames: Optional[int] = None
    precision: str = "unknown"  # site | city | region | country | unknown
    # explicit (the event's own clause names it) | sentence (its sentence does)
    # | scene (the story's dateline or the country it names most): an inference
    basis: Optional[str] = None


@dataclass
class When:
    value: Optional[str]
    start: Optional[str]
    end: Optional[str]
    granularity: str = "unknown"  # day | week | month | quarter | year | range | unknown
    basis: str = "published"  # explicit | inferred | published
    time: Optional[str] = None


@dataclass
class Factuality:
    polarity: str = "positive"  # positive | negative
    certainty: str = "certain"  # certain | probable | possible | underspecified
    tense: str = "past"  # past | present | future | none


@dataclass
class Attribution:
    source: str
    cue: str
    start: int
    end: int
    entity: Optional[str] = None


@dataclass
class Offsets:
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str
    mode: Optional[str]
    trigger: Span
    sentence: Offsets
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    location: Optional[Location] = None
    when: Optional[When] = None
    status: str = "happened"
    factuality: Factuality = field(default_factory=Factuality)
    attribution: Optional[Attribution] = None
    figures: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class Figure:
    id: str
    start: int
    end: int
    text: str
    value: Optional[float]
    low: Optional[float] = None
    high: Optional[float] = None
    approx: str = "exact"
    measure: str = "other"
    subject: Optional[str] = None
    event: Optional[str] = None
    attribution: Optional[Attribution] = None


@dataclass
class Quote:
    id: str
    start: int
    end: int
    text: str
    speaker: Optional[str] = None
    speaker_text: Optional[str] = None
    cue: Optional[str] = None
    channel: Optional[str] = None
    direct: bool = True


@dataclass
class Pipeline:
    version: str
    model: str
    ontology: str


@dataclass
class DocumentRecord:
    id: str
    meta: Meta
    text: str
    boilerplate: list[Boilerplate] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    pipeline: Optional[Pipeline] = None
    extra: dict = field(default_factory=dict)
    schema: str = DOCUMENT_SCHEMA

    def to_dict(self) -> dict[str, Any]:
        d = plain(self)
        out = {"schema": d.pop("schema"), "id": d.pop("id")}
        out.update(d)
        if not out["extra"]:
            out.pop("extra")
        return out

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kw)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DocumentRecord":
        return _build(cls, d)

    def spans(self):
        """Every (start, end, text) this record claims, for offset checks."""
        for e in self.entities:
            for m in e.mentions:
                yield m.start, m.end, m.text
        for t in self.times:
            yield t.start, t.end, t.text
        for f in self.figures:
            yield f.start, f.end, f.text
            if f.attribution:
                yield f.attribution.start, f.attribution.end, None
        for q in self.quotes:
            yield q.start, q.end, q.text
        for v in self.events:
            yield v.trigger.start, v.trigger.end, v.trigger.text
            yield v.sentence.start, v.sentence.end, None
            if v.attribution:
                yield v.attribution.start, v.attribution.end, None


# --- event record -----------------------------------------------------------


@dataclass
class ActorRef:
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    kb: dict = field(default_factory=dict)


@dataclass
class Mention:
    document: str
    event: str
    published: Optional[str]
    source: Optional[str]
    evidence: str
    url: Optional[str] = None
    status: Optional[str] = None


@dataclass
class EventRecord:
    id: str
    type: str
    mode: Optional[str]
    actors: list[ActorRef]
    recipients: list[ActorRef]
    when: Optional[When]
    location: Optional[dict]
    status: str
    figures: dict
    mentions: list[Mention]
    n_documents: int
    n_sources: int
    first_reported: Optional[str]
    last_reported: Optional[str]
    confidence: float
    schema: str = EVENT_SCHEMA

    def to_dict(self) -> dict[str, Any]:
        d = plain(self)
        out = {"schema": d.pop("schema"), "id": d.pop("id")}
        out.update(d)
        return out

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kw)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "EventRecord":
        return _build(cls, d)


_NAMES: dict[type, tuple[str, ...]] = {}


def plain(obj):
    """dataclasses.asdict for these records, without its deep copies of every leaf
    (a fifth of the cost of storing a document): dataclasses become dicts, lists,
    tuples and dicts are copied, anything else (str, numbers, None) is immutable."""
    tp = type(obj)
    if tp in (str, int, float, bool) or obj is None:
        return obj
    if tp is list:
        return [plain(x) for x in obj]
    if tp is dict:
        return {plain(k): plain(v) for k, v in obj.items()}
    if tp is tuple:
        return tuple(plain(x) for x in obj)
    names = _NAMES.get(tp)
    if names is None:
        if not dataclasses.is_dataclass(obj):
            return copy.deepcopy(obj)
        names = _NAMES[tp] = tuple(f.name for f in dataclasses.fields(obj))
    return {n: plain(getattr(obj, n)) for n in names}


_FIELDS: dict[type, list[tuple[str, Any]]] = {}


def _fields(cls) -> list[tuple[str, Any]]:
    """(field name, resolved type) per dataclass, resolved once: get_type_hints is slow."""
    out = _FIELDS.get(cls)
    if out is None:
        import typing

        hints = typing.get_type_hints(cls)
        out = _FIELDS[cls] = [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]
    return out


def _build(cls, data):
    """Rebuild nested dataclasses from plain dicts, guided by type hints."""
    kwargs = {}
    for name, tp in _fields(cls):
        if name in data:
            kwargs[name] = _coerce(tp, data[name])
    return cls(**kwargs)


def _coerce(tp, value):
    import typing

    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], value) if inner else value
    if origin is list and args:
        return [_coerce(args[0], v) for v in value]
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return _build(tp, value)
    return value


# --- JSON Schema ------------------------------------------------------------


def json_schema(kind: str = "document") -> dict:
    """The shipped JSON Schema of the document or event record."""
    from importlib import resources

    return json.loads(resources.files("dateline").joinpath(f"schema/{kind}.schema.json").read_text("utf-8"))


def validate(record: dict, kind: str = "document") -> None:
    """Raise jsonschema.ValidationError if `record` breaks the schema."""
    import jsonschema

    jsonschema.validate(record, json_schema(kind))
