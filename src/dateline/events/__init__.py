"""Event stage: PLOVER-coded events with evidence, from the parsed article.

Runs last: reads the entities (a.entity_at), times, figures and quotes of the
earlier stages. Per sentence outside boilerplate it finds lexicon triggers
(detect), fills actors and recipients (roles), status and factuality
(status), place (where), the event's own date (times.event_when) and
attribution (attribution.find); contexts are tagged per document (contexts).
"""

from __future__ import annotations

from .. import attribution as attribution_mod
from .. import times as times_mod
from ..annotated import Annotated
from ..records import Event, Offsets, Span as SpanRec, When
from .contexts import document_contexts
from .detect import Candidate, candidates
from .lexicon import plover_code  # noqa: F401  (re-exported for exporters and evaluation)
from .roles import roles
from .status import classify
from .where import locate

__all__ = ["annotate", "classify", "plover_code"]


BACKGROUND_PREPS = {"after", "before", "since", "following", "amid", "despite", "during"}


def is_background(h) -> bool:
    """A trigger that only sets the scene for the sentence's main event: inside a
    relative clause, a temporal/causal adjunct ("after a coup") or a noun's modifier."""
    t = h
    while t.head.i != t.i:
        if t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX"):
            return True
        if t.dep_ == "pobj" and t.head.lower_ in BACKGROUND_PREPS:
            return True
        if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("after", "before", "since", "as", "because", "while", "when") for m in t.children):
            return True
        t = t.head
    return False


def describes_actor(h) -> bool:
    """'The BLA, which seeks independence', 'Hamas, which controls Gaza': a relative
    clause in the simple present on a named actor describes it; it reports no event."""
    if h.pos_ != "VERB" or h.dep_ != "relcl" or h.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in h.children):
        return False
    head = h.head
    return head.pos_ == "PROPN" or bool(head.ent_type_)


def _human_patient(c: Candidate) -> bool:
    from .detect import is_human, patients

    return c.head.pos_ == "VERB" and any(is_human(p) for p in patients(c.head))


def _confidence(c: Candidate, actors, recipients, location) -> float:
    """Heuristic, not calibrated: named participants and a lexicon entry without
    conditions make a trigger likelier to be a real, codable event. Check with
    `dateline eval plover` (precision) before changing the weights."""
    score = 0.55
    if actors:
        score += 0.2
    if recipients:
        score += 0.1
    if location is not None:
        score += 0.05
    if c.entry.needs is None and c.head.pos_ == "VERB":
        score += 0.05
    if not actors and not recipients and not _human_patient(c):
        score -= 0.15
    if is_background(c.head):
        score -= 0.2
    return round(max(0.05, min(score, 0.95)), 2)


def _refused(c: Candidate) -> bool:
    """An actor's own refusal of a cooperative act ("will not allow", "does not want to
    meet"): REJECT by that actor (ANNOTATION.md, PLOVER). A negated report of what did
    not happen ("talks did not take place") or a denial stays negated."""
    from .lexicon import COOPERATIVE

    if c.type not in COOPERATIVE or c.head.pos_ != "VERB":
        return False
    v = c.head
    gov = v.head if v.dep_ == "xcomp" else None
    for t in filter(None, (v, gov)):
        if any(ch.dep_ == "neg" for ch in t.children) and any(
                ch.dep_ == "nsubj" for ch in t.children) and (t is v or t.lemma_.lower() in ("want", "wish", "intend", "plan")):
            return True
    return False


def _event_for(a: Annotated, c: Candidate, sent, idx: int) -> Event:
    doc = a.doc
    first, last = doc[c.first], doc[c.last]
    start, end = first.idx, last.idx + len(last.text)
    actors, recipients = roles(c, a)
    try:
        when = times_mod.event_when(a, c.head)
    except Exception:  # noqa: BLE001 - the time stage's failure leaves the honest fallback
        d = a.published.isoformat() if a.published else None
        when = When(value=d, start=d, end=d, granularity="day" if d else "unknown", basis="published")
    status, fact = classify(a, c.support if "addressee" in c.extra else c.head, when)
    typ = c.type
    if status == "negated" and _refused(c):
        typ, status = "REJECT", "happened"  # "does not allow aid workers in": the refusal happened
    elif status == "negated" and c.extra.get("negation_is_the_event"):
        from .status import _present  # "is not allowed to leave": the restriction holds

        flag = c.extra["negation_is_the_event"]
        status = flag if isinstance(flag, str) else ("ongoing" if _present(c.head) else "happened")
    location = locate(a, c.head, c.support)
    try:
        attribution = attribution_mod.find(a, sent, c.head)
    except Exception:  # noqa: BLE001 - a failing helper stage must not drop the event
        attribution = None
    return Event(
        id=f"v{idx}", type=typ, mode=c.entry.mode if typ == c.type else None,
        trigger=SpanRec(start=start, end=end, text=a.article.text[start:end]),
        sentence=Offsets(start=sent.start_char, end=sent.end_char),
        actors=actors, recipients=recipients, location=location, when=when,
        status=status, factuality=fact, attribution=attribution,
        confidence=_confidence(c, actors, recipients, location),
    )


