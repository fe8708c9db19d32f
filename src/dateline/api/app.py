"""The FastAPI app: REST resources under /api/ and the web UI on the same port.

One process holds the store (DuckDB allows one writer): a single connection
guarded by a lock. Extraction runs outside the lock; only the short store
transaction is serialised. Write endpoints need the configured token; with
no token configured they are disabled, never open.
"""

from __future__ import annotations

import hmac
import json
import re
import threading
from pathlib import Path
from typing import Literal, Optional
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from .. import __version__
from ..store import SQLStore, Store, open_store
from ..store import query as Q
from . import models as M
from .exports import MEDIA, events_bytes
from .limits import DEFAULT_MAX_BODY, BodyLimit
from .security import Hardened, Throttle
from .submit import parse_submission

WEB = Path(__file__).resolve().parent.parent / "web"
ERRORS = {401: {"model": M.Error, "description": "Token missing or wrong"},
          429: {"model": M.Error, "description": "Too many wrong tokens from this address; wait Retry-After seconds"},
          403: {"model": M.Error, "description": "Writing is disabled (no token configured)"},
          413: {"model": M.Error, "description": "Request body too large"},
          422: {"model": M.Error, "description": "Invalid input; the message says why"}}
READ_ERRORS = {422: ERRORS[422]}

Status = Literal["happened", "ongoing", "planned", "hypothetical", "negated"]
# Year 1000-2999, month 01-12, day 01-31 (compared as text, so 2025-02-31 just means "end of February").
DATE_RE = r"^[12]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


class Service:
    """The store connection, its lock and the lazily loaded pipeline."""

    def __init__(self, store: Store, token: Optional[str], model: Optional[str] = None):
        self.store = store
        self.token = token or None
        self.model = model
        self.lock = threading.Lock()
        self._pipe = None
        self._pipe_lock = threading.Lock()

    def pipeline(self):
        with self._pipe_lock:
            if self._pipe is None:
                from ..pipeline import load

                self._pipe = load(self.model) if self.model else load()
            return self._pipe

    def read(self, fn, *args, **kw):
        with self.lock:
            return fn(_Reader(self.store), *args, **kw)


class _Reader:
    """The `con.execute(sql, params).fetchall()/.fetchone()` shape store/query.py
    uses, served by Store.fetch, so reads work on every store backend."""

    def __init__(self, store: Store):
        self.store = store

    def execute(self, sql: str, params=()):
        return _Rows(self.store.fetch(sql, list(params)))


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchall(self):
        return self.rows

    def fetchone(self):
        return self.rows[0] if self.rows else None


STATUS_ALT = "|".join(Q.STATUSES)


def _many(value: Optional[str]) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def event_filter(
        type: Optional[str] = Query(None, max_length=400, pattern=r"^[A-Za-z_]{1,40}(,[A-Za-z_]{1,40}){0,19}$",
                                    description="PLOVER type, e.g. ASSAULT; several comma-separated match any"),
        status: Optional[str] = Query(None, pattern=rf"^({STATUS_ALT})(,({STATUS_ALT})){{0,4}}$",
                                      description="happened | ongoing | planned | hypothetical | negated; "
                                                  "several comma-separated match any"),
        actor: Optional[str] = Query(None, min_length=1, max_length=200, description="Part of an actor's or recipient's name"),
        country: Optional[str] = Query(None, pattern=r"^[A-Za-z]{3}(,[A-Za-z]{3}){0,49}$",
                                       description="ISO 3166-1 alpha-3 of an actor, recipient or the place; "
                                                   "several comma-separated match any"),
        place: Optional[str] = Query(None, min_length=1, max_length=200, description="Part of the place name"),
        date_from: Optional[str] = Query(None, pattern=DATE_RE, description="YYYY[-MM[-DD]]: events whose dates reach this"),
        date_to: Optional[str] = Query(None, pattern=DATE_RE, description="YYYY[-MM[-DD]]: events whose dates start by this"),
        min_sources: Optional[int] = Query(None, ge=1, le=10000, description="At least this many distinct outlets"),
        min_killed: Optional[int] = Query(None, ge=1, le=10_000_000, description="At least this many killed (highest report)"),
        q: Optional[str] = Query(None, min_length=1, max_length=200, description="Search: an actor's or recipient's name, the place, or any report's evidence sentence"),
) -> Q.EventFilter:
    return Q.EventFilter(type=_many(type), status=_many(status), actor=actor, country=_many(country), place=place,
                         date_from=date_from, date_to=date_to, min_sources=min_sources,
                         min_killed=min_killed, q=q)


