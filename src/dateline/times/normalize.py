"""TIMEX3 type and value of each candidate, anchored on the publication date (DCT),
the governing verb's tense, or the previous time expression in the story."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from . import calendar as cal
from .lexicon import (MONTH_ANY, FLOATING, HOLIDAYS, MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, SETS, WEEKDAYS,
                      number, unit_code)
from .tagger import Candidate

_DUR_LETTER = {"TS": "TS", "TM": "TM", "TH": "TH", "D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y"}


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

    def token_at(self, char: int):
        """The spaCy token starting at (or containing) a character offset, or None."""
        if self.doc is None:
            return None
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


# --- helpers ---------------------------------------------------------------------------------


def _dur(n, unit: str) -> str:
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


def _month_of(name: str) -> int:
    return MONTHS.get(name) or MONTHS.get(name.rstrip(".")) or MONTHS[name.rstrip(".") + "."]


_FUTURE_CUE = re.compile(r"\b(?:until|till|as\s+(?:soon|early)\s+as|scheduled\s+(?:for|on)|set\s+for|due|"
                         r"starting|beginning|next|by|deadline\s+of)\s+(?:on\s+|in\s+)?$", re.I)


def _direction(ctx: Context, c: Candidate) -> Optional[str]:
    """past | future | present | None for the expression at c, from its verb and cue words."""
    t = ctx.tense(c.start, c.end)
    if t in ("future", "future_ish"):
        return "future"
    if t != "past" and _FUTURE_CUE.search(ctx.text[max(0, c.start - 24):c.start]):
        return "future"
    return t


def _pick_year_for(ctx: Context, c: Candidate, month: int, day: Optional[int] = None) -> int:
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
    t = _direction(ctx, c)
    # How much nearer the other side must be to overrule the tense: 8x for a month (the
    # tense of a clause naming a month is reliable, "planned for early March" aside), 2x
    # for a day. Calibrated on TempEval-3 TBAQ value accuracy (rerun `dateline eval timex`).
    ratio = 8 if day is None and t in ("past", "future") else 2
    if t == "future":
        return back if db * ratio < df else fwd
    # past, present or unknown: news reports what happened, so the past side by default
    return fwd if df * ratio < db else back


def _weekday(ctx: Context, c: Candidate, wd: int, rel: Optional[str] = None) -> date:
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
    t = _direction(ctx, c)
    if t == "future":
        return dct + timedelta(days=diff if diff > 0 else diff + 7)
    if t == "past" or t is None:
        return dct + timedelta(days=diff if diff < 0 else diff - 7)
    # present tense: the nearest of the two
    back = diff if diff < 0 else diff - 7
    fwd = back + 7
    return dct + timedelta(days=back if -back <= fwd else fwd)


def _derived(r: Result) -> Result:
    r.ref = False
    return r


def _date_result(gran: str, d: Optional[date], anchor: str, typ: str = "DATE", suffix: str = "") -> Result:
    return Result(typ, cal.fmt(gran, d) + suffix, anchor, point=(gran, d) if d else None)


def _quarter_year(ctx: Context, c: Candidate, q: int) -> int:
    """Year of 'the third quarter': the latest such quarter not after the DCT's, unless future."""
    dct = ctx.dct
    dq = (dct.month - 1) // 3 + 1
    if q <= dq:
        return dct.year
    return dct.year if _direction(ctx, c) == "future" else dct.year - 1


def _year_from(ctx: Context, m, default: Optional[int]) -> Optional[int]:
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


class _Groups:
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


def h_full(ctx, c, m):
    if c.kind in ("iso", "us"):
        mon = int(m["m"])
    else:
        mon = _month_of(m["mon"])
    try:
        d = date(int(m["y"]), mon, int(m["d"]))
    except ValueError:
        return None
    return _date_result(cal.DAY, d, "none")


