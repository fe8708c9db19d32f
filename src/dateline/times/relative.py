"""Expressions resolved against the DCT or the previous date in the story:
"last week", "Friday", "two days later", "the next day", "now"."""

from __future__ import annotations

from datetime import date, timedelta

from . import calendar as cal
from .lexicon import DEICTIC, KEEPS_MODIFIER, PARTS_OF_DAY, SEASONS, WEEKDAYS, number, unit_code
from .context import (
    Result, duration_value, month_of, direction, resolve_weekday, derived, date_result, rank)


def h_ago(ctx, c, m):
    try:
        r = _ago(ctx, c, m)
        if r is not None and not m.group()[:1].isalnum():  # " months ago": no number, no space
            r.start = c.start + len(m.group()) - len(m.group().lstrip(" -\t\n"))
        return r
    except (ValueError, OverflowError):  # "9,700 centuries ago": past the calendar's years
        return Result("DATE", "FUTURE_REF" if m["dir"].lower() in ("later", "from now", "hence")
                      else "PAST_REF", "published")


def _ago(ctx, c, m):
    n = number(m["n"]) if m["n"] else None
    u = unit_code(m["u"])
    d_ = m["dir"].lower()
    sign = 1 if d_ in ("later", "from now", "hence") else -1
    if n is None or not float(n).is_integer():
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "published")
    n = int(n)
    gran = cal.UNIT_GRAN.get(u, cal.DAY)
    if u in ("TS", "TM", "TH"):
        return Result("DURATION", duration_value(n, u), "none")
    if d_ in ("earlier", "later") and ctx.last is not None:
        g0, d0, tid = ctx.last
        if ctx.last_quarter and u == "Y" and ctx.last_quarter[1] == tid:
            return derived(date_result(cal.QUARTER, cal.shift(ctx.last_quarter[0], "Y", sign * n), tid))
        g = gran if rank(gran) >= rank(g0) else g0
        r = date_result(g, cal.shift(d0, u, sign * n), tid)
        r.ref = False
        return r
    if ctx.dct is None:
        return Result("DATE", cal.fmt(gran, None), "none")
    if u == "Y" and ctx.last_quarter and sign < 0:
        return derived(date_result(cal.QUARTER, cal.shift(ctx.last_quarter[0], "Y", -n), "published"))
    return date_result(gran, cal.shift(ctx.dct, u, sign * n), "published")


def h_rel(ctx, c, m):
    rel = " ".join(m["rel"].lower().split())
    rel = {"this past": "last", "this coming": "next"}.get(rel, rel)
    u = " ".join(m["u"].lower().split())
    the = bool(m["the"])
    if rel == "past" and not the and (m["mon"] or m["wd"]):
        return None  # "way past November" is beyond it, not last November: the month alone (an alt)
    if rel == "past" or (the and rel == "last" and u not in ("weekend",) and not m["mon"] and not m["wd"]):
        if u in ("week", "month", "year", "decade", "century", "fiscal year", "weekend"):
            code = unit_code(u.split()[-1])
            return Result("DURATION", duration_value(1, code), "none")
    is_unit = not (m["mon"] or m["wd"] or m["s"] or m["pod"])
    if is_unit and (rel in ("same", "following") or (the and rel in ("next", "previous"))):
        return _anaphoric(ctx, c, u, {"same": 0, "following": 1, "next": 1, "previous": -1}[rel])
    if rel == "current" and u not in ("week", "month", "year", "decade", "century", "fiscal year"):
        return None
    if ctx.dct is None:
        if m["mon"]:
            return Result("DATE", f"XXXX-{month_of(m['mon']):02d}", "none")
        if m["wd"]:
            return Result("DATE", f"XXXX-WXX-{WEEKDAYS[m['wd']]}", "none")
        if m["s"] or m["pod"]:
            return Result("DATE", "XXXX", "none")
        return Result("DATE", cal.fmt(cal.UNIT_GRAN[unit_code(u.split()[-1])], None), "none")
    dct = ctx.dct
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "upcoming": 1, "this": 0, "current": 0,
            "following": 1, "same": 0}[rel]
    if m["mon"]:
        mon = month_of(m["mon"])
        y = dct.year
        if step < 0:
            y = y if mon < dct.month else y - 1
        elif step > 0:
            y = y if mon > dct.month else y + 1
        return date_result(cal.MONTH, date(y, mon, 1), "published")
    if m["wd"]:
        return date_result(cal.DAY, resolve_weekday(ctx, c, WEEKDAYS[m["wd"]], rel), "published")
    if m["s"]:
        s = SEASONS[m["s"].lower()]
        y = dct.year + step
        return Result("DATE", f"{y}-{s}", "published", point=(cal.YEAR, date(y, 1, 1)))
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
    return date_result(gran, cal.shift(dct, code, step), "published")


def _anaphoric(ctx, c, u: str, step: int, demonstrative: bool = False):
    """'the next day', 'that week', 'the day before': the previous concrete date moved by step.

    A demonstrative ("that night") points back to the last date of an event, not to the
    date of a statement about it ("said on Saturday that 343 were detained that night").
    """
    last = (ctx.last_event or ctx.last) if demonstrative else ctx.last
    if u in ("morning", "afternoon", "evening", "night"):
        if last is None or last[0] != cal.DAY:
            return None
        g0, d0, tid = last
        d = d0 + timedelta(step)
        return Result("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[u]}", tid, point=(cal.DAY, d))
    code = unit_code(u.split()[-1])
    gran = cal.UNIT_GRAN[code]
    if last is None:
        if ctx.dct is None:
            return Result("DATE", cal.fmt(gran, None), "none")
        return date_result(gran, cal.shift(ctx.dct, code, step), "published")
    g0, d0, tid = last
    if rank(gran) < rank(g0) and step == 0:
        gran = g0
    return date_result(gran, cal.shift(d0, code, step), tid)


def h_anaph(ctx, c, m):
    u = m["u"].lower()
    k = (m["k"] or "").lower()
    d_ = (m["dir"] or "").lower()
    if m["that"]:
        if u in ("morning", "afternoon", "evening", "night") and ctx.last is None:
            return None
        return _anaphoric(ctx, c, u, 0, demonstrative=True)
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
            d = d - timedelta(days=d.isoweekday()) if direction(ctx, c) != "future" else d
        return date_result(cal.WEEKEND, d, "published")
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
        return _anaphoric(ctx, c, m["pod"].lower(), 0, demonstrative=True)
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
    d = resolve_weekday(ctx, c, wd)
    if pod:  # TimeBank marks "Wednesday night" as a DATE more often than a TIME
        return date_result(cal.DAY, d, "published", suffix=f"T{pod}")
    return date_result(cal.DAY, d, "published")


_DEICTIC = DEICTIC


# Modifiers that TimeML keeps inside the expression they modify ("late yesterday").
_KEEPS_MODIFIER = KEEPS_MODIFIER


def h_deictic(ctx, c, m):
    w = " ".join(m["w"].lower().split())
    r = _deictic(ctx, w)
    pre = (m["pre"] or "").lower()
    if pre and w not in _KEEPS_MODIFIER.get(pre, ()):
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
    return date_result(cal.DAY, ctx.dct + timedelta(shift), "published")
