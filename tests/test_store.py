"""The DuckDB store: idempotent re-ingest, atomic batches, event records linked."""

import pytest

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
        assert s.add_documents(docs) == 2
        n = s.counts()
    with Store(db) as s:
        assert s.add_documents(docs) == 0
        assert s.counts() == n
        assert [d.id for d in s.documents()] == ["a", "b"]


def test_failed_batch_leaves_store_as_it_was(tmp_path, docs, monkeypatch):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.add_documents(docs[:1])
        before = s.counts()

        def boom(store):
            raise RuntimeError("linker crashed")

        monkeypatch.setattr("dateline.link.relink", boom)
        with pytest.raises(RuntimeError):
            s.add_documents(docs[1:])
        assert s.counts() == before
        assert not s.has_document("b")


def test_event_records_point_back_to_their_evidence(tmp_path, docs):
    with Store(tmp_path / "s.duckdb") as s:
        s.add_documents(docs)
        recs = s.event_records()
        stored = {d.id: d for d in s.documents()}
    assert recs, "the two train-attack reports give at least one event record"
    for r in recs:
        for m in r.mentions:
            doc = stored[m.document]
            ev = next(v for v in doc.events if v.id == m.event)
            assert doc.text[ev.sentence.start:ev.sentence.end] == m.evidence
