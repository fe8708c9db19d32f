"""The time stage: every time expression with its TIMEX3 type and value, and each
event's own date.

Expressions are found by compiled patterns over the raw text (`tagger`) and
normalised against the publication date, the governing verb's tense and the
previous date in the story (`normalize`); spaCy's parse is read only for tense
and for attaching times to event triggers (`when`).
"""

from __future__ import annotations

import bisect

from ..records import Time, When
from . import calendar as cal
from .normalize import HANDLERS, Context
from .tagger import candidates
from .tense import reported_at, tense_at
from .when import event_when as _event_when

_CONCRETE = (cal.DAY, cal.WEEK, cal.WEEKEND, cal.MONTH, cal.QUARTER, cal.HALF, cal.YEAR)


def annotate(a) -> list[Time]:
    """Time expressions of the article outside boilerplate, ids t1, t2, ... in text order."""
    text = a.article.text  # the parsed text itself; a.text would rebuild it from the tokens
    doc = a.doc
    ctx = Context(dct=a.published, text=text, doc=doc,
                  tense=lambda s, e: tense_at(doc, s, e))
    out: list[Time] = []
    sent_starts = None
    last_sent = -1
    for c in candidates(text):
        if a.in_boilerplate(c.start, c.end):
            continue
        if sent_starts is None:
            sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        sent = _index(sent_starts, c.start)
        ctx.last_same_sentence = sent == last_sent
        r = HANDLERS[c.kind](ctx, c, c.m)
        for alt in c.alts if r is None else ():
            r = HANDLERS[alt.kind](ctx, alt, alt.m)
            if r is not None:
                c = alt
                break
        if r is None:
            continue
        start = r.start if r.start is not None else c.start
        end = r.end if r.end is not None else c.end
        tid = f"t{len(out) + 1}"
        out.append(Time(id=tid, start=start, end=end, text=text[start:end], type=r.type,
                        value=r.value, anchor=r.anchor))
        concrete = r.point and r.point[1] is not None and r.point[0] in _CONCRETE
        if r.ref and concrete and r.type in ("DATE", "TIME"):
            ctx.last = (r.point[0], r.point[1], tid)
            if not reported_at(doc, start, end):
                ctx.last_event = ctx.last
            last_sent = sent
            if r.point[0] == cal.QUARTER:
                ctx.last_quarter = (r.point[1], tid)
    return out


def _index(starts: list[int], char: int) -> int:
    return bisect.bisect_right(starts, char) - 1


def event_when(a, trigger) -> When:
    """The event's own date for its trigger token: explicit, inferred, or the publication date."""
    return _event_when(a, trigger)