def h_md(ctx, c, m):
    mon = _month_of(m["mon"])
    day = int(m["d"])
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{mon:02d}-{day:02d}", "none")
    y = _pick_year_for(ctx, c, mon, day)
    try:
        return _date_result(cal.DAY, date(y, mon, day), "published")
    except ValueError:
        return None


def h_my(ctx, c, m):
    return _date_result(cal.MONTH, date(int(m["y"]), _month_of(m["mon"]), 1), "none")


_MAY_CUES = re.compile(r"(?:\b(?:in|since|until|till|by|last|next|this|early|late|mid|of|from|through|"
                       r"before|after|during|and|or|to|between|end|beginning|middle)\W*$)", re.I)


def h_month(ctx, c, m):
    name = m["mon"]
    if name in ("May", "March") and not m["mod"]:
        before = ctx.text[max(0, c.start - 16):c.start]
        if not _MAY_CUES.search(before):
            return None
    mon = _month_of(name)
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{mon:02d}", "none")
    return _date_result(cal.MONTH, date(_pick_year_for(ctx, c, mon), mon, 1), "published")


def h_clock(ctx, c, m):
    m = _Groups(m)
    h = m["h"].lower()
    if h in ("noon", "midday"):
        hh, mi = 12, 0
    elif h == "midnight":
        hh, mi = 24, 0
    else:
        hh, mi = int(h), int(m["mi"] or 0)
        if hh > 12:
            return None
        ap = m["ap"].lower()
        if ap.startswith("p") and hh < 12:
            hh += 12
        if ap.startswith("a") and hh == 12:
            hh = 0
    day = None
    anchor = "published"
    dw = (m["day"] or "").lower()
    if m["mon"]:
        md = h_md(ctx, c, m)
        return Result("TIME", (md.value if md else "XXXX-XX-XX") + f"T{hh:02d}:{mi:02d}", md.anchor if md else "none")
    if ctx.dct is not None:
        if dw in ("today", ""):
            day = ctx.dct
            if not dw and ctx.last and ctx.last[0] == cal.DAY and ctx.last[1] and ctx.last_same_sentence:
                day, anchor = ctx.last[1], ctx.last[2]
        elif dw == "yesterday":
            day = ctx.dct - timedelta(1)
        elif dw == "tomorrow":
            day = ctx.dct + timedelta(1)
        else:
            day = _weekday(ctx, c, WEEKDAYS[m["day"].capitalize()])
    base = day.isoformat() if day else "XXXX-XX-XX"
    tail = f"T{hh:02d}:{mi:02d}"
    return Result("TIME", base + tail, anchor, point=(cal.DAY, day) if day else None)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def h_decade(ctx, c, m):
    dec = m["dec"].lower()
    if dec[0].isdigit():
        return Result("DATE", dec[:3], "none")
    if dec.startswith("'"):
        d = int(dec[1])
        century = 19 if d > 2 else 20
        return Result("DATE", f"{century}{d}", "published")
    d = _DECADE_WORDS[dec]
    return Result("DATE", f"19{d}", "published")


def h_century(ctx, c, m):
    o = m["o"].lower()
    n = ORDINALS.get(o) or int(re.match(r"\d+", o)[0])
    return Result("DATE", f"{n - 1:02d}", "none")


_QUARTER_ENDED = re.compile(rf"\s+end(?:ed|ing)\s+(?P<mon>{MONTH_ANY})", )


def h_quarter(ctx, c, m):
    r = _quarter(ctx, c, _Groups(m))
    if r is not None and m.groupdict().get("the") and re.search(r"\w-quarter$", m.group()):
        r.start = c.start + len(m["the"])  # "the third-quarter loss": "the" belongs to the noun
    return r


