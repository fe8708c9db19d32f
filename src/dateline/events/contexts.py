"""PLOVER contexts for a whole document, from the cue words in contexts.tsv.

A context is kept when its cues occur at least twice in the document's
non-boilerplate sentences (one mention of "court" does not make a legal story).
Threshold 2: chosen by eye on the VOA dev stories (bench/voa_doc_labels.jsonl);
rerun `dateline eval voa` after changing it.
"""

from __future__ import annotations

from collections import Counter

from .lexicon import contexts as context_cues

MIN_HITS = 2


def document_contexts(a) -> list[str]:
    words: Counter = Counter()
    bigrams: Counter = Counter()
    for s in a.sentences():
        prev = None
        for t in s:
            lem = t.lemma_.lower()
            words[lem] += 1
            if t.lower_ != lem:
                words[t.lower_] += 1
            if prev is not None:
                bigrams[f"{prev} {lem}"] += 1
                bigrams[f"{prev} {t.lower_}"] += 1
            prev = lem
    out = []
    for name, cue_list in context_cues():
        hits = sum(bigrams[c] if " " in c else words[c] for c in cue_list)
        if hits >= MIN_HITS:
            out.append(name)
    return out
