"""The REST API against a real store: filters, paging, evidence, exports, the
write token, and clear 4xx answers to oversized or malformed requests."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.export import FLAT_COLUMNS
from webstore import build_store

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = ("Police in Lyon arrested 20 protesters on Monday, officials said. "
           "The protesters had blocked a road to oppose a new pension law.")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("api") / "store.duckdb")


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path, token=TOKEN)) as c:
        yield c


def ids(resp):
    assert resp.status_code == 200, resp.text
    return [r["id"] for r in resp.json()["items"]]


def by_type(client, **params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return sorted((e["type"], e["status"]) for e in r.json()["items"])


# --- reading -------------------------------------------------------------------


def test_paging_is_stable_and_complete(client):
    """Pages of 3 concatenate to the full list, with no repeats, in date order."""
    full = ids(client.get("/api/events", params={"limit": 500}))
    assert len(full) == 7
    pages, url = [], "/api/events?limit=3"
    while url:
        body = client.get(url).json()
        pages += [e["id"] for e in body["items"]]
        url = body["next"]
    assert pages == full
    items = client.get("/api/events").json()["items"]
    starts = [e["when"]["start"] for e in items if e["when"] and e["when"]["start"]]
    assert starts == sorted(starts, reverse=True)  # newest first by default
    assert not (items[-1]["when"] or {}).get("start")  # undated last
    oldest = [e["when"]["start"] for e in client.get("/api/events?sort=date").json()["items"] if (e["when"] or {}).get("start")]
    assert oldest == sorted(oldest)


@pytest.mark.parametrize("params, expected", [
    ({"type": "CONSULT"}, [("CONSULT", "happened"), ("CONSULT", "planned")]),
    ({"status": "negated"}, [("SUPPORT", "negated")]),
    ({"actor": "NETANYAHU"}, [("CONSULT", "happened")]),
    ({"actor": "hamas"}, [("CONSULT", "planned")]),
    ({"country": "AFG"}, [("SUPPORT", "negated")]),
    ({"country": "tur"}, [("COERCE", "happened"), ("PROTEST", "ongoing")]),
    ({"place": "saraçhane"}, [("COERCE", "happened")]),
    ({"date_from": "2025-03", "date_to": "2025-03-31"},
     [("ASSAULT", "happened"), ("COERCE", "happened"), ("CONCEDE", "hypothetical"), ("PROTEST", "ongoing")]),
    ({"date_from": "2025-02-10", "date_to": "2025-02-12"}, [("CONCEDE", "hypothetical"), ("CONSULT", "planned")]),
    ({"min_sources": 3}, [("ASSAULT", "happened"), ("COERCE", "happened"), ("CONSULT", "happened")]),
    ({"q": "tear gas"}, [("COERCE", "happened"), ("PROTEST", "ongoing")]),
    ({"q": "100%_"}, []),
    ({"type": "CONSULT", "status": "planned", "actor": "israel"}, [("CONSULT", "planned")]),
    # multi-select: any of the values; different filters all hold
    ({"type": "CONSULT,SUPPORT", "status": "planned,negated"}, [("CONSULT", "planned"), ("SUPPORT", "negated")]),
    ({"country": "AFG,pse"}, [("CONCEDE", "hypothetical"), ("CONSULT", "planned"), ("SUPPORT", "negated")]),
    ({"min_killed": 20}, [("ASSAULT", "happened")]),
    ({"min_killed": 27}, []),
    # one search box: actor names, places and evidence
    ({"q": "netanyahu"}, [("CONSULT", "happened")]),
    ({"q": "bolan"}, [("ASSAULT", "happened")]),
    ({"q": "saraçhane"}, [("COERCE", "happened")]),
])
def test_filters(client, params, expected):
    """Each filter selects exactly the hand-coded events it should (dates overlap, names any case)."""
    assert by_type(client, **params) == expected


def test_actor_filter_does_not_match_other_fields(client):
    """'PAK' is a country code inside the actors JSON, not a name: no actor matches it."""
    assert by_type(client, actor="PAK") == []


def test_event_has_every_report_with_its_evidence(client):
    r = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    body = client.get(f"/api/events/{r['id']}").json()
    assert body["event"]["id"] == r["id"]
    assert [x["document"] for x in body["reports"]] == ["sample-01", "sample-02", "sample-03"]
    for rep, mention in zip(body["reports"], body["event"]["mentions"]):
        s, t = rep["sentence"], rep["trigger"]
        assert rep["text"][s["start"]:s["end"]] == rep["evidence"] == mention["evidence"]
        assert rep["text"][t["start"]:t["end"]] == t["text"]
    killed = body["event"]["figures"]["killed"]
    assert (killed["min"], killed["max"]) == (6, 26)


def test_unknown_ids_are_404_with_a_message(client):
    for url in ("/api/events/x-nope", "/api/documents/nope"):
        r = client.get(url)
        assert r.status_code == 404 and "nope" in r.json()["detail"]


def test_document_with_annotations_and_event_links(client):
    body = client.get("/api/documents/sample-02").json()
    doc = body["document"]
    assert doc["schema"] == "dateline/document@1"
    assert [f["text"] for f in doc["figures"]] == ["21 hostages"]
    rec = body["event_records"]["v1"]
    assert client.get(f"/api/events/{rec}").json()["event"]["type"] == "ASSAULT"


def test_documents_list_search_and_paging(client):
    body = client.get("/api/documents", params={"q": "istanbul", "limit": 2}).json()
    assert body["total"] == 3 and len(body["items"]) == 2 and body["next"]
    assert "text" not in body["items"][0]


def test_exports_match_the_filter(client):
    n = len(ids(client.get("/api/events", params={"country": "TUR"})))
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/events?format=csv&country=TUR").text)))
    assert len(rows) == n == 2 and list(rows[0]) == FLAT_COLUMNS
    lines = client.get("/api/export/events?format=jsonl&country=TUR").text.splitlines()
    assert {json.loads(x)["schema"] for x in lines} == {"dateline/event@1"}
    r = client.get("/api/export/events?format=parquet&country=TUR")
    assert r.headers["content-type"] == "application/vnd.apache.parquet" and r.content[:4] == b"PAR1"
    con = duckdb.connect()
    con.execute("CREATE TABLE p AS SELECT * FROM read_parquet(?)", [_tmp_write(r.content)])
    assert sorted(x for (x,) in con.execute("SELECT id FROM p").fetchall()) == sorted(row["id"] for row in rows)


def _tmp_write(data: bytes) -> str:
    import tempfile

    f = tempfile.NamedTemporaryFile(suffix=".parquet", delete=False)
    f.write(data)
    f.close()
    return f.name


def test_ui_pages_and_json_twins(client):
    ev = ids(client.get("/api/events"))[0]
    for url in ("/", f"/events/{ev}", "/documents/sample-01", "/documents", "/submit"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), url
    assert client.get("/events/x-nope").status_code == 404
    world = client.get("/static/countries-110m.json").json()
    assert world["type"] == "Topology" and len(world["objects"]["countries"]["geometries"]) > 150
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/articles",
            "/api/export/events"} <= set(paths)


# --- bad requests: 4xx with a message, never a 500 -------------------------------


@pytest.mark.parametrize("params, word", [
    ({"country": "XX"}, "country"), ({"date_from": "2025-13-01"}, "date_from"),
    ({"date_to": "March"}, "date_to"), ({"limit": 0}, "limit"), ({"status": "done"}, "status"),
    ({"min_sources": -1}, "min_sources"), ({"offset": "x"}, "offset"), ({"type": "DROP TABLE"}, "type"),
    ({"type": "ASSAULT,"}, "type"), ({"status": "happened,done"}, "status"), ({"country": "TUR,XX"}, "country"),
])
def test_bad_query_parameters_are_422_naming_the_parameter(client, params, word):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422 and word in r.json()["detail"]


# --- writing ---------------------------------------------------------------------


def test_writes_need_the_token(client):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-Dateline-Token": "wrong"}):
        r = client.post("/api/articles", json={"text": ARTICLE}, headers=headers)
        assert r.status_code == 401 and "token" in r.json()["detail"]


def test_writes_are_disabled_without_a_configured_token(tmp_path):
    with TestClient(create_app(tmp_path / "ro.duckdb", token=None)) as c:
        r = c.post("/api/articles", json={"text": ARTICLE}, headers=AUTH)
        assert r.status_code == 403 and "disabled" in r.json()["detail"]
        assert c.get("/api/health").json()["writable"] is False


def test_submit_text_extracts_and_stores(client, pipeline):
    r = client.post("/api/articles", params={"published": "2025-01-27", "title": "Lyon"},
                    content=ARTICLE.encode(), headers={**AUTH, "Content-Type": "text/plain"})
    assert r.status_code == 201, r.text
    doc = r.json()["documents"][0]
    assert r.json()["added"] == 1 and doc["new"] is True
    stored = client.get(f"/api/documents/{doc['id']}").json()["document"]
    assert stored["text"] == ARTICLE and stored["meta"]["published"] == "2025-01-27"
    again = client.post("/api/articles", json={"text": ARTICLE, "published": "2025-01-27"}, headers=AUTH)
    assert again.status_code == 201 and again.json()["added"] == 0 and again.json()["documents"][0]["new"] is False


def test_jsonl_batch_reports_bad_lines_and_keeps_the_rest(client, pipeline):
    good = json.dumps({"id": "batch-1", "text": ARTICLE.replace("Lyon", "Nantes"), "published": "2025-01-20"})
    body = "\n".join([good, "{not json", json.dumps({"id": "batch-3", "title": "no body"}), "[1, 2]"])
    r = client.post("/api/articles", content=body.encode(), headers={**AUTH, "Content-Type": "application/x-ndjson"})
    assert r.status_code == 201, r.text
    assert [d["id"] for d in r.json()["documents"]] == ["batch-1"]
    reasons = {s["origin"]: s["reason"] for s in r.json()["skipped"]}
    assert set(reasons) == {"line 2", "line 3", "line 4"}
    assert "JSON" in reasons["line 2"] and "text" in reasons["line 3"]


@pytest.mark.parametrize("body, ctype, status, word", [
    (b"{bad json", "application/json", 422, "JSON"),
    (b'{"text": "x", "colour": "red"}', "application/json", 422, "colour"),
    (b'{"articles": []}', "application/json", 422, "articles"),
    (json.dumps({"text": ARTICLE, "html": "<p>x</p>"}).encode(), "application/json", 422, "exactly one"),
    (json.dumps({"text": ARTICLE, "published": "yesterday-ish"}).encode(), "application/json", 422, "date"),
    (b"   ", "text/plain", 422, "empty"),
    (b"\xff\xfe\x00bad", "text/plain", 400, "UTF-8"),
    (b"hello", "application/pdf", 415, "content type"),
    (b"<html><head><title>t</title></head><body></body></html>", "text/html", 422, "nothing could be extracted"),
])
def test_malformed_submissions_are_4xx_with_a_message(client, body, ctype, status, word):
    r = client.post("/api/articles", content=body, headers={**AUTH, "Content-Type": ctype})
    assert r.status_code == status, r.text
    assert word.lower() in r.json()["detail"].lower()


def test_oversized_bodies_are_413(store_path, tmp_path):
    """Declared (Content-Length) and streamed (chunked) bodies over the limit are refused unread."""
    with TestClient(create_app(tmp_path / "small.duckdb", token=TOKEN, max_body=1000)) as c:
        r = c.post("/api/articles", content=b"x" * 1001, headers={**AUTH, "Content-Type": "text/plain"})
        assert r.status_code == 413 and "too large" in r.json()["detail"]

        def chunks():
            for _ in range(5):
                yield b"y" * 300

        r = c.post("/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "text/plain"})
        assert r.status_code == 413 and "too large" in r.json()["detail"]
    too_many = "\n".join(json.dumps({"text": "x"}) for _ in range(101))
    with TestClient(create_app(tmp_path / "batch.duckdb", token=TOKEN)) as c:
        r = c.post("/api/articles", content=too_many.encode(), headers={**AUTH, "Content-Type": "application/x-ndjson"})
        assert r.status_code == 413 and "101" in r.json()["detail"]


def test_unknown_query_parameters_are_422(client):
    """A misspelt filter must not silently return every event."""
    r = client.get("/api/events", params={"contry": "PAK"})
    assert r.status_code == 422 and "contry" in r.json()["detail"] and "country" in r.json()["detail"]


def test_documents_export_is_every_record_as_jsonl(client):
    lines = client.get("/api/export/documents").text.splitlines()
    recs = [json.loads(x) for x in lines]
    assert len(recs) == client.get("/api/health").json()["documents"]
    assert {r["schema"] for r in recs} == {"dateline/document@1"} and len({r["id"] for r in recs}) == len(recs)


# --- security ----------------------------------------------------------------------

WEB = Path(__file__).resolve().parents[1] / "src" / "dateline" / "web"


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JAVASCRIPT:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "//evil.example/x"])
def test_non_http_urls_are_refused_at_every_entry(client, url):
    """Stored XSS: a `javascript:` url would become the page's "original" link."""
    one = client.post("/api/articles", json={"text": ARTICLE, "url": url}, headers=AUTH)
    batch = client.post("/api/articles", json={"articles": [{"text": ARTICLE, "url": url}]}, headers=AUTH)
    lines = client.post("/api/articles", content=json.dumps({"text": ARTICLE, "url": url}).encode(),
                        headers={**AUTH, "Content-Type": "application/x-ndjson"})
    query = client.post("/api/articles", params={"url": url}, content=ARTICLE.encode(),
                        headers={**AUTH, "Content-Type": "text/plain"})
    for r in (one, batch, lines, query):
        assert r.status_code == 422 and "url" in r.json()["detail"], r.text
    assert client.get("/api/documents", params={"q": "Lyon arrested 20"}).json()["total"] <= 1