def _quarter(ctx, c, m):
    k = " ".join((m["k"] or "").lower().split())
    o = (m["o"] or "").lower()
    if k in ("first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "final") and not o:
        o, k = ("fourth" if k == "final" else k), ""
    if not (m["the"] or k or o or m["y"] or m["yrel"]):
        return None
    ended = _QUARTER_ENDED.match(ctx.text, c.end)
    if ended and not o and not m["y"] and ctx.dct is not None:
        # "the quarter ended Sept. 30": the quarter holding that date
        mon = _month_of(ended["mon"])
        y = _pick_year_for(ctx, c, mon, 1)
        return _date_result(cal.QUARTER, date(y, mon, 1), "published")
    if not o and not k and not m["y"] and not m["yrel"]:
        # "the quarter": the one under discussion, else the last completed one
        if ctx.last_quarter:
            d, tid = ctx.last_quarter
            return _date_result(cal.QUARTER, d, tid)
        if ctx.dct is None:
            return Result("DATE", "XXXX-QX", "none")
        return _date_result(cal.QUARTER, cal.shift(ctx.dct, "Q", -1), "published")
    if o:
        q = ORDINALS.get(o) or int(o[0])
        if q > 4:
            return None
        y = _year_from(ctx, m, None)
        if y is None:
            if ctx.dct is None:
                return Result("DATE", f"XXXX-Q{q}", "none")
            y = _quarter_year(ctx, c, q)
            if k in ("year-earlier", "year-ago", "last", "previous"):
                return _derived(_date_result(cal.QUARTER, date(y - 1, 3 * q - 2, 1), "published"))
            return _date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "published")
        return _date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "none" if m["y"] else "published")
    if ctx.dct is None:
        return Result("DATE", "XXXX-QX", "none")
    base = ctx.last_quarter[0] if ctx.last_quarter else cal.shift(ctx.dct, "Q", -1)
    anchor = ctx.last_quarter[1] if ctx.last_quarter else "published"
    if k in ("this", "current") and not ctx.last_quarter:
        return _date_result(cal.QUARTER, ctx.dct, "published")
    if k in ("latest", "recent", "most recent", "same", "comparable", "this", "current"):
        return _date_result(cal.QUARTER, base, anchor)
    if k in ("year-earlier", "year-ago"):
        return _derived(_date_result(cal.QUARTER, cal.shift(base, "Y", -1), anchor))
    shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "current": 0, "this": 0,
             "final": 0}.get(k, 0)
    if k == "final":
        return _date_result(cal.QUARTER, date(ctx.dct.year, 10, 1), "published")
    return _date_result(cal.QUARTER, cal.shift(ctx.dct, "Q", shift), "published")


def h_qn(ctx, c, m):
    q = int(m["o"])
    y = _year_from(ctx, m, None)
    if y is None:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-Q{q}", "none")
        return _date_result(cal.QUARTER, date(_quarter_year(ctx, c, q), 3 * q - 2, 1), "published")
    return _date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "none")


def h_half(ctx, c, m):
    h = 1 if m["o"].lower() == "first" else 2
    y = _year_from(ctx, m, ctx.dct.year if ctx.dct else None)
    if y is None:
        return Result("DATE", f"XXXX-H{h}", "none")
    return _date_result(cal.HALF, date(y, 6 * h - 5, 1), "none" if m["y"] else "published")


def h_yearago(ctx, c, m):
    r = _yearago(ctx, c, m)
    if not m["u"] and m.group()[:4].lower() == "the ":
        r.start = m.start("k")  # "the year-earlier results": "the" belongs to the noun
    return r


def _yearago(ctx, c, m):
    if ctx.dct is None:
        return Result("DATE", "XXXX", "none")
    u = (m["u"] or "").lower()
    if "months" in u:
        n = number(u.split()[0])
        return Result("DURATION", f"P{n}M", "none")
    if ctx.last_quarter and u in ("", "quarter", "period"):
        d, tid = ctx.last_quarter
        return _derived(_date_result(cal.QUARTER, cal.shift(d, "Y", -1), tid))
    if u == "quarter":
        return _date_result(cal.QUARTER, cal.shift(cal.shift(ctx.dct, "Q", -1), "Y", -1), "published")
    gran = {"month": cal.MONTH, "week": cal.WEEK}.get(u, cal.YEAR)
    return _date_result(gran, cal.shift(ctx.dct, "Y", -1), "published")


