"""The embedded store: one DuckDB file holding documents (with their entities,
events, figures and quotes), the merged event records and the link state.

Every batch is written in one transaction, together with the event records it
changes, so a crash or a killed process half-way leaves the store exactly as
it was before that batch (DuckDB's write-ahead log is replayed or discarded on
the next open). Re-ingesting a stored article is a no-op.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import duckdb

from .base import SCHEMA_VERSION, SQLStore, StoreError

__all__ = ["Store", "StoreError", "SCHEMA_VERSION"]


def _no_zstd(con) -> None:
    """Write long strings without ZSTD: DuckDB compresses a column of whole document
    records in blocks of up to 2,048 rows, so reading one record (a document's page)
    decompressed all of them, about 17 ms on a 1,600-article store; stored plainly
    it takes 5 ms, for about a third more disk. Older DuckDB has no such setting
    (and no ZSTD for strings)."""
    try:
        con.execute("SET disabled_compression_methods = 'zstd'")
    except duckdb.Error:
        pass


class Store(SQLStore):
    """A DuckDB-file store; use as a context manager or call close()."""

    json_type = "JSON"

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"cannot open store {self.path}: {err}") from err
        _no_zstd(self.con)
        if not read_only:
            self._create()

    def reader(self) -> "Store":
        """A second connection to the same database, for another thread."""
        other = Store.__new__(Store)
        other.path, other.read_only, other.con = self.path, True, self.con.cursor()
        return other

    def _insert(self, table: str, columns: Sequence[str], types: Sequence[str], rows: list) -> None:
        """One INSERT … SELECT unnest(column array)… per call: a row at a time
        (executemany) costs about 2 ms a row in DuckDB, column arrays 40 µs."""
        if not rows:
            return
        cols = [list(c) for c in zip(*rows)]
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select}", cols)
