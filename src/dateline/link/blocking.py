"""Candidate pairs by blocking: only reports that share a block are compared.

A block key is (type family, one participant / country / place / trigger
word, month). A report gets one key per participant, participant country, place
and trigger word (and, when it names no country, its document's main country), for
every month its date bounds touch (widened by a week, so an event on 31 January
meets a report dated 2 February). Pairs that share a key are then filtered on
date compatibility. The same keys are stored (`link_blocks`) so an incremental
relink finds the stored reports a new one could join without reading them all.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations
from typing import Optional

from .reports import Report

SLACK = timedelta(days=7)
MAX_MONTHS = 13  # a year-granular date touches at most 13 month buckets


def months(bounds: Optional[tuple[date, date]]) -> list[str]:
    if bounds is None:
        return ["*"]
    start, end = bounds[0] - SLACK, bounds[1] + SLACK
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month) and len(out) < MAX_MONTHS:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def block_keys(r: Report) -> set[str]:
    """Every block this report belongs to (empty: it has nothing to link on)."""
    cached = r.__dict__.get("_block_keys")
    if cached is None:
        cached = r.__dict__["_block_keys"] = _block_keys(r)
    return cached


def _block_keys(r: Report) -> set[str]:
    anchors = {f"a:{k}" for k in r.participant_keys if k}
    anchors |= {f"c:{c}" for c in r.countries}
    if r.place:
        anchors.add(f"p:{r.place}")
    if r.place_country:
        anchors.add(f"c:{r.place_country}")
    if r.trigger_stem:
        # Reports that name nobody and no place ("the attack", "the hijacking") can
        # still meet the same word elsewhere; scoring then needs date and wording to agree.
        anchors.add(f"t:{r.trigger_stem}")
    if not r.countries and not r.place_country and r.doc_country:
        anchors.add(f"c:{r.doc_country}")
    return {f"{r.family}|{a}|{m}" for a in anchors for m in months(r.bounds)}


def dates_compatible(a: Report, b: Report) -> bool:
    """Can both reports' date bounds hold the same day? (Unknown bounds can.)"""
    ba, bb = a.bounds, b.bounds
    if ba is None or bb is None:
        return True
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def candidate_pairs(reports: list[Report], keys: Optional[list[set[str]]] = None) -> set[tuple[int, int]]:
    """Index pairs (i < j) sharing a block, in the same family, with compatible dates."""
    keys = keys if keys is not None else [block_keys(r) for r in reports]
    index: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            index.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        for i, j in combinations(members, 2):
            if (i, j) not in pairs and dates_compatible(reports[i], reports[j]):
                pairs.add((i, j))
    return pairs

