"""Publication dates: normalising what callers give, finding one in a dateline or URL.

Every reader reports a date only with its basis (given | html | url | text) and
never falls back to today: a wrong "published" silently shifts every relative
time expression in the article ("yesterday", "next week").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Optional, Union

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MDY = _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
_DMY = r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})"

# "WASHINGTON, Jan. 28, 2025 —", "KYIV, Ukraine, March 11, 2025 (Reuters) -", "March 11, 2025 —"
# at the start of one of the first lines; the place is capitalised and the dash required
# (a colon is not enough: "Jan. 6, 2021: rioters stormed ..." opens timelines too).
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][\w.'’/ -]{0,40}(?:,[ \t]*[A-Z][\w.'’ -]{0,30})?,[ \t]*)?"
    r"(?:" + _MDY + "|" + _DMY.replace("?P<", "?P<d_") + r")"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:—|–|--?)",
    re.MULTILINE,
)
DATELINE_REACH = 400  # characters from the start of the text where a dateline may sit

# /2025/01/28/, /2025-01-28, _20250128 is too ambiguous (ids) and is not used.
_URL_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)([/-])(?P<month>[01]?\d)\2(?P<day>[0-3]?\d)(?!\d)")


def _make(year: str, month: Union[str, int], day: str) -> Optional[date]:
    if isinstance(month, str) and not month.isdigit():
        month = MONTHS[month.lower()[:3]]
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def normalise(value) -> Optional[str]:
    """An ISO 8601 date or datetime for `value`, or None if it is not understood.

    "2019-11-25 23:43:03Z" -> "2019-11-25T23:43:03Z"; "2025-01-28" stays a date;
    RFC 2822 ("Tue, 28 Jan 2025 10:00:00 GMT") and "Jan. 28, 2025" are read too.
    """
    if isinstance(value, date):  # datetime too
        return _iso(value)
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return _iso(parse(s))
        except ValueError:
            pass
    try:
        return _iso(parsedate_to_datetime(s))
    except (TypeError, ValueError, IndexError):
        pass
    m = re.fullmatch(_MDY, s) or re.fullmatch(_DMY, s)
    if m:
        d = _make(m["year"], m["month"], m["day"])
        return d.isoformat() if d else None
    return None


def _iso(dt: Union[date, datetime]) -> str:
    s = dt.isoformat()
    return s[:-6] + "Z" if s.endswith("+00:00") else s


def from_dateline(text: str) -> Optional[str]:
    """The date of a dateline near the start of the text, as YYYY-MM-DD."""
    m = _DATELINE.search(text[:DATELINE_REACH])
    if not m:
        return None
    if m["month"]:
        d = _make(m["year"], m["month"], m["day"])
    else:
        d = _make(m["d_year"], m["d_month"], m["d_day"])
    return d.isoformat() if d else None


def from_url(url: Optional[str]) -> Optional[str]:
    """A YYYY/MM/DD or YYYY-MM-DD date in the URL's path, as YYYY-MM-DD."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.I)
    for m in _URL_DATE.finditer(path):
        d = _make(m["year"], int(m["month"]), m["day"])
        if d:
            return d.isoformat()
    return None
