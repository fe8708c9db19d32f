"""Tense of the verb governing a span, from spaCy's parse: past, present, future or None."""

from __future__ import annotations

from typing import Optional

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "go", "hope", "intend", "aim", "want",
                 "prepare", "propose", "agree", "threaten", "vow", "promise", "likely"}


# Verbs whose time expression names the time of a scheduled event ("postponed until Tuesday").
_SCHEDULING = {"schedule", "postpone", "delay", "reschedule", "extend", "defer", "slate"}


def governing_verb(tok):
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def clause_verb(tok):
    """The verb heading the clause `tok` stands in, past an auxiliary that is itself
    the token ("must" in "said talks must continue" -> "continue")."""
    v = governing_verb(tok)
    if v is not None and v.dep_ in ("aux", "auxpass"):
        v = v.head
    return v


def verb_tense(verb) -> Optional[str]:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lows = {c.lower_ for c in aux}
    if lows & _FUTURE_AUX:
        return "future"
    if any(c.lower_ in ("would", "might", "may", "should", "must") for c in aux):
        return "future"  # a modal event has not happened yet ("said he would travel Thursday")
    if verb.lemma_ in _SCHEDULING:
        return "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if verb.tag_ == "VBN" and lows & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if lows & {"has", "have", "had", "'ve"}:
        return "past"
    if verb.tag_ in ("VB", "VBG") and ("to" in lows or verb.dep_ == "xcomp"):
        head = verb.head
        if head.i != verb.i and any(c.lower_ == "had" and c.dep_ == "aux" for c in head.children):
            return "past"  # "had been scheduled to expire Friday": the plan lies before the report
        if head.i != verb.i and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to resume trading Tuesday"
        if head.i != verb.i and (head.lemma_ in _FUTURE_HEADS or verb_tense(head) == "future"):
            return "future"
        return verb_tense(head) if head.i != verb.i and head.pos_ in ("VERB", "AUX") else None
    if verb.tag_ == "VBG" and lows & {"is", "are", "'re", "'s", "am"}:
        return "future_ish"
    if verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return "present"
    return None


def tense_at(doc, start: int, end: int) -> Optional[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = governing_verb(span.root)
    return verb_tense(verb) if verb is not None else None


# Verbs of saying: a date they govern is when something was said, not when it happened.
REPORTING = {"say", "tell", "announce", "report", "state", "add", "confirm", "claim", "deny",
             "note", "predict", "warn", "write", "declare", "insist", "explain", "reply"}


def reported_at(doc, start: int, end: int) -> bool:
    """True when the span is the time of a reporting verb ("officials said on Friday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = governing_verb(span.root)
    return verb is not None and verb.lemma_ in REPORTING
