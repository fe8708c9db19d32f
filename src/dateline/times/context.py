"""What every normaliser shares: the result record, the document context (DCT,
tense, previous dates) and the calendar choices that depend on them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from . import calendar as cal
from .lexicon import MONTHS
from .tagger import Candidate


@dataclass
class Result:
    type: str
    value: str
    anchor: str = "published"
    start: Optional[int] = None  # a trimmed span, when the match was wider than the timex
    end: Optional[int] = None
    point: Optional[tuple] = None  # (granularity, date) for later anaphora
    ref: bool = True  # False for values derived from another timex: never a new reference


@dataclass
class Context:
    dct: Optional[date]
    text: str
    tense: Callable[[int, int], Optional[str]]
    doc: object = None
    last: Optional[tuple] = None  # (granularity, date, timex id) of the previous concrete date
    last_quarter: Optional[tuple] = None  # (date, timex id) of the previous quarter mention
    last_same_sentence: bool = False  # whether `last` is in the candidate's sentence
    last_event: Optional[tuple] = None  # like `last`, skipping dates of reporting ("said Friday")

    def token_at(self, char: int):
        """The spaCy token starting at (or containing) a character offset, or None."""
        if self.doc is None:
            return None
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


# --- helpers ---------------------------------------------------------------------------------


def duration_value(n, unit: str) -> str:
    """TIMEX3 duration value for n units (n None = unspecified)."""
    mult = {"DE": (10, "Y"), "CE": (100, "Y"), "WE": (2, "D"), "2W": (2, "W")}
    k, letter = mult.get(unit, (1, unit))
    if n is None:
        num = "X"
    else:
        v = n * k
        num = str(int(v)) if float(v).is_integer() else str(v)
    if letter in ("TS", "TM", "TH"):
        return f"PT{num}{letter[1]}"
    return f"P{num}{letter}"


def month_of(name: str) -> int:
    return MONTHS.get(name) or MONTHS.get(name.rstrip(".")) or MONTHS[name.rstrip(".") + "."]


_FUTURE_CUE = re.compile(r"\b(?:until|till|as\s+(?:soon|early)\s+as|scheduled\s+(?:for|on)|set\s+for|due|"
                         r"starting|beginning|next|by|deadline\s+of)\s+(?:on\s+|in\s+)?$", re.I)


def direction(ctx: Context, c: Candidate) -> Optional[str]:
    """past | future | present | None for the expression at c, from its verb and cue words."""
    t = ctx.tense(c.start, c.end)
    if t in ("future", "future_ish"):
        return "future"
    if t != "past" and _FUTURE_CUE.search(ctx.text[max(0, c.start - 24):c.start]):
        return "future"
    return t


def pick_year(ctx: Context, c: Candidate, month: int, day: Optional[int] = None) -> int:
    """Year of an underspecified month (and day), by the governing verb's tense.

    The tense picks the side of the DCT unless the other side is much nearer
    ("payable Dec. 7" in late October is this December whatever the verb); with no
    tense, the past side unless the future one is less than half as far.
    """
    dct = ctx.dct
    here = lambda y: date(y, month, min(day or 15, 28) if day else 15)  # noqa: E731
    back = dct.year if here(dct.year) <= dct else dct.year - 1
    fwd = dct.year if here(dct.year) >= dct else dct.year + 1
    db, df = (dct - here(back)).days, (here(fwd) - dct).days
    t = direction(ctx, c)
    # How much nearer the other side must be to overrule the tense: 8x for a month (the
    # tense of a clause naming a month is reliable, "planned for early March" aside), 2x
    # for a day. Calibrated on TempEval-3 TBAQ value accuracy (rerun `dateline eval timex`).
    ratio = 8 if day is None and t in ("past", "future") else 2
    if t == "future":
        return back if db * ratio < df else fwd
    # past, present or unknown: news reports what happened, so the past side by default
    return fwd if df * ratio < db else back


def resolve_weekday(ctx: Context, c: Candidate, wd: int, rel: Optional[str] = None) -> date:
    dct = ctx.dct
    diff = wd - dct.isoweekday()
    if rel == "last" or rel == "past" or rel == "previous":
        return dct + timedelta(days=diff - 7 if diff >= 0 else diff)
    if rel in ("next", "coming", "upcoming", "following"):
        return dct + timedelta(days=diff + 7 if diff <= 0 else diff)
    if rel == "this":
        return dct + timedelta(days=diff)
    if diff == 0:
        return dct
    t = direction(ctx, c)
    if t == "future":
        return dct + timedelta(days=diff if diff > 0 else diff + 7)
    if t == "past" or t is None:
        return dct + timedelta(days=diff if diff < 0 else diff - 7)
    # present tense: the nearest of the two
    back = diff if diff < 0 else diff - 7
    fwd = back + 7
    return dct + timedelta(days=back if -back <= fwd else fwd)


def derived(r: Result) -> Result:
    r.ref = False
    return r


def date_result(gran: str, d: Optional[date], anchor: str, typ: str = "DATE", suffix: str = "") -> Result:
    return Result(typ, cal.fmt(gran, d) + suffix, anchor, point=(gran, d) if d else None)


def quarter_year(ctx: Context, c: Candidate, q: int) -> int:
    """Year of 'the third quarter': the latest such quarter not after the DCT's, unless future."""
    dct = ctx.dct
    dq = (dct.month - 1) // 3 + 1
    if q <= dq:
        return dct.year
    return dct.year if direction(ctx, c) == "future" else dct.year - 1


def year_from(ctx: Context, m, default: Optional[int]) -> Optional[int]:
    y = m.groupdict().get("y")
    if y:
        return int(y)
    y2 = m.groupdict().get("y2")
    if y2:
        return 1900 + int(y2) if int(y2) > 30 else 2000 + int(y2)
    yrel = m.groupdict().get("yrel")
    if yrel and ctx.dct:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}.get(yrel.split()[-1].lower(), -1)
    return default


class Groups:
    """Match groups by name, None for a group the pattern does not have."""

    def __init__(self, m):
        self._d = m.groupdict()
        self._m = m

    def __getitem__(self, k):
        return self._d.get(k)

    def groupdict(self):
        return self._d

    def group(self, *a):
        return self._m.group(*a)

    def start(self, k):
        return self._m.start(k)


# --- handlers --------------------------------------------------------------------------------


RANKS = [cal.DAY, cal.WEEKEND, cal.WEEK, cal.MONTH, cal.QUARTER, cal.HALF, cal.YEAR, cal.DECADE, cal.CENTURY]


def rank(g: str) -> int:
    return RANKS.index(g) if g in RANKS else 0
