"""Greedy agglomerative clustering with cannot-link constraints.

Candidate pairs are taken best-scoring first; two clusters merge only when
(1) no pair across them is in conflict (complete linkage on the veto, so a
chain of near-matches can never join two incompatible reports) and (2) the
mean score over all pairs across them reaches the threshold (average
linkage, so one lucky pair cannot pull two groups together). Items are
indices into a list the caller has put in a deterministic order; ties break on
the indices, so the same input always gives the same clusters.
"""

from __future__ import annotations

from typing import Callable, Iterable


def agglomerate(n: int, candidates: Iterable[tuple[int, int]],
                score: Callable[[int, int], float], conflict: Callable[[int, int], bool],
                threshold: float) -> list[list[int]]:
    """Clusters of range(n) as sorted index lists, ordered by their first index."""
    cache: dict[tuple[int, int], float] = {}

    def s(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in cache:
            cache[key] = score(*key)
        return cache[key]

    vetoed: dict[tuple[int, int], bool] = {}

    def c(i: int, j: int) -> bool:
        if (i, j) not in vetoed:
            vetoed[i, j] = conflict(i, j)
        return vetoed[i, j]

    ranked = sorted(((s(i, j), min(i, j), max(i, j)) for i, j in candidates),
                    key=lambda t: (-t[0], t[1], t[2]))
    owner = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # Vetoes are remembered, per pair and per pair of clusters tried in that order (the
    # veto is not symmetric): a cluster only grows and keeps its id (the smaller one),
    # so a veto between members still holds for the grown clusters. Same clusters as
    # testing every pair anew, at a fraction of the cost on large link components.
    apart: set[tuple[int, int]] = set()
    for sc, i, j in ranked:
        if sc < threshold:
            break
        ci, cj = owner[i], owner[j]
        if ci == cj or (ci, cj) in apart:
            continue
        a, b = members[ci], members[cj]
        if any(c(x, y) for x in a for y in b):
            apart.add((ci, cj))
            continue
        mean = sum(s(x, y) for x in a for y in b) / (len(a) * len(b))
        if mean < threshold:
            continue
        keep, drop = (ci, cj) if ci < cj else (cj, ci)
        members[keep] = sorted(members[keep] + members.pop(drop))
        for x in members[keep]:
            owner[x] = keep
    return sorted(members.values(), key=lambda m: m[0])
