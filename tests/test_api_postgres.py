"""The API's reads on a PostgreSQL store give what they give on DuckDB: every
read goes through Store.fetch, and store/query.py's SQL is the dialect both share."""

from __future__ import annotations

import pytest

pytest.importorskip("psycopg", reason="the PostgreSQL store needs psycopg[binary]")

from fastapi.testclient import TestClient  # noqa: E402

from dateline.api import create_app  # noqa: E402
from dateline.store import Store, open_store  # noqa: E402
from test_store_postgres import pg_server, pg_url  # noqa: E402,F401  (fixtures)
from webstore import build_store, curated_records  # noqa: E402
from dateline.link.service import add_documents  # noqa: E402

READS = ["/api/events", "/api/events?sort=fatalities", "/api/events?sort=sources&type=CONSULT,COERCE",
         "/api/events?q=tear%20gas", "/api/events?country=TUR,AFG", "/api/events?min_killed=20",
         "/api/facets", "/api/facets?status=happened", "/api/histogram?bin=week", "/api/map",
         "/api/actors/Donald%20Trump", "/api/countries/TUR", "/api/documents?sort=title",
         "/api/documents?date_from=2025-03", "/api/outlets", "/api/health"]


def test_reads_match_duckdb(pg_url, tmp_path):  # noqa: F811
    pg = open_store(pg_url)
    try:
        add_documents(pg, curated_records())
        with TestClient(create_app(pg)) as p, TestClient(create_app(build_store(tmp_path / "s.duckdb"))) as d:
            for url in READS:
                a, b = p.get(url), d.get(url)
                assert a.status_code == b.status_code == 200, (url, a.text)
                assert a.json() == b.json(), url
            ev = d.get("/api/events?type=ASSAULT").json()["items"][0]["id"]
            assert p.get(f"/api/events/{ev}").json() == d.get(f"/api/events/{ev}").json()
            assert p.get("/api/export/documents").text.count("\n") == d.get("/api/export/documents").text.count("\n")
    finally:
        pg.close()
