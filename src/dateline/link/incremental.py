"""Incremental linking whose cost follows the batch, not the store.

A batch of new documents is linked in five steps, all inside the caller's
write transaction:

1. their reports' linking features, content words and block keys are stored
   (the `reports`, `link_docs` and `link_blocks` tables);
2. the stored reports sharing a block with a new one are read back as rows
   (`Report.from_features`, never whole documents);
3. every candidate pair with a new report is tested with `linkable` (a shared
   block, compatible dates, no veto, a score at the threshold);
4. the event records those pairs reach are read back (their reports' rows and
   the linkable pairs stored among them) and re-clustered with the new
   reports; records no new report links to are settled and never read;
5. the new records replace the old ones, and the new pairs are stored.

Clustering merges only along linkable pairs (see `dateline.link.linkable`), so
clustering a connected component of them alone gives what clustering
everything at once would. A batch is linked exactly so (one batch equals the
Spark job, which clusters per component); across batches, settled records are
not re-clustered, so a late report that would have reordered merges far from
it in one big run does not: the price of a cost that follows the batch.
Linking is also exact across batches while the records a batch touches are
the whole components they lie in (the small tests' corpora).
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


# The most stored reports one block offers a new report (the latest by their date bounds'
# end). A country block ("violence, USA, this month") grows with the news; past the cap a
# new report is compared with the CAP latest reports of that block, and meets older
# ones only through its other blocks (participants, place, trigger word). Below the cap
# in every block, batch-by-batch linking equals linking everything at once; past it,
# comparisons per report stay bounded. Sized on bench/ingest_scale.py's mixed corpus:
# the largest block holds ~300 reports at 600 articles, ~800 at 1,600; VOA dev's largest
# is far below it, so its merge F1 does not move. Rerun bench/ingest_scale.py and
# bench/voa_events.py after changing it.
BLOCK_CAP = 60

Edge = tuple[Report, Report, float]


def new_edges(new: list[Report], old: list[Report]) -> list[Edge]:
    """Linkable pairs (with their scores) that have at least one new report; old–old
    pairs were found when the later of the two arrived."""
    from . import link_score

    index: dict[str, list[tuple[int, Report]]] = {}
    for i, r in enumerate(new):
        for k in block_keys(r):
            index.setdefault(k, []).append((i, r))
    old_in: dict[str, list[tuple[int, Report]]] = {}
    for j, o in enumerate(old):
        for k in block_keys(o):
            if k in index:
                old_in.setdefault(k, []).append((-1 - j, o))
    seen: set[tuple[int, int]] = set()
    edges = []
    for k in sorted(index):
        members = index[k]
        for a in range(len(members)):
            i, r = members[a]
            for j, q in members[a + 1:] + old_in.get(k, []):
                pair = (i, j) if i < j else (j, i)
                if pair in seen:
                    continue
                seen.add(pair)
                if dates_compatible(r, q):
                    s = link_score(r, q)
                    if s is not None:
                        edges.append((r, q, s))
    return edges


def cluster_component(reports: list[Report], edges: list[Edge]) -> list[list[Report]]:
    """The clusters of one link component: `dateline.link.cluster` over its reports,
    so within-document chains are built first and cross-document linking compares
    chains, as in a from-scratch `link`. `edges` (the component's stored linkable
    pairs) only delimit the component; the chains are rescored inside it."""
    from . import cluster

    return cluster(reports)


def rkey(key: tuple[str, str]) -> str:
    """A report's key as stored in link_edges."""
    return f"{key[0]}\x1f{key[1]}"


def link_new(store, docs: Iterable[DocumentRecord]) -> None:
    """Link these newly inserted documents into the store (see the module docstring)."""
    from .reconcile import event_record

    docs = list(docs)
    if not docs:
        return
    with _Timer("reports"):
        new = [r for d in docs for r in reports_of(d)]
        rows = [report_row(r) for r in new]
        words = [(d.id, " ".join(sorted(doc_words(d)))) for d in docs]
        blocks = [(k, r.doc.id, r.event.id) for r in new for k in sorted(block_keys(r))]
    new_keys = {r.key for r in new}
    with _Timer("reading report rows"):
        old_rows = [row for row in store.block_report_rows(_key_ranges(new), BLOCK_CAP)
                    if (row[0], row[1]) not in new_keys]
        old = _reports(store, old_rows)
    with _Timer("store writes"):
        store.insert_reports(rows, words, blocks)
    record_of = {(row[0], row[1]): row[2] for row in old_rows}
    with _Timer("blocking and scoring"):
        edges = new_edges(new, old)
    # The records a new report links to are re-clustered with the new reports; the others stay.
    touched = sorted({record_of[x.key] for a, b, _ in edges for x in (a, b)
                      if x.key not in new_keys and record_of.get(x.key)})
    with _Timer("reading report rows"):
        settled_rows = store.record_report_rows(touched) if touched else []
        settled = _reports(store, settled_rows)
        stored_edges = store.edges_among(rkey(r.key) for r in settled)
    by_key = {rkey(r.key): r for r in settled}
    by_key.update((rkey(r.key), r) for r in new)
    record_row_of = {(row[0], row[1]): row[2] for row in settled_rows}
    uf = UnionFind()
    for r in new:
        uf.find(("r",) + r.key)
    for r in settled:
        uf.find(("m", record_row_of[r.key]))

    def node(r: Report):
        return ("r",) + r.key if r.key in new_keys else ("m", record_row_of[r.key])

    all_edges = [(by_key[a], by_key[b], s) for a, b, s in stored_edges]
    all_edges += [(by_key[rkey(a.key)], by_key[rkey(b.key)], s) for a, b, s in edges]
    for a, b, _ in all_edges:
        uf.union(node(a), node(b))
    groups: dict = {}
    for r in new + settled:
        groups.setdefault(uf.find(node(r)), []).append(r)
    group_edges: dict = {}
    for a, b, s in all_edges:
        group_edges.setdefault(uf.find(node(a)), []).append((a, b, s))
    records, members = [], []
    with _Timer("clustering and reconciliation"):
        for root in sorted(groups, key=lambda g: min(r.order for r in groups[g])):
            for c in cluster_component(groups[root], group_edges.get(root, [])):
                rec = event_record(c)
                records.append(rec)
                members.extend((rec.id, r.doc.id, r.event.id) for r in c)
    with _Timer("store writes"):
        store.swap_links(touched, records, members, [(rkey(a.key), rkey(b.key), s) for a, b, s in edges])
    log.debug("linked %d documents (%d reports): %d stored reports in their blocks, %d new linkable pairs, "
              "%d records re-clustered (%d reports), %d event records written",
              len(docs), len(new), len(old), len(edges), len(touched), len(settled), len(records))


def _key_ranges(new: list[Report]) -> dict[str, tuple]:
    """Block key -> (earliest start, latest end) of the new reports' date bounds in it
    ((None, None) when one of them has none): only stored reports whose bounds meet
    that range can be date-compatible with one of them."""
    out: dict[str, tuple] = {}
    for r in new:
        b = r.bounds
        lo, hi = (b[0].isoformat(), b[1].isoformat()) if b else (None, None)
        for k in block_keys(r):
            if k not in out:
                out[k] = (lo, hi)
            else:
                plo, phi = out[k]
                out[k] = (None, None) if None in (lo, plo) else (min(lo, plo), max(hi, phi))
    return out


def _reports(store, rows) -> list[Report]:
    if not rows:
        return []
    words = store.words_of({row[0] for row in rows})
    return reports_from_rows([store._load_json(row[3]) for row in rows], words)
