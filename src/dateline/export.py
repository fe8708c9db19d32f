"""Event records out.

- JSON Lines (the reference format);
- flat rows, one per event, with the columns OUTPUT.md names for spreadsheet,
  pandas and R users, as CSV or Parquet;
- a GDELT-style dyadic view, one row per (actor, recipient) pair with the CAMEO
  root code from the PLOVER↔CAMEO crosswalk (data/plover/plover2cameo.tsv, or a
  CAMEO2PLOVER-format crosswalk the user passes), for existing GDELT tooling.
  Only events reported as having happened (or ongoing) are in it by default:
  GDELT users count rows, and a planned or denied event must not count.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Iterable, Optional, Union

from .records import EventRecord

FLAT_COLUMNS = [
    "id", "type", "mode", "actor_names", "actor_countries", "recipient_names",
    "recipient_countries", "date", "date_start", "date_end", "granularity", "date_basis",
    "status", "location", "location_country", "lat", "lon", "killed_min", "killed_max",
    "n_documents", "n_sources", "first_reported", "last_reported", "confidence",
    "evidence_url", "evidence_text",
]
FLAT_TYPES = {"lat": "DOUBLE", "lon": "DOUBLE", "killed_min": "DOUBLE", "killed_max": "DOUBLE",
              "n_documents": "INTEGER", "n_sources": "INTEGER", "confidence": "DOUBLE"}

DYAD_COLUMNS = [
    "GlobalEventID", "SQLDATE", "DateGranularity", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
    "PloverType", "PloverMode", "Status", "Fatalities", "EvidenceText",
]
DYAD_TYPES = {"IsRootEvent": "INTEGER", "QuadClass": "INTEGER", "NumMentions": "INTEGER",
              "NumSources": "INTEGER", "NumArticles": "INTEGER", "ActionGeo_Lat": "DOUBLE",
              "ActionGeo_Long": "DOUBLE", "Fatalities": "DOUBLE"}

FORMATS = ("jsonl", "csv", "parquet")
VIEWS = ("events", "dyads")
FACTUAL = ("happened", "ongoing")


def _join(values: Iterable) -> str:
    return "; ".join(v for v in values if v)


def flatten(r: EventRecord) -> dict:
    """One flat row for an event record (lists joined with '; ')."""
    w, loc = r.when, r.location or {}
    killed = r.figures.get("killed", {})
    first = r.mentions[0] if r.mentions else None
    return {
        "id": r.id, "type": r.type, "mode": r.mode,
        "actor_names": _join(a.name for a in r.actors),
        "actor_countries": _join(a.country for a in r.actors),
        "recipient_names": _join(a.name for a in r.recipients),
        "recipient_countries": _join(a.country for a in r.recipients),
        "date": w.value if w else None, "date_start": w.start if w else None,
        "date_end": w.end if w else None, "granularity": w.granularity if w else "unknown",
        "date_basis": w.basis if w else None, "status": r.status,
        "location": loc.get("name"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"),
        "killed_min": killed.get("min"), "killed_max": killed.get("max"),
        "n_documents": r.n_documents, "n_sources": r.n_sources,
        "first_reported": r.first_reported, "last_reported": r.last_reported,
        "confidence": r.confidence,
        "evidence_url": first.url if first else None,
        "evidence_text": first.evidence if first else None,
    }


# --- PLOVER → CAMEO ----------------------------------------------------------------

CameoTable = dict[tuple[str, str], tuple[str, str]]  # (type, mode or "-") -> (root, code)


@lru_cache(maxsize=1)
def shipped_crosswalk() -> CameoTable:
    """The shipped PLOVER→CAMEO table (data/plover/plover2cameo.tsv)."""
    text = resources.files("dateline").joinpath("data/plover/plover2cameo.tsv").read_text("utf-8")
    table: CameoTable = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("plover_type\t"):
            continue
        ptype, mode, root, code = line.split("\t")[:4]
        table[(ptype, mode)] = (root, code)
    return table


_XWALK_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*(?:,|#|$)")


def read_crosswalk(path: Union[str, Path]) -> CameoTable:
    """A PLOVER→CAMEO table from a CAMEO→PLOVER crosswalk in the CAMEO2PLOVER-2021
    text format (`173: COERCE, arrest, legal # Arrest, detain…`): each type's root
    is the root most of its codes fall under, each (type, mode) gets its first code."""
    roots: dict[str, Counter] = {}
    first_code: dict[str, str] = {}
    table: CameoTable = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = _XWALK_LINE.match(line.strip())
        if not m:
            continue
        code, ptype, mode = m[1], m[2], m[3].strip()
        roots.setdefault(ptype, Counter())[code[:2]] += 1
        first_code.setdefault(ptype, code[:3])
        if mode and (ptype, mode) not in table:
            table[(ptype, mode)] = (code[:2], code[:3])
    for ptype, counts in roots.items():
        root = max(sorted(counts), key=lambda r: counts[r])
        code = next((c for (t, _), (r, c) in table.items() if t == ptype and r == root), root + "0")
        table[(ptype, "-")] = (root, code if code.endswith("0") else root + "0")
    return table


def cameo(ptype: str, mode: Optional[str], table: Optional[CameoTable] = None) -> Optional[tuple[str, str]]:
    """(root, code) for a PLOVER type and mode; the type's default when the mode is unlisted."""
    table = table if table is not None else shipped_crosswalk()
    return table.get((ptype, mode or "-")) or table.get((ptype, "-"))