def _link_figures(a, found: list[tuple[Candidate, Event]]) -> None:
    """A figure belongs to the event whose trigger governs it (smallest subtree),
    else to the sentence's only event, else to the nearest one before it."""
    if not a.figures or not found:
        return
    doc = a.doc
    for f in a.figures:
        if f.event is not None:
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        ftok = span.root
        same = [(c, e) for c, e in found if c.head.sent.start == ftok.sent.start]
        if not same:
            continue
        owners = []
        for c, e in same:
            for holder in filter(None, (c.head, c.support)):
                if holder.left_edge.i <= ftok.i <= holder.right_edge.i and ftok in holder.subtree:
                    owners.append((holder.right_edge.i - holder.left_edge.i, e))
        if owners:
            ev = min(owners, key=lambda x: x[0])[1]
        elif len(same) == 1:
            ev = same[0][1]
        else:
            before = [(ftok.i - c.head.i, e) for c, e in same if c.head.i <= ftok.i]
            ev = min(before, key=lambda x: x[0])[1] if before else same[0][1]
        f.event = ev.id
        ev.figures.append(f.id)


def _fallback(a: Annotated, sent):
    """A learned-fallback candidate for a sentence the rules left empty (events/fallback.py)."""
    from .fallback import predict
    from .lexicon import Entry

    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or len(sent) < 6:
        return None
    if sent.start in getattr(a, "_not_event_sents", ()):
        return None  # a rule decided this sentence reports no political event (a disaster, a figure of speech)
    got = predict(sent.text)
    if got is None:
        return None
    typ, p = got
    c = Candidate(root, root.i, root.i, Entry((root.lemma_.lower(),), root.pos_, typ, None, None, "learned fallback"))
    c.extra["fallback_p"] = p
    return c


def annotate(a: Annotated) -> list[Event]:
    cands = []
    for sent in a.sentences():
        here = [c for c in candidates(a, sent) if not describes_actor(c.head)]
        if not here:
            fb = _fallback(a, sent)
            if fb is not None:
                here = [fb]
        cands += [(c, sent) for c in here]
    cands.sort(key=lambda cs: (cs[0].first, cs[0].last))
    found = [(c, _event_for(a, c, sent, i + 1)) for i, (c, sent) in enumerate(cands)]
    for c, e in found:
        if "fallback_p" in c.extra:  # never surer than the classifier was
            e.confidence = round(min(e.confidence, c.extra["fallback_p"]), 2)
    ctx = document_contexts(a)
    for _c, e in found:
        e.contexts = list(ctx)
    _share_participants(found)
    _link_figures(a, found)
    return [e for _c, e in found]


def _share_participants(found: list[tuple[Candidate, Event]]) -> None:
    """Fill what one mention leaves implicit from the mentions around it.

    - "launched an attack, killing 1,200": a participle with no subject takes
      the actors of the event before it in the sentence;
    - "The visit, set for February 4": a definite event noun without
      participants refers back to the latest earlier event of the same type
      with participants and takes them (confidence lowered: inferred);
      when one of the two has an explicit day inside the other's vaguer
      span ("next week"), both get the day.
    """
    for k, (c, e) in enumerate(found):
        h = c.head
        if e.actors:
            continue
        part = h if h.pos_ == "VERB" else c.support
        if part is not None and part.tag_ == "VBG" and part.dep_ in ("advcl", "acl", "conj"):
            prev = [pe for pc, pe in found[:k] if pc.head.sent.start == h.sent.start and pe.actors]
            if prev:
                e.actors = list(prev[-1].actors)
                e.recipients = e.recipients or [x for x in prev[-1].recipients if x not in e.actors]
            continue
        if h.pos_ != "NOUN" or not any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in h.children):
            continue
        prev = [pe for pc, pe in found[:k] if pe.type == e.type and pe.actors and pc.head.sent.start < h.sent.start]
        if not prev:
            continue
        same = [pe for pe in prev if pe.status == e.status]
        p = (same or prev)[-1]
        e.actors, e.recipients = list(p.actors), list(p.recipients)
        e.location = e.location or p.location
        e.confidence = round(max(0.05, e.confidence - 0.05), 2)
        _share_day(p, e)


def _share_day(p: Event, e: Event) -> None:
    def explicit_day(w):
        return w is not None and w.basis == "explicit" and w.granularity == "day"

    def vague(w):
        return w is None or w.basis == "published" or w.granularity in ("week", "month", "unknown")

    def inside(day, w):
        return w is not None and w.start and w.end and w.start <= day.start <= w.end

    if explicit_day(e.when) and vague(p.when) and p.status == e.status and (p.when is None or p.when.basis == "published" or inside(e.when, p.when)):
        p.when = e.when
    elif explicit_day(p.when) and vague(e.when) and p.status == e.status and (e.when is None or e.when.basis == "published" or inside(p.when, e.when)):
        e.when = p.when
