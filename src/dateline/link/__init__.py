"""Cross-article linking: many reports of one real-world event, one event record.

    reports ──► within-document chains (`within`)
            ──► blocking (candidate pairs) ──► scoring (pair score + veto)
            ──► clustering (average linkage, complete-linkage veto)
            ──► reconcile (one event record per cluster)

Modules: `reports` (what is compared), `blocking`, `scoring`, `clustering`,
`reconcile`, and `within` (within-document chains, built first: cross-document
linking compares chains, not single mentions). `link(docs)` links a set of
documents from scratch; `relink(store, new)` updates a store incrementally
(`incremental`: stored report rows, never whole documents; only the records a
new report links to are re-clustered); `service.add_documents` is how documents
enter a store (insert, then relink). Record ids derive from a cluster's
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


def link_score(a: Report, b: Report) -> Optional[float]:
    """The pair's score when the pair is linkable (see `linkable`), else None."""
    if conflict(a, b) is not None:
        return None
    s = score(a, b)
    return s if s >= THRESHOLD else None


def linkable(a: Report, b: Report) -> bool:
    """Can clustering put these two reports together directly? A candidate pair
    (`candidate_pairs`: a shared block, compatible dates) with no veto that scores
    at least THRESHOLD. Clustering merges only along such pairs, so the clusters of
    a set of reports are the clusters of each connected component of this graph
    taken alone: relinking re-clusters only the components a batch touches and
    gets what clustering everything at once would give."""
    return link_score(a, b) is not None


def relink(store, new: Optional[Iterable] = None) -> None:
    """Link newly stored documents into the store's event records (inside the
    caller's transaction; dateline.link.service.add_documents opens it).

    `new`: the new DocumentRecords (or their ids). Their reports' linking features
    and blocks are stored; the stored reports sharing a block with one of them are
    read back as rows (never as whole documents); the link components a linkable
    pair joins are re-clustered with the new reports, and nothing else is touched.
    Without `new`, every event record is rebuilt from the stored documents.
    """
    from .incremental import link_new

    if new is None:
        docs = list(store.documents())
        store.clear_links()
        link_new(store, docs)
        return
    new = list(new)
    if new and isinstance(new[0], str):
        new = store.documents_by_id(new)
    link_new(store, new)


def _blocks(docs: Iterable[DocumentRecord]) -> list[tuple[str, str, str]]:
    return [(k, r.doc.id, r.event.id) for d in docs for r in reports_of(d) for k in sorted(block_keys(r))]
