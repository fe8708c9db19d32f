"""Schema 4's plain columns (store/columns.py, store/report_view.py): an older
store gets them on open, and filters, facets, the map and event pages read
from them give what the records' JSON and whole document records give."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from dateline.link.service import add_documents
from dateline.pipeline import extract
from dateline.store import Store, open_store
from dateline.store import query as Q
from dateline.store.columns import NAMES
from dateline.api.app import _Reader

from webstore import SAMPLES, curated_records

try:
    from test_store_postgres import pg_server, pg_url  # noqa: F401  (fixtures; skip without a server)
except pytest.skip.Exception:  # no psycopg: only the PostgreSQL test skips
    @pytest.fixture
    def pg_url():
        pytest.skip("the PostgreSQL store needs psycopg[binary]")

NEW_RECORD_COLUMNS = NAMES
NEW_OTHER_COLUMNS = {"documents": ("meta", "text"), "doc_events": ("report",)}


@pytest.fixture(scope="module")
def real_docs(pipeline):
    """The sample articles through the real pipeline (ids kept apart from the curated ones)."""
    out = []
    for line in SAMPLES.read_text("utf-8").splitlines():
        a = json.loads(line)
        out.append(extract(a["text"], a["published"], id="real-" + a["id"], title=a.get("title"),
                           url=a.get("url"), source=a.get("source")))
    return out


@pytest.fixture
def store_path(tmp_path, real_docs):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        add_documents(s, curated_records())
        add_documents(s, real_docs)
    return path


def _snapshot(store) -> dict:
    cols = ", ".join(NEW_RECORD_COLUMNS)
    return {"records": store.fetch(f"SELECT id, {cols} FROM event_records ORDER BY id"),
            "documents": [(i, _json(m), t) for i, m, t in
                          store.fetch("SELECT id, meta, text FROM documents ORDER BY id")],
            "doc_events": [(d, e, _json(r)) for d, e, r in store.fetch(
                "SELECT document, event, report FROM doc_events ORDER BY document, event")],
            "pages": {i: Q.get_event(_Reader(store), i) for (i,) in store.fetch("SELECT id FROM event_records")}}


def _json(v):
    return json.loads(v) if isinstance(v, str) else v


def _downgrade(store) -> None:
    """Make it a schema-3 store: the new columns did not exist."""
    for table, cols in [("event_records", NEW_RECORD_COLUMNS), *NEW_OTHER_COLUMNS.items()]:
        for c in cols:
            store._exec(f"ALTER TABLE {table} DROP COLUMN {c}")
    store.set_meta("schema_version", "3")


def _check_upgrade(open_, docs) -> None:
    with open_() as s:
        add_documents(s, docs)
        before = _snapshot(s)
        _downgrade(s)
    assert before["records"] and all(r[3] for r in before["records"])  # search_text
    assert len(before["pages"]) > 10 and all(p["reports"] for p in before["pages"].values())
    with open_() as s:
        assert s.get_meta("schema_version") == "4" and s.get_meta("relink_pending") is None
        assert _snapshot(s) == before
        assert s.check() == []


def test_schema_3_store_gets_the_new_columns_on_open(tmp_path, real_docs):
    _check_upgrade(lambda: Store(tmp_path / "s.duckdb"), curated_records() + real_docs)


def test_schema_3_postgres_store_gets_the_new_columns_on_open(pg_url, real_docs):  # noqa: F811
    _check_upgrade(lambda: open_store(pg_url), curated_records() + real_docs)


# --- the same answers as the records' JSON --------------------------------------------


def _json_match(rec: dict, f: Q.EventFilter) -> bool:
    """The list filters decided on the record's JSON (the reads before schema 4)."""
    killed = ((rec.get("figures") or {}).get("killed") or {}).get("max")
    if f.min_killed and not (killed is not None and killed >= f.min_killed):
        return False
    place = ((rec.get("location") or {}).get("name") or "").lower()
    if f.place and f.place.lower() not in place:
        return False
    return Q._exact(rec, f)


