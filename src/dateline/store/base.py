"""What every store backend shares: the tables, the transaction, bulk writes
and the lookups the linker needs, written once in portable SQL.

The store keeps records; it does not link them. `dateline.link.service` does
"insert, then relink" inside one `transaction()`: the documents, their events,
entities, figures, quotes, the reports' linking features, their blocks and
every event record the batch changes are committed together, so a crash or
kill part-way leaves the store as it was before that batch.

A backend (DuckDB file, PostgreSQL server) supplies the connection, the
parameter style, the JSON column type, how to take the writer's lock and how
to insert many rows at once.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional, Sequence

from ..records import DocumentRecord, EventRecord
from . import columns
from .report_view import report_views

SCHEMA_VERSION = 4
CHUNK = 500  # ids per IN (...) list
RELINK_PENDING = "relink_pending"  # dateline_meta key: an upgrade left the link state to rebuild


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
        # Schema 3: each report's linking features in its own row (dateline.link.reports.
        # Report.features), the articles' content words, and the linkable pairs found so far
        # with their scores (report keys "document\x1fevent"): relinking re-clusters the
        # records a batch touches from these rows, never from whole documents.
        f"""CREATE TABLE IF NOT EXISTS reports (
            document VARCHAR NOT NULL, event VARCHAR NOT NULL, family VARCHAR, type VARCHAR,
            mode VARCHAR, status VARCHAR, trigger VARCHAR, date_start VARCHAR, date_end VARCHAR,
            published VARCHAR, features {json_type} NOT NULL, PRIMARY KEY (document, event))""",
        "CREATE TABLE IF NOT EXISTS link_docs (document VARCHAR PRIMARY KEY, words VARCHAR)",
        "CREATE TABLE IF NOT EXISTS link_edges (a VARCHAR NOT NULL, b VARCHAR NOT NULL, score DOUBLE PRECISION)",
        "CREATE INDEX IF NOT EXISTS link_edges_a ON link_edges (a)",
        # Schema 4: what the API filters, counts and maps on, as plain columns (store/columns.py).
        *(f"ALTER TABLE event_records ADD COLUMN IF NOT EXISTS {name} {typ}" for name, typ in columns.COLUMNS),
        # ... and what an event's page shows of each report (store/report_view.py).
        f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS meta {json_type}",
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS text VARCHAR",
        f"ALTER TABLE doc_events ADD COLUMN IF NOT EXISTS report {json_type}",
    ]


REPORT_COLUMNS = ("document", "event", "family", "type", "mode", "status", "trigger", "date_start",
                  "date_end", "published", "features")


RECORD_COLUMNS = ("id", "type", "status", "date_start", "date_end", "n_documents", "record", "mode",
                  "n_sources", "first_reported", "last_reported", "actor_names", "location_country",
                  *columns.NAMES)
RECORD_TYPES = (("VARCHAR",) * 5 + ("INTEGER", "VARCHAR", "VARCHAR", "INTEGER") + ("VARCHAR",) * 4
                + columns.ARRAY_TYPES)


def record_row(r: EventRecord) -> list:
    w = r.when
    d = r.to_dict()  # plain values: what the stored JSON reads back as
    return [r.id, r.type, r.status, w.start if w else None, w.end if w else None, r.n_documents,
            json.dumps(d, ensure_ascii=False), r.mode, r.n_sources, r.first_reported, r.last_reported,
            "; ".join(a.name for a in r.actors), (r.location or {}).get("country"),
            *columns.derived(d)]


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

    def _insert(self, table: str, columns: Sequence[str], types: Sequence[str], rows: list) -> None:
        """Insert many rows at once (`types`: SQL types of the columns, for backends
        that bulk-insert typed column arrays)."""
        if rows:
            marks = ", ".join("?" for _ in columns)
            self._many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", [list(r) for r in rows])

    # --- set-up --------------------------------------------------------------

    def _create(self) -> None:
        """Create or upgrade the tables. An upgrade from before schema 3 marks the
        link state for a rebuild, which the link service does on its next write
        (the store itself never links); one from before schema 4 fills the new
        columns of the stored event records."""
        with self.transaction():
            for stmt in ddl(self.json_type):
                self._exec(stmt)
            row = self._exec("SELECT value FROM dateline_meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                self._exec("INSERT INTO dateline_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            elif int(row[0]) < SCHEMA_VERSION:
                if int(row[0]) < 3:
                    self.set_meta(RELINK_PENDING, "1")
                self._backfill_columns()
                self._backfill_reports()
                self.set_meta("schema_version", str(SCHEMA_VERSION))

    def _backfill_columns(self, batch: int = 2000) -> None:
        """Derive the schema-4 columns (store/columns.py) of every stored event record
        from its JSON: through a temporary table and one UPDATE per batch."""
        names = columns.NAMES
        self._exec("CREATE TEMP TABLE IF NOT EXISTS record_columns (id VARCHAR, "
                   + ", ".join(f"{n} {t}" for n, t in columns.COLUMNS) + ")")
        ids = [i for (i,) in self._exec("SELECT id FROM event_records ORDER BY id").fetchall()]
        for i in range(0, len(ids), batch):
            rows = self._exec("SELECT id, record FROM event_records WHERE id = ANY(?)", [ids[i:i + batch]]).fetchall()
            self._exec("DELETE FROM record_columns")
            self._insert("record_columns", ("id", *names), ("VARCHAR", *columns.ARRAY_TYPES),
                         [(rid, *columns.derived(self._load_json(rec))) for rid, rec in rows])
            self._exec(f"UPDATE event_records SET {', '.join(f'{n} = c.{n}' for n in names)} "
                       "FROM record_columns c WHERE event_records.id = c.id")
        self._exec("DROP TABLE record_columns")

    def _backfill_reports(self, batch: int = 200) -> None:
        """Fill documents.meta, documents.text and doc_events.report from the stored
        document records (read once, in batches; written through temporary tables)."""
        docs, reports = [], []
        cur = self._exec("SELECT id, record FROM documents")
        while rows := cur.fetchmany(batch):
            for doc_id, rec in rows:
                d = self._load_json(rec)
                docs.append((doc_id, json.dumps(d.get("meta", {}), ensure_ascii=False), d.get("text", "")))
                reports += [(doc_id, ev, json.dumps(v, ensure_ascii=False)) for ev, v in report_views(d)]
        V = "VARCHAR"
        self._exec(f"CREATE TEMP TABLE IF NOT EXISTS doc_parts (id VARCHAR, meta {self.json_type}, text VARCHAR)")
        self._exec(f"CREATE TEMP TABLE IF NOT EXISTS report_parts (document VARCHAR, event VARCHAR, "
                   f"report {self.json_type})")
        self._insert("doc_parts", ("id", "meta", "text"), (V, V, V), docs)
        self._insert("report_parts", ("document", "event", "report"), (V, V, V), reports)
        self._exec("UPDATE documents SET meta = p.meta, text = p.text FROM doc_parts p WHERE documents.id = p.id")
        self._exec("UPDATE doc_events SET report = p.report FROM report_parts p "
                   "WHERE doc_events.document = p.document AND doc_events.event = p.event")
        self._exec("DROP TABLE doc_parts")
        self._exec("DROP TABLE report_parts")

    def get_meta(self, key: str) -> Optional[str]:
        row = self._exec("SELECT value FROM dateline_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: Optional[str]) -> None:
        self._exec("DELETE FROM dateline_meta WHERE key = ?", [key])
        if value is not None:
            self._exec("INSERT INTO dateline_meta VALUES (?, ?)", [key, value])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self):
        """One write transaction, holding the writers' lock: committed when the
        block ends, rolled back (and the error re-raised) when it raises."""
        self._exec("BEGIN TRANSACTION")
        try:
            self._lock_for_write()
            yield self
            self._exec("COMMIT")
        except BaseException:
            self._exec("ROLLBACK")
            raise

    # --- writing documents -------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self._exec("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored already."""
        ids = sorted(set(ids))
        out: set[str] = set()
        for chunk in _chunks(ids):
            out.update(r for (r,) in self._exec("SELECT id FROM documents WHERE id = ANY(?)", [chunk]).fetchall())
        return out

    def insert_documents(self, records: Iterable[DocumentRecord]) -> list[DocumentRecord]:
        """Insert the documents not stored yet (inside the caller's transaction); returns them."""
        records = list(records)
        stored = self.stored_ids(r.id for r in records)
        new, seen = [], set()
        for rec in records:
            if rec.id in seen or rec.id in stored:
                continue
            seen.add(rec.id)
            new.append(rec)
        if not new:
            return []
        V, I, D, B = "VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN"
        dicts = {r.id: r.to_dict() for r in new}  # plain values: what the stored JSON reads back as
        texts = {i: json.dumps(d, ensure_ascii=False) for i, d in dicts.items()}
        views = {i: dict(report_views(d)) for i, d in dicts.items()}
        dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
        self._insert("documents", ("id", "published", "source", "url", "title", "pipeline", "record", "meta",
                                   "text"), (V,) * 9,
                     [(r.id, r.meta.published, r.meta.source, r.meta.url, r.meta.title,
                       r.pipeline.version if r.pipeline else None, texts[r.id],
                       dump(dicts[r.id].get("meta", {})), dicts[r.id].get("text", "")) for r in new])
        self._insert("doc_events", ("document", "event", "type", "mode", "status", "date_value", "date_start",
                                    "date_end", "granularity", "evidence", "report"), (V,) * 11,
                     [(rec.id, v.id, v.type, v.mode, v.status,
                       v.when.value if v.when else None, v.when.start if v.when else None,
                       v.when.end if v.when else None, v.when.granularity if v.when else None,
                       rec.text[v.sentence.start:v.sentence.end],
                       dump(views[rec.id][v.id]) if v.id in views[rec.id] else None)
                      for rec in new for v in rec.events])
        self._insert("entities", ("document", "id", "name", "kind", "country", "sector", "kb", "n_mentions"),
                     (V,) * 7 + (I,),
                     [(rec.id, e.id, e.name, e.kind, e.country, e.sector, json.dumps(e.kb), len(e.mentions))
                      for rec in new for e in rec.entities])
        self._insert("figures", ("document", "id", "event", "measure", "value", "low", "high", "approx", "text",
                                 "source", "span_start", "span_end"), (V,) * 4 + (D,) * 3 + (V,) * 3 + (I, I),
                     [(rec.id, f.id, f.event, f.measure, f.value, f.low, f.high, f.approx, f.text,
                       f.attribution.source if f.attribution else None, f.start, f.end)
                      for rec in new for f in rec.figures])
        self._insert("quotes", ("document", "id", "speaker", "speaker_text", "cue", "channel", "direct", "text",
                                "span_start", "span_end"), (V,) * 6 + (B, V, I, I),
                     [(rec.id, q.id, q.speaker, q.speaker_text, q.cue, q.channel, q.direct, q.text,
                       q.start, q.end) for rec in new for q in rec.quotes])
        return new

    # --- the link state ------------------------------------------------------------

    def insert_reports(self, rows: list[tuple], words: list[tuple[str, str]],
                       blocks: list[tuple[str, str, str]]) -> None:
        """Reports' feature rows (REPORT_COLUMNS), the articles' content words
        (document, space-separated words) and the reports' block keys (key, document, event)."""
        V = "VARCHAR"
        self._insert("reports", REPORT_COLUMNS, (V,) * len(REPORT_COLUMNS), rows)
        self._insert("link_docs", ("document", "words"), (V, V), words)
        self._insert("link_blocks", ("key", "document", "event"), (V, V, V), blocks)

    def _key_ranges(self) -> str:
        """FROM-clause table of three array parameters: (key, lo, hi)."""
        return ("(SELECT unnest(?::VARCHAR[]) AS key, unnest(?::VARCHAR[]) AS lo, "
                "unnest(?::VARCHAR[]) AS hi) AS k")

    def block_report_rows(self, ranges: dict[str, tuple[Optional[str], Optional[str]]],
                          cap: int) -> list[tuple[str, str, Optional[str], Any]]:
        """(document, event, record, features) of the stored reports in these blocks
        whose date bounds meet the block's range (key -> (lo, hi) ISO days; None: any
        date): in each block, the `cap` latest by their date bounds' end (ties: by id)."""
        rows = []
        for chunk in _chunks(sorted(ranges)):
            rows += self._exec(
                f"WITH hits AS (SELECT b.document, b.event, row_number() OVER (PARTITION BY b.key "
                "ORDER BY r.date_end DESC NULLS LAST, b.document DESC, b.event DESC) AS rn "
                f"FROM {self._key_ranges()} JOIN link_blocks b ON b.key = k.key "
                "JOIN reports r ON r.document = b.document AND r.event = b.event "
                "WHERE (k.lo IS NULL OR r.date_end IS NULL OR r.date_end >= k.lo) "
                "AND (k.hi IS NULL OR r.date_start IS NULL OR r.date_start <= k.hi)), "
                "near AS (SELECT DISTINCT document, event FROM hits WHERE rn <= ?) "
                "SELECT r.document, r.event, m.record, r.features FROM near n "
                "JOIN reports r ON r.document = n.document AND r.event = n.event "
                "LEFT JOIN event_members m ON m.document = r.document AND m.event = r.event",
                [chunk, [ranges[k][0] for k in chunk], [ranges[k][1] for k in chunk], cap]).fetchall()
        return _unique_sorted(rows)

    def record_report_rows(self, record_ids: Iterable[str]) -> list[tuple[str, str, Optional[str], Any]]:
        """(document, event, record, features) of every report of these event records."""
        rows = []
        for chunk in _chunks(sorted(set(record_ids))):
            rows += self._exec(
                "SELECT r.document, r.event, m.record, r.features FROM event_members m "
                "JOIN reports r ON r.document = m.document AND r.event = m.event WHERE m.record = ANY(?)",
                [chunk]).fetchall()
        return _unique_sorted(rows)

    def all_report_rows(self) -> list[tuple[str, str, Optional[str], Any]]:
        return _unique_sorted(self._exec(
            "SELECT r.document, r.event, m.record, r.features FROM reports r "
            "LEFT JOIN event_members m ON m.document = r.document AND m.event = r.event").fetchall())

    def words_of(self, doc_ids: Iterable[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(set(doc_ids))):
            for doc, words in self._exec("SELECT document, words FROM link_docs WHERE document = ANY(?)",
                                         [chunk]).fetchall():
                out[doc] = set(words.split()) if words else set()
        return out

    def edges_among(self, keys: Iterable[str]) -> list[tuple[str, str, float]]:
        """(a, b, score) of the stored linkable pairs with both reports among `keys`."""
        keys = sorted(set(keys))
        if not keys:
            return []
        rows = self._exec("SELECT a, b, score FROM link_edges WHERE a = ANY(?) AND b = ANY(?)",
                          [keys, keys]).fetchall()
        return sorted(tuple(r) for r in rows)

    def swap_links(self, old_records: list[str], records: list[EventRecord],
                   members: list[tuple[str, str, str]], edges: list[tuple[str, str, float]] = ()) -> None:
        """Replace event records `old_records` by `records` (with their members) and add
        the newly found linkable pairs `edges` (a, b, score)."""
        for chunk in _chunks(old_records):
            self._exec("DELETE FROM event_members WHERE record = ANY(?)", [chunk])
            self._exec("DELETE FROM event_records WHERE id = ANY(?)", [chunk])
        self._insert_records(records, members)
        self._insert("link_edges", ("a", "b", "score"), ("VARCHAR", "VARCHAR", "DOUBLE"), list(edges))

    def clear_links(self) -> None:
        """Forget every event record, report row and linkable pair (before a full relink)."""
        for table in ("event_members", "event_records", "link_edges", "link_blocks", "reports", "link_docs"):
            self._exec(f"DELETE FROM {table}")

    def _insert_records(self, records: list[EventRecord], members: list[tuple[str, str, str]]) -> None:
        self._insert("event_records", RECORD_COLUMNS, RECORD_TYPES, [record_row(r) for r in records])
        self._insert("event_members", ("record", "document", "event"), ("VARCHAR",) * 3, members)

    # --- link lookups (kept for readers of schema-2 tables) ------------------------

    def record_members(self, record_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        out = []
        for chunk in _chunks(sorted(record_ids)):
            out += self._exec("SELECT record, document, event FROM event_members WHERE record = ANY(?) "
                              "ORDER BY record, document, event", [chunk]).fetchall()
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
            out += [DocumentRecord.from_dict(self._load_json(r)) for (r,) in
                    self._exec("SELECT record FROM documents WHERE id = ANY(?) ORDER BY id", [chunk]).fetchall()]
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


def _unique_sorted(rows) -> list[tuple]:
    """Rows by (document, event), each once."""
    out: dict[tuple[str, str], tuple] = {}
    for r in rows:
        out.setdefault((r[0], r[1]), tuple(r))
    return [out[k] for k in sorted(out)]


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