def h_fiscal(ctx, c, m):
    y = m["y"]
    y = int(y) if y[0] != "'" else (1900 + int(y[1:]) if int(y[1:]) > 30 else 2000 + int(y[1:]))
    return _date_result(cal.YEAR, date(y, 1, 1), "none")


_YEAR_PREV = re.compile(r"(?:\b(?:in|since|of|by|until|till|from|through|to|during|before|after|and|or|"
                        r"between|than|year|fiscal|early|late|mid|around|circa|end|the|'s|for|until|as|"
                        r"about|that)\W*$)", re.I)


def h_year(ctx, c, m):
    if not m["mod"]:
        tok = ctx.token_at(c.start)
        ok = tok is not None and tok.ent_type_ == "DATE"
        if not ok and not _YEAR_PREV.search(ctx.text[max(0, c.start - 12):c.start]):
            return None
        if tok is not None and tok.dep_ == "nummod" and tok.ent_type_ != "DATE":
            return None
        if tok is not None and (tok.i + 1 < len(tok.doc)) and tok.doc[tok.i + 1].lower_ in ("people", "troops", "dollars", "men", "women", "members"):
            return None
    y = int(m["y"])
    return _date_result(cal.YEAR, date(y, 1, 1), "none")


def h_season(ctx, c, m):
    s = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if not (rel or m["y"] or m["mod"]):
        before = ctx.text[max(0, c.start - 12):c.start].lower()
        if not re.search(r"\b(?:in|during|this|by|until|the|since|over)\s+(?:the\s+)?$", before):
            return None
    y = _year_from(ctx, m, None)
    anchor = "none" if y else "published"
    if y is None:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-{s}", "none")
        y = ctx.dct.year
        if rel in ("last", "past", "previous"):
            y -= 1
            if s == "WI" and ctx.dct.month <= 2:
                y -= 0
        elif rel in ("next", "coming"):
            y += 1
        elif not rel:
            t = _direction(ctx, c)
            start_m = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[s]
            if t == "past" and start_m > ctx.dct.month:
                y -= 1
            elif t == "future" and start_m + 2 < ctx.dct.month:
                y += 1
    return Result("DATE", f"{y}-{s}", anchor, point=(cal.YEAR, date(y, 1, 1)))


def _nth_weekday(y: int, month: int, wd: int, nth: int) -> date:
    if nth > 0:
        d = date(y, month, 1)
        d += timedelta(days=(wd - d.isoweekday()) % 7)
        return d + timedelta(weeks=nth - 1)
    d = cal.add_months(date(y, month, 1), 1) - timedelta(1)
    return d - timedelta(days=(d.isoweekday() - wd) % 7)


def h_holiday(ctx, c, m):
    name = " ".join(m["hol"].split())
    y = int(m["y"]) if m["y"] else None
    if y is None and ctx.dct is None:
        md = HOLIDAYS.get(name)
        return Result("DATE", f"XXXX-{md}" if md else "XXXX-XX-XX", "none")
    if name in HOLIDAYS:
        mo, dd = map(int, HOLIDAYS[name].split("-"))
        if y is None:
            y = _pick_year_for(ctx, c, mo, dd)
        return _date_result(cal.DAY, date(y, mo, dd), "none" if m["y"] else "published")
    mo, wd, nth, *offset = FLOATING[name]
    if y is None:
        y = _pick_year_for(ctx, c, mo, 15)
    d = _nth_weekday(y, mo, wd, nth) + timedelta(days=offset[0] if offset else 0)
    return _date_result(cal.DAY, d, "none" if m["y"] else "published")


