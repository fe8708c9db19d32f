"""The time stage: every time expression with its TIMEX3 type and value, and each
event's own date.

Expressions are found by the rules of src/dateline/data/timex_rules.tsv over the
raw text (`rules`, `tagger`) and normalised against the publication date, the
governing verb's tense and the previous date in the story (`normalize`); spaCy's
parse is read only for tense and for attaching times to event triggers (`when`).

The stage is total: an error while normalising one expression costs that
expression (logged), never the article.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import replace
from datetime import date
from typing import Callable, Optional

from ..records import Time, When
from . import calendar as cal
from . import choose
from .lexicon import TITLE_NORMALISERS
from .normalize import HANDLERS, Context
from .tagger import candidates
from .tense import reported_at, tense_at
from .when import event_when as _event_when

log = logging.getLogger(__name__)

_CONCRETE = (cal.DAY, cal.WEEK, cal.WEEKEND, cal.MONTH, cal.QUARTER, cal.HALF, cal.YEAR)


def annotate(a, learned: Optional[bool] = None, trace: Optional[list] = None) -> list[Time]:
    """Time expressions of the article outside boilerplate, ids t1, t2, ... in text order
    (learned, trace: as for `tag`)."""
    text = a.article.text  # the parsed text itself; a.text would rebuild it from the tokens
    doc = a.doc
    sents = ([s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0])
    return tag(text, a.published, doc=doc, tense=lambda s, e: tense_at(doc, s, e),
               skip=a.in_boilerplate, sent_starts=sents,
               reported=lambda s, e: reported_at(doc, s, e), learned=learned, trace=trace)


def tag(text: str, published: Optional[date], doc=None,
        tense: Optional[Callable[[int, int], Optional[str]]] = None,
        skip: Optional[Callable[[int, int], bool]] = None, sent_starts: Optional[list] = None,
        reported: Optional[Callable[[int, int], bool]] = None, strict: bool = False,
        learned: Optional[bool] = None, trace: Optional[list] = None) -> list[Time]:
    """The time expressions of `text` against the publication date; the parse (doc, tense,
    sentences, reporting verbs) is optional. strict=True lets a normaliser's error
    through (the fuzz test), else the expression is logged and skipped.

    learned: apply the learned keep/span choice (`choose`); None = as its model file
    says. trace, a list, receives the rules' expressions before that choice (training)."""
    ctx = Context(dct=published, text=text, doc=doc, tense=tense or (lambda s, e: None))
    starts = sent_starts or [0]
    out: list[Time] = []
    found: list[choose.Found] = []
    model = choose.load()
    use_model = bool(learned or (learned is None and model and model.get("enabled")))
    readings = use_model or trace is not None  # the value choice's other readings
    last_sent = -1
    for c in candidates(text):
        if skip is not None and skip(c.start, c.end):
            continue
        if c.kind in TITLE_NORMALISERS and _names_a_title(text, c.start, c.end):
            continue
        sent = _index(starts, c.start)
        ctx.last_same_sentence = sent == last_sent
        r = _normalise(ctx, c, strict)
        for alt in c.alts if r is None else ():
            r = _normalise(ctx, alt, strict)
            if r is not None:
                c = alt
                break
        if r is None:
            continue
        start = r.start if r.start is not None else c.start
        end = r.end if r.end is not None else c.end
        if not (0 <= start < end <= len(text)):
            if strict:
                raise ValueError(f"bad span {start}-{end} for {c.m.group()!r}")
            continue
        tid = f"t{len(out) + 1}"
        out.append(Time(id=tid, start=start, end=end, text=text[start:end], type=r.type,
                        value=r.value, anchor=r.anchor))
        found.append(choose.Found(out[-1], c.rule, c.kind,
                                  _readings(ctx, c, r, start, end) if readings else {}))
        concrete = r.point and r.point[1] is not None and r.point[0] in _CONCRETE
        if r.ref and concrete and r.type in ("DATE", "TIME"):
            ctx.last = (r.point[0], r.point[1], tid)
            if reported is None or not reported(start, end):
                ctx.last_event = ctx.last
            last_sent = sent
            if r.point[0] == cal.QUARTER:
                ctx.last_quarter = (r.point[1], tid)
    if trace is not None:
        trace.extend(found)
    if use_model:
        try:
            return choose.apply(text, found, doc, model, dct=published, skip=skip)
        except Exception:  # noqa: BLE001 - the rules' answer stands
            if strict:
                raise
            log.warning("learned time choice skipped", exc_info=True)
    return out


_OPENERS = " \t\"'“‘(«"


def _names_a_title(text: str, start: int, end: int) -> bool:
    """'This Week', NBC's "Today": words that are lower case as times, written Title Case
    away from a sentence start, are a programme's or a column's name. Headlines, where
    every word is capitalised, are exempt."""
    words = [w for w in text[start:end].split() if w[:1].isalpha()]
    if not words or not all(w[0].isupper() for w in words):
        return False
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0 or text[i - 1] in ".!?:;\n—":
        return False  # a sentence (or a quotation) starts here
    ls, le = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    le = le if le >= 0 else len(text)
    # the other words of the line; a headline capitalises (nearly) all of them
    rest = [w.strip(_OPENERS + ".,") for w in (text[ls:start] + " " + text[end:le]).split()]
    rest = [w for w in rest if len(w) > 3 and w[:1].isalpha()]
    return len(rest) < 3 or sum(w[0].isupper() for w in rest) / len(rest) < 0.8


def _normalise(ctx: Context, c, strict: bool = False):
    """The candidate's normaliser, total unless strict: an error in one expression costs
    that expression (logged, skipped), never the article."""
    try:
        r = HANDLERS[c.kind](ctx, c, c.m)
        if r is not None and not (isinstance(r.value, str) and r.value):
            if strict:
                raise ValueError(f"empty value for {c.m.group()!r}")
            return None
        return r
    except Exception:  # noqa: BLE001 - one bad expression must not drop the article
        if strict:
            raise
        log.warning("time expression %r (%s) skipped", c.m.group(), c.kind, exc_info=True)
        return None


def _readings(ctx: Context, c, r, start: int, end: int) -> dict:
    """{value: (type, [how])}: the values the normaliser gives this expression when the
    governing verb's tense is taken as past, future, present or unknown, and when no
    earlier date of the story is known ('dct'); 'rules' marks the rules' own value."""
    out = {r.value: (r.type, ["rules"])}
    variants = [(t, replace(ctx, tense=lambda s, e, t=t: None if t == "unknown" else t))
                for t in ("past", "future", "present", "unknown")]
    variants.append(("dct", replace(ctx, last=None, last_event=None, last_quarter=None)))
    for how, ctx2 in variants:
        try:
            r2 = HANDLERS[c.kind](ctx2, c, c.m)
        except Exception:  # noqa: BLE001 - a reading that fails is no reading
            continue
        if r2 is None or not isinstance(r2.value, str) or not r2.value:
            continue
        span = (c.start if r2.start is None else r2.start, c.end if r2.end is None else r2.end)
        if span != (start, end):
            continue
        out.setdefault(r2.value, (r2.type, []))[1].append(how)
    return out


def _index(starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


def event_when(a, trigger) -> When:
    """The event's own date for its trigger token: explicit, inferred, or the publication date."""
    return _event_when(a, trigger)