def quad_class(root: str) -> int:
    """GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def dyads(r: EventRecord, table: Optional[CameoTable] = None) -> list[dict]:
    """GDELT-style rows: one per (actor, recipient) pair (a missing side is empty;
    a party never faces itself)."""
    code = cameo(r.type, r.mode, table)
    w, loc = r.when, r.location or {}
    killed = r.figures.get("killed", {})
    date = (w.start or "").replace("-", "")[:8] if w else ""
    first = r.mentions[0] if r.mentions else None
    base = {
        "GlobalEventID": r.id, "SQLDATE": date or None,
        "DateGranularity": w.granularity if w else "unknown",
        "EventCode": code[1] if code else None, "EventBaseCode": code[1][:3] if code else None,
        "EventRootCode": code[0] if code else None, "QuadClass": quad_class(code[0]) if code else None,
        "NumMentions": len(r.mentions), "NumSources": r.n_sources, "NumArticles": r.n_documents,
        "ActionGeo_FullName": loc.get("name"), "ActionGeo_CountryCode": loc.get("country"),
        "ActionGeo_Lat": loc.get("lat"), "ActionGeo_Long": loc.get("lon"),
        "SOURCEURL": first.url if first else None,
        "PloverType": r.type, "PloverMode": r.mode, "Status": r.status,
        "Fatalities": killed.get("max"), "EvidenceText": first.evidence if first else None,
    }
    rows = []
    pairs = [(a, b) for a in (r.actors or [None]) for b in (r.recipients or [None])
             if not (a and b and a.name == b.name)]  # merged reports can name one party on both sides
    for a, b in pairs or [(r.actors[0] if r.actors else None, None)]:
        row = dict(base)
        row.update({
            "Actor1Name": a.name if a else None, "Actor1CountryCode": a.country if a else None,
            "Actor1Type1Code": a.sector if a else None,
            "Actor2Name": b.name if b else None, "Actor2CountryCode": b.country if b else None,
            "Actor2Type1Code": b.sector if b else None,
            "IsRootEvent": 1 if not rows else 0})
        rows.append({k: row.get(k) for k in DYAD_COLUMNS})
    return rows


# --- writers -------------------------------------------------------------------------


def rows_for(records: list[EventRecord], view: str = "events", crosswalk: Optional[Union[str, Path]] = None,
             include_unconfirmed: bool = False) -> tuple[list[str], dict[str, str], list[dict]]:
    """(columns, column SQL types, rows) of a flat view."""
    if view == "events":
        return FLAT_COLUMNS, FLAT_TYPES, [flatten(r) for r in records]
    if view == "dyads":
        table = read_crosswalk(crosswalk) if crosswalk else None
        rows = [row for r in records if include_unconfirmed or r.status in FACTUAL for row in dyads(r, table)]
        return DYAD_COLUMNS, DYAD_TYPES, rows
    raise ValueError(f"unknown view {view!r} (events or dyads)")


def write_parquet(columns: list[str], types: dict[str, str], rows: list[dict],
                  sink: Union[str, Path, IO[bytes]]) -> None:
    """Write rows as a Parquet file (through DuckDB, so no extra dependency)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE t (" + ", ".join(f'"{c}" {types.get(c, "VARCHAR")}' for c in columns) + ")")
        if rows:
            con.executemany(f"INSERT INTO t VALUES ({', '.join('?' for _ in columns)})",
                            [[row.get(c) for c in columns] for row in rows])
        if isinstance(sink, (str, Path)):
            con.execute(f"COPY t TO '{_sql_path(sink)}' (FORMAT PARQUET)")
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "events.parquet")
            con.execute(f"COPY t TO '{_sql_path(path)}' (FORMAT PARQUET)")
            with open(path, "rb") as fh:
                shutil.copyfileobj(fh, sink)
    finally:
        con.close()


def _sql_path(path: Union[str, Path]) -> str:
    return str(path).replace("'", "''")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A text cell that a spreadsheet would run as a formula (=, +, -, @, tab or
    CR first) gets a leading apostrophe, as OWASP advises for CSV exports; an
    article can put "=HYPERLINK(...)" into an evidence sentence or a name.
    Numbers are left alone, so a negative longitude stays a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_events(records: list[EventRecord], sink, fmt: str, view: str = "events",
                 crosswalk: Optional[Union[str, Path]] = None, include_unconfirmed: bool = False) -> None:
    """Write records as `fmt` (jsonl | csv | parquet) in `view` (events | dyads).

    jsonl and csv write text to `sink`; parquet needs a path or a binary file.
    JSON Lines of the events view is the full event record (the reference format)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (jsonl, csv or parquet)")
    if fmt == "jsonl" and view == "events":
        for r in records:
            sink.write(r.to_json() + "\n")
        return
    columns, types, rows = rows_for(records, view, crosswalk, include_unconfirmed)
    if fmt == "jsonl":
        for row in rows:
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sink, fieldnames=columns)
        w.writeheader()
        for row in rows:
            w.writerow({k: csv_safe(v) for k, v in row.items()})
    else:
        write_parquet(columns, types, rows, sink)
