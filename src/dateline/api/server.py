"""`dateline serve`: run the API and web UI with uvicorn."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional


def serve(db: Path, host: str = "127.0.0.1", port: int = 8000, token: Optional[str] = None) -> None:
    """Serve the store at `db` on http://host:port/ (UI at /, API under /api/, schema at /openapi.json).

    The token comes from `token`, else the DATELINE_TOKEN environment variable;
    without one the server is read-only (write endpoints answer 403).
    """
    import uvicorn

    from ..store import Store
    from .app import create_app

    token = token or os.environ.get("DATELINE_TOKEN") or None
    store = Store(db)
    try:
        app = create_app(store, token=token)
        mode = "writes need the token" if token else "read-only: no token configured"
        print(f"Dateline: serving {db} on http://{host}:{port}/ ({mode})", file=sys.stderr)
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