def h_relnum(ctx, c, m):
    n_txt = m["n"]
    n = number(n_txt)
    u = unit_code(m["u"])
    rel = m["rel"].lower()
    if n is None and rel in ("past", "last") and m["the"] is None and m["lim"] is None:
        pass
    val = _dur(n, u)
    return Result("DURATION", val, "none")


def h_ago(ctx, c, m):
    n = number(m["n"]) if m["n"] else None
    u = unit_code(m["u"])
    d_ = m["dir"].lower()
    sign = 1 if d_ in ("later", "from now", "hence") else -1
    if n is None or not float(n).is_integer():
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "published")
    n = int(n)
    gran = cal.UNIT_GRAN.get(u, cal.DAY)
    if u in ("TS", "TM", "TH"):
        return Result("DURATION", _dur(n, u), "none")
    if d_ in ("earlier", "later") and ctx.last is not None:
        g0, d0, tid = ctx.last
        if ctx.last_quarter and u == "Y" and ctx.last_quarter[1] == tid:
            return _derived(_date_result(cal.QUARTER, cal.shift(ctx.last_quarter[0], "Y", sign * n), tid))
        g = gran if _rank(gran) >= _rank(g0) else g0
        r = _date_result(g, cal.shift(d0, u, sign * n), tid)
        r.ref = False
        return r
    if ctx.dct is None:
        return Result("DATE", cal.fmt(gran, None), "none")
    if u == "Y" and ctx.last_quarter and sign < 0:
        return _derived(_date_result(cal.QUARTER, cal.shift(ctx.last_quarter[0], "Y", -n), "published"))
    return _date_result(gran, cal.shift(ctx.dct, u, sign * n), "published")


_RANKS = [cal.DAY, cal.WEEKEND, cal.WEEK, cal.MONTH, cal.QUARTER, cal.HALF, cal.YEAR, cal.DECADE, cal.CENTURY]


def _rank(g: str) -> int:
    return _RANKS.index(g) if g in _RANKS else 0


_DUR_PREP = re.compile(r"\b(?:for|in|within|over|than|about|nearly|almost|least|just|only|past|last|"
                       r"after|lasted|lasting|take|takes|took|spent|spend|up\s+to|under|around|some|roughly|another|extra|additional|"
                       r"as|barely|him|them|her|us)\s+$", re.I)
_SET_PREV = re.compile(r"(?:\d|%|\btimes|\bonce|\btwice|\bdollars|\bcents|\bmillion|\bbillion|\bpeople|\bjobs)\s+$", re.I)


def h_dur(ctx, c, m):
    n_txt = m["n"].lower()
    u = unit_code(m["u"])
    n = number(n_txt)
    start = c.start
    if n_txt in ("a", "an") and not m["the"] and not m["ord"] and not m["lim"]:
        before = ctx.text[max(0, c.start - 20):c.start]
        if _SET_PREV.search(before):
            return Result("SET", _dur(1, u), "none")
        if not _DUR_PREP.search(before) and not m["half"] and not ("-" in m.group()):
            return None
    if n_txt in ("some", "many", "few") and not m["ord"]:
        return None
    if m["old"] == "old" or re.match(r"\s+old\b", ctx.text[c.end:c.end + 5]):
        return None  # an age, which TimeML does not mark
    if m["half"] and n is not None:
        n += 0.5
    if m["lim"] and m["lim"].lower() not in ("more than", "less than", "up to"):
        start = m.start("n") if not (m["the"] or m["ord"]) else m.start("the") if m["the"] else m.start("ord")
    if m["the"] and not m["ord"] and "-" in m.group()[m.start("n") - c.start:]:
        start = m.start("n")  # "the six-week ceasefire": "the" belongs to the noun
    if n is None and u == "D" and m["u"].lower().startswith("night"):
        pass
    if m["u"].lower().startswith("night"):
        u = "D"
    return Result("DURATION", _dur(n, u), "none", start=start)


