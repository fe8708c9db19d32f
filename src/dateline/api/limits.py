"""Request size limit as plain ASGI middleware.

It answers 413 before the app sees a body that is too large, whether the
client declared the size (Content-Length) or streamed it (chunked), so a
large upload can never reach a parser or exhaust memory.
"""

from __future__ import annotations

import json

DEFAULT_MAX_BODY = 5_000_000  # bytes


def _reply(status: int, message: str):
    body = json.dumps({"detail": message}).encode()
    return [
        {"type": "http.response.start", "status": status,
         "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]},
        {"type": "http.response.body", "body": body},
    ]


class BodyLimit:
    def __init__(self, app, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        too_big = f"request body too large (limit {self.max_body:,} bytes)"
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                for msg in _reply(400, "invalid Content-Length header"):
                    await send(msg)
                return
            if size > self.max_body:
                for msg in _reply(413, too_big):
                    await send(msg)
                return
        # Read the whole body (bounded), then replay it to the app.
        chunks, total = [], 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunk = msg.get("body", b"")
            total += len(chunk)
            if total > self.max_body:
                for m in _reply(413, too_big):
                    await send(m)
                return
            chunks.append(chunk)
            if not msg.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)
