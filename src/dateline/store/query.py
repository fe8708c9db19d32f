"""Filtered, paged reads over the store for the API and the web UI.

The SQL uses only the store's columns and functions DuckDB and PostgreSQL
share, with `?` placeholders. Filters on list-valued fields (actor names,
countries, the search box's texts) are exact `strpos` tests over the plain
columns of store/columns.py, written when a record is stored: no record's
JSON is read to decide whether it matches. (A needle containing the columns'
separator is only narrowed in SQL and checked in Python.)

Ordering is always total (ties broken by id), so paging is stable.

Filters that take several values (type, status, country) match any of them;
different filters must all hold. Facet counts are computed the way faceted
search does it: each facet is counted under every filter except its own, so
the numbers beside a value say what ticking it would add.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Optional

from . import report_view
from .columns import SEP, split

STATUSES = ("happened", "ongoing", "planned", "hypothetical", "negated")
SORTS = {
    "-date": "date_start DESC NULLS LAST, type ASC, id ASC",  # newest first: the default
    "date": "date_start ASC NULLS LAST, type ASC, id ASC",
    "sources": "n_sources DESC NULLS LAST, date_start DESC NULLS LAST, id ASC",
    "documents": "n_documents DESC, date_start DESC NULLS LAST, id ASC",
    "fatalities": "killed DESC NULLS LAST, date_start DESC NULLS LAST, id ASC",
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class EventFilter:
    """What the analyst asked for; every field is optional."""

    type: list[str] = field(default_factory=list)  # any of these PLOVER types
    status: list[str] = field(default_factory=list)  # any of these statuses
    actor: Optional[str] = None  # substring of an actor's or recipient's name, any case
    country: list[str] = field(default_factory=list)  # ISO alpha-3 of an actor, recipient or the place; any
    place: Optional[str] = None  # substring of the location name
    date_from: Optional[str] = None  # YYYY, YYYY-MM or YYYY-MM-DD; the event's dates overlap it
    date_to: Optional[str] = None
    min_sources: Optional[int] = None
    min_killed: Optional[int] = None  # at least this many killed (the highest report)
    q: Optional[str] = None  # search: an actor's or recipient's name, the place, or any evidence sentence

    def __post_init__(self):  # a single value is a list of one
        for name in ("type", "status", "country"):
            v = getattr(self, name)
            setattr(self, name, [] if v is None else [v] if isinstance(v, str) else list(v))
        self.country = [c.upper() for c in self.country]

    @property
    def needs_python(self) -> bool:
        """Whether SQL only narrows: a needle holding the columns' separator."""
        return any(SEP in v for v in [self.actor or "", self.q or ""] + self.country)


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
        clauses.append(f"type IN ({', '.join('?' for _ in f.type)})")
        params += f.type
    if f.status:
        clauses.append(f"status IN ({', '.join('?' for _ in f.status)})")
        params += f.status
    if f.date_from:
        clauses.append("date_end >= ?")
        params.append(date_floor(f.date_from))
    if f.date_to:
        clauses.append("date_start <= ?")
        params.append(date_ceil(f.date_to))
    if f.min_sources:
        clauses.append("n_sources >= ?")
        params.append(int(f.min_sources))
    if f.place:
        clauses.append("lower(location_name) LIKE ? ESCAPE '\\'")
        params.append(_like(f.place))
    if f.actor:  # part of one name: the needle has no separator, so it cannot span two
        clauses.append("strpos(people, ?) > 0")
        params.append(f.actor.lower())
    if f.min_killed:
        clauses.append("killed >= ?")
        params.append(int(f.min_killed))
    if f.country:
        clauses.append("(" + " OR ".join("strpos(countries, ?) > 0" for _ in f.country) + ")")
        params += [SEP + code + SEP for code in f.country]
    if f.q:
        clauses.append("strpos(search_text, ?) > 0")
        params.append(f.q.lower())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _exact(rec: dict, f: EventFilter) -> bool:
    """The list filters checked on the record itself (when f.needs_python)."""
    people = (rec.get("actors") or []) + (rec.get("recipients") or [])
    if f.actor:
        needle = f.actor.lower()
        if not any(needle in (a.get("name") or "").lower() for a in people):
            return False
    if f.country:
        codes = set(f.country)
        if ((rec.get("location") or {}).get("country")) not in codes and \
                not any(a.get("country") in codes for a in people):
            return False
    if f.q:
        needle = f.q.lower()
        texts = [a.get("name") or "" for a in people] + [(rec.get("location") or {}).get("name") or ""]
        texts += [m.get("evidence") or "" for m in rec.get("mentions") or []]
        if not any(needle in t.lower() for t in texts):
            return False
    return True


