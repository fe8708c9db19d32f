"""HTTP hardening around the whole app, as plain ASGI middleware.

- Security headers on every response, the error replies of the outer
  middleware included: a Content-Security-Policy without 'unsafe-inline' (all
  scripts and styles are files under /static; the pages set no inline
  handlers), no MIME sniffing, no framing, no referrer leaving the site.
- The Host header must name the host the server is bound to, so a page on
  another site cannot read the store through DNS rebinding (its requests
  carry the attacker's host name).
- HEAD is answered as GET without a body (FastAPI routes only list GET).

Repeated wrong write tokens are throttled by `Throttle`, used in app.py.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from typing import Iterable, Optional

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed_hosts_for(bind: str, extra: Iterable[str] = ()) -> Optional[list[str]]:
    """Host names a request may carry when the server listens on `bind`.

    A loopback bind allows the loopback names; a named host allows that name;
    a wildcard bind (0.0.0.0, ::) cannot know its public names, so it allows
    any unless `extra` (DATELINE_ALLOWED_HOSTS) lists them.
    """
    extra = [h.strip().lower() for h in extra if h.strip()]
    bind = (bind or "").strip().lower().strip("[]")
    if bind in LOOPBACK:
        return list(LOOPBACK) + extra
    if bind in ("0.0.0.0", "::", ""):
        return extra or None
    return [bind] + extra


def host_name(header: str) -> str:
    """'example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Hardened:
    def __init__(self, app, allowed_hosts: Optional[Iterable[str]] = None):
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower().strip("[]") for h in allowed_hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_hardened(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message = dict(message, headers=list(message.get("headers", []))
                               + [(k, v) for k, v in HEADERS if k not in have])
            await send(message)

        if self.allowed is not None:
            host = host_name(dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                body = json.dumps({"detail": f"unknown host {host!r}: this server answers only to "
                                             f"{', '.join(sorted(self.allowed))}"}).encode()
                await send_hardened({"type": "http.response.start", "status": 400, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        if scope["method"] == "HEAD":
            scope = dict(scope, method="GET")

            async def send_headless(message):
                if message["type"] == "http.response.body":
                    message = {"type": "http.response.body", "body": b"",
                               "more_body": message.get("more_body", False)}
                await send_hardened(message)

            return await self.app(scope, receive, send_headless)
        return await self.app(scope, receive, send_hardened)


class Throttle:
    """Wrong tokens per client: after `limit` within `window` seconds, every write
    from that client is refused for `window` seconds (429 with Retry-After),
    the right token included, so a token cannot be guessed at request speed."""

    def __init__(self, limit: int = 5, window: float = 60.0):
        self.limit, self.window = limit, window
        self.fails: dict[str, deque] = {}
        self.lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque:
        q = self.fails.setdefault(client, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def wait(self, client: str) -> Optional[int]:
        """Seconds this client must wait before its next write, or None."""
        now = time.monotonic()
        with self.lock:
            q = self._recent(client, now)
            if len(q) >= self.limit:
                return max(1, int(q[-1] + self.window - now + 0.999))
            if not q:
                self.fails.pop(client, None)
        return None

    def failed(self, client: str) -> None:
        with self.lock:
            self._recent(client, time.monotonic()).append(time.monotonic())
            if len(self.fails) > 10_000:  # bounded memory under a spray of addresses
                self.fails.pop(next(iter(self.fails)))

    def succeeded(self, client: str) -> None:
        with self.lock:
            self.fails.pop(client, None)