def _filters(recs: list[dict]) -> list[Q.EventFilter]:
    names, codes, words, places = set(), set(), set(), set()
    for r in recs:
        for a in (r.get("actors") or []) + (r.get("recipients") or []):
            names.add(a.get("name") or "")
            codes.add(a.get("country"))
        loc = r.get("location") or {}
        codes.add(loc.get("country"))
        places.add(loc.get("name") or "")
        for m in r.get("mentions") or []:
            words.update(re.findall(r"\w+", m["evidence"])[::5])
    fs = [Q.EventFilter(actor=n) for n in names if n] + [Q.EventFilter(actor=n[1:4].upper()) for n in names if n]
    fs += [Q.EventFilter(country=[c]) for c in codes if c] + [Q.EventFilter(country=sorted(c for c in codes if c)[:3])]
    fs += [Q.EventFilter(q=w) for w in sorted(words)] + [Q.EventFilter(q=w.upper() + " ") for w in sorted(words)[:20]]
    fs += [Q.EventFilter(place=p[:4]) for p in places if p]
    fs += [Q.EventFilter(min_killed=k) for k in (1, 5, 20, 1000)]
    fs += [Q.EventFilter(actor="police", country=["TUR"], q="istanbul"), Q.EventFilter(q="x\x1fy"),
           Q.EventFilter(actor="ali\x1f"), Q.EventFilter(q="\"")]
    return fs


def test_filters_over_the_columns_equal_the_records_json(store_path):
    with Store(store_path) as s:
        con = _Reader(s)
        _, every = Q.list_events(con, Q.EventFilter(), limit=100_000)  # newest first, like each filtered list
        texts = dict(s.fetch("SELECT id, CAST(record AS VARCHAR) FROM event_records"))
        filters = _filters(every)
        assert len(filters) > 100
        hits = 0
        for f in filters:
            want = [r for r in every if _json_match(r, f)]
            total, got = Q.list_events(con, f, limit=100_000)
            assert (total, got) == (len(want), want), f
            hits += bool(want)
            # the map: counts and points from each record's location
            m = Q.map_data(con, f)
            located = [r for r in want if isinstance((r.get("location") or {}).get("lat"), float)]
            assert m["located"] == len(located) and m["total"] == len(want)
            assert [p["id"] for p in m["points"]] == [r["id"] for r in sorted(
                located, key=lambda r: ((r.get("when") or {}).get("start") or "", r["id"]), reverse=True)]
            # the country facet: the codes in each matching record's JSON text
            codes = Counter(c for r in want for c in set(re.findall(r'"country":\s*"([A-Z]{3})"', texts[r["id"]])))
            counts = Q.facets(con, Q.EventFilter(**{**f.__dict__, "country": []}))["counts"]["country"] \
                if not f.country else None
            if counts is not None:
                assert {c: n for c, n in counts.items() if n} == dict(codes), f
        assert hits > 50
        by_killed = Q.list_events(con, Q.EventFilter(), limit=100_000, sort="fatalities")[1]
        killed = lambda r: ((r.get("figures") or {}).get("killed") or {}).get("max")  # noqa: E731
        assert [r["id"] for r in by_killed] == [r["id"] for r in sorted(
            every, key=lambda r: (killed(r) is None, -(killed(r) or 0), _neg((r.get("when") or {}).get("start")),
                                  r["id"]))]


def _neg(day):
    """Sort key for a date, newest first, undated last."""
    return (day is None, [-ord(ch) for ch in day or ""])


def test_event_pages_equal_those_cut_from_whole_documents(store_path):
    with Store(store_path) as s:
        con = _Reader(s)
        ids = [i for (i,) in s.fetch("SELECT id FROM event_records ORDER BY id")]
        docs = {d: json.loads(r) for d, r in s.fetch("SELECT id, CAST(record AS VARCHAR) FROM documents")}
        for i in ids:
            page = Q.get_event(con, i)
            members = s.fetch("SELECT document, event FROM event_members WHERE record = ?", [i])
            want = sorted(members, key=lambda m: (docs[m[0]]["meta"].get("published") or "~", m[0], m[1]))
            assert [(r["document"], r["event"]) for r in page["reports"]] == want
            for r in page["reports"]:
                doc = docs[r["document"]]
                ev = next(v for v in doc["events"] if v["id"] == r["event"])
                ents = {e["id"]: e["name"] for e in doc["entities"]}
                assert r["meta"] == doc["meta"] and r["text"] == doc["text"]
                assert {k: r[k] for k in ("type", "mode", "status", "when", "location", "sentence", "trigger")} \
                    == {k: ev.get(k) for k in ("type", "mode", "status", "when", "location", "sentence", "trigger")}
                assert r["actors"] == [ents[a] for a in ev["actors"]]
                assert r["evidence"] == doc["text"][ev["sentence"]["start"]:ev["sentence"]["end"]]