def test_deeply_nested_json_is_a_4xx_with_a_message(client):
    for ctype in ("application/json", "application/x-ndjson"):
        r = client.post("/api/articles", content=b"[" * 100_000, headers={**AUTH, "Content-Type": ctype})
        assert r.status_code == 422 and "nested too deeply" in r.json()["detail"], r.text


def test_security_headers_on_pages_api_and_errors(client):
    for url in ("/", "/api/events", "/events/x-nope", "/api/events/x-nope", "/static/common.js"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert "frame-ancestors 'none'" in csp and h["x-frame-options"] == "DENY", url
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer", url


def test_pages_have_no_inline_script_or_style():
    """What the CSP would block: inline <script>, on* handlers and style attributes."""
    import re

    for page in WEB.glob("*.html"):
        html = page.read_text("utf-8")
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], page.name
        assert re.findall(r"\son[a-z]+\s*=", html) == [] and " style=" not in html, page.name


def test_host_header_must_name_the_bound_host(store_path):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    from dateline.api.security import allowed_hosts_for

    app = create_app(store_path, token=TOKEN, allowed_hosts=allowed_hosts_for("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
        r = c.get("/api/events", headers={"Host": "evil.example:8000"})
        assert r.status_code == 400 and "host" in r.json()["detail"]
        assert r.headers["x-frame-options"] == "DENY"
    assert allowed_hosts_for("0.0.0.0") is None and allowed_hosts_for("0.0.0.0", ["news.example"]) == ["news.example"]
    assert allowed_hosts_for("10.0.0.5") == ["10.0.0.5"]


def test_repeated_wrong_tokens_are_throttled(store_path):
    from dateline.api.security import Throttle

    with TestClient(create_app(store_path, token=TOKEN, throttle=Throttle(limit=3, window=60))) as c:
        body = {"text": ARTICLE, "url": "javascript:x"}  # refused after the token check: nothing is stored
        assert c.post("/api/articles", json=body).status_code == 401  # no token: not a guess, not counted
        assert c.post("/api/articles", json=body, headers=AUTH).status_code == 422  # right token: passes the check
        for _ in range(3):
            assert c.post("/api/articles", json=body, headers={"Authorization": "Bearer guess"}).status_code == 401
        r = c.post("/api/articles", json=body, headers=AUTH)
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0 and "wrong tokens" in r.json()["detail"]


def test_the_token_comes_from_the_environment_or_a_file_never_argv(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import dateline.api as api_pkg
    from dateline.cli import app as cli

    seen = {}
    monkeypatch.setattr(api_pkg, "serve", lambda db, host, port, token: seen.update(token=token))
    runner = CliRunner()
    r = runner.invoke(cli, ["serve", "--db", str(tmp_path / "s.duckdb"), "--token", "s3cret"])
    assert r.exit_code == 2 and "DATELINE_TOKEN" in r.output and seen == {}
    secret = tmp_path / "token"
    secret.write_text("from-file\n")
    secret.chmod(0o600)
    assert runner.invoke(cli, ["serve", "--db", str(tmp_path / "s.duckdb"), "--token-file", str(secret)]).exit_code == 0
    assert seen["token"] == "from-file"
    r = runner.invoke(cli, ["serve", "--db", str(tmp_path / "s.duckdb")], env={"DATELINE_TOKEN": "from-env"})
    assert r.exit_code == 0 and seen["token"] == "from-env"
    secret.write_text("")
    assert runner.invoke(cli, ["serve", "--db", str(tmp_path / "s.duckdb"), "--token-file", str(secret)]).exit_code == 2


def test_head_html_404_and_compression(client):
    r = client.head("/")
    assert r.status_code == 200 and r.content == b"" and r.headers["content-type"].startswith("text/html")
    assert client.head("/api/events").status_code == 200
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html") and "no/such/page" in r.text
    assert client.get("/api/nope").headers["content-type"].startswith("application/json")
    r = client.get("/api/events?limit=500", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"


# --- analysts' views -----------------------------------------------------------------


@pytest.fixture(scope="module")
def ro(tmp_path_factory):
    """A read-only server on the hand-coded store alone (the write tests add documents)."""
    with TestClient(create_app(build_store(tmp_path_factory.mktemp("ro") / "store.duckdb"))) as c:
        yield c


def test_sort_by_fatalities_sources_and_documents(ro):
    items = ro.get("/api/events?sort=fatalities").json()["items"]
    assert items[0]["type"] == "ASSAULT" and items[0]["figures"]["killed"]["max"] == 26
    for key, sort in (("n_sources", "sources"), ("n_documents", "documents")):
        values = [e[key] for e in ro.get(f"/api/events?sort={sort}").json()["items"]]
        assert values == sorted(values, reverse=True)


def test_facet_counts_follow_the_other_filters(ro):
    every = ro.get("/api/facets").json()
    assert every["counts"]["type"]["CONSULT"] == 2 and every["counts"]["status"]["happened"] == 3
    assert every["counts"]["country"]["TUR"] == 2
    f = ro.get("/api/facets", params={"type": "CONSULT"}).json()["counts"]
    assert f["type"]["ASSAULT"] == 1  # its own filter is not applied: ticking ASSAULT would add 1
    assert f["status"] == {"happened": 1, "ongoing": 0, "planned": 1, "hypothetical": 0, "negated": 0}
    assert f["country"]["ISR"] == 2 and f["country"]["TUR"] == 0


def test_histogram_bins_every_dated_event(ro):
    h = ro.get("/api/histogram", params={"bin": "week"}).json()
    assert h["bin"] == "week" and h["undated"] == 1 and sum(b["count"] for b in h["bins"]) == 6
    assert date.fromisoformat(h["bins"][0]["start"]).weekday() == 0  # weeks start on Monday
    assert all(b["end"] > b["start"] for b in h["bins"])
    days = ro.get("/api/histogram", params={"bin": "day", "country": "TUR"}).json()
    assert [(b["start"], b["count"]) for b in days["bins"] if b["count"]] == [("2025-03-19", 1), ("2025-03-21", 1)]
    assert ro.get("/api/histogram").json()["bin"] == "day"  # under two months of events: days
    assert ro.get("/api/histogram?bin=fortnight").status_code == 422


def test_map_shades_countries_and_points_located_events(ro):
    m = ro.get("/api/map").json()
    assert m["countries"]["TUR"] == 2 and m["countries"]["AFG"] == 1
    assert m["located"] == len(m["points"]) == 5 and m["country_only"] == 1 and m["unplaced"] == 1
    assert {p["place"] for p in ro.get("/api/map?country=PAK").json()["points"]} == {"Bolan Pass"}


def test_actor_and_country_overviews_with_json_twins(ro):
    a = ro.get("/api/actors/donald trump").json()
    assert a["name"] == "Donald Trump" and a["n_events"] == 1 and a["countries"] == ["USA"]
    assert a["as_actor"] == 1 and a["as_recipient"] == 0
    assert a["by_type"] == {"CONSULT": 1} and a["by_month"] == [{"month": "2025-02", "counts": {"CONSULT": 1}, "total": 1}]
    assert [c["name"] for c in a["top_counterparts"]] == ["Benjamin Netanyahu"]
    c = ro.get("/api/countries/tur").json()
    assert c["country"] == "TUR" and c["n_events"] == 2 and c["placed_here"] == 2
    assert c["by_type"] == {"COERCE": 1, "PROTEST": 1} and c["top_actors"][0]["name"] in ("Protesters", "Turkish police")
    assert ro.get("/api/actors/Netan").status_code == 404  # the whole name, not a part
    assert ro.get("/api/countries/ZZZ").status_code == 404 and ro.get("/api/countries/x1").status_code == 422
    for url in ("/actors/Donald%20Trump", "/countries/TUR"):
        r = ro.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert ro.get("/actors/Nobody").status_code == 404


def test_evidence_context_is_one_sentence_either_side(ro):
    ev = ro.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    for rep in ro.get(f"/api/events/{ev['id']}").json()["reports"]:
        s, c, text = rep["sentence"], rep["context"], rep["text"]
        assert c["start"] <= s["start"] and c["end"] >= s["end"]
        before, after = text[c["start"]:s["start"]].strip(), text[s["end"]:c["end"]].strip()
        assert before.count(". ") == 0 and after.count(". ") == 0  # at most one sentence each side
        assert len(text[c["start"]:c["end"]]) < len(text)


def test_documents_filters_sort_and_export(ro):
    outlets = ro.get("/api/outlets").json()
    assert sum(o["documents"] for o in outlets) == ro.get("/api/health").json()["documents"]
    src = outlets[0]["source"]
    body = ro.get("/api/documents", params={"source": src}).json()
    assert body["total"] == outlets[0]["documents"] and {d["source"] for d in body["items"]} == {src}
    march = ro.get("/api/documents", params={"date_from": "2025-03", "date_to": "2025-03", "limit": 500}).json()
    assert march["total"] >= 6 and all(d["published"][:7] == "2025-03" for d in march["items"])
    old = [d["published"] for d in ro.get("/api/documents?sort=published&limit=500").json()["items"] if d["published"]]
    assert old == sorted(old)
    lines = ro.get("/api/export/documents", params={"date_from": "2025-03"}).text.splitlines()
    assert len(lines) == march["total"]


def test_dyadic_export(ro):
    rows = list(csv.DictReader(io.StringIO(ro.get("/api/export/events?format=csv&view=dyads").text)))
    assert rows and "EventRootCode" in rows[0] and {r["Status"] for r in rows} <= {"happened", "ongoing"}
    r = ro.get("/api/export/events?format=parquet&view=dyads")
    assert r.status_code == 200 and r.content[:4] == b"PAR1"
