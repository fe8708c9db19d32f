"""`dateline serve`: run the API and web UI with uvicorn.

The write token never travels on the command line, where `ps` shows it to
every user of the machine: it comes from the DATELINE_TOKEN environment
variable or a file (--token-file). The Host header is checked against the
bound host (see security.allowed_hosts_for).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Optional

from .security import allowed_hosts_for


class TokenError(ValueError):
    """The token file cannot be used; the message says why."""


def read_token(token_file: Optional[Path] = None, env: Optional[dict] = None) -> Optional[str]:
    """The write token: the file's first line, else DATELINE_TOKEN, else None (read-only)."""
    env = os.environ if env is None else env
    if token_file is not None:
        path = Path(token_file)
        try:
            text = path.read_text("utf-8")
        except OSError as e:
            raise TokenError(f"cannot read the token file {path}: {e.strerror or e}") from None
        token = (text.splitlines() or [""])[0].strip()
        if not token:
            raise TokenError(f"the token file {path} is empty")
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            print(f"Dateline: warning: {path} is readable by other users (chmod 600 it)", file=sys.stderr)
        return token
    return (env.get("DATELINE_TOKEN") or "").strip() or None


def serve(db: Path, host: str = "127.0.0.1", port: int = 8000, token: Optional[str] = None,
          token_file: Optional[Path] = None) -> None:
    """Serve the store at `db` on http://host:port/ (UI at /, API under /api/, schema at /openapi.json).

    The token comes from `token` (for callers in Python), else `token_file`,
    else DATELINE_TOKEN; without one the server is read-only (writes are 403).
    """
    import uvicorn

    from ..store import open_store
    from .app import create_app

    token = token or read_token(token_file)
    hosts = allowed_hosts_for(host, os.environ.get("DATELINE_ALLOWED_HOSTS", "").split(","))
    store = open_store(db)  # a DuckDB file or a postgresql:// URL
    try:
        app = create_app(store, token=token, allowed_hosts=hosts)
        mode = "writes need the token" if token else "read-only: no token configured"
        print(f"Dateline: serving {db} on http://{host}:{port}/ ({mode})", file=sys.stderr)
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
