"""The main job on the built-in samples: each real event's reports collapse into
one event record, and records never mix different events."""

import json

import pytest
from typer.testing import CliRunner

from dateline.cli import SAMPLES, app
from dateline.records import validate
from dateline.store import Store

from conftest import assert_offsets

EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    r = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "event record(s)" in r.stdout
    with Store(db, read_only=True) as s:
        docs = list(s.documents())
        recs = s.event_records()
    return docs, recs


def _doc_ids(docs) -> dict[str, str]:
    """expected.json's names → stored ids (the HTML page is named by its file)."""
    ids = {d.id: d.id for d in docs}
    for d in docs:
        if d.meta.url and "frontierledger" in d.meta.url:
            ids["html:frontierledger-jaffar-survivors.html"] = d.id
    return ids


def test_every_sample_is_stored_and_valid(demo_store):
    docs, recs = demo_store
    assert len(docs) == 10
    for d in docs:
        validate(d.to_dict())
        assert_offsets(d)
    for r in recs:
        validate(r.to_dict(), "event")
    html = [d for d in docs if d.meta.published_basis == "html"]
    assert len(html) == 1 and html[0].meta.published.startswith("2025-03-13")


@pytest.mark.parametrize("event", EXPECTED["events"], ids=lambda e: e["key"])
def test_reports_of_one_event_collapse_into_one_record(demo_store, event):
    docs, recs = demo_store
    ids = _doc_ids(docs)
    wanted = {ids[d] for d in event["documents"]}
    # The same articles may also report other events of the same type (the
    # Istanbul stories recall İmamoğlu's arrest two days earlier; the BLA's
    # threat to kill hostages is a hypothetical event of its own; "1,133 detained
    # since Wednesday" is a tally over a range of days; "the BLA has stepped up
    # attacks" carries no date but the publication day): the record sought is the
    # one of this type dated on this event's day that is real.
    candidates = [r for r in recs if r.type == event["type"] and r.when
                  and r.when.granularity != "range" and r.when.basis != "published"
                  and r.status not in ("hypothetical", "negated")
                  and r.when.start <= event["date"] <= r.when.end
                  and wanted & {m.document for m in r.mentions}]
    assert len(candidates) == 1, [(r.when.value if r.when else None,
                                   sorted({m.document for m in r.mentions})) for r in candidates]
    (rec,) = candidates
    assert wanted <= {m.document for m in rec.mentions}
    assert rec.status == event["status"]


def test_no_record_mixes_different_events(demo_store):
    docs, recs = demo_store
    ids = _doc_ids(docs)
    for a, b in EXPECTED["not_same"]:
        for r in recs:
            members = {m.document for m in r.mentions}
            assert not {ids[a], ids[b]} <= members, (r.type, r.id, a, b)


def test_no_event_page_shows_one_sentence_as_two_reports(demo_store):
    """"attacked … blowing up … taking hostages": one sentence is one report of the incident."""
    docs, recs = demo_store
    text = {d.id: d.text for d in docs}
    for r in recs:
        seen = [(m.document, m.evidence) for m in r.mentions]
        assert len(seen) == len(set(seen)), (r.id, seen)
        for m in r.mentions:
            assert m.evidence in text[m.document]
