"""The `dateline` command end to end, on real articles."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dateline import __version__
from dateline.cli import app
from dateline.records import DocumentRecord, validate

from conftest import SEED, assert_offsets

runner = CliRunner()


def _records(stdout: str) -> list[DocumentRecord]:
    recs = []
    for line in stdout.splitlines():
        d = json.loads(line)
        validate(d)
        rec = DocumentRecord.from_dict(d)
        assert_offsets(rec)
        recs.append(rec)
    return recs


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and __version__ in r.stdout


def test_installed_entry_point_runs():
    r = subprocess.run([sys.executable, "-m", "dateline.cli", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and __version__ in r.stdout


@pytest.fixture(scope="module")
def seed_record(pipeline):
    if not SEED.exists():
        pytest.skip(f"seed article not present at {SEED}")
    r = runner.invoke(app, ["extract", str(SEED), "--published", "2025-01-28"])
    assert r.exit_code == 0, r.output
    (rec,) = _records(r.stdout)
    return rec


def test_seed_text_is_unaltered_and_footer_is_boilerplate(seed_record):
    assert seed_record.text == SEED.read_text(encoding="utf-8")
    assert seed_record.meta.published == "2025-01-28"
    assert seed_record.meta.published_basis == "given"
    footer = seed_record.text.index("ALSO READ")
    (bp,) = [b for b in seed_record.boilerplate if b.start <= footer < b.end]
    assert bp.kind == "related-links"
    assert seed_record.text[bp.start:bp.end].startswith("ALSO READ: How Will Serbia")
    # nothing is extracted from the footer ("Serbia", "Prime Minister", "Resignation")
    for start, end, _ in seed_record.spans():
        assert end <= bp.start or start >= bp.end, (start, end)


def test_seed_dates_are_normalised(seed_record):
    values = {t.text: t.value for t in seed_record.times}
    assert values["February 4"] == "2025-02-04"
    assert values["October 7, 2023"] == "2023-10-07"


def test_seed_leaders_are_entities_with_countries(seed_record):
    by_name = {e.name: e for e in seed_record.entities}
    assert by_name["Benjamin Netanyahu"].country == "ISR"
    assert by_name["Donald Trump"].country == "USA"
    # name variants are clustered: "Netanyahu" alone is a mention of the same entity
    assert len(by_name["Benjamin Netanyahu"].mentions) >= 4
    assert "Serbia" not in by_name


def test_extract_jsonl_keeps_ids_and_reports_a_bad_line(tmp_path, pipeline):
    src = tmp_path / "batch.jsonl"
    good = {"id": "kharkiv-1", "published": "2024-05-22",
            "text": "Russian missiles hit Kharkiv on Wednesday, killing seven people, officials said."}
    src.write_text(json.dumps(good) + "\n{not json\n"
                   + json.dumps({**good, "id": "kharkiv-2"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    recs = _records(out.read_text(encoding="utf-8"))
    assert [x.id for x in recs] == ["kharkiv-1", "kharkiv-2"]
    assert f"{src}:2" in r.stderr and "Skipped 1 input" in r.stderr


def test_extract_all_bad_inputs_fails_clearly(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = runner.invoke(app, ["extract", str(empty), str(tmp_path / "missing.txt")])
    assert r.exit_code == 1
    assert "empty.txt" in r.stderr and "missing.txt" in r.stderr


def test_bad_published_date_is_refused():
    r = runner.invoke(app, ["extract", "x.txt", "--published", "28/01/2025"])
    assert r.exit_code == 2 and "ISO 8601" in r.output


def test_ingest_then_events_in_every_format(tmp_path, pipeline):
    src = tmp_path / "a.txt"
    src.write_text("Israeli Prime Minister Benjamin Netanyahu met U.S. President Donald Trump "
                   "at the White House on Tuesday, the two leaders said.", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    r = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--published", "2025-02-05"])
    assert r.exit_code == 0, r.output
    assert "1 new document(s) stored" in r.stderr
    r = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--published", "2025-02-05"])
    assert "0 new document(s) stored, 1 already present" in r.stderr
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert r.exit_code == 0
    events = [json.loads(x) for x in r.stdout.splitlines()]
    for e in events:
        validate(e, "event")
    assert any(e["type"] == "CONSULT" and e["status"] == "happened" for e in events)
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    assert r.stdout.splitlines()[0].startswith("id,type,mode,actor_names")
    r = runner.invoke(app, ["events", "--db", str(tmp_path / "nope.duckdb")])
    assert r.exit_code == 2 and "no store" in r.stderr


def test_eval_refuses_a_missing_data_path(tmp_path):
    r = runner.invoke(app, ["eval", "plover", "--data", str(tmp_path / "nope.json")])
    assert r.exit_code == 2 and "no data" in r.stderr


def test_eval_timex_scores_tempeval_documents(pipeline):
    from conftest import DATA

    data = DATA / "tempeval3"
    if not data.exists():
        pytest.skip(f"TempEval-3 data not present at {data}")
    r = runner.invoke(app, ["eval", "timex", "--data", str(data), "--limit", "3"])
    assert r.exit_code == 0, r.output
    assert "value" in r.stdout.lower() and "strict" in r.stdout.lower()
