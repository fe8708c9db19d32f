"""Event records out: JSON Lines (the reference format) and flat CSV rows,
one per event, with the columns OUTPUT.md names for spreadsheet and R users."""

from __future__ import annotations

import csv
from typing import IO, Iterable

from .records import EventRecord

FLAT_COLUMNS = [
    "id", "type", "mode", "actor_names", "actor_countries", "recipient_names",
    "recipient_countries", "date", "date_start", "date_end", "granularity", "date_basis",
    "status", "location", "location_country", "lat", "lon", "killed_min", "killed_max",
    "n_documents", "n_sources", "first_reported", "last_reported", "confidence",
    "evidence_url", "evidence_text",
]


def _join(values: Iterable) -> str:
    return "; ".join(v for v in values if v)


def flatten(r: EventRecord) -> dict:
    """One flat row for an event record (lists joined with '; ')."""
    w, loc = r.when, r.location or {}
    killed = r.figures.get("killed", {})
    first = r.mentions[0] if r.mentions else None
    return {
        "id": r.id, "type": r.type, "mode": r.mode,
        "actor_names": _join(a.name for a in r.actors),
        "actor_countries": _join(a.country for a in r.actors),
        "recipient_names": _join(a.name for a in r.recipients),
        "recipient_countries": _join(a.country for a in r.recipients),
        "date": w.value if w else None, "date_start": w.start if w else None,
        "date_end": w.end if w else None, "granularity": w.granularity if w else "unknown",
        "date_basis": w.basis if w else None, "status": r.status,
        "location": loc.get("name"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"),
        "killed_min": killed.get("min"), "killed_max": killed.get("max"),
        "n_documents": r.n_documents, "n_sources": r.n_sources,
        "first_reported": r.first_reported, "last_reported": r.last_reported,
        "confidence": r.confidence,
        "evidence_url": first.url if first else None,
        "evidence_text": first.evidence if first else None,
    }


def write_events(records: list[EventRecord], sink: IO[str], fmt: str) -> None:
    if fmt == "jsonl":
        for r in records:
            sink.write(r.to_json() + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sink, fieldnames=FLAT_COLUMNS)
        w.writeheader()
        for r in records:
            w.writerow(flatten(r))
    else:
        raise ValueError(f"unknown export format {fmt!r}")
