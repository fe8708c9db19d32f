"""One event record from a cluster of reports, reconciling what they disagree on.

- figures: per measure, min and max with every report behind them;
- status: what the most recent reports say (a planned meeting later reported
  as held becomes `happened`; both reports stay in `mentions`). A later plan or
  hypothesis never undoes an earlier report that it happened;
- when: the best-anchored, finest date (explicit before inferred before
  publication date; day before week before month…), the commonest value among
  those on a tie;
- first/last reported dates, number of documents and of distinct sources;
- mentions: one per (document, sentence) — several triggers of one sentence in
  one record are one report with several modes, not several reports.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Optional

from ..records import ActorRef, EventRecord, Mention, When
from .reports import Report, actor_key

GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "range": 4, "year": 5, "unknown": 9}
BASIS_RANK = {"explicit": 0, "inferred": 1, "published": 2}
PRECISION_RANK = {"site": 0, "city": 1, "region": 2, "country": 3, "unknown": 4}
FACTUAL = ("happened", "ongoing")


def record_id(first: Report) -> str:
    """Derived from the cluster's earliest report, so later reports keep the id."""
    return "x-" + hashlib.sha256(f"{first.doc.id}\x1f{first.event.id}".encode()).hexdigest()[:16]


def reconcile_status(reports: list[Report]) -> str:
    """Status of the most recent reports (by publication day)."""
    latest_day = max(r.published[:10] for r in reports)
    latest = Counter(r.event.status for r in reports if r.published[:10] == latest_day)
    if any(s in latest for s in FACTUAL):
        return "happened" if latest["happened"] >= latest["ongoing"] else "ongoing"
    if any(r.event.status in FACTUAL for r in reports) and ("planned" in latest or "hypothetical" in latest):
        # An earlier report of the fact outranks a later one that only mentions the plan.
        return "happened"
    order = ["planned", "hypothetical", "negated"]
    return max(latest, key=lambda s: (latest[s], -order.index(s) if s in order else -9))


def best_when(reports: list[Report]) -> Optional[When]:
    whens = [r.event.when for r in reports if r.event.when and r.event.when.start]
    if not whens:
        return None
    rank = lambda w: (BASIS_RANK.get(w.basis, 3), GRANULARITY_RANK.get(w.granularity, 9))  # noqa: E731
    best_rank = min(rank(w) for w in whens)
    tied = [w for w in whens if rank(w) == best_rank]
    counts = Counter((w.value, w.start, w.end) for w in tied)
    top = max(counts.values())
    best = next(w for w in tied if counts[(w.value, w.start, w.end)] == top)
    return When(value=best.value, start=best.start, end=best.end,
                granularity=best.granularity, basis=best.basis, time=None)


def merge_actors(lists: list[list[ActorRef]]) -> list[ActorRef]:
    out: dict[str, ActorRef] = {}
    for refs in lists:
        for a in refs:
            out.setdefault(actor_key(a), a)
    return list(out.values())


def merge_roles(reports: list[Report]) -> tuple[list[ActorRef], list[ActorRef]]:
    """Actors and recipients across reports; a party named on both sides in
    different reports goes to the side most reports give it (ties: actor)."""
    actors = merge_actors([r.actors for r in reports])
    recipients = merge_actors([r.recipients for r in reports])
    as_actor = Counter(actor_key(a) for r in reports for a in r.actors)
    as_recipient = Counter(actor_key(a) for r in reports for a in r.recipients)
    actors = [a for a in actors if as_actor[actor_key(a)] >= as_recipient[actor_key(a)]]
    recipients = [a for a in recipients if as_recipient[actor_key(a)] > as_actor[actor_key(a)]]
    return actors, recipients


def reconcile_figures(reports: list[Report]) -> dict:
    by_measure: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    for r in reports:
        for f in r.figures:
            if f.value is None or f.measure == "other" or (r.doc.id, f.id) in seen:
                continue
            seen.add((r.doc.id, f.id))
            by_measure.setdefault(f.measure, []).append({
                "value": f.value, "approx": f.approx,
                "source": f.attribution.source if f.attribution else None,
                "document": r.doc.id, "published": r.doc.meta.published,
                "_high": f.high if f.high is not None else f.value,
                "_low": f.low if f.low is not None else f.value})
    out = {}
    for measure, reps in sorted(by_measure.items()):
        lo = min(x.pop("_low") for x in reps)
        hi = max(x.pop("_high") for x in reps)
        out[measure] = {"min": lo, "max": hi, "reports": reps}
    return out


def best_location(reports: list[Report]) -> Optional[dict]:
    locs = [r.event.location for r in reports if r.event.location and r.event.location.name]
    if not locs:
        return None
    names = Counter(l.name for l in locs)
    loc = min(locs, key=lambda l: (PRECISION_RANK.get(l.precision, 4), -names[l.name]))
    return {"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon}


def sentence_reports(reports: list[Report]) -> list[Report]:
    """One report per (document, sentence): triggers of one sentence in one record
    ("attacked … blowing up … taking hostages") are one report of the incident,
    listed once, under its first trigger's event."""
    seen, out = set(), []
    for r in reports:
        k = (r.doc.id, r.event.sentence.start, r.event.sentence.end)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def event_record(reports: list[Report]) -> EventRecord:
    """The event record of one cluster (reports in any order)."""
    c = sorted(reports, key=lambda r: r.order)
    types = Counter(r.event.type for r in c)
    top_type = max(types, key=lambda t: (types[t], -[r.event.type for r in c].index(t)))
    modes = Counter(r.event.mode for r in c if r.event.mode and r.event.type == top_type)
    sources = {r.doc.meta.source for r in c if r.doc.meta.source}
    published = sorted(r.published[:10] for r in c if r.published)
    mentions = [Mention(document=r.doc.id, event=r.event.id, published=r.doc.meta.published,
                        source=r.doc.meta.source, url=r.doc.meta.url, status=r.event.status,
                        evidence=r.evidence) for r in sentence_reports(c)]
    n_docs = len({r.doc.id for r in c})
    roles = merge_roles(c)
    # A small boost per corroborating document: a heuristic, not calibrated.
    conf = round(min(0.99, max(r.event.confidence for r in c) + 0.05 * (n_docs - 1)), 3)
    return EventRecord(
        id=record_id(c[0]),
        type=top_type,
        mode=max(modes, key=lambda m: (modes[m], -[r.event.mode for r in c].index(m))) if modes else None,
        actors=roles[0], recipients=roles[1],
        when=best_when(c), location=best_location(c),
        status=reconcile_status(c) if published else c[-1].event.status,
        figures=reconcile_figures(c), mentions=mentions,
        n_documents=n_docs, n_sources=len(sources),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        confidence=conf)
