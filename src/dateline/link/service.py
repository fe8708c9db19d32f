"""Insert, then relink: how documents enter a store.

The store keeps records and knows nothing of linking; this service opens one
write transaction per batch, inserts the documents that are new, and links
them (`dateline.link.relink`), so the batch and every event record it changes
are committed together or not at all. It also finishes a store upgrade that
left the link state to rebuild (schema < 3).
"""

from __future__ import annotations

import logging
from typing import Iterable, Union

from ..records import DocumentRecord
from ..store.base import RELINK_PENDING

log = logging.getLogger(__name__)


def _finish_upgrade(store) -> None:
    from . import relink

    if store.get_meta(RELINK_PENDING):
        log.info("rebuilding the link state of an upgraded store")
        relink(store)
        store.set_meta(RELINK_PENDING, None)


def add_documents(store, records: Iterable[DocumentRecord]) -> int:
    """Store the documents not stored yet and link them, in one transaction.

    Returns how many were new; already-stored ids are left as they are."""
    from . import relink

    records = list(records)
    with store.transaction():
        _finish_upgrade(store)
        new = store.insert_documents(records)
        if new:
            relink(store, new)
    return len(new)


def relink_all(store) -> None:
    """Rebuild every event record from the stored documents (same ids as the incremental path)."""
    from . import relink

    with store.transaction():
        relink(store)
        store.set_meta(RELINK_PENDING, None)


def upgrade(store) -> None:
    """Finish a pending upgrade now (otherwise the next add_documents does it)."""
    with store.transaction():
        _finish_upgrade(store)


def open_store(target: Union[str, "object"], read_only: bool = False):
    """A store (DuckDB file or postgresql:// URL) with any pending upgrade finished."""
    from ..store import open_store as _open

    store = _open(str(target), read_only=read_only)
    if not read_only and store.get_meta(RELINK_PENDING):
        upgrade(store)
    return store
