"""Where document records and merged event records live (DuckDB by default)."""

from .duckdb_store import Store, StoreError

__all__ = ["Store", "StoreError"]
