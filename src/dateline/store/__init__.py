"""Where document records and merged event records live: a DuckDB file by
default, or a PostgreSQL database for a multi-user server."""

from __future__ import annotations

from pathlib import Path
from typing import Union

from .base import SQLStore, StoreError
from .duckdb_store import Store

__all__ = ["Store", "StoreError", "SQLStore", "open_store"]


def open_store(target: Union[str, Path], read_only: bool = False) -> SQLStore:
    """A PostgreSQL store for a postgresql:// URL, else a DuckDB file store."""
    from .postgres import PostgresStore, is_postgres_url

    if is_postgres_url(str(target)):
        return PostgresStore(str(target), read_only=read_only)
    return Store(target, read_only=read_only)
