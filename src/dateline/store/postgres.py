"""The PostgreSQL store: the same tables and interface as the DuckDB file, for
a multi-user server (`Store` of dateline.store.duckdb_store).

Each batch is one transaction, as in DuckDB. Writers take a transaction-level
advisory lock first, so two ingests running at once relink one after the
other instead of rebuilding the same event records from stale reads; readers
never wait. Needs `psycopg` (pip install "psycopg[binary]").
"""

from __future__ import annotations

from typing import Sequence

from .base import SCHEMA_VERSION, SQLStore, StoreError

__all__ = ["PostgresStore", "StoreError", "SCHEMA_VERSION", "is_postgres_url"]

WRITER_LOCK = 0x0D47E11E  # advisory lock key shared by every Dateline writer


def is_postgres_url(target: str) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database; `dsn` is a libpq URL or key=value string."""

    json_type = "JSONB"

    def __init__(self, dsn: str, read_only: bool = False):
        try:
            import psycopg
        except ImportError as err:  # pragma: no cover - depends on the install
            raise StoreError('the PostgreSQL store needs psycopg: pip install "psycopg[binary]"') from err
        self.path = dsn
        self.read_only = read_only
        try:
            self.con = psycopg.connect(dsn, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"cannot open store {dsn}: {err}") from err
        if read_only:
            self.con.execute("SET default_transaction_read_only = on")
        else:
            self._create()

    def reader(self) -> "PostgresStore":
        """A second connection, for another thread."""
        return PostgresStore(self.path, read_only=True)

    def _key_ranges(self) -> str:
        return "unnest(?::text[], ?::text[], ?::text[]) AS k(key, lo, hi)"

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _exec(self, sql: str, params: Sequence = ()):
        return self.con.execute(self._sql(sql), list(params) if params else None)

    def _executemany(self, sql: str, rows: list) -> None:
        with self.con.cursor() as cur:
            cur.executemany(sql, rows)

    def _lock_for_write(self) -> None:
        self.con.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
