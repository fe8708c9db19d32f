"""Event records as CSV, JSON Lines or Parquet bytes (flat columns of OUTPUT.md)."""

from __future__ import annotations

import io
import json
import os
import tempfile

from ..export import FLAT_COLUMNS, flatten, rows_for, write_events, write_parquet
from ..records import EventRecord

MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet"}


def events_bytes(records: list[dict], fmt: str, view: str = "events") -> bytes:
    recs = [EventRecord.from_dict(r) for r in records]
    if fmt in ("csv", "jsonl"):
        buf = io.StringIO(newline="")
        write_events(recs, buf, fmt, view=view)
        return buf.getvalue().encode("utf-8")
    if fmt == "parquet" and view == "dyads":
        columns, types, rows = rows_for(recs, "dyads")
        out = io.BytesIO()
        write_parquet(columns, types, rows, out)
        return out.getvalue()
    if fmt == "parquet":
        return _parquet([flatten(r) for r in recs])
    raise ValueError(f"unknown export format {fmt!r}")


def _parquet(rows: list[dict]) -> bytes:
    """Written by an in-memory DuckDB (no pyarrow needed); columns typed from the rows."""
    import duckdb

    con = duckdb.connect()
    try:
        types = {c: "VARCHAR" for c in FLAT_COLUMNS}
        types.update(lat="DOUBLE", lon="DOUBLE", killed_min="DOUBLE", killed_max="DOUBLE",
                     n_documents="INTEGER", n_sources="INTEGER", confidence="DOUBLE")
        cols = ", ".join(f'"{c}" {types[c]}' for c in FLAT_COLUMNS)
        con.execute(f"CREATE TABLE events ({cols})")
        if rows:
            marks = ", ".join("?" for _ in FLAT_COLUMNS)
            con.executemany(f"INSERT INTO events VALUES ({marks})",
                            [[_cell(r[c], types[c]) for c in FLAT_COLUMNS] for r in rows])
        fd, path = tempfile.mkstemp(suffix=".parquet")
        os.close(fd)
        try:
            con.execute(f"COPY events TO '{path}' (FORMAT parquet)")
            with open(path, "rb") as f:
                return f.read()
        finally:
            os.unlink(path)
    finally:
        con.close()


def _cell(value, sqltype: str):
    if value is None:
        return None
    if sqltype == "VARCHAR" and not isinstance(value, str):
        return json.dumps(value) if isinstance(value, (dict, list)) else str(value)
    return value
