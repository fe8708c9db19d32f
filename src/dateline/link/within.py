"""Within-document event coreference: the mentions of one story grouped into chains.

Why a step of its own: a story names one incident many times ("attacked …
the attack … the hijacking") and several different acts with the same word
("is threatening" now, "has threatened in the past"). Deciding that inside
the story, where the wording, tense, speaker and sentence distance speak, is
easier than across stories; cross-document linking then compares chains.

Two steps, both cheap (pairs within one document only):
1. Triggers of one sentence and one PLOVER type that no veto keeps apart
   ("attacked … blowing up … taking hostages") are one report of one
   incident, with several modes.
2. A small learned pairwise model (logistic regression trained by
   scripts/train_coref.py on ECB+ within-document chains of the tune topics
   1–20; weights in data/link/within_model.json, applied here in pure Python)
   scores pairs of those groups; average-linkage clustering with the linker's
   same-document vetoes turns the scores into chains.

What cross-document linking compares (`units`): by default each document's
sentence groups, the model vetoing same-document pairs it gives less than
LinkConfig.within_apart; whole chains with LinkConfig.link_chains (the model,
trained on ECB+'s finer events, chains sub-events news keeps apart and splits
what Dateline's coarser events merge: see BENCHMARKS.md). The ECB+ evaluation
(dateline.evaluate.coref) always clusters whole chains across documents.

The model reads a `View` of a mention: the same fields are built from an ECB+
gold mention (dateline.evaluate.coref) and from a Dateline `Report`, from the
text around the trigger, so training and run time see the same features.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Optional, Sequence

from .clustering import agglomerate
from .reports import Report, content_words, lemma, stem

_TOKEN = re.compile(r"[\w’']+|[^\w\s]", re.UNICODE)
_SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_SPEAKER = re.compile(r"\b([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?:said|says|told|added|stated)\b"
                      r"|\b(?:said|says|told|added|according to)\s+([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)")
_PERFECT = {"has", "have", "had", "'s", "’s", "having"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "am", "'re", "’re", "'m"}
_FUTURE = {"will", "shall", "'ll", "’ll", "going"}
_MODAL = {"would", "could", "might", "may", "should", "must", "can", "cannot", "ca"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "your", "my",
             "'s", "’s", "such"}
_INDEFINITE = {"a", "an", "another", "some", "any", "no", "every", "each", "several", "many", "more"}
_NOMINAL = ("tion", "sion", "ment", "ance", "ence", "ure", "sal", "ery", "ship", "ism")
_REPORTING = {"say", "said", "tell", "told", "report", "announc", "stat", "add", "claim", "confirm"}


@dataclass
class View:
    """What the within-document model reads of one event mention."""

    sentence: int                 # sentence number in the document
    position: int                 # order of the trigger in the document
    stem: str                     # crude stem of the trigger's head word
    word: str                     # the head word, lower case
    noun: bool                    # a nominal trigger ("the attack")
    definite: bool                # introduced by a definite determiner or possessive
    tense: str                    # perfect | progressive | future | modal | past | present | none
    status: str                   # happened | ongoing | planned | hypothetical | negated
    speaker: Optional[str]        # who the sentence quotes ("X said"), if anyone
    args: frozenset = field(default_factory=frozenset)     # words of names in the sentence
    date: Optional[str] = None    # the sentence's first date expression, lower case
    context: frozenset = field(default_factory=frozenset)  # content words of the sentence


def tense_aspect(before: Sequence[str], word: str, noun: bool) -> str:
    """Tense and aspect from the words just before the trigger ("has threatened",
    "is threatening", "will meet", "could strike")."""
    if noun:
        return "none"
    prev = [w.lower() for w in before[-3:] if w.isalpha() or w in ("'s", "’s", "'ll", "’ll")]
    w = word.lower()
    if any(p in _FUTURE for p in prev):
        return "future"
    if any(p in _MODAL for p in prev):
        return "modal"
    if any(p in _PERFECT for p in prev) and not w.endswith("ing"):
        return "perfect"
    if w.endswith("ing") and any(p in _BE for p in prev):
        return "progressive"
    if w.endswith("ed") or w in _IRREGULAR_PAST:
        return "past"
    return "present"


_IRREGULAR_PAST = {"met", "won", "lost", "fled", "shot", "struck", "hit", "held", "left", "took", "made",
                   "said", "told", "sent", "fought", "led", "began", "broke", "came", "went", "gave",
                   "found", "quit", "sought", "threw", "stole", "slew", "fell", "rose", "sold", "bought",
                   "caught", "drove", "ran", "spoke", "wrote", "chose", "froze", "knew", "saw", "set"}


def looks_nominal(before: Sequence[str], word: str) -> tuple[bool, bool]:
    """(nominal, definite) from the word before the trigger and its ending."""
    prev = before[-1].lower() if before else ""
    if prev in _DEFINITE:
        return True, True
    if prev in _INDEFINITE:
        return True, False
    w = word.lower()
    return w.endswith(_NOMINAL) and prev not in _BE | _PERFECT | {"to"}, False


def speaker_of(sentence: str) -> Optional[str]:
    m = _SPEAKER.search(sentence)
    if not m:
        return None
    name = (m.group(1) or m.group(2) or "").split()
    return name[-1].lower() if name else None


def sentence_number(text: str, start: int) -> int:
    """Sentence ordinal of a character offset (sentence ends counted up to it)."""
    return len(_SENT_END.findall(text, 0, min(len(text), start + 1)))


def view_of(report: Report) -> View:
    """A Dateline report seen as the model sees an ECB+ mention."""
    cached = report.__dict__.get("_view")
    if cached is not None:
        return cached
    doc, ev = report.doc, report.event
    s0, s1 = ev.sentence.start, ev.sentence.end
    before = _TOKEN.findall(doc.text[s0:ev.trigger.start])
    words = _TOKEN.findall(ev.trigger.text) or [ev.trigger.text]
    head = words[-1]
    noun, definite = looks_nominal(before + words[:-1], head)
    names = set()
    for e in doc.entities:
        if any(s0 <= m.start < s1 for m in e.mentions):
            names.update(w.lower() for w in e.name.split())
    if ev.location and ev.location.name:
        names.update(w.lower() for w in ev.location.name.replace(",", " ").split())
    dates = [t for t in doc.times if s0 <= t.start < s1 and t.type in ("DATE", "TIME")]
    v = View(sentence=sentence_number(doc.text, s0), position=ev.trigger.start,
             stem=stem(lemma(head)), word=lemma(head), noun=noun, definite=definite,
             tense=tense_aspect(before, head, noun), status=ev.status,
             speaker=speaker_of(doc.text[s0:s1]), args=frozenset(names),
             date=min(dates, key=lambda t: t.start).text.lower() if dates else None,
             context=frozenset(content_words(doc.text[s0:s1])))
    report.__dict__["_view"] = v
    return v


# --- the pairwise model -----------------------------------------------------------


@lru_cache(maxsize=1)
def wordnet_groups() -> dict[str, frozenset[str]]:
    """Word -> WordNet synset keys of its first senses (data/link/wordnet_synonyms.tsv)."""
    try:
        text = resources.files("dateline").joinpath("data/link/wordnet_synonyms.tsv").read_text("utf-8")
    except FileNotFoundError:
        return {}
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, keys = line.partition("\t")
            out[word] = frozenset(keys.split())
    return out


def synonyms(a: str, b: str) -> bool:
    """WordNet: the two words share a synset among their first senses (nouns through
    their derivationally related verbs: "attack"/"assault", "killing"/"murder")."""
    g = wordnet_groups()
    return bool(g.get(a, frozenset()) & g.get(b, frozenset()))


def _set_sim(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


FEATURES = ["same_word", "same_stem", "related", "synonym", "unrelated", "same_sentence",
            "sentence_distance", "adjacent", "both_nouns", "later_noun", "later_definite",
            "same_tense", "perfect_progressive", "future_past", "status_same", "status_clash",
            "speaker_same", "speaker_diff", "args_overlap", "args_disjoint", "date_same",
            "date_diff", "context", "reporting", "same_stem_far", "same_stem_same_sentence",
            "same_stem_speaker_diff", "same_stem_tense_clash"]

FACTUAL = {"happened", "ongoing"}


def pair_features(a: View, b: View) -> list[float]:
    """The feature vector of a pair (a before b in the text), in FEATURES order."""
    from .scoring import morph_related, trigger_similarity

    if (a.sentence, a.position) > (b.sentence, b.position):
        a, b = b, a
    same_stem = bool(a.stem) and a.stem == b.stem
    related = not same_stem and (morph_related(a.stem, b.stem)
                                 or trigger_similarity(a.stem, b.stem, None, None) >= 0.8)
    syn = not same_stem and (synonyms(a.word, b.word) or synonyms(a.stem, b.stem))
    dist = abs(b.sentence - a.sentence)
    tenses = {a.tense, b.tense}
    tense_clash = ("perfect" in tenses and "progressive" in tenses) or (
        bool(tenses & {"future", "modal"}) and bool(tenses & {"past", "perfect"}))
    statuses = {a.status, b.status}
    both_args = bool(a.args) and bool(b.args)
    speaker_diff = bool(a.speaker and b.speaker and a.speaker != b.speaker)
    f = {
        "same_word": float(a.word == b.word),
        "same_stem": float(same_stem),
        "related": float(related),
        "synonym": float(syn),
        "unrelated": float(not (same_stem or related or syn)),
        "same_sentence": float(dist == 0),
        "sentence_distance": math.log1p(dist),
        "adjacent": float(dist == 1),
        "both_nouns": float(a.noun and b.noun),
        "later_noun": float(b.noun and not a.noun),
        "later_definite": float(b.definite),
        "same_tense": float(a.tense == b.tense and a.tense != "none"),
        "perfect_progressive": float("perfect" in tenses and "progressive" in tenses),
        "future_past": float(bool(tenses & {"future", "modal"}) and bool(tenses & {"past", "perfect"})),
        "status_same": float(a.status == b.status),
        "status_clash": float(bool(statuses & FACTUAL) and bool(statuses - FACTUAL)),
        "speaker_same": float(bool(a.speaker) and a.speaker == b.speaker),
        "speaker_diff": float(speaker_diff),
        "args_overlap": _set_sim(a.args, b.args),
        "args_disjoint": float(both_args and not (a.args & b.args)),
        "date_same": float(bool(a.date) and a.date == b.date),
        "date_diff": float(bool(a.date and b.date) and a.date != b.date),
        "context": _set_sim(a.context, b.context),
        "reporting": float(any(a.stem.startswith(r) for r in _REPORTING)
                           and any(b.stem.startswith(r) for r in _REPORTING)),
        "same_stem_far": float(same_stem) * math.log1p(dist),
        "same_stem_same_sentence": float(same_stem and dist == 0),
        "same_stem_speaker_diff": float(same_stem and speaker_diff),
        "same_stem_tense_clash": float(same_stem and tense_clash),
    }
    return [f[k] for k in FEATURES]


@lru_cache(maxsize=1)
def model() -> dict:
    """The committed model: feature names, weights, intercept, threshold, provenance."""
    text = resources.files("dateline").joinpath("data/link/within_model.json").read_text("utf-8")
    m = json.loads(text)
    if m["features"] != FEATURES:
        raise ValueError("data/link/within_model.json was trained on other features: "
                         "rerun scripts/train_coref.py")
    return m


def probability(a: View, b: View) -> float:
    """P(same event) of two mentions of one document."""
    m = model()
    z = m["intercept"] + sum(w * x for w, x in zip(m["weights"], pair_features(a, b)))
    return 1.0 / (1.0 + math.exp(-z))


def chain_views(views: list[View], threshold: Optional[float] = None,
                conflict: Optional[Callable[[int, int], bool]] = None) -> list[list[int]]:
    """Chains of one document's mentions (index lists), by average linkage on the model."""
    from .config import CONFIG

    if threshold is None:
        threshold = CONFIG.within_threshold if CONFIG.within_threshold is not None else model()["threshold"]
    t = threshold
    n = len(views)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    return agglomerate(n, pairs, score=lambda i, j: probability(views[i], views[j]),
                       conflict=conflict or (lambda i, j: False), threshold=t)


