"""What an event's page shows of each report, stored beside the document.

An event page lists its reports: each with the document's meta and text and
its own event's type, dates, place, actors' names, figures and offsets. Those
used to be cut from whole document records (every annotation of every
article), and DuckDB compresses that column in large blocks, so fetching six
of them cost about 100 ms. Instead each document's `meta` and `text` are
plain columns of `documents` and each document event's part of the page is a
small JSON value in `doc_events.report`, written when the document is stored
(and backfilled once when an older store is opened).
"""

from __future__ import annotations

from typing import Iterator

# The keys of a report's own part, in the order the page lists them.
KEYS = ("type", "mode", "status", "when", "location", "factuality", "attribution",
        "actors", "recipients", "figures", "sentence", "trigger")


def report_views(doc: dict) -> Iterator[tuple[str, dict]]:
    """(event id, its report's part) for each event of a document record (a dict),
    the first event of an id only."""
    ents = {e["id"]: e for e in doc.get("entities", [])}
    figs = {x["id"]: x for x in doc.get("figures", [])}
    seen = set()
    for ev in doc.get("events", []):
        if ev.get("id") in seen:
            continue
        seen.add(ev.get("id"))
        yield ev.get("id"), {
            "type": ev.get("type"), "mode": ev.get("mode"), "status": ev.get("status"),
            "when": ev.get("when"), "location": ev.get("location"),
            "factuality": ev.get("factuality"), "attribution": ev.get("attribution"),
            "actors": [ents[i]["name"] for i in ev.get("actors", []) if i in ents],
            "recipients": [ents[i]["name"] for i in ev.get("recipients", []) if i in ents],
            "figures": [figs[i] for i in ev.get("figures", []) if i in figs],
            "sentence": ev.get("sentence"), "trigger": ev.get("trigger"),
        }


def ordered(view: dict) -> dict:
    """The stored part with its keys in page order (PostgreSQL's JSONB reorders them)."""
    return {k: view.get(k) for k in KEYS}

