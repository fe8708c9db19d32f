"""`dateline timeline`: an actor's events in date order, as a readable table.

For the analyst following a story: which events an actor took part in (as
actor or recipient) between two dates, how each one's status changed as
reports came in ("planned 01-29 → happened 02-04"), the figures with their
spread, and the evidence sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .records import EventRecord


def _matches_actor(r: EventRecord, actor: str) -> bool:
    needle = actor.strip().lower()
    for a in r.actors + r.recipients:
        if needle in (a.name or "").lower() or needle == (a.country or "").lower():
            return True
    return False


def select(records: list[EventRecord], actor: Optional[str] = None, date_from: Optional[str] = None,
           date_to: Optional[str] = None) -> list[EventRecord]:
    """Records with `actor` (name substring or country code, either side) whose
    date bounds overlap [date_from, date_to], in date order. Undated records are
    left out when a date range is asked for."""
    out = []
    for r in records:
        if actor and not _matches_actor(r, actor):
            continue
        start = r.when.start[:10] if r.when and r.when.start else None
        end = r.when.end[:10] if r.when and r.when.end else start
        if (date_from or date_to) and start is None:
            continue
        if date_from and end < date_from[:10]:
            continue
        if date_to and start > date_to[:10]:
            continue
        out.append(r)
    return sorted(out, key=lambda r: ((r.when.start or "9999") if r.when else "9999", r.type, r.id))


def status_history(r: EventRecord) -> str:
    """The statuses reports gave, in publication order, e.g. 'planned 01-29 → happened 02-04'."""
    steps: list[tuple[str, str]] = []
    for m in sorted(r.mentions, key=lambda m: m.published or ""):
        if m.status and (not steps or steps[-1][0] != m.status):
            steps.append((m.status, (m.published or "")[5:10]))
    if len(steps) <= 1:
        return r.status
    return " → ".join(f"{s} {d}".strip() for s, d in steps) + (f" = {r.status}" if steps[-1][0] != r.status else "")


def _figures(r: EventRecord) -> str:
    parts = []
    for measure, v in r.figures.items():
        lo, hi = v["min"], v["max"]
        parts.append(f"{measure} {lo:g}" + (f"–{hi:g}" if hi != lo else "") + f" ({len(v['reports'])} rep.)")
    return ", ".join(parts)


def table(records: list[EventRecord], title: str) -> Table:
    t = Table(title=title, show_lines=True)
    for col in ("date", "status", "type / mode", "who → whom", "where", "figures", "reports", "evidence"):
        t.add_column(col, overflow="fold")
    for r in records:
        w = r.when
        date = f"{w.value}\n({w.granularity}, {w.basis})" if w else "unknown"
        who = ", ".join(a.name for a in r.actors) or "?"
        whom = ", ".join(a.name for a in r.recipients)
        evidence = r.mentions[0].evidence if r.mentions else ""
        t.add_row(date, status_history(r), f"{r.type} / {r.mode or '-'}",
                  escape(who + (f" → {whom}" if whom else "")), escape((r.location or {}).get("name") or ""),
                  _figures(r), f"{r.n_documents} doc(s), {r.n_sources} source(s)\n"
                  f"{r.first_reported or '?'} … {r.last_reported or '?'}",
                  escape(evidence[:200] + ("…" if len(evidence) > 200 else "")))
    return t


def timeline(db: Path, actor: Optional[str] = None, date_from: Optional[str] = None,
             date_to: Optional[str] = None, console: Optional[Console] = None) -> list[EventRecord]:
    """Print the actor's timeline from the store at `db`; returns the records shown."""
    from .store import Store

    with Store(db, read_only=True) as store:
        recs = select(store.event_records(), actor, date_from, date_to)
    span = f"{date_from or '…'} to {date_to or '…'}"
    title = f"{len(recs)} event(s)" + (f" involving {actor}" if actor else "") + f", {span}"
    (console or Console()).print(table(recs, title))
    return recs