# --- Dateline reports ---------------------------------------------------------------


def sentence_groups(reports: list[Report]) -> list[list[Report]]:
    """Triggers of one sentence and one type that no veto keeps apart: one report."""
    from .scoring import conflict

    by_sentence: dict[tuple, list[Report]] = {}
    for r in reports:
        by_sentence.setdefault((r.event.sentence.start, r.event.type), []).append(r)
    out = []
    for group in by_sentence.values():
        n = len(group)
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        for c in agglomerate(n, pairs, score=lambda i, j: 1.0,
                             conflict=lambda i, j: conflict(group[i], group[j]) is not None,
                             threshold=0.5):
            out.append([group[i] for i in c])
    return out


def chains(reports: list[Report], threshold: Optional[float] = None) -> list[list[Report]]:
    """Within-document chains of one document's reports, each in text order."""
    from .scoring import conflict

    reports = sorted(reports, key=lambda r: r.order)
    groups = sentence_groups(reports)
    groups.sort(key=lambda g: min(r.order for r in g))
    heads = [g[0] for g in groups]
    views = [view_of(h) for h in heads]

    def veto(i: int, j: int) -> bool:
        return any(conflict(x, y) is not None for x in groups[i] for y in groups[j])

    out = []
    for c in chain_views(views, threshold, veto):
        out.append(sorted((r for i in c for r in groups[i]), key=lambda r: r.order))
    return sorted(out, key=lambda c: c[0].order)


