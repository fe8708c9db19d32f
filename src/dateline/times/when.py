"""The event's own date: the time expression attached to its trigger, else one
inferred from tense and nearby times, else the publication date, and `basis`
says which.

Which dates an event may take, and across which boundaries (a complement
clause, a neighbouring sentence, the lead's scene date), are rules in
`data/when_rules.json`, tried in the order listed there; the returned When
carries the name of the rule that gave it as the attribute `rule` (not part of
the record: `basis` stays explicit | inferred | published).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import Optional

from ..records import When
from .calendar import bounds
from .tense import REPORTING, clause_verb, governing_verb, verb_tense


@lru_cache(maxsize=None)
def rules() -> dict:
    raw = json.loads(files("dateline").joinpath("data/when_rules.json").read_text(encoding="utf-8"))
    return {k: (frozenset(v) if isinstance(v, list) and k != "order" else v) for k, v in raw.items()}


def _ruled(w: When, rule: str) -> When:
    w.rule = rule  # which rule of data/when_rules.json gave the date
    return w


@dataclass
class _T:
    time: object  # records.Time
    root: object  # spaCy token heading the expression
    sent: int  # index of its sentence
    reported: bool  # the time of a statement ("said on Wednesday"), not of what it reports


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
        if t.type not in ("DATE", "TIME", "DURATION") or _bounds(a, t)[2] == "unknown":
            continue
        span = a.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        verb = governing_verb(span.root)
        out.append(_T(t, span.root, sent_of[span.root.i],
                      verb is not None and verb.lemma_ in REPORTING))
    cached = _Doc(out, sent_of, sent_start)
    a.__dict__["_when_doc"] = cached
    return cached


def _bounds(a, t):
    """(start, end, granularity) of a time expression: its TIMEX3 value's days, or for
    a duration reaching back to publication ("in the last two weeks") the days it
    covers; unknown for any other duration."""
    value = t.value
    if t.type == "DURATION":
        return _recent(a, t)
    if value == "PRESENT_REF" and a.published is not None:
        d = a.published.isoformat()
        return d, d, "day"
    return bounds(value)


_UNITS = {"D": 1, "W": 7}


def _recent(a, t):
    """'the last two weeks', 'the past 10 days' in a story of day D: D minus the
    duration .. D (ANNOTATION.md's range up to publication)."""
    m = re.fullmatch(r"P(\d+)([DW])", t.value or "")
    if a.published is None or m is None or not re.search(r"\b(?:last|past)\b", t.text.lower()):
        return None, None, "unknown"
    # days and weeks only: "the past decade" names a background, not the act's days
    # (on the VOA tune half a ten-year range missed the gold's weeks)
    end = a.published
    start = end - timedelta(days=int(m[1]) * _UNITS[m[2]])
    return start.isoformat(), end.isoformat(), "range"


def _when(a, t, basis: str) -> When:
    start, end, gran = _bounds(a, t)
    value = a.published.isoformat() if t.value == "PRESENT_REF" and a.published else t.value
    if t.type == "DURATION":
        value = f"{start}/{end}"
    narrowed = _narrowed(a, t.text, start, end, gran)
    if narrowed is not None:
        start, end = narrowed
        value, gran = f"{start}/{end}", "range"
    return When(value=value, start=start, end=end, granularity=gran, basis=basis, time=t.id)


def _narrowed(a, text: str, start: Optional[str], end: Optional[str], gran: str):
    """(start, end) of the part of the period the words name: the thirds of a month
    ("late September", "mid-March"), or the part before or after publication
    ("earlier this month"); None when the whole period stands."""
    if not start or not end:
        return None
    words = text.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return None
    phrase = " ".join(words)
    R = rules()
    if gran == "month":
        for part, (lo, hi) in R["month_parts"].items():
            if phrase.startswith(part) and not phrase[len(part):len(part) + 1].isalpha():
                first = date.fromisoformat(start)
                last = date.fromisoformat(end)
                return (first.replace(day=lo).isoformat(), min(last, first.replace(day=min(hi, last.day))).isoformat())
    pub = a.published
    if words[0] in R["clip_words"] and pub is not None and start <= pub.isoformat() <= end:
        if words[0] == "earlier" and start < pub.isoformat():
            return start, (pub - timedelta(days=1)).isoformat()
        if words[0] == "later" and pub.isoformat() < end:
            return (pub + timedelta(days=1)).isoformat(), end
    return None


def _clause_verb(tok):
    return governing_verb(tok)


def _own_clause(verb) -> bool:
    """A verb heading a clause of its own (adverbial, complement, or with its own subject),
    whose times are its own; "set to take place on February 4" lends its time to the noun."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    finite = verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ == "mark" for c in verb.children)
    if verb.dep_ in ("advcl", "ccomp", "parataxis") and finite:
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.tag_ not in ("WDT", "WP")
               for c in verb.children)


def _complement(verb) -> bool:
    """A complement clause with an event of its own ("vowed to make ... by 2050",
    "accused X of leaving the pact in 2018"): its times are not its governor's."""
    R = rules()
    return (verb.pos_ in ("VERB", "AUX") and verb.dep_ in R["complement_deps"]
            and verb.lemma_.lower() not in R["pass_lemmas"])


def _attached(trigger, info: _T) -> Optional[int]:
    """Token distance when the time hangs on the trigger (or its clause), else None."""
    root = info.root
    # the timex inside the trigger's subtree ("attacked ... on Monday", "Monday's attack"),
    # with no clause of its own between them: in "have detained 1,133 since protests began
    # last Wednesday" the Wednesday is when the protests began
    owner = root.head
    if root.dep_ in rules()["noun_modifier_deps"] and owner.pos_ in ("NOUN", "PROPN") and owner.i != trigger.i \
            and owner.i != root.i and not (owner.dep_ == "pobj" and owner.head.head.i == trigger.i):
        # "urging an investigation of ... the February 8 vote": the date of that noun's
        # event; but "said in a November report", "met at the 2019 summit" place the trigger
        return None
    if trigger.left_edge.i <= root.i <= trigger.right_edge.i:
        anc = root
        for _ in range(12):
            if anc.i == trigger.i:
                return abs(root.i - trigger.i)
            if anc.i != root.i and (_own_clause(anc) or _complement(anc)):
                break
            if anc.head.i == anc.i:
                break
            anc = anc.head
    # the trigger under the timex's head ("the Monday attack")
    if root.head.i == trigger.i or trigger.head.i == root.i or trigger.head.i == root.head.i:
        return abs(root.i - trigger.i) + 1
    # same clause: the time's verb is the trigger's own verb ("the attack took place on
    # Monday") or conjoined with it ("raided the camp and arrested three on Monday"); never
    # a verb of saying, whose time is the statement's ("after the detention of X, police
    # said on Saturday")
    rv = _clause_verb(root)
    tv = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    if rv is None or tv is None or rv.lemma_ in REPORTING and rv.i != trigger.i:
        return None
    if rv.i == tv.i:
        return abs(root.i - trigger.i) + 20
    if trigger.i == tv.i and "conj" in (rv.dep_, tv.dep_) and (rv.head.i == tv.i or tv.head.i == rv.i):
        # "was his running mate in 2022 but had recently complained": a conjunct with
        # its own auxiliary has its own time
        if any(c.dep_ in ("aux", "auxpass") for c in (tv if tv.dep_ == "conj" else rv).children):
            return None
        return abs(root.i - trigger.i) + 30
    return None


def _since(trigger, info: _T) -> bool:
    """'detained 1,133 since protests began last Wednesday', 'held since March 3': the
    time starts a period that runs to the trigger's present."""
    anc = info.root
    seen_since = False
    for _ in range(12):
        if anc.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in anc.children):
            seen_since = True
        if anc.i == trigger.i:
            return seen_since
        if anc.head.i == anc.i:
            return False
        anc = anc.head
    return False