def doc_filter(q: Optional[str] = Query(None, min_length=1, max_length=200, description="Words in the title or text"),
               source: Optional[str] = Query(None, min_length=1, max_length=200, description="The outlet, exactly"),
               date_from: Optional[str] = Query(None, pattern=DATE_RE, description="Published on or after (YYYY[-MM[-DD]])"),
               date_to: Optional[str] = Query(None, pattern=DATE_RE, description="Published on or before")) -> dict:
    return dict(q=q, source=source, date_from=date_from, date_to=date_to)


def create_app(db: str | Path | SQLStore, token: Optional[str] = None, *, model: Optional[str] = None,
               max_body: int = DEFAULT_MAX_BODY, allowed_hosts: Optional[list[str]] = None,
               throttle: Optional[Throttle] = None):
    """The ASGI app. `allowed_hosts`: host names the Host header may carry (None:
    any; `serve` passes the bound host's). `throttle`: wrong-token limits."""
    # The store stays open for the process (test clients run lifespan events per
    # session); `serve` closes the Store it opened when the server stops.
    store = db if isinstance(db, SQLStore) else open_store(db)  # a DuckDB file or a postgresql:// URL
    svc = Service(store, token, model)
    throttle = throttle or Throttle()
    app = FastAPI(
        title="Dateline", version=__version__,
        description="News articles in, evidence-linked event records out. Read endpoints are open; "
                    "write endpoints need `Authorization: Bearer <token>` (or `X-Dateline-Token`).",
        openapi_url="/openapi.json", docs_url=None, redoc_url=None)  # Swagger UI needs a CDN
    app.state.service = svc
    # zlib's default level: level 9 (Starlette's) spends 4 times the CPU (15 ms on the
    # map's 300 kB) for bodies 5% smaller
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)

    @app.middleware("http")
    async def _known_params_only(request: Request, call_next):
        """A misspelt filter (?contry=PAK) must fail loudly, not silently return everything."""
        route = _route_for(app, request.scope)
        if route is not None and request.url.path.startswith("/api/"):
            if "POST" in route.methods and (err := token_error(request)) is not None:
                return JSONResponse({"detail": err.detail}, status_code=err.status_code, headers=err.headers)
            allowed = _query_names(route.dependant)
            unknown = sorted(set(request.query_params.keys()) - allowed)
            if unknown:
                return JSONResponse({"detail": f"unknown query parameter(s): {', '.join(map(repr, unknown))}; "
                                               f"allowed: {', '.join(sorted(allowed)) or 'none'}"},
                                    status_code=422)
        return await call_next(request)

    # --- errors: always JSON with a message, never a bare 500 -------------------

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        msgs = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
            msgs.append(f"{where}: {e.get('msg')}")
        return JSONResponse({"detail": "; ".join(msgs) or "invalid request"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        path = request.url.path
        if exc.status_code == 404 and not (path.startswith("/api/") or path.startswith("/static/")
                                           or path.endswith(".json")):
            return _not_found(f"There is no page at {path!r}.")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    bearer = HTTPBearer(auto_error=False, description="The server's write token (DATELINE_TOKEN or --token-file).")

    def token_error(request: Request, record: bool = True) -> Optional[HTTPException]:
        """Why this request may not write, or None if it may. A wrong token counts
        against the client; too many in a row and it must wait (429)."""
        if not svc.token:
            return HTTPException(403, "writing is disabled: start the server with DATELINE_TOKEN or "
                                      "--token-file to enable write endpoints")
        client = request.client.host if request.client else "?"
        wait = throttle.wait(client)
        if wait is not None:
            return HTTPException(429, f"too many wrong tokens from this address: try again in {wait} s",
                                 headers={"Retry-After": str(wait)})
        auth = request.headers.get("authorization") or ""
        given = auth[7:].strip() if auth[:7].lower() == "bearer " else request.headers.get("x-dateline-token") or ""
        if not given or not hmac.compare_digest(given.encode("utf-8", "surrogateescape"),
                                                svc.token.encode("utf-8", "surrogateescape")):
            if given and record:
                throttle.failed(client)
            return HTTPException(401, "a valid token is required: send 'Authorization: Bearer <token>'",
                                 headers={"WWW-Authenticate": "Bearer"})
        if record:
            throttle.succeeded(client)
        return None

    def require_token(request: Request, cred: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
        err = token_error(request, record=False)
        if err:
            raise err

    # --- read API ---------------------------------------------------------------

    @app.get("/api/health", response_model=M.Health, tags=["store"])
    def health():
        """Counts of stored documents and event records."""
        return {**svc.read(Q.counts), "writable": bool(svc.token)}

    @app.get("/api/facets", response_model=M.Facets, responses=READ_ERRORS, tags=["events"])
    def facets(f: Q.EventFilter = Depends(event_filter)):
        """Values the event filters can take (types, statuses, countries, date span), each with the
        number of events matching the other filters given."""
        return svc.read(Q.facets, f)

    @app.get("/api/histogram", response_model=M.Histogram, responses=READ_ERRORS, tags=["events"])
    def histogram(f: Q.EventFilter = Depends(event_filter),
                  bin: Literal["auto", "day", "week", "month", "year"] = Query(
                      "auto", description="Bin width; auto picks one for the span (at most 400 bins)"),
                  span: Literal["focus", "all"] = Query(
                      "focus", description="focus: leave out the 2% most outlying dates at each end when they "
                                           "would squeeze the rest (counted in `outside`); all: every date")):
        """Matching events counted by the day, week (from Monday), month or year their date starts in."""
        return svc.read(Q.histogram, f, bin, span)

    @app.get("/api/map", response_model=M.MapData, responses=READ_ERRORS, tags=["events"])
    def map_data(f: Q.EventFilter = Depends(event_filter)):
        """Matching events by place: a count per country (to shade) and a point per located event."""
        return svc.read(Q.map_data, f)

    @app.get("/api/actors/{name}", responses={404: {"model": M.Error, "description": "No event names this actor"},
                                              **READ_ERRORS},
             tags=["overviews"])
    def actor_overview(name: str) -> dict:
        """One actor (the whole name, any case): counts by type over time, roles, top counterparts."""
        out = svc.read(Q.actor_overview, name)
        if out is None:
            raise HTTPException(404, f"no event names the actor {name!r}")
        return out

    @app.get("/api/countries/{code}", responses={
        404: {"model": M.Error, "description": "No event involves this country"},
        422: ERRORS[422]}, tags=["overviews"])
    def country_overview(code: str = PathParam(..., pattern=r"^[A-Za-z]{3}$",
                                               description="ISO 3166-1 alpha-3, e.g. TUR")) -> dict:
        """One country (ISO alpha-3): events placed there or with its actors, by type over time."""
        out = svc.read(Q.country_overview, code.upper())
        if out is None:
            raise HTTPException(404, f"no event involves the country {code.upper()!r}")
        return {**out, "name": _countries().get(code.upper(), {}).get("name")}

    @app.get("/api/outlets", tags=["documents"], responses=READ_ERRORS)
    def outlets() -> list[dict]:
        """Every outlet with its number of stored documents, most first."""
        return svc.read(Q.outlets)

    @app.get("/api/countries", tags=["events"])
    def countries() -> dict[str, dict]:
        """ISO 3166-1 alpha-3 -> {name, numeric} (used to join events to the map's outlines)."""
        return _countries()

    @app.get("/api/events", response_model=M.Page, responses=READ_ERRORS, tags=["events"])
    def list_events(request: Request, f: Q.EventFilter = Depends(event_filter),
                    limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000),
                    sort: Literal["-date", "date", "sources", "documents", "fatalities"] = Query(
                        "-date", description="-date (newest first), date, sources, documents or fatalities (most first)")):
        """Event records matching every given filter, in a stable order, one page at a time."""
        total, items = svc.read(Q.list_events, f, limit=limit, offset=offset, sort=sort, raw=True)
        page = _page(request, total, limit, offset, [])
        # the stored JSON text of each record goes out as it is: no parse, validate, re-serialise
        head = json.dumps({k: v for k, v in page.items() if k != "items"})[:-1]
        return Response(f'{head}, "items": [{", ".join(items)}]}}', media_type="application/json")

    @app.get("/api/events/{event_id}", response_model=M.EventOut,
             responses={404: {"model": M.Error, "description": "No such event record"}}, tags=["events"])
    def get_event(event_id: str):
        """One event record with every report and the offsets of its evidence."""
        out = svc.read(Q.get_event, event_id)
        if out is None:
            raise HTTPException(404, f"no event record {event_id!r}")
        return out

    @app.get("/api/documents", response_model=M.Page, responses=READ_ERRORS, tags=["documents"])
    def list_documents(request: Request, d: dict = Depends(doc_filter),
                       sort: Literal["-published", "published", "title", "source", "events"] = Query(
                           "-published", description="-published (newest first), published, title, source, events"),
                       limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
        """Stored documents (without their text), newest first by default."""
        total, items = svc.read(Q.list_documents, **d, sort=sort, limit=limit, offset=offset)
        return _page(request, total, limit, offset, items)

    @app.get("/api/documents/{doc_id}", response_model=M.DocumentOut,
             responses={404: {"model": M.Error, "description": "No such document"}}, tags=["documents"])
    def get_document(doc_id: str):
        """One document record with all its annotations, and the event record of each event."""
        out = svc.read(Q.get_document, doc_id)
        if out is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return out

    @app.get("/api/export/events", tags=["export"], responses={
        **READ_ERRORS, 200: {"content": {m: {} for m in MEDIA.values()},
                             "description": "The matching event records as a file"}})
    def export_events(f: Q.EventFilter = Depends(event_filter),
                      format: Literal["csv", "jsonl", "parquet"] = "csv",
                      view: Literal["events", "dyads"] = Query(
                          "events", description="events: one row per event; dyads: GDELT-style, one row per "
                                                "actor-recipient pair with CAMEO codes (happened or ongoing only)")):
        """The event records matching the filters, flat (CSV, Parquet) or as JSON Lines."""
        _, items = svc.read(Q.list_events, f, limit=10_000_000, offset=0)
        data = events_bytes(items, format, view)
        name = "events" if view == "events" else "dyads"
        return Response(data, media_type=MEDIA[format],
                        headers={"Content-Disposition": f'attachment; filename="{name}.{format}"'})

    @app.get("/api/export/documents", tags=["export"], responses={
        **READ_ERRORS, 200: {"content": {"application/x-ndjson": {}}, "description": "Every stored document record, one per line"}})
    def export_documents(d: dict = Depends(doc_filter)):
        """The stored document records (dateline/document@1) matching the filters as JSON Lines, oldest first."""
        def lines():
            batches = Q.document_records(_Reader(svc.store), **d)
            while True:
                with svc.lock:
                    rows = next(batches, None)
                if not rows:
                    return
                yield "".join(r + "\n" for r in rows).encode("utf-8")

        return StreamingResponse(lines(), media_type="application/x-ndjson",
                                 headers={"Content-Disposition": 'attachment; filename="documents.jsonl"'})

    # --- write API --------------------------------------------------------------

    @app.post("/api/articles", status_code=201, response_model=M.SubmitOut, tags=["documents"],
              dependencies=[Depends(require_token)], responses=ERRORS,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"oneOf": [
                      {"$ref": "#/components/schemas/ArticleIn"}, {"$ref": "#/components/schemas/BatchIn"}]}},
                  "application/x-ndjson": {"schema": {"type": "string"}},
                  "text/plain": {"schema": {"type": "string", "pattern": "[A-Za-z]{2}"}},
                  "text/html": {"schema": {"type": "string", "pattern": "[A-Za-z]{2}"}}}}})
    async def post_articles(request: Request,
                            published: Optional[str] = Query(None, max_length=40, description="Publication date for a text/HTML body"),
                            title: Optional[str] = Query(None, max_length=1000),
                            url: Optional[str] = Query(None, max_length=2000, pattern=r"^https?://\S+$",
                                                       description="The article's URL (http or https)"),
                            source: Optional[str] = Query(None, max_length=200)):
        """Extract and store articles: one JSON article, `{"articles": [...]}`, a JSON Lines
        batch (`application/x-ndjson`), or a raw `text/plain` or `text/html` body."""
        body = await request.body()
        ctype = request.headers.get("content-type", "")
        items = parse_submission(body, ctype, dict(published=published, title=title, url=url, source=source))
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_store_items, svc, items)

    # --- web UI -----------------------------------------------------------------

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    def page(name: str):
        return FileResponse(WEB / name, media_type="text/html")

    @app.get("/", include_in_schema=False)
    def index_page():
        return page("index.html")

    @app.get("/documents", include_in_schema=False)
    def documents_page():
        return page("documents.html")

    @app.get("/api", include_in_schema=False)
    def api_page():
        return page("api.html")

    @app.get("/submit", include_in_schema=False)
    def submit_page():
        return page("submit.html")

    @app.get("/actors/{name}", include_in_schema=False)
    def actor_page(name: str):
        if svc.read(Q.actor_overview, name) is None:
            return _not_found(f"No event names the actor {name!r} in this store.")
        return page("actor.html")

    @app.get("/countries/{code}", include_in_schema=False)
    def country_page(code: str):
        if not re.fullmatch(r"[A-Za-z]{3}", code) or svc.read(Q.country_overview, code.upper()) is None:
            return _not_found(f"No event involves the country {code!r} in this store.")
        return page("country.html")

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str):
        if svc.read(Q.get_event, event_id) is None:
            return _not_found(f"No event record {event_id!r} in this store.")
        return page("event.html")

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def document_page(doc_id: str):
        if svc.read(Q.get_document, doc_id) is None:
            return _not_found(f"No document {doc_id!r} in this store.")
        return page("document.html")

    inner = BodyLimit(app, max_body) if max_body else app
    return Hardened(inner, allowed_hosts)