def h_plural(ctx, c, m):
    pre = " ".join(m["pre"].lower().split())
    u = unit_code(m["u"])
    if pre == "recent":
        if u == "Y":
            return Result("DATE", "PAST_REF", "published")
        return Result("DURATION", _dur(None, u), "none")
    if pre in ("the coming", "coming", "the next"):
        return Result("DATE", "FUTURE_REF", "published")
    if pre in ("the past", "the last", "past"):
        return Result("DURATION", _dur(None, u), "none")
    return Result("DURATION", _dur(None, u), "none", start=m.start("u"))


def h_rel(ctx, c, m):
    rel = " ".join(m["rel"].lower().split())
    rel = {"this past": "last", "this coming": "next"}.get(rel, rel)
    u = " ".join(m["u"].lower().split())
    pre = (m["pre"] or "").strip().lower()
    the = bool(m["the"])
    if rel == "past" or (the and rel == "last" and u not in ("weekend",) and not m["mon"] and not m["wd"]):
        if u in ("week", "month", "year", "decade", "century", "fiscal year", "weekend"):
            code = unit_code(u.split()[-1])
            return Result("DURATION", _dur(1, code), "none")
    is_unit = not (m["mon"] or m["wd"] or m["s"] or m["pod"])
    if is_unit and (rel in ("same", "following") or (the and rel in ("next", "previous"))):
        return _anaphoric(ctx, c, u, {"same": 0, "following": 1, "next": 1, "previous": -1}[rel])
    if rel == "current" and u not in ("week", "month", "year", "decade", "century", "fiscal year"):
        return None
    if ctx.dct is None:
        if m["mon"]:
            return Result("DATE", f"XXXX-{_month_of(m['mon']):02d}", "none")
        if m["wd"]:
            return Result("DATE", f"XXXX-WXX-{WEEKDAYS[m['wd']]}", "none")
        return Result("DATE", "XXXX", "none")
    dct = ctx.dct
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1, "upcoming": 1, "this": 0, "current": 0,
            "following": 1, "same": 0}[rel]
    if m["mon"]:
        mon = _month_of(m["mon"])
        y = dct.year
        if step < 0:
            y = y if mon < dct.month else y - 1
        elif step > 0:
            y = y if mon > dct.month else y + 1
        return _date_result(cal.MONTH, date(y, mon, 1), "published")
    if m["wd"]:
        return _date_result(cal.DAY, _weekday(ctx, c, WEEKDAYS[m["wd"]], rel), "published")
    if m["s"]:
        s = SEASONS[m["s"].lower()]
        return Result("DATE", f"{dct.year + step}-{s}", "published", point=(cal.YEAR, date(dct.year + step, 1, 1)))
    if m["pod"]:
        pod = PARTS_OF_DAY[m["pod"].lower()]
        if rel == "last" and pod == "NI":
            d = dct - timedelta(1)
        elif rel == "this":
            d = dct
        else:
            return None
        return Result("TIME", f"{d.isoformat()}T{pod}", "published", point=(cal.DAY, d))
    code = unit_code(u.split()[-1])
    gran = cal.UNIT_GRAN[code]
    return _date_result(gran, cal.shift(dct, code, step), "published")


def _anaphoric(ctx, c, u: str, step: int):
    """'the next day', 'that week', 'the day before': the previous concrete date moved by step."""
    if u in ("morning", "afternoon", "evening", "night"):
        if ctx.last is None or ctx.last[0] != cal.DAY:
            return None
        g0, d0, tid = ctx.last
        d = d0 + timedelta(step)
        return Result("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[u]}", tid, point=(cal.DAY, d))
    code = unit_code(u.split()[-1])
    gran = cal.UNIT_GRAN[code]
    if ctx.last is None:
        if ctx.dct is None:
            return Result("DATE", cal.fmt(gran, None), "none")
        return _date_result(gran, cal.shift(ctx.dct, code, step), "published")
    g0, d0, tid = ctx.last
    if _rank(gran) < _rank(g0) and step == 0:
        gran = g0
    return _date_result(gran, cal.shift(d0, code, step), tid)