def _since_when(a, t) -> Optional[When]:
    start, _, _ = _bounds(a, t)
    if start is None or a.published is None or start > a.published.isoformat():
        return None
    end = a.published.isoformat()
    return When(value=f"{start}/{end}", start=start, end=end, granularity="range",
                basis="explicit", time=t.id)


def event_when(a, trigger) -> When:
    """The first rule of `when_rules.json`'s order that dates the trigger."""
    d = _doc(a)
    for name in rules()["order"]:
        got = _RULES[name](a, trigger, d)
        if got is not None:
            return _ruled(got, name)
    day = a.published.isoformat() if a.published else None
    return _ruled(When(value=day, start=day, end=day, granularity="day" if day else "unknown",
                       basis="published", time=None), "published")


def _by_since(a, trigger, d: _Doc) -> Optional[When]:
    sent = d.sent_of[trigger.i]
    for info in d.times:
        if info.sent == sent and _since(trigger, info):
            since = _since_when(a, info.time)
            if since is not None:
                return since
    return None


def _by_attachment(a, trigger, d: _Doc) -> Optional[When]:
    sent = d.sent_of[trigger.i]
    best, best_d = None, None
    for info in d.times:
        if info.sent != sent:
            continue
        dist = _attached(trigger, info)
        if dist is not None and (best_d is None or dist < best_d):
            best, best_d = info, dist
    return _when(a, best.time, "explicit") if best is not None else None


