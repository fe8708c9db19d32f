"""The embedded store: one DuckDB file holding documents, their coded events
and the merged event records.

Every batch is written in one transaction, together with the event records it
changes, so a crash or a killed process half-way leaves the store exactly as
it was before that batch. Re-ingesting a stored article is a no-op.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Optional

import duckdb

from ..records import DocumentRecord, EventRecord

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS dateline_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,
    published VARCHAR,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    pipeline VARCHAR,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_events (
    document VARCHAR NOT NULL,
    event VARCHAR NOT NULL,
    type VARCHAR,
    mode VARCHAR,
    status VARCHAR,
    date_value VARCHAR,
    date_start VARCHAR,
    date_end VARCHAR,
    granularity VARCHAR,
    evidence VARCHAR,
    PRIMARY KEY (document, event)
);
CREATE TABLE IF NOT EXISTS event_records (
    id VARCHAR PRIMARY KEY,
    type VARCHAR,
    status VARCHAR,
    date_start VARCHAR,
    date_end VARCHAR,
    n_documents INTEGER,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS event_members (
    record VARCHAR NOT NULL,
    document VARCHAR NOT NULL,
    event VARCHAR NOT NULL,
    PRIMARY KEY (document, event)
);
"""


class StoreError(RuntimeError):
    pass


class Store:
    """A DuckDB-file store; use as a context manager or call close()."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"cannot open store {self.path}: {err}") from err
        if not read_only:
            self.con.execute(DDL)
            self.con.execute(
                "INSERT OR IGNORE INTO dateline_meta VALUES ('schema_version', ?)",
                [str(SCHEMA_VERSION)])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.con.close()

    # --- writing ------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def add_documents(self, records: Iterable[DocumentRecord]) -> int:
        """Store new documents and relink event records, all in one transaction.

        Returns how many documents were new; already-stored ids are left as they are.
        """
        from ..link import relink

        records = [r for r in records]
        self.con.execute("BEGIN TRANSACTION")
        try:
            added = 0
            seen: set[str] = set()
            for rec in records:
                if rec.id in seen or self.has_document(rec.id):
                    continue
                seen.add(rec.id)
                self._insert_document(rec)
                added += 1
            if added:
                relink(self)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return added

    def _insert_document(self, rec: DocumentRecord) -> None:
        m = rec.meta
        self.con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            [rec.id, m.published, m.source, m.url, m.title,
             rec.pipeline.version if rec.pipeline else None, rec.to_json()])
        rows = []
        for v in rec.events:
            w = v.when
            rows.append([rec.id, v.id, v.type, v.mode, v.status,
                         w.value if w else None, w.start if w else None, w.end if w else None,
                         w.granularity if w else None,
                         rec.text[v.sentence.start:v.sentence.end]])
        if rows:
            self.con.executemany("INSERT INTO doc_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def replace_event_records(self, records: list[EventRecord],
                              members: list[tuple[str, str, str]]) -> None:
        """Swap in a new set of event records (called inside add_documents' transaction)."""
        self.con.execute("DELETE FROM event_members")
        self.con.execute("DELETE FROM event_records")
        if records:
            self.con.executemany(
                "INSERT INTO event_records VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[r.id, r.type, r.status, r.when.start if r.when else None,
                  r.when.end if r.when else None, r.n_documents, r.to_json()] for r in records])
        if members:
            self.con.executemany("INSERT INTO event_members VALUES (?, ?, ?)", members)

    # --- reading ------------------------------------------------------------

    def documents(self) -> Iterator[DocumentRecord]:
        for (rec,) in self.con.execute("SELECT record FROM documents ORDER BY published, id").fetchall():
            yield DocumentRecord.from_dict(json.loads(rec))

    def document(self, doc_id: str) -> Optional[DocumentRecord]:
        row = self.con.execute("SELECT record FROM documents WHERE id = ?", [doc_id]).fetchone()
        return DocumentRecord.from_dict(json.loads(row[0])) if row else None

    def event_records(self) -> list[EventRecord]:
        rows = self.con.execute(
            "SELECT record FROM event_records ORDER BY date_start NULLS LAST, type, id").fetchall()
        return [EventRecord.from_dict(json.loads(r)) for (r,) in rows]

    def counts(self) -> dict[str, int]:
        q = lambda t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
        return {"documents": q("documents"), "document_events": q("doc_events"),
                "event_records": q("event_records")}
