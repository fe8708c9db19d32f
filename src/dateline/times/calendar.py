"""Calendar arithmetic on TIMEX3 values: shifting by units, formatting, and bounds.

A resolved date is a (granularity, date) pair: the date is any day inside the
period, the granularity says how much of it the expression names.
"""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta
from typing import Optional

DAY, WEEK, WEEKEND, MONTH, QUARTER, HALF, YEAR, DECADE, CENTURY = (
    "day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century")


def add_months(d: date, n: int) -> date:
    m = d.year * 12 + d.month - 1 + n
    y, m = divmod(m, 12)
    return date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """d moved by n units (unit letter of the lexicon: D W M Q Y DE CE WE)."""
    if unit in ("D",):
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "2W":
        return d + timedelta(weeks=2 * n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "H":
        return add_months(d, 6 * n)
    if unit == "Y":
        return add_months(d, 12 * n)
    if unit == "DE":
        return add_months(d, 120 * n)
    if unit == "CE":
        return add_months(d, 1200 * n)
    return d


UNIT_GRAN = {"D": DAY, "W": WEEK, "WE": WEEKEND, "M": MONTH, "Q": QUARTER, "H": HALF, "Y": YEAR,
             "DE": DECADE, "CE": CENTURY}


def fmt(gran: str, d: Optional[date]) -> str:
    """TIMEX3 value of the period of granularity `gran` containing d (X's when d is unknown)."""
    if d is None:
        return {DAY: "XXXX-XX-XX", WEEK: "XXXX-WXX", WEEKEND: "XXXX-WXX-WE", MONTH: "XXXX-XX",
                QUARTER: "XXXX-QX", HALF: "XXXX-HX", YEAR: "XXXX", DECADE: "XXX",
                CENTURY: "XX"}[gran]
    if gran == DAY:
        return d.isoformat()
    if gran in (WEEK, WEEKEND):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == WEEKEND else "")
    if gran == MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    if gran == QUARTER:
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == HALF:
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if gran == YEAR:
        return f"{d.year:04d}"
    if gran == DECADE:
        return f"{d.year // 10:03d}"
    if gran == CENTURY:
        return f"{d.year // 100:02d}"
    raise ValueError(gran)


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$")


def bounds(value: Optional[str]) -> tuple[Optional[str], Optional[str], str]:
    """Inclusive ISO date bounds and the When granularity of a TIMEX3 date value."""
    if not value:
        return None, None, "unknown"
    m = _VALUE.match(value)
    if not m:
        m3 = re.match(r"^(\d{3})$", value) or re.match(r"^(\d{2})$", value)
        if m3:
            span = 10 if len(value) == 3 else 100
            y0 = int(value) * span
            return date(y0, 1, 1).isoformat(), date(y0 + span - 1, 12, 31).isoformat(), "range"
        return None, None, "unknown"
    y = int(m["y"])
    if m["d"]:
        d = date(y, int(m["m"]), int(m["d"]))
        return d.isoformat(), d.isoformat(), "day"
    if m["m"]:
        mo = int(m["m"])
        return (date(y, mo, 1).isoformat(),
                date(y, mo, _cal.monthrange(y, mo)[1]).isoformat(), "month")
    if m["w"]:
        monday = date.fromisocalendar(y, int(m["w"]), 1)
        if m["we"]:
            return (monday + timedelta(5)).isoformat(), (monday + timedelta(6)).isoformat(), "range"
        return monday.isoformat(), (monday + timedelta(6)).isoformat(), "week"
    if m["q"]:
        q = int(m["q"])
        first = date(y, 3 * q - 2, 1)
        return first.isoformat(), (add_months(first, 3) - timedelta(1)).isoformat(), "quarter"
    if m["h"]:
        first = date(y, 1 if m["h"] == "1" else 7, 1)
        return first.isoformat(), (add_months(first, 6) - timedelta(1)).isoformat(), "range"
    if m["s"]:
        a, b = _SEASON_MONTHS[m["s"]]
        first = date(y, a, 1)
        return first.isoformat(), (add_months(first, b - a + 1) - timedelta(1)).isoformat(), "range"
    return date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat(), "year"
