"""How alike two reports are (a score in [0, 1]) and when they can never be one event.

The score is a weighted mean of the features both reports carry (a feature one
report lacks is left out, not counted as disagreement): participant and place
agreement, date distance, trigger and sentence similarity, figure agreement and
story similarity (how alike the two whole articles are). `conflict` is the hard
veto the clustering obeys whatever the scores say: another type family, dates
that cannot meet, places in different countries, disjoint named participants
or acting sides, unrelated stories with nothing named in common; and, learnt
from the samples and VOA by hand: two modes, two types, two named
counterparts or a progressive and a perfect within one article, anonymous speech acts across articles, an
undated mention against a year-vague one, a tally over days against a day's
event, fighters as victims against fighters as doers, a hypothetical against
a fact.

The generic pieces (`set_similarity`, `trigger_similarity`) are shared with the
ECB+ coreference evaluation (dateline.evaluate.coref), which is how that
benchmark exercises the linker.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from typing import Optional

from .blocking import dates_compatible
from .config import CONFIG
from .reports import Report, actor_key, stem

# Weights and thresholds live in one LinkConfig (dateline.link.config) with their
# calibration notes; these names are kept for callers that import them.
WEIGHTS = CONFIG.weights
THRESHOLD = CONFIG.threshold
TYPE_MISMATCH = CONFIG.type_mismatch
HYPOTHETICAL_MISMATCH = CONFIG.hypothetical_mismatch
STORY_FULL = CONFIG.story_full
STORY_SAME = CONFIG.story_same
STORY_MIN = CONFIG.story_min


def set_similarity(a: set, b: set) -> float:
    """Cosine of two sets (|a ∩ b| / sqrt(|a| |b|)); 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, frozenset[int]]:
    """Word (and its stem) -> ids of the event-synonym groups it belongs to."""
    data = resources.files("dateline").joinpath("data/link")
    # Hand-written groups, then pairs learnt from ECB+ tune chains (scripts/build_event_paraphrases.py).
    text = data.joinpath("event_synonyms.txt").read_text("utf-8") + "\n" + \
        data.joinpath("event_paraphrases.txt").read_text("utf-8")
    groups: dict[str, set[int]] = {}
    for n, line in enumerate(text.splitlines()):
        if line.strip() and not line.startswith("#"):
            for w in line.split():
                for key in (w, stem(w)):
                    groups.setdefault(key, set()).add(n)
    return {k: frozenset(v) for k, v in groups.items()}


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def morph_related(a: str, b: str) -> bool:
    """Derivational relatives: 'nominate'/'nominee', 'hijack'/'hijacker', 'quake'/'earthquake'."""
    if min(len(a), len(b)) < 4:
        return False
    n = _common_prefix(a, b)
    if n >= 5 or n >= 0.8 * min(len(a), len(b)):
        return True
    return min(len(a), len(b)) >= 5 and (a.endswith(b) or b.endswith(a))


def trigger_similarity(stem_a: str, stem_b: str, mode_a: Optional[str], mode_b: Optional[str]) -> float:
    """1 for the same word, 0.9 for derivational relatives, 0.8 for event synonyms
    (data/link/event_synonyms.txt, event_paraphrases.txt), 0.6 for the same PLOVER mode, else 0.3."""
    if stem_a and stem_a == stem_b:
        return 1.0
    if stem_a and stem_b:
        if morph_related(stem_a, stem_b):
            return 0.9
        syn = synonym_groups()
        if syn.get(stem_a, frozenset()) & syn.get(stem_b, frozenset()):
            return 0.8
    if mode_a and mode_a == mode_b:
        return 0.6
    return 0.3


def participants_score(a: Report, b: Report) -> Optional[float]:
    ka, kb = a.participant_keys, b.participant_keys
    if not ka or not kb:
        return None
    common = ka & kb
    if common:
        # A shared country ('China') is half the evidence of a shared person or group.
        weight = sum(0.5 if k in a.country_keys or k in b.country_keys else 1.0 for k in common)
        return weight / min(len(ka), len(kb))
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
    """Overlap of the stated dates relative to their widths (1 = same single day).

    Dates only compatible through an inferred date's slack score 0.4; an
    inferred date counts 0.8 of an explicit one; a publication-date fallback
    gives no score."""
    ra, rb = a.raw_bounds, b.raw_bounds
    if ra is None or rb is None or _published(a) or _published(b):
        # A publication-date fallback says nothing of the day (compatibility is
        # still checked by `conflict`): the feature is left out, not scored low.
        return None
    overlap = (min(ra[1], rb[1]) - max(ra[0], rb[0])).days + 1
    if overlap > 0:
        wa, wb = (ra[1] - ra[0]).days + 1, (rb[1] - rb[0]).days + 1
        s = overlap / math.sqrt(wa * wb)
    else:
        s = 0.4 if dates_compatible(a, b) else 0.0
    inferred = any(r.when and r.when.basis == "inferred" for r in (a, b))
    return s * (0.8 if inferred else 1.0)


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


