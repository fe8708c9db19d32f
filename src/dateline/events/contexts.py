"""PLOVER contexts for a whole document, from the cue words in contexts.tsv.

A context is kept when its cues occur at least twice in the document's
non-boilerplate sentences (one mention of "court" does not make a legal story).
Threshold 2: chosen by eye on the VOA dev stories (bench/voa_doc_labels.jsonl);
rerun `dateline eval voa` after changing it.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .lexicon import contexts as context_cues

MIN_HITS = 2


@lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset, frozenset]:
    """(single cue words, first words of two-word cues): only these are counted."""
    singles, firsts = set(), set()
    for _name, cue_list in context_cues():
        for c in cue_list:
            if " " in c:
                firsts.add(c.split(" ", 1)[0])
            else:
                singles.add(c)
    return frozenset(singles), frozenset(firsts)


def document_contexts(a) -> list[str]:
    singles, firsts = _cue_words()
    words: Counter = Counter()
    bigrams: Counter = Counter()
    for s in a.sentences():
        prev = None
        for t in s:
            lem = t.lemma_.lower()
            low = t.lower_
            if lem in singles:
                words[lem] += 1
            if low != lem and low in singles:
                words[low] += 1
            if prev is not None and prev in firsts:
                bigrams[f"{prev} {lem}"] += 1
                bigrams[f"{prev} {low}"] += 1
            prev = lem
    out = []
    for name, cue_list in context_cues():
        hits = sum(bigrams[c] if " " in c else words[c] for c in cue_list)
        if hits >= MIN_HITS:
            out.append(name)
    return out