def _store_items(svc: Service, items) -> dict:
    """Run the pipeline on the readable items and store the records (one transaction)."""
    from ..ingest.article import Skipped

    skipped = [s for s in items if isinstance(s, Skipped)]
    articles = [a for a in items if not isinstance(a, Skipped)]
    records = []
    if articles:
        pipe = svc.pipeline()
        for out in pipe.process_many(articles):
            if isinstance(out, Skipped):
                skipped.append(out)
            else:
                records.append(out)
    if not records:
        reasons = "; ".join(str(s) for s in skipped) or "no article in the request"
        raise HTTPException(422, f"nothing could be extracted: {reasons}")
    with svc.lock:
        new = {r.id for r in records if not svc.store.has_document(r.id)}
        from ..link.service import add_documents

        added = add_documents(svc.store, records)
    docs = [{"id": r.id, "title": r.meta.title, "published": r.meta.published,
             "n_events": len(r.events), "new": r.id in new} for r in records]
    return {"added": added, "documents": docs,
            "skipped": [{"origin": s.origin, "reason": s.reason} for s in skipped]}


def _query_names(dependant) -> set[str]:
    """Query parameter names of a route, its dependencies included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _route_for(app: FastAPI, scope) -> Optional[APIRoute]:
    for route in app.router.routes:
        if isinstance(route, APIRoute) and route.matches(scope)[0] == Match.FULL:
            return route
    return None


def _page(request: Request, total: int, limit: int, offset: int, items: list) -> dict:
    nxt = None
    if offset + limit < total:
        params = dict(request.query_params)
        params.update(offset=str(offset + limit), limit=str(limit))
        nxt = f"{request.url.path}?{urlencode(params)}"
    return {"total": total, "limit": limit, "offset": offset, "next": nxt, "items": jsonable_encoder(items)}


def _not_found(message: str) -> Response:
    html = (WEB / "notfound.html").read_text("utf-8").replace("{{message}}", _escape(message))
    return Response(html, status_code=404, media_type="text/html")


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_COUNTRIES: dict = {}


def _countries() -> dict[str, dict]:
    if not _COUNTRIES:
        import pycountry

        for c in pycountry.countries:
            _COUNTRIES[c.alpha_3] = {"name": getattr(c, "common_name", None) or c.name, "numeric": c.numeric}
    return _COUNTRIES
