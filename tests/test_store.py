"""The DuckDB store: idempotent re-ingest, atomic batches, event records linked."""

import duckdb
import pytest

from dateline.link.service import add_documents, relink_all, open_store as open_linked
from test_link import corpus, ev, make_doc, DAY, TR_POLICE, PROTESTERS

from dateline.pipeline import extract
from dateline.store import Store

A = ("Militants attacked a passenger train in Pakistan's Balochistan province on Tuesday, "
     "Pakistani officials said. The Baloch Liberation Army said it had attacked the train.")
B = ("A day after the Baloch Liberation Army attacked a passenger train in Balochistan, "
     "Pakistani officials said the army had freed the passengers.")


@pytest.fixture
def docs(pipeline):
    return [extract(A, "2025-03-12", id="a"), extract(B, "2025-03-13", id="b")]


def test_reingest_is_a_noop(tmp_path, docs):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        assert add_documents(s, docs) == 2
        n = s.counts()
    with Store(db) as s:
        assert add_documents(s, docs) == 0
        assert s.counts() == n
        assert [d.id for d in s.documents()] == ["a", "b"]


def test_failed_batch_leaves_store_as_it_was(tmp_path, docs, monkeypatch):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        add_documents(s, docs[:1])
        before = s.counts()

        def boom(store, *args):
            raise RuntimeError("linker crashed")

        monkeypatch.setattr("dateline.link.relink", boom)
        with pytest.raises(RuntimeError):
            add_documents(s, docs[1:])
        assert s.counts() == before
        assert not s.has_document("b")


def test_event_records_point_back_to_their_evidence(tmp_path, docs):
    with Store(tmp_path / "s.duckdb") as s:
        add_documents(s, docs)
        recs = s.event_records()
        stored = {d.id: d for d in s.documents()}
    assert recs, "the two train-attack reports give at least one event record"
    for r in recs:
        for m in r.mentions:
            doc = stored[m.document]
            ev = next(v for v in doc.events if v.id == m.event)
            assert doc.text[ev.sentence.start:ev.sentence.end] == m.evidence


# --- hand-made records: no extraction stages needed ---------------------------------


def _groups(store):
    rows = store.con.execute("SELECT record, document, event FROM event_members").fetchall()
    out = {}
    for rid, doc, event in rows:
        out.setdefault(rid, set()).add((doc, event))
    return {rid: sorted(g) for rid, g in out.items()}


def test_incremental_batches_give_the_same_records_as_one_batch(tmp_path):
    """Documents arriving one by one end in the same records, ids included, as all at once."""
    docs = corpus()
    with Store(tmp_path / "one.duckdb") as s:
        add_documents(s, docs)
        whole = {r.id: r.to_dict() for r in s.event_records()}
        assert s.check() == []
    with Store(tmp_path / "inc.duckdb") as s:
        for d in docs:
            add_documents(s, [d])
            assert s.check() == []
        inc = {r.id: r.to_dict() for r in s.event_records()}
    assert inc == whole
    assert len(whole) == 4


def test_new_report_updates_only_the_affected_record(tmp_path):
    docs = corpus()
    later = make_doc("s9", "2025-03-23T08:00:00Z", "third.example",
                     ev("Turkish police detained protesters in Istanbul on Friday night.", "detained",
                        "COERCE", "arrest", [TR_POLICE], [PROTESTERS], DAY("2025-03-21"), ("Istanbul", "TUR"),
                        figures=[("arrested", 350, "about", "lawyers")]))
    with Store(tmp_path / "s.duckdb") as s:
        add_documents(s, docs)
        before = {r.id: r.to_dict() for r in s.event_records()}
        add_documents(s, [later])
        after = {r.id: r.to_dict() for r in s.event_records()}
        assert s.check() == []
    changed = [rid for rid in after if after[rid] != before.get(rid)]
    assert len(changed) == 1 and set(after) == set(before)
    rec = after[changed[0]]
    assert rec["n_documents"] == 3 and rec["last_reported"] == "2025-03-23"
    assert rec["figures"]["arrested"]["max"] == 350


def test_relink_all_reproduces_incremental_state(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        for d in corpus():
            add_documents(s, [d])
        inc = _groups(s)
        relink_all(s)
        assert _groups(s) == inc and s.check() == []


def test_store_keeps_entities_figures_and_quotes(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        add_documents(s, corpus())
        n_fig = s.con.execute("SELECT count(*) FROM figures").fetchone()[0]
        src = s.con.execute("SELECT source FROM figures WHERE document = 's1'").fetchone()[0]
        ents = s.con.execute("SELECT count(*) FROM entities WHERE document = 's6'").fetchone()[0]
        cols = {r[0] for r in s.con.execute("DESCRIBE event_records").fetchall()}
    assert n_fig == 5 and src == "Pakistani military" and ents == 2
    assert {"id", "type", "status", "date_start", "date_end", "n_documents", "record"} <= cols


def test_reingest_of_hand_made_records_is_a_noop(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        assert add_documents(s, corpus()) == 8
        snap = {r.id: r.to_dict() for r in s.event_records()}
        assert add_documents(s, corpus()) == 0
        assert {r.id: r.to_dict() for r in s.event_records()} == snap


def test_schema_1_store_is_upgraded_on_open(tmp_path):
    """A store written before the link tables existed gets them on open, and its
    records when the link service opens it (the store itself never links)."""
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE dateline_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO dateline_meta VALUES ('schema_version', '1')")
    con.execute("CREATE TABLE documents (id VARCHAR PRIMARY KEY, published VARCHAR, source VARCHAR, "
                "url VARCHAR, title VARCHAR, pipeline VARCHAR, record JSON NOT NULL)")
    con.execute("CREATE TABLE doc_events (document VARCHAR NOT NULL, event VARCHAR NOT NULL, type VARCHAR, "
                "mode VARCHAR, status VARCHAR, date_value VARCHAR, date_start VARCHAR, date_end VARCHAR, "
                "granularity VARCHAR, evidence VARCHAR, PRIMARY KEY (document, event))")
    for d in corpus():
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [d.id, d.meta.published, d.meta.source, d.meta.url, None, None, d.to_json()])
        for v in d.events:
            con.execute("INSERT INTO doc_events (document, event, type) VALUES (?, ?, ?)", [d.id, v.id, v.type])
    con.close()
    with Store(db) as s:
        assert s.counts()["event_records"] == 0 and s.get_meta("relink_pending") == "1"
    with open_linked(db) as s:
        assert s.counts()["event_records"] == 4 and s.check() == []
        assert s.get_meta("schema_version") == "4" and s.get_meta("relink_pending") is None
        assert s.con.execute("SELECT count(*) FROM reports").fetchone()[0] == sum(len(d.events) for d in corpus())


def test_check_reports_a_store_made_inconsistent_by_hand(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        add_documents(s, corpus())
        assert s.check() == []
        s.con.execute("DELETE FROM event_members WHERE record = (SELECT min(record) FROM event_members)")
        problems = s.check()
    assert any("in no event record" in p for p in problems)
    assert any("n_documents disagrees" in p for p in problems)