def h_anaph(ctx, c, m):
    u = m["u"].lower()
    k = (m["k"] or "").lower()
    d_ = (m["dir"] or "").lower()
    if m["that"]:
        if u in ("morning", "afternoon", "evening", "night") and ctx.last is None:
            return None
        return _anaphoric(ctx, c, u, 0)
    if k:
        step = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1, "same": 0}[k]
        return _anaphoric(ctx, c, u, step)
    if d_:
        return _anaphoric(ctx, c, u, -1 if d_ in ("before", "earlier") else 1)
    if u == "weekend":  # "the weekend": the one just past, or this one when the DCT is in it
        if ctx.dct is None:
            return Result("DATE", "XXXX-WXX-WE", "none")
        d = ctx.dct
        if d.isoweekday() < 6:
            d = d - timedelta(days=d.isoweekday()) if _direction(ctx, c) != "future" else d
        return _date_result(cal.WEEKEND, d, "published")
    return None


def h_pod(ctx, c, m):
    rel = m["rel"].lower()
    pod = PARTS_OF_DAY[m["pod"].lower()]
    if rel in ("early", "late", "mid"):
        base = ctx.last[1] if ctx.last and ctx.last[0] == cal.DAY and ctx.last_same_sentence else ctx.dct
        anchor = ctx.last[2] if base is not ctx.dct and ctx.last else "published"
        if base is None:
            return Result("TIME", f"XXXX-XX-XXT{pod}", "none")
        return Result("TIME", f"{base.isoformat()}T{pod}", anchor, point=(cal.DAY, base))
    if rel == "that":
        return _anaphoric(ctx, c, m["pod"].lower(), 0)
    if ctx.dct is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}", "none")
    shift = {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[rel]
    if rel == "last" and pod != "NI":
        return None
    d = ctx.dct + timedelta(shift)
    return Result("TIME", f"{d.isoformat()}T{pod}", "published", point=(cal.DAY, d))


def h_weekday(ctx, c, m):
    wd = WEEKDAYS[m["wd"]]
    pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else None
    if m["pl"]:
        return Result("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), "none")
    if ctx.dct is None:
        return Result("TIME" if pod else "DATE", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), "none")
    d = _weekday(ctx, c, wd)
    if pod:  # TimeBank marks "Wednesday night" as a DATE more often than a TIME
        return _date_result(cal.DAY, d, "published", suffix=f"T{pod}")
    return _date_result(cal.DAY, d, "published")


def h_set(ctx, c, m):
    if m.groupdict().get("w"):
        return Result("SET", SETS[m["w"].lower()], "none")
    if m["wd"]:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[m['wd']]}", "none")
    u = unit_code(m["u"])
    n = number(m["n"]) if m["n"] else 1
    if m["other"]:
        n = 2
    return Result("SET", _dur(n, u), "none")


_DEICTIC = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
            "these days": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
            "recently": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF"}


def h_deictic(ctx, c, m):
    w = " ".join(m["w"].lower().split())
    r = _deictic(ctx, w)
    pre = (m["pre"] or "").lower()
    if pre and not (pre == "right" and w == "now") and not (pre in ("late", "early") and w in ("yesterday", "today", "tomorrow")):
        r.start = m.start("w")  # "right today": the modifier is not part of the timex
    return r