def _published(r: Report) -> bool:
    return bool(r.when and r.when.basis == "published")


_STORY_CACHE: dict = {}  # (id(words a), id(words b)) -> (words a, words b, cosine); see story_similarity


def story_similarity(a: Report, b: Report) -> float:
    """How alike the two articles are (1 within one article).

    Cached per pair of articles (every report of one article against every report
    of the other asks the same question); the cache holds the word sets it is
    keyed by, so an id is never reused while cached, and is emptied when large."""
    if a.doc is b.doc or a.doc.id == b.doc.id:
        return 1.0
    wa, wb = a.doc_words, b.doc_words
    key = (id(wa), id(wb))
    hit = _STORY_CACHE.get(key)
    if hit is None:
        if len(_STORY_CACHE) > 200_000:
            _STORY_CACHE.clear()
        hit = _STORY_CACHE[key] = (wa, wb, set_similarity(wa, wb))
    return hit[2]


def shares_anchor(a: Report, b: Report) -> bool:
    """A named participant other than a whole country, or the place, in common."""
    named = (a.specific_keys & b.specific_keys) - a.country_keys - b.country_keys
    return bool(named) or bool(a.place and a.place == b.place)


def features(a: Report, b: Report) -> dict[str, Optional[float]]:
    same_doc = a.doc.id == b.doc.id
    story = story_similarity(a, b)
    trigger = max((trigger_similarity(x, y, a.event.mode, b.event.mode)
                   for x in a.trigger_stems or ("",) for y in b.trigger_stems or ("",)), default=0.3)
    date = date_score(a, b)
    same_day = date is not None and date >= 0.8 and not _published(a) and not _published(b)
    if trigger < 0.8 and story >= STORY_SAME and same_day:
        # In one story and on one stated day, one incident is told in many words
        # ("attacked", "hijacking", "killed"): different words are no evidence.
        trigger = None
    return {
        # Every event of one article shares its story: evidence there only for
        # events the article dates to the same day.
        "story": (1.0 if same_day else None) if same_doc else min(1.0, story / STORY_FULL),
        "trigger": trigger,
        "date": date,
        "participants": participants_score(a, b),
        "place": place_score(a, b),
        "sentence": set_similarity(a.sentence_words, b.sentence_words),
        "figures": figures_score(a, b),
    }


def _undated(r: Report) -> bool:
    """No date of its own, nor from a neighbour in its sentence: only the publication day."""
    w = r.when
    return w is None or w.basis == "published"


def _vague(r: Report) -> bool:
    w = r.when
    return w is not None and w.basis != "published" and w.granularity in ("year", "decade", "century", "unknown")


def _explicit(r: Report) -> bool:
    w = r.event.when
    return bool(w and w.basis == "explicit")


def _is_tally(r: Report) -> bool:
    """A count over a stated period ("have detained 1,133 people since …")."""
    w = r.event.when
    return bool(w and w.basis != "published" and w.granularity == "range" and r.event.figures)


def score(a: Report, b: Report) -> float:
    feats = features(a, b)
    total = sum(WEIGHTS[k] for k, v in feats.items() if v is not None)
    s = sum(WEIGHTS[k] * v for k, v in feats.items() if v is not None) / total
    if a.event.type != b.event.type:
        s *= TYPE_MISMATCH
    statuses = {a.event.status, b.event.status}
    if "hypothetical" in statuses and statuses & {"happened", "ongoing"}:
        # "would kill them if…" is rarely the killing itself: only strong evidence merges it.
        s *= HYPOTHETICAL_MISMATCH
    return s


# Types identified only by who said what to whom: reports of them that name
# nobody in particular ("a passenger asked") are never merged across articles.
VERBAL = {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONSULT", "AGREE", "SUPPORT",
          "CONCEDE", "COOPERATE"}
# Fighters as a role: a report where they are the victims and one where they
# act are the attack and the counter-operation, not one event.
COMBATANT_SECTORS = {"REB", "IMG"}
MULTI_MODE_FAMILIES = {"violence", "protest"}


def _combatant(refs) -> bool:
    return any(x.sector in COMBATANT_SECTORS or _is_combatant_word((x.name or "").lower())
               for x in refs)


def _victims(r: Report) -> list[str]:
    """Who the event befell: its recipients, else the subject of its casualty figure
    nearest the trigger ("Four soldiers died … and all 33 militants were killed":
    the killing's victims are the militants)."""
    words = [(x.name or "").lower() for x in r.recipients if x.name]
    if words:
        return words
    ids = set(r.event.figures)
    figs = [f for f in r.doc.figures if f.id in ids and f.subject
            and f.measure in ("killed", "injured")]
    if not figs:
        return []
    t = r.event.trigger.start
    return [min(figs, key=lambda f: abs(f.start - t)).subject.lower()]


