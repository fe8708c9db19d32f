"""Dates that name their calendar period: days, months, years, decades, centuries,
seasons, holidays and clock times ("October 7, 2023", "in May", "the 1990s")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import COUNTED_NOUNS, DECADE_WORDS, FLOATING, HOLIDAYS, ORDINALS, SEASONS, WEEKDAYS, cue, number
from .context import (
    Result, month_of, direction, pick_year, resolve_weekday, date_result, year_from, Groups)


def h_full(ctx, c, m):
    if m.groupdict().get("m"):  # a numeric month (ISO, US or European order)
        mon = int(m["m"])
    else:
        mon = month_of(m["mon"])
    try:
        d = date(int(m["y"]), mon, int(m["d"]))
    except ValueError:
        return None
    return date_result(cal.DAY, d, "none")


def h_md(ctx, c, m):
    mon = month_of(m["mon"])
    day = int(m["d"])
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{mon:02d}-{day:02d}", "none")
    y = pick_year(ctx, c, mon, day)
    try:
        return date_result(cal.DAY, date(y, mon, day), "published")
    except ValueError:
        return None


def h_my(ctx, c, m):
    return date_result(cal.MONTH, date(int(m["y"]), month_of(m["mon"]), 1), "none")


_MAY_CUES = cue("month_may_before")


def h_month(ctx, c, m):
    name = m["mon"]
    if name in ("May", "March") and not m["mod"]:
        before = ctx.text[max(0, c.start - 16):c.start]
        if not _MAY_CUES.search(before):
            return None
    mon = month_of(name)
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{mon:02d}", "none")
    return date_result(cal.MONTH, date(pick_year(ctx, c, mon), mon, 1), "published")


def h_wmd(ctx, c, m):
    mon = month_of(m["mon"])
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
        return date_result(cal.DAY, date(y, mon, day), anchor)
    except ValueError:
        return None


def h_clock(ctx, c, m):
    m = Groups(m)
    h = m["h"].lower()
    if h in ("noon", "midday"):
        hh, mi = 12, 0
    elif h == "midnight":
        hh, mi = 24, 0
    else:
        hh, mi = int(h), int(m["mi"] or 0)
        ap = (m["ap"] or "").lower()  # none on a 24-hour clock ("16:00 UTC")
        if hh > 12 and ap:
            return None
        if ap.startswith("p") and hh < 12:
            hh += 12
        if ap.startswith("a") and hh == 12:
            hh = 0
    day = None
    anchor = "published"
    # ISO 8601 marks UTC with Z; other zones are left to the TIMEX3 reader
    clock = f"T{hh:02d}:{mi:02d}" + ("Z" if (m["tz"] or "").upper() in ("UTC", "GMT") else "")
    dw = (m["day"] or "").lower()
    if m["mon"]:
        md = h_md(ctx, c, m)
        return Result("TIME", (md.value if md else "XXXX-XX-XX") + clock,
                      md.anchor if md else "none")
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
            day = resolve_weekday(ctx, c, WEEKDAYS[m["day"].capitalize()])
    base = day.isoformat() if day else "XXXX-XX-XX"
    tail = clock
    return Result("TIME", base + tail, anchor, point=(cal.DAY, day) if day else None)




def h_decade(ctx, c, m):
    dec = m["dec"].lower()
    if dec[0].isdigit():
        return Result("DATE", dec[:3], "none")
    if dec.startswith("'"):
        d = int(dec[1])
        century = 19 if d > 2 else 20
        return Result("DATE", f"{century}{d}", "published")
    d = DECADE_WORDS[dec]
    return Result("DATE", f"19{d}", "published")


def h_century(ctx, c, m):
    o = m["o"].lower()
    n = ORDINALS.get(o) or int(re.match(r"\d+", o)[0])
    return Result("DATE", f"{n - 1:02d}", "none")


def h_fiscal(ctx, c, m):
    """'fiscal 2024', 'fiscal '89', 'FY25', 'the 2023 fiscal year': the year it is named by."""
    y = (Groups(m)["y"] or Groups(m)["fy"]).lstrip("'")
    y = int(y) if len(y) == 4 else (1900 + int(y) if int(y) > 30 else 2000 + int(y))
    return date_result(cal.YEAR, date(y, 1, 1), "none")


def h_month_rel_year(ctx, c, m):
    """'June last year', 'January this year': the month of the year counted from the DCT."""
    mon = month_of(m["mon"])
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{mon:02d}", "none")
    y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    return date_result(cal.MONTH, date(y, mon, 1), "published")


def h_md_range(ctx, c, m):
    """'March 3-5, 2024': a span of days, valued by its first day (TIMEX3 has no day ranges)."""
    if int(m["d2"]) <= int(m["d"]):
        return None
    if m["y"]:
        return h_full(ctx, c, m)
    return h_md(ctx, c, m)


_YEAR_PREV = cue("year_before")


# Nouns a bare four-digit number counts rather than dates ("2000 troops").
_COUNTED = COUNTED_NOUNS


def h_year(ctx, c, m):
    if not m["mod"]:
        tok = ctx.token_at(c.start)
        ok = tok is not None and tok.ent_type_ == "DATE"
        if not ok and not _YEAR_PREV.search(ctx.text[max(0, c.start - 12):c.start]):
            return None
        if tok is not None and tok.dep_ == "nummod" and tok.ent_type_ != "DATE":
            return None
        nxt = tok.doc[tok.i + 1] if tok is not None and tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in _COUNTED:
            return None
    y = int(m["y"])
    return date_result(cal.YEAR, date(y, 1, 1), "none")


def h_spoken(ctx, c, m):
    words = m["w"].lower().replace("-", " ").split()
    if words[0] == "two":
        rest = [w for w in words[2:] if w != "and"]
        tail = number(rest[0]) if rest else 0
        if not isinstance(tail, int):
            return None
        y = 2000 + tail
    else:
        rest = [w for w in words[1:] if w not in ("hundred", "and")]
        tail = number(" ".join(rest)) if rest else 0
        if not isinstance(tail, int):
            return None
        y = 1900 + tail
    return date_result(cal.YEAR, date(y, 1, 1), "none")


_SEASON_CUES = cue("season_before", r"\s+(?:the\s+)?$")


def h_season(ctx, c, m):
    s = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if not (rel or m["y"] or m["mod"]):
        before = ctx.text[max(0, c.start - 12):c.start].lower()
        if not _SEASON_CUES.search(before):
            return None
    y = year_from(ctx, m, None)
    anchor = "none" if y else "published"
    if y is None:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-{s}", "none")
        y = ctx.dct.year
        if rel in ("last", "past", "previous"):
            y -= 1
        elif rel in ("next", "coming"):
            y += 1
        elif not rel:
            t = direction(ctx, c)
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
            y = pick_year(ctx, c, mo, dd)
        return date_result(cal.DAY, date(y, mo, dd), "none" if m["y"] else "published")
    mo, wd, nth, *offset = FLOATING[name]
    if y is None:
        y = pick_year(ctx, c, mo, 15)
    d = _nth_weekday(y, mo, wd, nth) + timedelta(days=offset[0] if offset else 0)
    return date_result(cal.DAY, d, "none" if m["y"] else "published")
