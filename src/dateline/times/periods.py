"""Business periods: quarters, halves and fiscal years, with the earnings-report
conventions of TimeBank ("the latest quarter", "a year earlier")."""

from __future__ import annotations

import re
from datetime import date

from . import calendar as cal
from .lexicon import MONTH_ANY, ORDINALS, number
from .context import (
    Result, month_of, pick_year, derived, date_result, quarter_year, year_from, Groups)


_QUARTER_ENDED = re.compile(rf"\s+end(?:ed|ing)\s+(?P<mon>{MONTH_ANY})")


def h_quarter(ctx, c, m):
    r = _quarter(ctx, c, Groups(m))
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
        mon = month_of(ended["mon"])
        y = pick_year(ctx, c, mon, 1)
        return date_result(cal.QUARTER, date(y, mon, 1), "published")
    if not o and not k and not m["y"] and not m["yrel"]:
        # "the quarter": the one under discussion, else the last completed one
        if ctx.last_quarter:
            d, tid = ctx.last_quarter
            return date_result(cal.QUARTER, d, tid)
        if ctx.dct is None:
            return Result("DATE", "XXXX-QX", "none")
        return date_result(cal.QUARTER, cal.shift(ctx.dct, "Q", -1), "published")
    if o:
        q = ORDINALS.get(o) or int(o[0])
        if q > 4:
            return None
        y = year_from(ctx, m, None)
        if y is None:
            if ctx.dct is None:
                return Result("DATE", f"XXXX-Q{q}", "none")
            y = quarter_year(ctx, c, q)
            if k in ("year-earlier", "year-ago", "last", "previous"):
                return derived(date_result(cal.QUARTER, date(y - 1, 3 * q - 2, 1), "published"))
            return date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "published")
        return date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "none" if m["y"] else "published")
    if ctx.dct is None:
        return Result("DATE", "XXXX-QX", "none")
    base = ctx.last_quarter[0] if ctx.last_quarter else cal.shift(ctx.dct, "Q", -1)
    anchor = ctx.last_quarter[1] if ctx.last_quarter else "published"
    if k in ("this", "current") and not ctx.last_quarter:
        return date_result(cal.QUARTER, ctx.dct, "published")
    if k in ("latest", "recent", "most recent", "same", "comparable", "this", "current"):
        return date_result(cal.QUARTER, base, anchor)
    if k in ("year-earlier", "year-ago"):
        return derived(date_result(cal.QUARTER, cal.shift(base, "Y", -1), anchor))
    shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "current": 0, "this": 0,
             "final": 0}.get(k, 0)
    if k == "final":
        return date_result(cal.QUARTER, date(ctx.dct.year, 10, 1), "published")
    return date_result(cal.QUARTER, cal.shift(ctx.dct, "Q", shift), "published")


def h_qn(ctx, c, m):
    q = int(m["o"])
    y = year_from(ctx, m, None)
    if y is None:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-Q{q}", "none")
        return date_result(cal.QUARTER, date(quarter_year(ctx, c, q), 3 * q - 2, 1), "published")
    return date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "none")


def h_half(ctx, c, m):
    h = 1 if m["o"].lower() == "first" else 2
    y = year_from(ctx, m, ctx.dct.year if ctx.dct else None)
    if y is None:
        return Result("DATE", f"XXXX-H{h}", "none")
    return date_result(cal.HALF, date(y, 6 * h - 5, 1), "none" if m["y"] else "published")


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
        return derived(date_result(cal.QUARTER, cal.shift(d, "Y", -1), tid))
    if u == "quarter":
        return date_result(cal.QUARTER, cal.shift(cal.shift(ctx.dct, "Q", -1), "Y", -1), "published")
    gran = {"month": cal.MONTH, "week": cal.WEEK}.get(u, cal.YEAR)
    return date_result(gran, cal.shift(ctx.dct, "Y", -1), "published")


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
        return date_result(cal.YEAR, date(y, 1, 1), "none") if y else None
    if y is None:
        return Result("DATE", f"XXXX-Q{q}", "none")
    return date_result(cal.QUARTER, date(y, 3 * q - 2, 1), "none" if m["y"] else "published")


def h_theyear(ctx, c, m):
    k = " ".join((m["k"] or "").lower().split())
    xs, xe = m.start("x"), m.end("x")
    if m["ended"]:
        return Result("DURATION", "P1Y", "none", start=xs, end=xe)
    if ctx.dct is None:
        return None
    if k in ("full", "current", "full fiscal") or (m["pre"] and not k) or m["mod"]:
        return Result("DATE", str(ctx.dct.year), "published", start=xs, end=xe,
                      point=(cal.YEAR, ctx.dct))
    return None


def h_yearend(ctx, c, m):
    if ctx.dct is None:
        return Result("DATE", "XXXX", "none")
    return date_result(cal.YEAR, ctx.dct, "published")


_SAME_GRAN = {"month": cal.MONTH, "week": cal.WEEK, "day": cal.DAY, "quarter": cal.QUARTER}


def h_sameago(ctx, c, m):
    """'the same period last year', 'the quarter a year ago': the period under discussion, a year back."""
    u = m["u"].lower()
    if u == "quarter" and ctx.last_quarter:
        gran, d, anchor = cal.QUARTER, ctx.last_quarter[0], ctx.last_quarter[1]
    elif ctx.last is not None:
        gran, d, anchor = ctx.last[0], ctx.last[1], ctx.last[2]
        gran = _SAME_GRAN.get(u, gran)
    elif ctx.dct is not None:
        gran, d, anchor = _SAME_GRAN.get(u, cal.QUARTER), ctx.dct, "published"
    else:
        return Result("DATE", "XXXX", "none")
    return derived(date_result(gran, cal.shift(d, "Y", -1), anchor))
