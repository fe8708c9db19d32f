"""The event's own date: the time expression attached to its trigger, else one
inferred from tense and nearby times, else the publication date, and `basis`
says which."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..records import When
from .calendar import bounds
from .tense import governing_verb, verb_tense

# How far back (in sentences) an earlier date may set the scene for an event that
# has none of its own ("Police raided the camp on Monday. Three people were
# arrested."). Two sentences: a judgement, not tuned on a benchmark.
_SCENE_SENTENCES = 2


@dataclass
class _T:
    time: object  # records.Time
    root: object  # spaCy token heading the expression
    sent: int  # sentence start token index


@dataclass
class _Doc:
    times: list  # of _T, in text order
    sent_of: list  # token index -> index of its sentence
    sent_start: list  # sentence index -> its first token index


def _doc(a) -> _Doc:
    """Per-document lookups (dated timexes, sentence of each token), cached on the Annotated."""
    cached = a.__dict__.get("_when_doc")
    if cached is not None:
        return cached
    sent_of, sent_start = [0] * len(a.doc), []
    for k, s in enumerate(a.doc.sents):
        sent_start.append(s.start)
        sent_of[s.start:s.end] = [k] * (s.end - s.start)
    out = []
    for t in a.times:
        if t.type not in ("DATE", "TIME") or _bounds(a, t.value)[2] == "unknown":
            continue
        span = a.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        out.append(_T(t, span.root, sent_of[span.root.i]))
    cached = _Doc(out, sent_of, sent_start)
    a.__dict__["_when_doc"] = cached
    return cached


def _bounds(a, value: str):
    if value == "PRESENT_REF" and a.published is not None:
        d = a.published.isoformat()
        return d, d, "day"
    return bounds(value)


def _when(a, t, basis: str) -> When:
    start, end, gran = _bounds(a, t.value)
    value = a.published.isoformat() if t.value == "PRESENT_REF" and a.published else t.value
    return When(value=value, start=start, end=end, granularity=gran, basis=basis, time=t.id)


def _clause_verb(tok):
    return governing_verb(tok)


def _attached(trigger, info: _T) -> Optional[int]:
    """Token distance when the time hangs on the trigger (or its clause), else None."""
    root = info.root
    # the timex inside the trigger's subtree ("attacked ... on Monday", "Monday's attack")
    if trigger.left_edge.i <= root.i <= trigger.right_edge.i:
        anc = root
        for _ in range(12):
            if anc.i == trigger.i:
                return abs(root.i - trigger.i)
            if anc.head.i == anc.i:
                break
            anc = anc.head
    # the trigger under the timex's head ("the Monday attack")
    if root.head.i == trigger.i or trigger.head.i == root.i or trigger.head.i == root.head.i:
        return abs(root.i - trigger.i) + 1
    # same clause: a verb trigger and the time both governed by it (a noun trigger has
    # to hold the time itself: "after the detention of X, police said on Saturday")
    if trigger.pos_ not in ("VERB", "AUX"):
        return None
    rv = _clause_verb(root)
    if rv is not None and rv.i == trigger.i:
        return abs(root.i - trigger.i) + 20
    return None


def event_when(a, trigger) -> When:
    d = _doc(a)
    sent = d.sent_of[trigger.i]
    best, best_d = None, None
    for info in d.times:
        if info.sent != sent:
            continue
        dist = _attached(trigger, info)
        if dist is not None and (best_d is None or dist < best_d):
            best, best_d = info, dist
    if best is not None:
        return _when(a, best.time, "explicit")
    inferred = _infer(a, trigger, d)
    if inferred is not None:
        return _when(a, inferred.time, "inferred")
    day = a.published.isoformat() if a.published else None
    return When(value=day, start=day, end=day, granularity="day" if day else "unknown",
                basis="published", time=None)


def _infer(a, trigger, d: _Doc):
    """The latest date before the trigger in the last few sentences, if the tense agrees."""
    here = d.sent_of[trigger.i]
    near = [info for info in d.times
            if info.root.i < trigger.i and here - _SCENE_SENTENCES <= info.sent <= here]
    if not near or a.published is None:
        return None
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    tense = verb_tense(verb) if verb is not None else None
    if tense is None:
        return None
    dct = a.published.isoformat()
    for info in reversed(near):
        start, end, _ = _bounds(a, info.time.value)
        if tense == "past" and start <= dct:
            return info
        if tense in ("future", "future_ish") and end >= dct:
            return info
        if tense == "present" and start <= dct <= end:
            return info
    return None
