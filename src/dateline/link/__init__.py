"""Cross-article linking: many reports of one real-world event, one event record.

    reports ──► within-document chains (`within`)
            ──► blocking (candidate pairs) ──► scoring (pair score + veto)
            ──► clustering (average linkage, complete-linkage veto)
            ──► reconcile (one event record per cluster)

Modules: `reports` (what is compared), `blocking`, `scoring`, `clustering`,
`reconcile`, and `within` (within-document chains, built first: cross-document
linking compares chains, not single mentions). `link(docs)` links a set of documents from scratch; `relink(store,
new_ids)` updates a store incrementally, rebuilding only the event records
whose blocks the new documents touch. Record ids derive from a cluster's
earliest report, so they are stable across runs and when later reports join.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..records import DocumentRecord, EventRecord
from .blocking import block_keys, candidate_pairs
from .clustering import agglomerate
from .reconcile import event_record
from .reports import Report, reports_of
from .scoring import THRESHOLD, conflict, score
from .config import CONFIG
from .within import ChainReport, probability as within_probability, units as within_units, view_of

Member = tuple[str, str, str]  # (record id, document id, event id)

__all__ = ["link", "relink", "cluster", "Report", "reports_of", "event_record", "block_keys"]


def cluster(reports: list[Report], threshold: float = THRESHOLD) -> list[list[Report]]:
    """Reports grouped into real-world events, deterministically: each document's
    reports into within-document chains first (`within`), then chains across
    documents. Two chains of one document join only through other documents and
    only when nothing keeps them apart (`apart`)."""
    by_doc: dict[str, list[Report]] = {}
    for r in sorted(reports, key=lambda r: r.order):
        by_doc.setdefault(r.doc.id, []).append(r)
    units = sorted((ChainReport(c) for rs in by_doc.values() for c in within_units(rs)),
                   key=lambda u: u.order)
    groups = agglomerate(
        len(units), candidate_pairs(units),
        score=lambda i, j: score(units[i], units[j]),
        conflict=lambda i, j: apart(units[i], units[j]),
        threshold=threshold)
    return [sorted((r for i in g for r in units[i].members), key=lambda r: r.order) for g in groups]


def apart(a: ChainReport, b: ChainReport) -> bool:
    """Never one event: a named veto (scoring.conflict) between the chains or, for two
    chains of one document, between any of their members or a within-document model
    probability below LinkConfig.within_apart (the story told them apart)."""
    if conflict(a, b) is not None:
        return True
    if a.doc.id != b.doc.id:
        return False
    if any(conflict(x, y) is not None for x in a.members for y in b.members):
        return True
    return within_probability(view_of(a.rep), view_of(b.rep)) < CONFIG.within_apart


def records_for(reports: list[Report]) -> tuple[list[EventRecord], list[Member]]:
    records, members = [], []
    for c in cluster(reports):
        rec = event_record(c)
        records.append(rec)
        members.extend((rec.id, r.doc.id, r.event.id) for r in c)
    return records, members


def link(docs: Iterable[DocumentRecord]) -> tuple[list[EventRecord], list[Member]]:
    """Event records and (record id, document, event) memberships for these documents."""
    return records_for([r for d in docs for r in reports_of(d)])


def relink(store, new_ids: Optional[Iterable[str]] = None) -> None:
    """Update the store's event records for newly stored documents.

    With `new_ids`, only the records that share a block with a new report are
    rebuilt (together with the new reports); without, everything is rebuilt.
    Called inside the store's write transaction.
    """
    if new_ids is None:
        docs = list(store.documents())
        records, members = link(docs)
        store.replace_event_records(records, members, _blocks(docs))
        return
    new_docs = [d for d in (store.document(i) for i in sorted(set(new_ids))) if d is not None]
    new_reports = [r for d in new_docs for r in reports_of(d)]
    keys = set().union(*(block_keys(r) for r in new_reports)) if new_reports else set()
    touched = store.records_in_blocks(keys)
    old_members = store.record_members(touched)
    new_set = {d.id for d in new_docs}
    old_doc_ids = sorted({doc for _, doc, _ in old_members} - new_set)
    by_id = {d.id: d for d in store.documents_by_id(old_doc_ids)}
    wanted = {(doc, ev) for _, doc, ev in old_members}
    old_reports = [r for i in old_doc_ids for r in reports_of(by_id[i]) if r.key in wanted]
    # Only records a new report could actually join are rebuilt: those with a member
    # scoring at least the threshold against a new report (sharing a block is not enough).
    record_of = {(doc, ev): rid for rid, doc, ev in old_members}
    joinable = {record_of[o.key] for o in old_reports
                if any(score(o, n) >= THRESHOLD for n in new_reports if block_keys(o) & block_keys(n))}
    old_reports = [o for o in old_reports if record_of[o.key] in joinable]
    records, members = records_for(old_reports + new_reports)
    store.swap_event_records(sorted(joinable), records, members, _blocks(new_docs))


def _blocks(docs: Iterable[DocumentRecord]) -> list[tuple[str, str, str]]:
    return [(k, r.doc.id, r.event.id) for d in docs for r in reports_of(d) for k in sorted(block_keys(r))]
