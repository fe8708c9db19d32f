"""Plain columns of an event record that the API filters, counts and maps on.

Each value is derived from the record's JSON when the record is stored (and
backfilled once when an older store is opened), so a read filters with exact
SQL over short strings and numbers instead of scanning and parsing every
record's JSON (issue 15: 30 MB of JSON read per search, facet or map call).

List-valued fields are one string with each value between SEP characters,
lower-cased in Python where the filter ignores case:

- people: every actor's and recipient's name, lower-cased
  ("\\x1fturkish police\\x1fprotesters\\x1f"); a substring of one name is
  `strpos(people, needle) > 0` and a whole name `strpos(people, SEP||name||SEP) > 0`;
- countries: the distinct country codes of the place, actors and recipients;
- search_text: names, the place name and every report's evidence sentence,
  lower-cased: what the search box looks in.

A needle without SEP can only match inside one value, so these tests are
exact; a needle containing SEP (never typed in practice) is narrowed in SQL
and checked in Python (`query.EventFilter.needs_python`).
"""

from __future__ import annotations

from typing import Any, Optional

SEP = "\x1f"  # the ASCII unit separator: between values of one column

# name, SQL type (both backends) and position in derived()'s tuple
COLUMNS = (("people", "VARCHAR"), ("countries", "VARCHAR"), ("search_text", "VARCHAR"),
           ("killed", "DOUBLE PRECISION"), ("location_name", "VARCHAR"),
           ("lat", "DOUBLE PRECISION"), ("lon", "DOUBLE PRECISION"))
NAMES = tuple(c for c, _ in COLUMNS)
ARRAY_TYPES = tuple(t.split()[0] for _, t in COLUMNS)  # for SQLStore._insert's typed column arrays


def joined(values) -> str:
    """Values between SEP characters ("" for none, so an empty needle matches nothing)."""
    values = list(values)
    return SEP + SEP.join(values) + SEP if values else ""


def _number(v: Any) -> Optional[float]:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def derived(rec: dict) -> tuple:
    """The COLUMNS values of one event record (its JSON as a dict)."""
    people = (rec.get("actors") or []) + (rec.get("recipients") or [])
    loc = rec.get("location") or {}
    names = [a.get("name") or "" for a in people]
    codes = {a.get("country") for a in people} | {loc.get("country")}
    texts = names + [loc.get("name") or ""] + [m.get("evidence") or "" for m in rec.get("mentions") or []]
    killed = ((rec.get("figures") or {}).get("killed") or {}).get("max")
    lat, lon = _number(loc.get("lat")), _number(loc.get("lon"))
    if lat is None or lon is None:
        lat = lon = None  # the map places an event only with both
    return (joined(n.lower() for n in names),
            joined(sorted(c for c in codes if isinstance(c, str))),
            SEP.join(t.lower() for t in texts),
            _number(killed), loc.get("name"), lat, lon)


def split(value: Optional[str]) -> list[str]:
    """The values of a joined() column."""
    return value[1:-1].split(SEP) if value else []
