"""REST API and web UI (`dateline serve`)."""

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