def _by_participle_head(a, trigger, d: _Doc) -> Optional[When]:
    head = _participle_head(trigger)
    if head is not None:
        inherited = event_when(a, head)
        if inherited.basis != "published":
            return inherited
    return None


def _by_single_date(a, trigger, d: _Doc) -> Optional[When]:
    info = _single_date(a, trigger, d)
    return _when(a, info.time, "explicit") if info is not None else None


def _by_reported_clause(a, trigger, d: _Doc) -> Optional[When]:
    info = _reported_clause(a, trigger, d)
    return _when(a, info.time, "explicit") if info is not None else None


def _by_neighbour(a, trigger, d: _Doc) -> Optional[When]:
    info = None if _background(trigger) else _infer(a, trigger, d)
    return _when(a, info.time, "inferred") if info is not None else None


def _by_scene(a, trigger, d: _Doc) -> Optional[When]:
    info = None if _background(trigger) else _scene(a, trigger, d)
    return _when(a, info.time, "inferred") if info is not None else None


def _by_publication(a, trigger, d: _Doc) -> Optional[When]:
    return None  # the fallback after every rule


_RULES = {"since": _by_since, "attached": _by_attachment, "participle_head": _by_participle_head,
          "sentence_single_date": _by_single_date, "reported_clause": _by_reported_clause,
          "neighbour": _by_neighbour, "scene": _by_scene, "published": _by_publication}


def _tense_of(trigger) -> Optional[str]:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    return verb_tense(verb) if verb is not None else None


def _agrees(a, info: _T, tense: Optional[str]) -> bool:
    """The date lies on the side of publication the tense says."""
    start, end, _ = _bounds(a, info.time)
    if start is None or end is None or a.published is None:
        return False
    dct = a.published.isoformat()
    if tense == "past":
        return start <= dct
    if tense in ("future", "future_ish"):
        return end >= dct
    if tense == "present":
        return start <= dct <= end
    return False


def _inside_complement(tok, stop) -> bool:
    """A complement clause (of any verb) lies between tok and stop (or the root)."""
    anc = tok
    for _ in range(12):
        if anc.i == stop.i or anc.head.i == anc.i:
            return False
        if anc.i != tok.i and _complement(anc):
            return True
        anc = anc.head
    return False


def _background(trigger) -> bool:
    """A trigger in a scene-setting adjunct ("After talks in the Oval Office, ..."):
    it precedes the sentence's event, so a neighbour's date is not its own."""
    bg = rules()["background_preps"]
    t = trigger
    for _ in range(6):
        if t.dep_ == "pobj" and t.head.lower_ in bg:
            return True
        if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in bg for m in t.children):
            return True
        if t.head.i == t.i or t.dep_ not in ("pobj", "prep", "conj", "compound", "amod"):
            return False
        t = t.head
    return False


def _single_date(a, trigger, d: _Doc) -> Optional[_T]:
    """The sentence's one dated, non-reporting time when it belongs to no other
    clause: not inside a complement clause of another verb, nor under the trigger
    (then `_attached` has ruled it out), and the tense agrees."""
    sent = d.sent_of[trigger.i]
    dated = [info for info in d.times if info.sent == sent and not info.reported]
    if len(dated) != 1:
        return None
    info = dated[0]
    root = info.root
    if trigger.left_edge.i <= root.i <= trigger.right_edge.i and root in trigger.subtree:
        return None
    top = root.sent.root
    if _inside_complement(root, top) or _inside_complement(trigger, top):
        return None
    tense = _tense_of(trigger) or verb_tense(top) if top.pos_ in ("VERB", "AUX") else _tense_of(trigger)
    return info if _agrees(a, info, tense) else None


