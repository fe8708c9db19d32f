"""Cross-article linking: many reports of one real-world event, one event record.

First pass (the linking issue deepens the scoring): two reports are the same
event only if they have the same type, date bounds that overlap, and shared
participants (or, with no participants at all, the same named place and day).
Clustering is complete-linkage, so a chain of near-matches can never join two
reports that are themselves incompatible.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..records import ActorRef, DocumentRecord, Event, EventRecord, Mention, When

GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "range": 4, "year": 5, "unknown": 9}
BASIS_RANK = {"explicit": 0, "inferred": 1, "published": 2}


@dataclass
class Report:
    """One event as one document reports it, with what linking compares."""

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

    def participants(self) -> set[str]:
        return {_actor_key(a) for a in self.actors + self.recipients}

    def bounds(self) -> Optional[tuple[str, str]]:
        w = self.event.when
        if w and w.start and w.end:
            return w.start[:10], w.end[:10]
        return None


def _actor_key(a: ActorRef) -> str:
    return (a.name or "").lower()


def _actor_refs(doc: DocumentRecord, ids: list[str]) -> list[ActorRef]:
    by_id = {e.id: e for e in doc.entities}
    return [ActorRef(name=by_id[i].name, country=by_id[i].country, sector=by_id[i].sector,
                     kb=dict(by_id[i].kb)) for i in ids if i in by_id]


def reports_of(doc: DocumentRecord) -> list[Report]:
    return [Report(doc, v, _actor_refs(doc, v.actors), _actor_refs(doc, v.recipients))
            for v in doc.events]


def compatible(a: Report, b: Report) -> bool:
    """Could these two reports describe the same real-world event?"""
    if a.event.type != b.event.type:
        return False
    ba, bb = a.bounds(), b.bounds()
    if ba is None or bb is None or ba[0] > bb[1] or bb[0] > ba[1]:
        return False
    pa, pb = a.participants(), b.participants()
    if pa or pb:
        if not (pa & pb):
            return False
        # Both name actors and the actor sides share nobody: different perpetrators.
        aa, ab = {_actor_key(x) for x in a.actors}, {_actor_key(x) for x in b.actors}
        if aa and ab and not (aa & ab) and not (aa & {_actor_key(x) for x in b.recipients}):
            return False
        return True
    la, lb = a.event.location, b.event.location
    return bool(la and lb and la.name == lb.name and ba == bb and ba[0] == ba[1])


def cluster(reports: list[Report]) -> list[list[Report]]:
    """Complete-linkage clusters in a deterministic order."""
    ordered = sorted(reports, key=lambda r: (r.published, r.doc.id, _id_num(r.event.id)))
    clusters: list[list[Report]] = []
    for r in ordered:
        for c in clusters:
            if all(compatible(r, m) for m in c):
                c.append(r)
                break
        else:
            clusters.append([r])
    return clusters


def _id_num(event_id: str) -> int:
    digits = "".join(ch for ch in event_id if ch.isdigit())
    return int(digits) if digits else 0


def _best_when(c: list[Report]) -> Optional[When]:
    whens = [r.event.when for r in c if r.event.when]
    if not whens:
        return None
    best = min(whens, key=lambda w: (BASIS_RANK.get(w.basis, 3), GRANULARITY_RANK.get(w.granularity, 9)))
    return When(value=best.value, start=best.start, end=best.end,
                granularity=best.granularity, basis=best.basis, time=None)


def _merge_actors(lists: list[list[ActorRef]]) -> list[ActorRef]:
    out: dict[str, ActorRef] = {}
    for refs in lists:
        for a in refs:
            out.setdefault(_actor_key(a), a)
    return list(out.values())


def _figures(c: list[Report]) -> dict:
    by_measure: dict[str, list[dict]] = {}
    for r in c:
        figs = {f.id: f for f in r.doc.figures}
        for fid in r.event.figures:
            f = figs.get(fid)
            if f is None or f.value is None or f.measure in ("other",):
                continue
            by_measure.setdefault(f.measure, []).append({
                "value": f.value, "approx": f.approx,
                "source": f.attribution.source if f.attribution else None,
                "document": r.doc.id, "published": r.doc.meta.published})
    out = {}
    for measure, reps in sorted(by_measure.items()):
        values = [x["value"] for x in reps]
        out[measure] = {"min": min(values), "max": max(values), "reports": reps}
    return out


def event_record(c: list[Report]) -> EventRecord:
    first = c[0]
    rid = "x-" + hashlib.sha256(f"{first.doc.id}\x1f{first.event.id}".encode()).hexdigest()[:16]
    latest = max(c, key=lambda r: (r.published, r.doc.id))
    types = Counter(r.event.type for r in c)
    modes = Counter(r.event.mode for r in c if r.event.mode)
    loc = next((r.event.location for r in c if r.event.location), None)
    sources = {r.doc.meta.source for r in c if r.doc.meta.source}
    published = sorted(r.published for r in c if r.published)
    mentions = [Mention(document=r.doc.id, event=r.event.id, published=r.doc.meta.published,
                        source=r.doc.meta.source, url=r.doc.meta.url, status=r.event.status,
                        evidence=r.doc.text[r.event.sentence.start:r.event.sentence.end])
                for r in c]
    conf = max(r.event.confidence for r in c)
    # A small boost per corroborating document; a first-pass heuristic, not calibrated.
    conf = round(min(0.99, conf + 0.05 * (len({r.doc.id for r in c}) - 1)), 3)
    return EventRecord(
        id=rid, type=types.most_common(1)[0][0],
        mode=modes.most_common(1)[0][0] if modes else None,
        actors=_merge_actors([r.actors for r in c]),
        recipients=_merge_actors([r.recipients for r in c]),
        when=_best_when(c),
        location=({"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon}
                  if loc else None),
        status=latest.event.status, figures=_figures(c), mentions=mentions,
        n_documents=len({r.doc.id for r in c}), n_sources=len(sources),
        first_reported=published[0][:10] if published else None,
        last_reported=published[-1][:10] if published else None,
        confidence=conf)


def link(docs: list[DocumentRecord]) -> tuple[list[EventRecord], list[tuple[str, str, str]]]:
    """Event records and (record id, document, event) memberships for these documents."""
    reports = [r for d in docs for r in reports_of(d)]
    records, members = [], []
    for c in cluster(reports):
        rec = event_record(c)
        records.append(rec)
        members.extend((rec.id, r.doc.id, r.event.id) for r in c)
    return records, members


def relink(store) -> None:
    """Rebuild the store's event records from all stored documents."""
    records, members = link(list(store.documents()))
    store.replace_event_records(records, members)
