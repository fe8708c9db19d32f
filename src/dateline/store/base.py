"""What every store backend shares: the tables, the atomic batch write and the
incremental relink plumbing, written once in portable SQL.

A backend (DuckDB file, PostgreSQL server) supplies the connection, the
parameter style, the JSON column type and how to take the writer's lock. Each
`add_documents` call is one transaction covering the documents, their events,
entities, figures, quotes, link blocks and every event record it changes, so a
crash or kill part-way leaves the store as it was before that batch.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Optional, Sequence

from ..records import DocumentRecord, EventRecord

SCHEMA_VERSION = 2
CHUNK = 500  # ids per IN (...) list


class StoreError(RuntimeError):
    pass


def ddl(json_type: str) -> list[str]:
    """The tables, with `json_type` for JSON columns (JSON in DuckDB, JSONB in PostgreSQL)."""
    return [
        "CREATE TABLE IF NOT EXISTS dateline_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        f"""CREATE TABLE IF NOT EXISTS documents (
            id VARCHAR PRIMARY KEY, published VARCHAR, source VARCHAR, url VARCHAR,
            title VARCHAR, pipeline VARCHAR, record {json_type} NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS doc_events (
            document VARCHAR NOT NULL, event VARCHAR NOT NULL, type VARCHAR, mode VARCHAR,
            status VARCHAR, date_value VARCHAR, date_start VARCHAR, date_end VARCHAR,
            granularity VARCHAR, evidence VARCHAR, PRIMARY KEY (document, event))""",
        f"""CREATE TABLE IF NOT EXISTS entities (
            document VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR, kind VARCHAR,
            country VARCHAR, sector VARCHAR, kb {json_type}, n_mentions INTEGER,
            PRIMARY KEY (document, id))""",
        """CREATE TABLE IF NOT EXISTS figures (
            document VARCHAR NOT NULL, id VARCHAR NOT NULL, event VARCHAR, measure VARCHAR,
            value DOUBLE PRECISION, low DOUBLE PRECISION, high DOUBLE PRECISION, approx VARCHAR,
            text VARCHAR, source VARCHAR, span_start INTEGER, span_end INTEGER,
            PRIMARY KEY (document, id))""",
        """CREATE TABLE IF NOT EXISTS quotes (
            document VARCHAR NOT NULL, id VARCHAR NOT NULL, speaker VARCHAR, speaker_text VARCHAR,
            cue VARCHAR, channel VARCHAR, direct BOOLEAN, text VARCHAR,
            span_start INTEGER, span_end INTEGER, PRIMARY KEY (document, id))""",
        f"""CREATE TABLE IF NOT EXISTS event_records (
            id VARCHAR PRIMARY KEY, type VARCHAR, status VARCHAR, date_start VARCHAR,
            date_end VARCHAR, n_documents INTEGER, record {json_type} NOT NULL)""",
        # Columns added in schema 2 (added, never renamed: other modules filter on the above).
        "ALTER TABLE event_records ADD COLUMN IF NOT EXISTS mode VARCHAR",
        "ALTER TABLE event_records ADD COLUMN IF NOT EXISTS n_sources INTEGER",
        "ALTER TABLE event_records ADD COLUMN IF NOT EXISTS first_reported VARCHAR",
        "ALTER TABLE event_records ADD COLUMN IF NOT EXISTS last_reported VARCHAR",
        "ALTER TABLE event_records ADD COLUMN IF NOT EXISTS actor_names VARCHAR",
        "ALTER TABLE event_records ADD COLUMN IF NOT EXISTS location_country VARCHAR",
        """CREATE TABLE IF NOT EXISTS event_members (
            record VARCHAR NOT NULL, document VARCHAR NOT NULL, event VARCHAR NOT NULL,
            PRIMARY KEY (document, event))""",
        """CREATE TABLE IF NOT EXISTS link_blocks (
            key VARCHAR NOT NULL, document VARCHAR NOT NULL, event VARCHAR NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS link_blocks_key ON link_blocks (key)",
        "CREATE INDEX IF NOT EXISTS event_members_record ON event_members (record)",
    ]


RECORD_COLUMNS = ("id", "type", "status", "date_start", "date_end", "n_documents", "record", "mode",
                  "n_sources", "first_reported", "last_reported", "actor_names", "location_country")


def record_row(r: EventRecord) -> list:
    w = r.when
    return [r.id, r.type, r.status, w.start if w else None, w.end if w else None, r.n_documents,
            r.to_json(), r.mode, r.n_sources, r.first_reported, r.last_reported,
            "; ".join(a.name for a in r.actors), (r.location or {}).get("country")]


class SQLStore:
    """Shared logic; subclasses set `con` and override the backend hooks."""

    json_type = "JSON"

    # --- backend hooks -------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql

    def _exec(self, sql: str, params: Sequence = ()):
        return self.con.execute(self._sql(sql), params)

    def _many(self, sql: str, rows: list) -> None:
        if rows:
            self._executemany(self._sql(sql), rows)

    def _executemany(self, sql: str, rows: list) -> None:
        self.con.executemany(sql, rows)

    def _lock_for_write(self) -> None:
        """Serialise writers (a no-op where the database already does)."""

    def _load_json(self, value: Any) -> dict:
        return json.loads(value) if isinstance(value, (str, bytes)) else value

    # --- set-up --------------------------------------------------------------

    def _create(self) -> None:
        """Create or upgrade the tables; an upgrade rebuilds the link state once."""
        self._exec("BEGIN TRANSACTION")
        try:
            self._lock_for_write()
            for stmt in ddl(self.json_type):
                self._exec(stmt)
            row = self._exec("SELECT value FROM dateline_meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                self._exec("INSERT INTO dateline_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            elif int(row[0]) < SCHEMA_VERSION:
                from ..link import relink

                relink(self)  # fills link_blocks and the new columns for an old store
                self._exec("UPDATE dateline_meta SET value = ? WHERE key = 'schema_version'",
                           [str(SCHEMA_VERSION)])
            self._exec("COMMIT")
        except BaseException:
            self._exec("ROLLBACK")
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.con.close()

    # --- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self._exec("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def add_documents(self, records: Iterable[DocumentRecord]) -> int:
        """Store new documents and update the event records they touch, in one transaction.

        Returns how many documents were new; already-stored ids are left as they are.
        """
        from .. import link

        records = list(records)
        self._exec("BEGIN TRANSACTION")
        try:
            self._lock_for_write()
            added: list[str] = []
            for rec in records:
                if rec.id in added or self.has_document(rec.id):
                    continue
                self._insert_document(rec)
                added.append(rec.id)
            if added:
                link.relink(self, added)
            self._exec("COMMIT")
        except BaseException:
            self._exec("ROLLBACK")
            raise
        return len(added)

    def relink_all(self) -> None:
        """Rebuild every event record from scratch (same ids as the incremental path)."""
        from .. import link

        self._exec("BEGIN TRANSACTION")
        try:
            self._lock_for_write()
            link.relink(self)
            self._exec("COMMIT")
        except BaseException:
            self._exec("ROLLBACK")
            raise

    def _insert_document(self, rec: DocumentRecord) -> None:
        m = rec.meta
        self._exec("INSERT INTO documents (id, published, source, url, title, pipeline, record) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [rec.id, m.published, m.source, m.url, m.title,
                    rec.pipeline.version if rec.pipeline else None, rec.to_json()])
        self._many("INSERT INTO doc_events (document, event, type, mode, status, date_value, date_start, "
                   "date_end, granularity, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [[rec.id, v.id, v.type, v.mode, v.status,
                     v.when.value if v.when else None, v.when.start if v.when else None,
                     v.when.end if v.when else None, v.when.granularity if v.when else None,
                     rec.text[v.sentence.start:v.sentence.end]] for v in rec.events])
        self._many("INSERT INTO entities (document, id, name, kind, country, sector, kb, n_mentions) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [[rec.id, e.id, e.name, e.kind, e.country, e.sector, json.dumps(e.kb), len(e.mentions)]
                    for e in rec.entities])
        self._many("INSERT INTO figures (document, id, event, measure, value, low, high, approx, text, "
                   "source, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [[rec.id, f.id, f.event, f.measure, f.value, f.low, f.high, f.approx, f.text,
                     f.attribution.source if f.attribution else None, f.start, f.end]
                    for f in rec.figures])
        self._many("INSERT INTO quotes (document, id, speaker, speaker_text, cue, channel, direct, text, "
                   "span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [[rec.id, q.id, q.speaker, q.speaker_text, q.cue, q.channel, q.direct, q.text,
                     q.start, q.end] for q in rec.quotes])

    def _insert_records(self, records: list[EventRecord], members: list[tuple[str, str, str]]) -> None:
        cols = ", ".join(RECORD_COLUMNS)
        marks = ", ".join("?" for _ in RECORD_COLUMNS)
        self._many(f"INSERT INTO event_records ({cols}) VALUES ({marks})", [record_row(r) for r in records])
        self._many("INSERT INTO event_members (record, document, event) VALUES (?, ?, ?)",
                   [list(m) for m in members])

    def replace_event_records(self, records: list[EventRecord], members: list[tuple[str, str, str]],
                              blocks: Optional[list[tuple[str, str, str]]] = None) -> None:
        """Swap in a whole new set of event records (inside the caller's transaction)."""
        self._exec("DELETE FROM event_members")
        self._exec("DELETE FROM event_records")
        if blocks is not None:
            self._exec("DELETE FROM link_blocks")
            self._many("INSERT INTO link_blocks (key, document, event) VALUES (?, ?, ?)",
                       [list(b) for b in blocks])
        self._insert_records(records, members)

    def swap_event_records(self, old_ids: list[str], records: list[EventRecord],
                           members: list[tuple[str, str, str]],
                           new_blocks: list[tuple[str, str, str]]) -> None:
        """Replace the records `old_ids` by `records` and add the new reports' blocks."""
        for chunk in _chunks(old_ids):
            marks = ", ".join("?" for _ in chunk)
            self._exec(f"DELETE FROM event_members WHERE record IN ({marks})", chunk)
            self._exec(f"DELETE FROM event_records WHERE id IN ({marks})", chunk)
        self._many("INSERT INTO link_blocks (key, document, event) VALUES (?, ?, ?)",
                   [list(b) for b in new_blocks])
        self._insert_records(records, members)

    # --- link lookups ------------------------------------------------------------

    def records_in_blocks(self, keys: Iterable[str]) -> set[str]:
        """Ids of the event records holding a report in any of these blocks."""
        out: set[str] = set()
        for chunk in _chunks(sorted(keys)):
            marks = ", ".join("?" for _ in chunk)
            rows = self._exec(
                "SELECT DISTINCT m.record FROM link_blocks b JOIN event_members m "
                f"ON m.document = b.document AND m.event = b.event WHERE b.key IN ({marks})",
                chunk).fetchall()
            out.update(r for (r,) in rows)
        return out

    def record_members(self, record_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        out = []
        for chunk in _chunks(sorted(record_ids)):
            marks = ", ".join("?" for _ in chunk)
            out += self._exec(f"SELECT record, document, event FROM event_members WHERE record IN ({marks}) "
                              "ORDER BY record, document, event", chunk).fetchall()
        return [tuple(r) for r in out]

    # --- reading -------------------------------------------------------------

    def documents(self) -> Iterator[DocumentRecord]:
        for (rec,) in self._exec("SELECT record FROM documents ORDER BY published, id").fetchall():
            yield DocumentRecord.from_dict(self._load_json(rec))

    def document(self, doc_id: str) -> Optional[DocumentRecord]:
        row = self._exec("SELECT record FROM documents WHERE id = ?", [doc_id]).fetchone()
        return DocumentRecord.from_dict(self._load_json(row[0])) if row else None

    def documents_by_id(self, ids: Iterable[str]) -> list[DocumentRecord]:
        out = []
        for chunk in _chunks(sorted(set(ids))):
            marks = ", ".join("?" for _ in chunk)
            out += [DocumentRecord.from_dict(self._load_json(r)) for (r,) in
                    self._exec(f"SELECT record FROM documents WHERE id IN ({marks}) ORDER BY id", chunk)
                    .fetchall()]
        return out

    def event_records(self) -> list[EventRecord]:
        rows = self._exec(
            "SELECT record FROM event_records ORDER BY date_start NULLS LAST, type, id").fetchall()
        return [EventRecord.from_dict(self._load_json(r)) for (r,) in rows]

    def event_record(self, record_id: str) -> Optional[EventRecord]:
        row = self._exec("SELECT record FROM event_records WHERE id = ?", [record_id]).fetchone()
        return EventRecord.from_dict(self._load_json(row[0])) if row else None

    def fetch(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Rows of a read-only query written with `?` placeholders (the API's reads)."""
        return self._exec(sql, params).fetchall()

    def counts(self) -> dict[str, int]:
        q = lambda t: self._exec(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
        return {"documents": q("documents"), "document_events": q("doc_events"),
                "event_records": q("event_records")}

    def check(self) -> list[str]:
        """Consistency problems (empty when sound): every stored event in exactly
        one record, every member pointing at a stored event, counts matching."""
        problems = []
        for sql, message in _CONSISTENCY_CHECKS:
            n = self._exec(sql).fetchone()[0]
            if n:
                problems.append(message.format(n))
        return problems


def _chunks(items: list) -> Iterator[list]:
    items = list(items)
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


# (query counting violations, message) for Store.check().
_CONSISTENCY_CHECKS = [
    ("SELECT count(*) FROM doc_events e LEFT JOIN event_members m "
     "ON m.document = e.document AND m.event = e.event WHERE m.record IS NULL",
     "{} document event(s) in no event record"),
    ("SELECT count(*) FROM event_members m LEFT JOIN doc_events e "
     "ON m.document = e.document AND m.event = e.event WHERE e.event IS NULL",
     "{} member(s) pointing at no stored event"),
    ("SELECT count(*) FROM event_members m LEFT JOIN event_records r "
     "ON r.id = m.record WHERE r.id IS NULL",
     "{} member(s) of a missing record"),
    ("SELECT count(*) FROM event_records r WHERE n_documents <> "
     "(SELECT count(DISTINCT document) FROM event_members m WHERE m.record = r.id)",
     "{} record(s) whose n_documents disagrees with their members"),
]