def _reported_clause(a, trigger, d: _Doc) -> Optional[_T]:
    """'In December, Mogadishu announced it was cutting ties', 'Scholz on Wednesday
    said talks must continue': a progressive, present or modal clause reported by a
    dated verb of saying happens when it is said."""
    verb = clause_verb(trigger)  # past the modal when the trigger is one ("must continue")
    if verb is None or verb.dep_ != "ccomp" or verb.head.lemma_ not in REPORTING:
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    progressive = verb.tag_ == "VBG" and any(x.lemma_ == "be" for x in aux)
    modal = any(x.tag_ == "MD" for x in aux)  # "said talks must continue": the demand is the saying
    present = verb.tag_ in ("VBZ", "VBP") and not any(x.lemma_ == "have" for x in aux)
    if not (progressive or modal or present):
        return None
    sayer = verb.head
    sent = d.sent_of[trigger.i]
    for info in d.times:
        if info.sent == sent and info.reported and governing_verb(info.root) is not None \
                and governing_verb(info.root).i == sayer.i:
            return info
    return None


def _scene(a, trigger, d: _Doc) -> Optional[_T]:
    """The story's scene date: the first dated, non-reporting time of the lead (its
    main event's day) for a later simple-past event with no date of its own."""
    R = rules()
    here = d.sent_of[trigger.i]
    if here < 1:
        return None
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    if verb is None:
        return None
    if verb.dep_ in R["scene_excluded_deps"]:
        return None  # "Netanyahu, who stayed on for meetings on Capitol Hill": a relative clause has its own time
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not tags & R["scene_tags"] or any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux"):
        return None
    for info in d.times:
        if info.sent >= min(R["scene_lead_sentences"], here):
            break
        if info.reported:
            continue
        start, end, gran = _bounds(a, info.time)
        if gran not in R["scene_granularity"]:
            return None  # the lead's first event date is a month or a year: no scene day
        return info if _agrees(a, info, "past") else None
    return None


def _speech_act(verb) -> bool:
    """A verb of saying or urging (attribution cues, data/cues.tsv, kind speech): "the
    agency said in a November report, calling for ..." is said when the report is."""
    from ..attribution import cues as attribution_cues

    return attribution_cues().get(verb.lemma_.lower()) == "speech"


def _participle_head(trigger):
    """'Hamas launched an attack, killing about 1,200 people and taking 251 hostages':
    a participle clause with no subject (and no time) of its own happens when its
    head verb does ("hostages" as the object of "taking" goes with it). Through a
    verb of saying only when the participle is itself a statement ("said ...,
    calling for")."""
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj":
        trigger = trigger.head
    if (trigger.pos_ == "VERB" and trigger.tag_ in ("VBG", "VBN")
            and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)  # "but had complained"
            and trigger.dep_ in ("advcl", "conj", "xcomp") and trigger.head.i != trigger.i
            and trigger.head.pos_ in ("VERB", "AUX")
            and (trigger.head.lemma_ not in REPORTING or _speech_act(trigger))
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in trigger.children)):
        return trigger.head
    return None


def _infer(a, trigger, d: _Doc):
    """The latest event date (not a statement's) before the trigger in the last few
    sentences, if the tense agrees."""
    here = d.sent_of[trigger.i]
    back = rules()["neighbour_sentences"]
    near = [info for info in d.times if info.root.i < trigger.i and not info.reported
            and here - back <= info.sent <= here]
    if not near or a.published is None:
        return None
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    tense = verb_tense(verb) if verb is not None else None
    if tense is None:
        return None
    if verb.tag_ == "VBN" and any(x.lemma_ == "have" and x.tag_ in ("VBZ", "VBP") for x in verb.children
                                  if x.dep_ == "aux"):
        # The present perfect ("have already rejected") reports the state of things
        # as of publication, not the scene of an earlier sentence.
        return None
    dct = a.published.isoformat()
    for info in reversed(near):
        start, end, _ = _bounds(a, info.time)
        if tense == "past" and start <= dct:
            return info
        if tense in ("future", "future_ish") and end >= dct:
            return info
        if tense == "present" and start <= dct <= end:
            return info
    return None
