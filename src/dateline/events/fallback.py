"""Learned fallback: a type for a sentence no trigger rule covers.

A TF-IDF + logistic regression sentence classifier (scripts/train_fallback.py,
tune data only) shipped as plain JSON weights (data/plover/fallback.json) and
applied here in pure Python, so the run needs no scikit-learn and stays
deterministic. It is consulted only for sentences where the rules found no
event, and only a prediction at or above the file's calibrated `threshold`
(5-fold cross-validated precision target) is kept. Without the file (or with
an empty override) there is no fallback.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from .lexicon import resource


@lru_cache(maxsize=None)
def model() -> Optional[dict]:
    path = resource("fallback.json")
    if not path.exists():
        return None
    m = json.loads(path.read_text(encoding="utf-8"))
    if not m.get("weights"):
        return None
    m["_re"] = re.compile(m["token_pattern"])
    return m


def predict(text: str) -> Optional[tuple[str, float]]:
    """(type, probability) of the sentence, or None (NONE, or below the threshold)."""
    m = model()
    if m is None:
        return None
    toks = m["_re"].findall(text.lower())
    grams = Counter(toks)
    for n in range(2, m.get("ngram_max", 2) + 1):
        grams.update(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))
    idf, weights = m["idf"], m["weights"]
    feats = {g: (1.0 + math.log(c)) * idf[g] for g, c in grams.items() if g in idf}
    if not feats:
        return None
    norm = math.sqrt(sum(v * v for v in feats.values()))
    scores = list(m["intercept"])
    for g, v in feats.items():
        w = weights[g]
        for k in range(len(scores)):
            scores[k] += w[k] * v / norm
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    z = sum(exps)
    k = max(range(len(scores)), key=lambda i: scores[i])
    p = exps[k] / z
    label = m["classes"][k]
    if label == "NONE" or p < m["threshold"]:
        return None
    return label, p