@lru_cache(maxsize=1)
def combatant_words() -> frozenset[str]:
    """The words of data/link/combatants.txt."""
    text = resources.files("dateline").joinpath("data/link/combatants.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _is_combatant_word(name: str) -> bool:
    return any(w in combatant_words() for w in name.split())


def _opposite_sides(a: Report, b: Report) -> bool:
    """Fighters are the victims in one report and the doers (or not the victims)
    in the other: the attack and the counter-operation that killed the attackers."""
    def fighter_victims(r):
        v = _victims(r)
        return bool(v) and all(_is_combatant_word(w) for w in v) and not _combatant(r.actors)

    def other_side(r):
        v = _victims(r)
        if v and not any(_is_combatant_word(w) for w in v):
            return True  # civilians, hostages, soldiers were the victims
        return _combatant(r.actors) and not _combatant(r.recipients)

    return (fighter_victims(a) and other_side(b)) or (fighter_victims(b) and other_side(a))


def _aspects_clash(a: Report, b: Report) -> bool:
    from .within import view_of

    ta, tb = view_of(a).tense, view_of(b).tense
    return {ta, tb} == {"perfect", "progressive"}


def conflict(a: Report, b: Report) -> Optional[str]:
    """Why these two reports cannot be one event, or None if they could be."""
    if a.family != b.family:
        return "type family"
    if not dates_compatible(a, b):
        return "dates"
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return "place country"
    if not shares_anchor(a, b) and story_similarity(a, b) < STORY_MIN:
        return "unrelated stories"
    same_doc = a.doc.id == b.doc.id
    if same_doc and a.event.type != b.event.type:
        # Within one article two types are two acts: "denounced the delay and
        # threatened to break the cease-fire". (Across articles, wording varies.)
        return "types"
    if (same_doc and a.family not in MULTI_MODE_FAMILIES
            and a.event.mode and b.event.mode and a.event.mode != b.event.mode):
        # One article names one act one way: "the ceasefire … and the release of
        # the hostages" are two events. (An attack is often told in parts, a
        # bombing and a hostage-taking: violence and protest are exempt.)
        return "modes"
    if same_doc and _aspects_clash(a, b):
        # "is threatening" and "has threatened in the past": within one article the
        # progressive is the act now, the perfect earlier ones.
        return "aspect"
    if same_doc:
        ra = {actor_key(x) for x in a.recipients if a.is_specific(x)}
        rb = {actor_key(x) for x in b.recipients if b.is_specific(x)}
        if ra and rb and not (ra & rb) and not ((ra | rb) & a.participant_keys & b.participant_keys):
            # One article names one event's counterpart consistently: "addressed
            # Congress, then met Trump" are two meetings.
            return "recipients"
    if (not same_doc and a.event.type in VERBAL and b.event.type in VERBAL
            and not a.specific_keys and not b.specific_keys):
        return "anonymous speech acts"
    if not same_doc and (_undated(a) and _vague(b) or _undated(b) and _vague(a)):
        # An undated mention ("an official who had negotiated with North Korea")
        # against one dated only to a year: nothing ties the two together.
        return "vague dates"
    statuses = {a.event.status, b.event.status}
    if ("hypothetical" in statuses and statuses & {"happened", "ongoing"}
            and not (_explicit(a) and _explicit(b))):
        # "if hit by sanctions" is not the sanctions imposed a year ago; only two
        # explicitly dated reports of one day tie a conditional to a fact.
        return "hypothetical vs fact"
    if _is_tally(a) != _is_tally(b):
        # "1,133 detained since Wednesday" is a tally over days, not the Friday arrests.
        return "tally"
    if _opposite_sides(a, b):
        return "sides"
    sa, sb = a.specific_keys, b.specific_keys
    if sa and sb and not (sa & sb):
        ca = {x.country for x in a.participants if a.is_specific(x) and x.country}
        cb = {x.country for x in b.participants if b.is_specific(x) and x.country}
        if not (ca & cb):
            return "participants"
    # Both name who acted, and the acting sides share no one: an attack and the
    # counter-attack, or two delegations' separate visits.
    aa = {actor_key(x) for x in a.actors if a.is_specific(x)}
    ab = {actor_key(x) for x in b.actors if b.is_specific(x)}
    if aa and ab and not (aa & ab):
        ca = {x.country for x in a.actors if a.is_specific(x) and x.country}
        cb = {x.country for x in b.actors if b.is_specific(x) and x.country}
        if not (ca & cb):
            return "actors"
    return None