def list_events(con, f: EventFilter, limit: int = 50, offset: int = 0,
                sort: str = "-date", raw: bool = False) -> tuple[int, list]:
    """(total matching, one page of event record dicts) in a stable order; with
    raw=True the records are their stored JSON text (the API sends them as they are)."""
    where, params = _where(f)
    order = SORTS[sort]
    if not f.needs_python:  # everything is decided in SQL
        total = con.execute(f"SELECT count(*) FROM event_records{where}", params).fetchone()[0]
        rows = con.execute(f"SELECT record FROM event_records{where} ORDER BY {order} LIMIT ? OFFSET ?",
                           params + [limit, offset]).fetchall()
        return total, [_text(r) if raw else _load(r) for (r,) in rows]
    rows = con.execute(f"SELECT id, record FROM event_records{where} ORDER BY {order}", params).fetchall()
    keep = [rid for rid, rec in rows if _exact(_load(rec), f)]
    ids = keep[offset:offset + limit]
    found = dict(con.execute(f"SELECT id, record FROM event_records WHERE id IN ({', '.join('?' for _ in ids)})",
                             ids).fetchall()) if ids else {}
    return len(keep), [_text(found[i]) if raw else _load(found[i]) for i in ids]


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def get_event(con, event_id: str) -> Optional[dict]:
    """One event record with every report: the article, its sentence and trigger offsets.
    Reads each report's stored part and its document's meta and text, never whole
    document records (store/report_view.py)."""
    row = con.execute("SELECT record FROM event_records WHERE id = ?", [event_id]).fetchone()
    if not row:
        return None
    rec = _load(row[0])
    members = con.execute("SELECT m.document, m.event, d.report FROM event_members m LEFT JOIN doc_events d "
                          "ON d.document = m.document AND d.event = m.event WHERE m.record = ?",
                          [event_id]).fetchall()
    ids = sorted({d for d, _, _ in members})
    docs = {d: (_load(meta) if meta is not None else {}, text) for d, meta, text in con.execute(
        f"SELECT id, meta, text FROM documents WHERE id IN ({', '.join('?' for _ in ids)})", ids).fetchall()
    } if ids else {}
    order = lambda m: ((docs.get(m[0]) or ({}, ""))[0].get("published") or "~", m[0], m[1])  # noqa: E731
    reports = []
    for doc_id, ev_id, view in sorted(members, key=order):
        if doc_id not in docs or view is None:
            continue
        meta, text = docs[doc_id]
        view = report_view.ordered(_load(view))
        reports.append({
            "document": doc_id, "event": ev_id, "meta": meta, **view,
            "evidence": _slice(text, view["sentence"]),
            "context": context(text, view["sentence"]),
            "text": text,
        })
    return {"event": rec, "reports": reports}


def _slice(text: str, span: Optional[dict]) -> Optional[str]:
    return text[span["start"]:span["end"]] if span else None


# A sentence ends at . ! ? (and any closing quotes or brackets) before a space and
# a capital, digit or opening quote, or at a line break. "U.S. officials" does not
# end one: a single capital before the full stop is an initial or abbreviation.
_BOUNDARY = re.compile(r"(?<![A-Z.])(?<!\b(?:Mr|Ms|Dr|St|Lt|Jr|Sr|No|vs))[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*")
CONTEXT_CHARS = 600  # longest stretch shown on either side of the evidence sentence


