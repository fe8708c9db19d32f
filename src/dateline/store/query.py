"""Filtered, paged reads over the store for the API and the web UI.

The SQL uses only the store's columns, `EXISTS` sub-queries and the JSON
operators `->` / `->>` that DuckDB and PostgreSQL share, with `?`
placeholders. Filters on list-valued JSON (actor names, actor countries) are
narrowed in SQL with a `LIKE` over the JSON text and then checked exactly in
Python, so a name that merely appears inside another field never matches.

Ordering is always total (ties broken by id), so paging is stable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Optional

STATUSES = ("happened", "ongoing", "planned", "hypothetical", "negated")
SORTS = {
    "date": "date_start ASC NULLS LAST, type ASC, id ASC",
    "-date": "date_start DESC NULLS LAST, type ASC, id ASC",
    "sources": "CAST(record->>'n_sources' AS INTEGER) DESC, date_start ASC NULLS LAST, id ASC",
    "documents": "n_documents DESC, date_start ASC NULLS LAST, id ASC",
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class EventFilter:
    """What the analyst asked for; every field is optional."""

    type: Optional[str] = None
    status: Optional[str] = None
    actor: Optional[str] = None  # substring of an actor's or recipient's name, any case
    country: Optional[str] = None  # ISO 3166-1 alpha-3 of an actor, recipient or the place
    place: Optional[str] = None  # substring of the location name
    date_from: Optional[str] = None  # YYYY, YYYY-MM or YYYY-MM-DD; the event's dates overlap it
    date_to: Optional[str] = None
    min_sources: Optional[int] = None
    q: Optional[str] = None  # substring of any report's evidence sentence


def date_floor(value: str) -> str:
    """'2025' -> '2025-01-01', '2025-03' -> '2025-03-01'."""
    if not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def date_ceil(value: str) -> str:
    """'2025' -> '2025-12-31', '2025-02' -> '2025-02-31' (compares correctly as text)."""
    if not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value + "-12-31" if len(value) == 4 else (value + "-31" if len(value) == 7 else value)


def _like(s: str) -> str:
    return "%" + s.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(f: EventFilter) -> tuple[str, list]:
    clauses, params = [], []
    if f.type:
        clauses.append("type = ?")
        params.append(f.type)
    if f.status:
        clauses.append("status = ?")
        params.append(f.status)
    if f.date_from:
        clauses.append("date_end >= ?")
        params.append(date_floor(f.date_from))
    if f.date_to:
        clauses.append("date_start <= ?")
        params.append(date_ceil(f.date_to))
    if f.min_sources:
        clauses.append("CAST(record->>'n_sources' AS INTEGER) >= ?")
        params.append(int(f.min_sources))
    if f.place:
        clauses.append("lower(record->'location'->>'name') LIKE ? ESCAPE '\\'")
        params.append(_like(f.place))
    if f.actor:
        clauses.append("(lower(CAST(record->'actors' AS VARCHAR)) LIKE ? ESCAPE '\\' "
                       "OR lower(CAST(record->'recipients' AS VARCHAR)) LIKE ? ESCAPE '\\')")
        params += [_like(f.actor)] * 2
    if f.country:
        clauses.append("(record->'location'->>'country' = ? "
                       "OR CAST(record->'actors' AS VARCHAR) LIKE ? "
                       "OR CAST(record->'recipients' AS VARCHAR) LIKE ?)")
        params += [f.country.upper(), f'%"{f.country.upper()}"%', f'%"{f.country.upper()}"%']
    if f.q:
        clauses.append("EXISTS (SELECT 1 FROM event_members m JOIN doc_events d "
                       "ON d.document = m.document AND d.event = m.event "
                       "WHERE m.record = event_records.id AND lower(d.evidence) LIKE ? ESCAPE '\\')")
        params.append(_like(f.q))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _exact(rec: dict, f: EventFilter) -> bool:
    """The checks SQL only narrowed: names and countries inside JSON lists."""
    people = (rec.get("actors") or []) + (rec.get("recipients") or [])
    if f.actor:
        needle = f.actor.lower()
        if not any(needle in (a.get("name") or "").lower() for a in people):
            return False
    if f.country:
        code = f.country.upper()
        if code != ((rec.get("location") or {}).get("country")) and \
                not any(a.get("country") == code for a in people):
            return False
    return True


def list_events(con, f: EventFilter, limit: int = 50, offset: int = 0,
                sort: str = "date") -> tuple[int, list[dict]]:
    """(total matching, one page of event record dicts) in a stable order."""
    where, params = _where(f)
    order = SORTS[sort]
    if not (f.actor or f.country):  # everything is decided in SQL
        total = con.execute(f"SELECT count(*) FROM event_records{where}", params).fetchone()[0]
        rows = con.execute(f"SELECT record FROM event_records{where} ORDER BY {order} LIMIT ? OFFSET ?",
                           params + [limit, offset]).fetchall()
        return total, [json.loads(r) for (r,) in rows]
    rows = con.execute(f"SELECT record FROM event_records{where} ORDER BY {order}", params).fetchall()
    recs = [rec for rec in (json.loads(r) for (r,) in rows) if _exact(rec, f)]
    return len(recs), recs[offset:offset + limit]


def get_event(con, event_id: str) -> Optional[dict]:
    """One event record with every report: the article, its sentence and trigger offsets."""
    row = con.execute("SELECT record FROM event_records WHERE id = ?", [event_id]).fetchone()
    if not row:
        return None
    rec = json.loads(row[0])
    members = con.execute(
        "SELECT m.document, m.event, d.record FROM event_members m JOIN documents d ON d.id = m.document "
        "WHERE m.record = ? ORDER BY d.published, m.document, m.event", [event_id]).fetchall()
    reports = []
    for doc_id, ev_id, doc_json in members:
        doc = json.loads(doc_json)
        ev = next((v for v in doc.get("events", []) if v.get("id") == ev_id), None)
        if ev is None:
            continue
        ents = {e["id"]: e for e in doc.get("entities", [])}
        figs = {x["id"]: x for x in doc.get("figures", [])}
        reports.append({
            "document": doc_id, "event": ev_id, "meta": doc.get("meta", {}),
            "type": ev.get("type"), "mode": ev.get("mode"), "status": ev.get("status"),
            "when": ev.get("when"), "location": ev.get("location"),
            "factuality": ev.get("factuality"), "attribution": ev.get("attribution"),
            "actors": [ents[i]["name"] for i in ev.get("actors", []) if i in ents],
            "recipients": [ents[i]["name"] for i in ev.get("recipients", []) if i in ents],
            "figures": [figs[i] for i in ev.get("figures", []) if i in figs],
            "sentence": ev.get("sentence"), "trigger": ev.get("trigger"),
            "evidence": _slice(doc.get("text", ""), ev.get("sentence")),
            "text": doc.get("text", ""),
        })
    return {"event": rec, "reports": reports}


def _slice(text: str, span: Optional[dict]) -> Optional[str]:
    return text[span["start"]:span["end"]] if span else None


def list_documents(con, q: Optional[str] = None, source: Optional[str] = None,
                   limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """Document summaries (no text), newest first, ties by id."""
    clauses, params = [], []
    if q:
        clauses.append("(lower(title) LIKE ? ESCAPE '\\' OR lower(record->>'text') LIKE ? ESCAPE '\\')")
        params += [_like(q)] * 2
    if source:
        clauses.append("source = ?")
        params.append(source)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = con.execute(f"SELECT count(*) FROM documents{where}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT id, published, source, url, title, "
        f"(SELECT count(*) FROM doc_events e WHERE e.document = documents.id) "
        f"FROM documents{where} ORDER BY published DESC NULLS LAST, id ASC LIMIT ? OFFSET ?",
        params + [limit, offset]).fetchall()
    keys = ("id", "published", "source", "url", "title", "n_events")
    return total, [dict(zip(keys, r)) for r in rows]


def get_document(con, doc_id: str) -> Optional[dict]:
    """One document record plus the event record each of its events belongs to."""
    row = con.execute("SELECT record FROM documents WHERE id = ?", [doc_id]).fetchone()
    if not row:
        return None
    links = con.execute("SELECT event, record FROM event_members WHERE document = ? ORDER BY event",
                        [doc_id]).fetchall()
    return {"document": json.loads(row[0]), "event_records": {e: r for e, r in links}}


def facets(con) -> dict[str, Any]:
    """Values the filters can take, for the UI's drop-downs."""
    types = [t for (t,) in con.execute(
        "SELECT DISTINCT type FROM event_records WHERE type IS NOT NULL ORDER BY type").fetchall()]
    countries: set[str] = set()
    for a, b, loc in con.execute(
            "SELECT CAST(record->'actors' AS VARCHAR), CAST(record->'recipients' AS VARCHAR), "
            "record->'location'->>'country' FROM event_records").fetchall():
        for side in (a, b):
            countries.update(x.get("country") for x in json.loads(side or "[]") if x.get("country"))
        if loc:
            countries.add(loc)
    lo, hi = con.execute("SELECT min(date_start), max(date_end) FROM event_records").fetchone()
    return {"types": types, "statuses": list(STATUSES), "countries": sorted(countries),
            "date_min": lo, "date_max": hi}


def counts(con) -> dict[str, int]:
    q = lambda t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
    return {"documents": q("documents"), "document_events": q("doc_events"),
            "event_records": q("event_records")}
