"""How alike two reports are (a score in [0, 1]) and when they can never be one event.

The score is a weighted mean of the features both reports carry (a feature one
report lacks is left out, not counted as disagreement): participant and place
agreement, date distance, trigger and sentence similarity, figure agreement.
`conflict` is the hard veto the clustering obeys whatever the scores say.

The generic pieces (`set_similarity`, `trigger_similarity`) are shared with the
ECB+ coreference evaluation (dateline.evaluate.coref), which is how that
benchmark exercises the linker.
"""

from __future__ import annotations

import math
from typing import Optional

from .blocking import dates_compatible
from .reports import Report, actor_key, is_specific

# Feature weights and the merge threshold. Hand-set, then checked on the
# hand-made reports in tests/test_link.py (repeated reports merge, the
# not-same pairs of src/dateline/samples/expected.json stay apart) and on
# `dateline eval coref --data ../shared/data/ecbplus` (dev topics); rerun both
# after changing them.
WEIGHTS = {"participants": 3.0, "place": 1.5, "date": 2.0, "trigger": 1.5, "sentence": 2.0,
           "figures": 1.0}
THRESHOLD = 0.5
TYPE_MISMATCH = 0.7  # same family, different PLOVER type: the score is multiplied by this


def set_similarity(a: set, b: set) -> float:
    """Cosine of two sets (|a ∩ b| / sqrt(|a| |b|)); 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def trigger_similarity(stem_a: str, stem_b: str, mode_a: Optional[str], mode_b: Optional[str]) -> float:
    if stem_a and stem_a == stem_b:
        return 1.0
    if stem_a and stem_b and (stem_a.startswith(stem_b) or stem_b.startswith(stem_a)) \
            and min(len(stem_a), len(stem_b)) >= 4:
        return 0.9  # 'hijack' / 'hijacker'
    if mode_a and mode_a == mode_b:
        return 0.6
    return 0.3


def participants_score(a: Report, b: Report) -> Optional[float]:
    ka, kb = a.participant_keys, b.participant_keys
    if not ka or not kb:
        return None
    shared = len(ka & kb) / min(len(ka), len(kb))
    if shared:
        return shared
    return 0.4 if a.countries & b.countries else 0.0


def place_score(a: Report, b: Report) -> Optional[float]:
    if a.place and b.place:
        if a.place == b.place:
            return 1.0
        if a.place in b.place or b.place in a.place:
            return 0.8
        return 0.4 if a.place_country and a.place_country == b.place_country else 0.1
    return None


def date_score(a: Report, b: Report) -> Optional[float]:
    """Overlap of the date bounds relative to their widths (1 = same single day)."""
    ba, bb = a.bounds, b.bounds
    if ba is None or bb is None:
        return None
    overlap = (min(ba[1], bb[1]) - max(ba[0], bb[0])).days + 1
    if overlap <= 0:
        return 0.0
    wa, wb = (ba[1] - ba[0]).days + 1, (bb[1] - bb[0]).days + 1
    return overlap / math.sqrt(wa * wb)


def figures_score(a: Report, b: Report) -> Optional[float]:
    va = {f.measure: f.value for f in a.figures if f.value is not None and f.measure != "other"}
    vb = {f.measure: f.value for f in b.figures if f.value is not None and f.measure != "other"}
    common = sorted(set(va) & set(vb))
    if not common:
        return None
    agree = []
    for m in common:
        lo, hi = sorted((abs(va[m]), abs(vb[m])))
        # Tolls grow between reports ("at least 21", later "31"): within a factor 2 agrees.
        agree.append(1.0 if hi == 0 or lo / hi >= 0.5 else 0.3)
    return sum(agree) / len(agree)


def features(a: Report, b: Report) -> dict[str, Optional[float]]:
    return {
        "participants": participants_score(a, b),
        "place": place_score(a, b),
        "date": date_score(a, b),
        "trigger": trigger_similarity(a.trigger_stem, b.trigger_stem, a.event.mode, b.event.mode),
        "sentence": set_similarity(a.sentence_words, b.sentence_words),
        "figures": figures_score(a, b),
    }


def score(a: Report, b: Report) -> float:
    feats = features(a, b)
    total = sum(WEIGHTS[k] for k, v in feats.items() if v is not None)
    s = sum(WEIGHTS[k] * v for k, v in feats.items() if v is not None) / total
    if a.event.type != b.event.type:
        s *= TYPE_MISMATCH
    return s


def conflict(a: Report, b: Report) -> Optional[str]:
    """Why these two reports cannot be one event, or None if they could be."""
    if a.family != b.family:
        return "type family"
    if not dates_compatible(a, b):
        return "dates"
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return "place country"
    sa, sb = a.specific_keys, b.specific_keys
    if sa and sb and not (sa & sb):
        ca = {x.country for x in a.participants if is_specific(x) and x.country}
        cb = {x.country for x in b.participants if is_specific(x) and x.country}
        if not (ca & cb):
            return "participants"
    # Both name who acted, and the acting sides share no one: an attack and the
    # counter-attack, or two delegations' separate visits.
    aa = {actor_key(x) for x in a.actors if is_specific(x)}
    ab = {actor_key(x) for x in b.actors if is_specific(x)}
    if aa and ab and not (aa & ab):
        ca = {x.country for x in a.actors if is_specific(x) and x.country}
        cb = {x.country for x in b.actors if is_specific(x) and x.country}
        if not (ca & cb):
            return "actors"
    return None