def context(text: str, span: Optional[dict]) -> Optional[dict]:
    """Offsets of the evidence sentence with one sentence either side (within the
    paragraph of text around it, at most CONTEXT_CHARS each way), so a report is
    read in context without showing a whole article that has no line breaks."""
    if not span:
        return None
    start, end = span["start"], span["end"]
    base = max(0, start - CONTEXT_CHARS)
    before = text[base:start]
    cut = len(before.rstrip())
    if "\n" in before[cut:]:
        lo = start  # the sentence starts its paragraph
    else:
        ends = [m.end() for m in _BOUNDARY.finditer(before, 0, max(0, cut - 1))]
        lo = base + (ends[-1] if ends else 0)
    after = text[end:end + CONTEXT_CHARS]
    skip = len(after) - len(after.lstrip())
    if "\n" in after[:skip]:
        hi = end  # the sentence ends its paragraph: nothing after it belongs to it
    else:
        m = _BOUNDARY.search(after, skip + 1)
        hi = end + (m.start() + len(m.group(0).rstrip()) if m else len(after))
    return {"start": lo, "end": max(hi, end)}


def _load(value) -> dict:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _select(con, f: EventFilter, columns: str) -> list[tuple]:
    """Rows of `columns` for the events that match `f` exactly."""
    where, params = _where(f)
    if not f.needs_python:
        return con.execute(f"SELECT {columns} FROM event_records{where}", params).fetchall()
    rows = con.execute(f"SELECT record, {columns} FROM event_records{where}", params).fetchall()
    return [r[1:] for r in rows if _exact(_load(r[0]), f)]


def _count_by(con, f: EventFilter, column: str) -> Counter:
    if not f.needs_python:
        where, params = _where(f)
        return Counter(dict(con.execute(
            f"SELECT {column}, count(*) FROM event_records{where} GROUP BY {column}", params).fetchall()))
    return Counter(v for (v,) in _select(con, f, column))


_CODE = re.compile(r"[A-Z]{3}")  # a country code the facets list


def _codes(countries: Optional[str]) -> set[str]:
    return {c for c in split(countries) if _CODE.fullmatch(c)}