def _deictic(ctx, w):
    if w.endswith(" term"):
        return Result("DATE", "FUTURE_REF", "published")
    if w in _DEICTIC:
        return Result("DATE", _DEICTIC[w], "published")
    if w.endswith("future"):
        return Result("DATE", "FUTURE_REF", "published")
    if w in ("tonight", "overnight"):
        d = ctx.dct if w == "tonight" or ctx.dct is None else ctx.dct - timedelta(1)
        return Result("TIME", (d.isoformat() if d else "XXXX-XX-XX") + "TNI", "published",
                      point=(cal.DAY, d) if d else None)
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[w]
    if ctx.dct is None:
        return Result("DATE", "XXXX-XX-XX", "none")
    return _date_result(cal.DAY, ctx.dct + timedelta(shift), "published")


def h_yq(ctx, c, m):
    """'the 1988 second quarter', 'the 1988 period', "this year's third quarter"."""
    y = int(m["y"]) if m["y"] else (ctx.dct.year if ctx.dct else None)
    if y and m["yrel"]:
        y += {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
    if m["o"]:
        q = ORDINALS.get(m["o"].lower())
    elif ctx.last_quarter:
        q = (ctx.last_quarter[0].month - 1) // 3 + 1
    else:
        return _date_result(cal.YEAR, date(y, 1, 1), "none") if y else None
    if y is None:
        return Result("DATE", f"XXXX-Q{q}", "none")
    return _date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "none" if m["y"] else "published")


def h_wmd(ctx, c, m):
    mon = _month_of(m["mon"])
    day = int(m["d"])
    if m["y"]:
        y, anchor = int(m["y"]), "none"
    elif ctx.dct is None:
        return Result("DATE", f"XXXX-{mon:02d}-{day:02d}", "none")
    else:
        anchor = "published"
        y = ctx.dct.year
        # the weekday settles the year when the tense does not
        for cand in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            try:
                if date(cand, mon, day).isoweekday() == WEEKDAYS[m["wd"]]:
                    y = cand
                    break
            except ValueError:
                return None
    try:
        return _date_result(cal.DAY, date(y, mon, day), anchor)
    except ValueError:
        return None


def h_spoken(ctx, c, m):
    words = m["w"].lower().replace("-", " ").split()
    if words[0] == "two":
        rest = [w for w in words[2:] if w != "and"]
        y = 2000 + (number(rest[0]) if rest else 0)
    else:
        rest = [w for w in words[1:] if w not in ("hundred", "and")]
        tail = number(" ".join(rest)) if rest else 0
        if tail is None:
            return None
        y = 1900 + tail
    return _date_result(cal.YEAR, date(y, 1, 1), "none")


def h_theyear(ctx, c, m):
    k = " ".join((m["k"] or "").lower().split())
    xs, xe = m.start("x"), m.end("x")
    if m["ended"]:
        return Result("DURATION", "P1Y", "none", start=xs, end=xe)
    if ctx.dct is None:
        return None
    if k in ("full", "current", "full fiscal") or (m["pre"] and not k):
        return Result("DATE", str(ctx.dct.year), "published", start=xs, end=xe,
                      point=(cal.YEAR, ctx.dct))
    return None


def h_yearend(ctx, c, m):
    if ctx.dct is None:
        return Result("DATE", "XXXX", "none")
    return _date_result(cal.YEAR, ctx.dct, "published")


HANDLERS = {
    "mdy": h_full, "dmy": h_full, "iso": h_full, "us": h_full, "md": h_md, "dm": h_md,
    "my": h_my, "m": h_month, "clock": h_clock, "decade": h_decade, "century": h_century,
    "quarter": h_quarter, "qn": h_qn, "half": h_half, "yearago": h_yearago, "fiscal": h_fiscal,
    "year": h_year, "season": h_season, "holiday": h_holiday, "relnum": h_relnum, "ago": h_ago,
    "dur": h_dur, "plural": h_plural, "rel": h_rel, "anaph": h_anaph, "pod": h_pod,
    "weekday": h_weekday, "set": h_set, "deictic": h_deictic, "wmd": h_wmd, "spoken": h_spoken,
    "theyear": h_theyear, "yq": h_yq, "yearend": h_yearend,
}
