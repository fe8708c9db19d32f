"""Request and response shapes of the REST API (they make /openapi.json)."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

MAX_BATCH = 100  # articles in one request
MAX_FIELD = 200  # characters in a metadata field


class ArticleIn(BaseModel):
    """One article: `text` (plain, never altered) or `html` (the body is extracted)."""

    model_config = ConfigDict(extra="forbid")
    id: Optional[str] = Field(None, max_length=MAX_FIELD, description="Your id; else a hash of url or text.")
    text: Optional[str] = Field(None, description="Plain article text.")
    html: Optional[str] = Field(None, description="A saved HTML page.")
    published: Optional[str] = Field(None, max_length=40, description="ISO 8601 publication date.")
    title: Optional[str] = Field(None, max_length=1000)
    url: Optional[str] = Field(None, max_length=2000, pattern=r"^https?://[^\s/?#]+\S*$",
                               description="The article's URL: http:// or https:// only.")
    source: Optional[str] = Field(None, max_length=MAX_FIELD)
    author: Optional[str] = Field(None, max_length=MAX_FIELD)


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class StoredDoc(BaseModel):
    id: str
    title: Optional[str] = None
    published: Optional[str] = None
    n_events: int
    new: bool = Field(..., description="False when the document was already stored (a no-op).")


class SkippedOut(BaseModel):
    origin: str
    reason: str


class SubmitOut(BaseModel):
    added: int
    documents: list[StoredDoc]
    skipped: list[SkippedOut]


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    next: Optional[str] = Field(None, description="URL of the next page, or null.")
    items: list[dict[str, Any]]


class EventOut(BaseModel):
    event: dict[str, Any] = Field(..., description="The event record (dateline/event@1).")
    reports: list[dict[str, Any]] = Field(
        ..., description="Every report: document meta, status and date as that report gives them, "
                         "sentence and trigger offsets into `text`.")


class DocumentOut(BaseModel):
    document: dict[str, Any] = Field(..., description="The document record (dateline/document@1).")
    event_records: dict[str, str] = Field(..., description="Document event id -> event record id.")


class Facets(BaseModel):
    types: list[str]
    statuses: list[str]
    countries: list[str]
    date_min: Optional[str] = None
    date_max: Optional[str] = None
    counts: dict[str, dict[str, int]] = Field(
        ..., description="type / status / country -> value -> events matching the other filters given")


class Bin(BaseModel):
    start: str
    end: str
    count: int


class Histogram(BaseModel):
    bin: str = Field(..., description="day, week, month or year")
    bins: list[Bin] = Field(..., description="Every bin from the first dated event to the last, empty ones too")
    undated: int = Field(..., description="Matching events without a readable date (in no bin)")
    total: int
    outside: Optional[dict[str, Any]] = Field(
        None, description="With span=focus: events dated before/after the bins shown, and the first and last date")


class MapData(BaseModel):
    countries: dict[str, int] = Field(..., description="ISO alpha-3 of the event's place -> matching events")
    points: list[dict[str, Any]] = Field(..., description="One per event with coordinates (newest first, at most 3,000)")
    located: int
    country_only: int
    unplaced: int
    total: int


class Health(BaseModel):
    documents: int
    document_events: int
    event_records: int
    writable: bool = Field(..., description="Whether write endpoints are enabled (a token is configured).")


class Error(BaseModel):
    detail: Any