def list_documents(con, q: Optional[str] = None, source: Optional[str] = None,
                   date_from: Optional[str] = None, date_to: Optional[str] = None,
                   sort: str = "-published", limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """Document summaries (no text), newest first by default, ties by id."""
    where, params = _doc_where(q, source, date_from, date_to)
    order = DOC_SORTS[sort]
    total = con.execute(f"SELECT count(*) FROM documents{where}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT id, published, source, url, title, n_events FROM (SELECT id, published, source, url, title, "
        f"(SELECT count(*) FROM doc_events e WHERE e.document = documents.id) AS n_events "
        f"FROM documents{where}) AS d ORDER BY {order} LIMIT ? OFFSET ?",
        params + [limit, offset]).fetchall()
    keys = ("id", "published", "source", "url", "title", "n_events")
    return total, [dict(zip(keys, r)) for r in rows]


DOC_SORTS = {
    "-published": "published DESC NULLS LAST, id ASC",
    "published": "published ASC NULLS LAST, id ASC",
    "title": "lower(title) ASC NULLS LAST, id ASC",
    "source": "source ASC NULLS LAST, published DESC NULLS LAST, id ASC",
    "events": "n_events DESC, published DESC NULLS LAST, id ASC",
}


def _doc_where(q, source, date_from, date_to) -> tuple[str, list]:
    clauses, params = [], []
    if q:
        clauses.append("(lower(title) LIKE ? ESCAPE '\\' OR lower(record->>'text') LIKE ? ESCAPE '\\')")
        params += [_like(q)] * 2
    if source:
        clauses.append("source = ?")
        params.append(source)
    if date_from:
        clauses.append("substr(published, 1, 10) >= ?")
        params.append(date_floor(date_from))
    if date_to:
        clauses.append("substr(published, 1, 10) <= ?")
        params.append(date_ceil(date_to))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def document_records(con, q=None, source=None, date_from=None, date_to=None, batch: int = 200):
    """Stored document records (JSON text) matching the filters, oldest first, in batches."""
    where, params = _doc_where(q, source, date_from, date_to)
    offset = 0
    while True:
        rows = con.execute(f"SELECT record FROM documents{where} ORDER BY published NULLS LAST, id "
                           f"LIMIT ? OFFSET ?", params + [batch, offset]).fetchall()
        if not rows:
            return
        offset += len(rows)
        yield [r if isinstance(r, str) else json.dumps(r) for (r,) in rows]


def outlets(con) -> list[dict]:
    """Every outlet with its number of documents, most first."""
    rows = con.execute("SELECT source, count(*) AS n FROM documents WHERE source IS NOT NULL "
                       "GROUP BY source ORDER BY n DESC, source").fetchall()
    return [{"source": a, "documents": n} for a, n in rows]


def get_document(con, doc_id: str) -> Optional[dict]:
    """One document record plus the event record each of its events belongs to."""
    row = con.execute("SELECT record FROM documents WHERE id = ?", [doc_id]).fetchone()
    if not row:
        return None
    links = con.execute("SELECT event, record FROM event_members WHERE document = ? ORDER BY event",
                        [doc_id]).fetchall()
    return {"document": _load(row[0]), "event_records": {e: r for e, r in links}}


def facets(con, f: Optional[EventFilter] = None) -> dict[str, Any]:
    """Values the filters can take, each with its count of matching events under
    the other filters (what ticking that value would add)."""
    f = f or EventFilter()
    types = [t for (t,) in con.execute(
        "SELECT DISTINCT type FROM event_records WHERE type IS NOT NULL ORDER BY type").fetchall()]
    type_n = _count_by(con, replace(f, type=[]), "type")
    status_n = _count_by(con, replace(f, status=[]), "status")
    # a record's countries: its place's, actors' and recipients' (the countries column)
    country_n: Counter = Counter()
    g = replace(f, country=[])
    for codes, n in _count_by(con, g, "countries").items():  # by each set of countries
        for code in _codes(codes):
            country_n[code] += n
    all_countries = set(country_n)
    if _where(g)[0]:  # the other filters hide some countries: list every country of the store
        for (codes,) in con.execute("SELECT DISTINCT countries FROM event_records").fetchall():
            all_countries.update(_codes(codes))
    lo, hi = con.execute("SELECT min(date_start), max(date_end) FROM event_records").fetchone()
    return {"types": types, "statuses": list(STATUSES), "countries": sorted(all_countries),
            "date_min": lo, "date_max": hi,
            "counts": {"type": {t: type_n.get(t, 0) for t in types},
                       "status": {x: status_n.get(x, 0) for x in STATUSES},
                       "country": {c: country_n.get(c, 0) for c in sorted(all_countries)}}}


BINS = ("day", "week", "month", "year")
MAX_BINS = 400  # more than this and the next coarser bin is used


def _bin_start(d: date, unit: str) -> date:
    if unit == "week":
        return d - timedelta(days=d.weekday())
    if unit == "month":
        return d.replace(day=1)
    if unit == "year":
        return d.replace(month=1, day=1)
    return d


def _next(d: date, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=1)
    if unit == "week":
        return d + timedelta(days=7)
    if unit == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def _day(value: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


FOCUS_SHARE = 0.02  # each tail left out of the focused view (2nd to 98th percentile of start dates)
FOCUS_FACTOR = 3  # ...when the whole span is over this many times the core's


def _core(starts: Counter) -> Optional[tuple[date, date]]:
    """The busy middle of the dates, when a few outliers (a treaty of 1950, a
    target for 2050) would squeeze every other bar into a corner; else None."""
    days = sorted(starts.elements())
    if len(days) < 20:
        return None
    k = int(len(days) * FOCUS_SHARE)
    lo, hi = days[k], days[-1 - k]
    core = max((hi - lo).days, 14)
    return (lo, hi) if (days[-1] - days[0]).days > FOCUS_FACTOR * core else None


def histogram(con, f: EventFilter, unit: str = "auto", span: str = "focus") -> dict[str, Any]:
    """Counts of matching events by the bin their start date falls in, every bin
    from the first to the last (empty ones too), plus the undated count. With
    span="focus", events dated far from the rest are counted apart (`outside`)."""
    starts: Counter = Counter()
    for value, n in (_count_by(con, f, "date_start")).items():
        starts[_day(value)] += n
    undated = starts.pop(None, 0)
    outside = None
    core = _core(starts) if span == "focus" and starts else None
    if core:
        before = sum(n for d, n in starts.items() if d < core[0])
        after = sum(n for d, n in starts.items() if d > core[1])
        outside = {"before": before, "after": after, "first": min(starts).isoformat(), "last": max(starts).isoformat()}
        starts = Counter({d: n for d, n in starts.items() if core[0] <= d <= core[1]})
    if not starts:
        return {"bin": unit if unit in BINS else "month", "bins": [], "undated": undated, "total": undated,
                "outside": outside}
    lo, hi = min(starts), max(starts)
    span = (hi - lo).days
    if unit not in BINS:
        unit = "day" if span <= 62 else "week" if span <= 550 else "month" if span <= 365 * 20 else "year"
    while unit != "year" and _bins_between(lo, hi, unit) > MAX_BINS:
        unit = BINS[BINS.index(unit) + 1]
    counts: Counter = Counter()
    for d, n in starts.items():
        counts[_bin_start(d, unit)] += n
    bins, d = [], _bin_start(lo, unit)
    while d <= hi:
        nxt = _next(d, unit)
        bins.append({"start": d.isoformat(), "end": (nxt - timedelta(days=1)).isoformat(), "count": counts.get(d, 0)})
        d = nxt
    total = sum(starts.values()) + undated + (outside["before"] + outside["after"] if outside else 0)
    return {"bin": unit, "bins": bins, "undated": undated, "total": total, "outside": outside}


def _bins_between(lo: date, hi: date, unit: str) -> int:
    days = (hi - lo).days
    return {"day": days + 1, "week": days // 7 + 2, "month": days // 28 + 2, "year": hi.year - lo.year + 1}[unit]


MAX_POINTS = 3000


def map_data(con, f: EventFilter) -> dict[str, Any]:
    """Matching events by place: counts per location country (to shade the map)
    and one point per event that has coordinates (at most MAX_POINTS, newest first).
    Counted and sorted in SQL; only the points shown are fetched."""
    cols = "id, type, status, date_start, location_country, location_name, lat, lon"
    if f.needs_python:
        rows = _select(con, f, cols)
        groups = Counter((r[4], r[6] is not None and r[7] is not None) for r in rows)
        rows.sort(key=lambda r: (r[3] or "", r[0]), reverse=True)
        rows = [r for r in rows if r[6] is not None and r[7] is not None][:MAX_POINTS]
    else:
        where, params = _where(f)
        groups = Counter({(c, located): n for c, located, n in con.execute(
            "SELECT location_country, lat IS NOT NULL AND lon IS NOT NULL, count(*) "
            f"FROM event_records{where} GROUP BY 1, 2", params).fetchall()})
        rows = con.execute(
            f"SELECT {cols} FROM event_records{where}{' AND' if where else ' WHERE'} lat IS NOT NULL "
            "AND lon IS NOT NULL ORDER BY coalesce(date_start, '') DESC, id DESC LIMIT ?",
            params + [MAX_POINTS]).fetchall()
    by_country: Counter = Counter()
    located = country_only = unplaced = 0
    for (country, has_point), n in groups.items():
        if country:
            by_country[country] += n
        if has_point:
            located += n
        elif country:
            country_only += n
        else:
            unplaced += n
    points = [{"id": rid, "type": typ, "status": status, "date": start, "place": place,
               "country": country, "lat": lat, "lon": lon}
              for rid, typ, status, start, country, place, lat, lon in rows]
    return {"countries": dict(sorted(by_country.items())), "points": points, "located": located,
            "country_only": country_only, "unplaced": unplaced, "total": sum(groups.values())}


def _overview(recs: list[dict], side_of) -> dict[str, Any]:
    """Counts by type, by month and type, by status; the top counterparts; the newest events."""
    by_type, by_status, counterparts = Counter(), Counter(), Counter()
    by_month: dict[str, Counter] = {}
    countries: Counter = Counter()
    for r in recs:
        by_type[r["type"]] += 1
        by_status[r.get("status")] += 1
        start = (r.get("when") or {}).get("start")
        if start:
            by_month.setdefault(start[:7], Counter())[r["type"]] += 1
        for other in side_of(r):
            counterparts[(other.get("name"), other.get("country"))] += 1
            if other.get("country"):
                countries[other["country"]] += 1
    recs.sort(key=lambda r: ((r.get("when") or {}).get("start") or "", r["id"]), reverse=True)
    return {
        "n_events": len(recs),
        "by_type": dict(by_type.most_common()),
        "by_status": {s: by_status.get(s, 0) for s in STATUSES},
        "by_month": [{"month": m, "counts": dict(sorted(c.items())), "total": sum(c.values())}
                     for m, c in sorted(by_month.items())],
        "top_counterparts": [{"name": n, "country": c, "events": k}
                             for (n, c), k in sorted(counterparts.items(), key=lambda x: (-x[1], x[0][0] or ""))[:15]],
        "top_counterpart_countries": [{"country": c, "events": k} for c, k in countries.most_common(10)],
        "recent": recs[:10],
    }


def actor_overview(con, name: str) -> Optional[dict]:
    """Events naming `name` (any case, the whole name) as actor or recipient."""
    key = name.strip().lower()
    # the whole name between separators (exact unless the name holds one: checked below anyway)
    rows = con.execute("SELECT record FROM event_records WHERE strpos(people, ?) > 0",
                       [SEP + key + SEP]).fetchall()
    recs, roles, spelled, ctry = [], Counter(), Counter(), Counter()
    for (raw,) in rows:
        r = _load(raw)
        acts = [a for a in r.get("actors") or [] if (a.get("name") or "").lower() == key]
        recs_ = [a for a in r.get("recipients") or [] if (a.get("name") or "").lower() == key]
        if not acts and not recs_:
            continue
        recs.append(r)
        roles["actor" if acts else "recipient"] += 1
        for a in acts + recs_:
            spelled[a["name"]] += 1
            if a.get("country"):
                ctry[a["country"]] += 1
    if not recs:
        return None

    def other_side(r):  # everyone else the event names, on either side
        people = (r.get("actors") or []) + (r.get("recipients") or [])
        return [a for a in people if (a.get("name") or "").lower() != key]

    out = _overview(recs, other_side)
    return {"name": spelled.most_common(1)[0][0], "countries": [c for c, _ in ctry.most_common()],
            "as_actor": roles["actor"], "as_recipient": roles["recipient"], **out}


def country_overview(con, code: str) -> Optional[dict]:
    """Events placed in the country or with an actor or recipient from it."""
    f = EventFilter(country=[code])
    recs = [_load(x) for (x,) in _select(con, f, "record")]
    if not recs:
        return None
    code = code.upper()
    in_country = sum(1 for r in recs if (r.get("location") or {}).get("country") == code)

    def other_side(r):
        people = (r.get("actors") or []) + (r.get("recipients") or [])
        return [a for a in people if a.get("country") != code]

    actors = Counter((a.get("name"), a.get("country")) for r in recs
                     for a in (r.get("actors") or []) + (r.get("recipients") or []) if a.get("country") == code)
    out = _overview(recs, other_side)
    return {"country": code, "placed_here": in_country,
            "top_actors": [{"name": n, "country": c, "events": k}
                           for (n, c), k in sorted(actors.items(), key=lambda x: (-x[1], x[0][0] or ""))[:15]],
            **out}


def counts(con) -> dict[str, int]:
    q = lambda t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
    return {"documents": q("documents"), "document_events": q("doc_events"),
            "event_records": q("event_records")}
