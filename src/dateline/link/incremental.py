"""Incremental linking whose cost follows the batch, not the store.

A batch of new documents is linked in five steps, all inside the caller's
write transaction:

1. their reports' linking features, content words and block keys are stored
   (the `reports`, `link_docs` and `link_blocks` tables);
2. the stored reports sharing a block with a new one are read back as rows
   (`Report.from_features`, never whole documents);
3. every candidate pair with a new report is tested with `linkable` (a shared
   block, compatible dates, no veto, a score at the threshold);
4. union-find over those pairs joins the new reports with the stored *link
   components* (reports connected by linkable pairs) they reach;
5. only the components so joined are re-clustered, together with the new
   reports, and swapped in with their event records.

Clustering merges only along linkable pairs (see `dateline.link.linkable`), so
clustering one component alone gives what clustering everything at once
would: a store fed batch by batch holds the same records, ids included, as one
fed everything at once, and as the Spark job (which computes the components
the same way). Settled components the batch does not reach are never read.
"""

from __future__ import annotations

import logging
import time
from typing import Iterable

from ..records import DocumentRecord
from .blocking import block_keys, dates_compatible
from .reconcile import record_id
from .reports import Report, doc_words, reports_from_rows, reports_of

log = logging.getLogger(__name__)

# CPU seconds of the linking thread per step, summed over the process (logged at -v, read by
# bench/ingest_scale.py; CPU rather than wall time: the machine may be shared).
TIMINGS: dict[str, float] = {}


class _Timer:
    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        self.t0 = time.thread_time()

    def __exit__(self, *exc):
        TIMINGS[self.name] = TIMINGS.get(self.name, 0.0) + time.thread_time() - self.t0


def report_row(r: Report) -> tuple:
    """The `reports` table row of a report (store.base.REPORT_COLUMNS)."""
    import json

    b = r.bounds
    return (r.doc.id, r.event.id, r.family, r.event.type, r.event.mode, r.event.status, r.trigger_stem,
            b[0].isoformat() if b else None, b[1].isoformat() if b else None, r.doc.meta.published,
            json.dumps(r.features(), ensure_ascii=False))


class UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        p = self.parent.setdefault(x, x)
        if p != x:
            root = self.find(p)
            self.parent[x] = root
            return root
        return p

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def new_edges(new: list[Report], old: list[Report]) -> list[tuple[Report, Report]]:
    """Linkable pairs with at least one new report (old–old pairs were found when
    the later of the two arrived)."""
    from . import linkable

    index: dict[str, list[tuple[int, Report]]] = {}
    for i, r in enumerate(new):
        for k in block_keys(r):
            index.setdefault(k, []).append((i, r))
    old_in: dict[str, list[Report]] = {}
    for o in old:
        for k in block_keys(o):
            if k in index:
                old_in.setdefault(k, []).append(o)
    seen: set[tuple[int, int]] = set()
    edges = []
    for k in sorted(index):
        members = index[k]
        for a in range(len(members)):
            i, r = members[a]
            for j, q in members[a + 1:]:
                pair = (min(i, j), max(i, j))
                if pair in seen:
                    continue
                seen.add(pair)
                if dates_compatible(r, q) and linkable(r, q):
                    edges.append((r, q))
            for o in old_in.get(k, ()):
                pair = (i, -1 - id(o))
                if pair in seen:
                    continue
                seen.add(pair)
                if dates_compatible(r, o) and linkable(r, o):
                    edges.append((r, o))
    return edges


def component_id(reports: list[Report]) -> str:
    """Derived from the component's earliest report, like record ids."""
    return "c" + record_id(min(reports, key=lambda r: r.order))[1:]


def link_new(store, docs: Iterable[DocumentRecord]) -> None:
    """Link these newly inserted documents into the store (see the module docstring)."""
    from . import records_for

    docs = list(docs)
    if not docs:
        return
    with _Timer("reports"):
        new = [r for d in docs for r in reports_of(d)]
        rows = [report_row(r) for r in new]
        words = [(d.id, " ".join(sorted(doc_words(d)))) for d in docs]
        blocks = [(k, r.doc.id, r.event.id) for r in new for k in sorted(block_keys(r))]
    with _Timer("store writes"):
        store.insert_reports(rows, words, blocks)
    new_keys = {r.key for r in new}
    with _Timer("reading report rows"):
        keys = {b[0] for b in blocks}
        old_rows = [row for row in store.block_report_rows(keys) if (row[0], row[1]) not in new_keys]
        old = _reports(store, old_rows)
    component_of = {(row[0], row[1]): row[2] for row in old_rows}
    with _Timer("blocking and scoring"):
        edges = new_edges(new, old)
    uf = UnionFind()
    node = {}
    for r in new:
        node[id(r)] = ("r", r.doc.id, r.event.id)
        uf.find(node[id(r)])
    for o in old:
        node[id(o)] = ("c", component_of.get(o.key) or "", "")
    for a, b in edges:
        uf.union(node[id(a)], node[id(b)])
    new_roots = {uf.find(node[id(r)]) for r in new}
    touched = sorted({node[id(o)][1] for o in old if node[id(o)][1] and uf.find(node[id(o)]) in new_roots})
    with _Timer("reading report rows"):
        comp_rows = store.component_report_rows(touched) if touched else []
        comp_reports = _reports(store, comp_rows)
    groups: dict = {}
    for r in new:
        groups.setdefault(uf.find(node[id(r)]), []).append(r)
    for row, r in zip(comp_rows, comp_reports):
        groups.setdefault(uf.find(("c", row[2], "")), []).append(r)
    records, members, components = [], [], []
    with _Timer("clustering and reconciliation"):
        for root in sorted(groups, key=lambda g: min(r.order for r in groups[g])):
            group = groups[root]
            recs, mems = records_for(group)
            records += recs
            members += mems
            cid = component_id(group)
            components += [(cid, r.doc.id, r.event.id) for r in group]
    with _Timer("store writes"):
        old_records = store.component_records(touched) if touched else []
        store.swap_links(old_records, touched, records, members, components)
    log.debug("linked %d documents (%d reports): %d stored reports in their blocks, %d edges, "
              "%d components re-clustered (%d reports), %d event records written",
              len(docs), len(new), len(old), len(edges), len(touched), len(comp_reports), len(records))


def _reports(store, rows) -> list[Report]:
    if not rows:
        return []
    words = store.words_of({row[0] for row in rows})
    return reports_from_rows([store._load_json(row[3]) for row in rows], words)