_BASIS = {"explicit": 0, "inferred": 1, "published": 2}
_GRAIN = {"day": 0, "week": 1, "month": 2, "quarter": 3, "range": 4, "year": 5}


class ChainReport(Report):
    """A within-document chain seen whole by cross-document linking.

    It reads like one `Report` (so blocking, scoring and the vetoes apply
    unchanged) with chain-level features: the union of its members' actors,
    recipients, sentence words, figures and trigger words; the best-anchored,
    finest date and the first named place among them. Its `event` is that of
    its best-dated member."""

    def __init__(self, members: list[Report]):
        members = sorted(members, key=lambda r: r.order)
        rep = min(members, key=lambda r: (_BASIS.get(r.when.basis, 3) if r.when else 4,
                                          _GRAIN.get(r.when.granularity, 9) if r.when else 9, r.order))
        super().__init__(rep.doc, rep.event, _union([r.actors for r in members]),
                         _union([r.recipients for r in members]))
        self.members = members
        self.rep = rep
        # Document-level features come from the members (a report rebuilt from its
        # stored row has no document to compute them from; see reports.LinkDoc).
        self.__dict__.update(
            doc_country=rep.doc_country, evidence=rep.evidence,
            country_keys=set().union(*(r.country_keys for r in members)),
            context_country_names=frozenset().union(*(r.context_country_names for r in members)),
            _view=view_of(rep))

    @property
    def order(self) -> tuple:
        return self.members[0].order

    @property
    def key(self) -> tuple[str, str]:
        return self.members[0].key

    @property
    def when(self):
        return self.rep.when

    @property
    def place(self):
        return next((r.place for r in self.members if r.place), None)

    @property
    def place_country(self):
        return next((r.place_country for r in self.members if r.place_country), None)

    @property
    def trigger_stems(self) -> frozenset:
        return frozenset(r.trigger_stem for r in self.members if r.trigger_stem)

    @property
    def sentence_words(self) -> set[str]:
        cached = self.__dict__.get("_words")
        if cached is None:
            cached = self.__dict__["_words"] = set().union(*(r.sentence_words for r in self.members))
        return cached

    @property
    def figures(self):
        seen, out = set(), []
        for r in self.members:
            for f in r.figures:
                if f.id not in seen:
                    seen.add(f.id)
                    out.append(f)
        return out


def _union(lists) -> list:
    from .reports import actor_key

    out: dict[str, object] = {}
    for refs in lists:
        for a in refs:
            out.setdefault(actor_key(a), a)
    return list(out.values())


def units(reports: list[Report]) -> list[list[Report]]:
    """What cross-document linking compares for one document: its chains when
    LinkConfig.link_chains, else its sentence groups (one report per incident-sentence),
    with the model then vetoing same-document pairs it finds clearly apart."""
    from .config import CONFIG

    if CONFIG.link_chains:
        return chains(reports)
    return sorted(sentence_groups(sorted(reports, key=lambda r: r.order)), key=lambda g: g[0].order)
