"""`dateline ingest` as a stream: JSON Lines on stdin, committed batch by batch,
quiet by default, -v for stage timings and skipped inputs, and a second run
over the same stream adds nothing and parses nothing again."""

import json
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli import app
from dateline.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "dateline" / "samples" / "articles.jsonl"


def _stream(n: int) -> str:
    lines = [line for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()][:n]
    return "\n".join(lines + ["{not json", json.dumps({"id": "empty", "title": "no body"})]) + "\n"


def test_stdin_jsonl_is_ingested_in_batches_and_resumes(tmp_path, pipeline):
    db = tmp_path / "s.duckdb"
    stream = _stream(3)
    r = CliRunner().invoke(app, ["ingest", "-", "--db", str(db), "--batch", "2", "-v"], input=stream)
    assert r.exit_code == 0, r.output
    assert "3 new document(s) stored" in r.output
    assert "skipped <stdin>:4" in r.output and "skipped <stdin>:5" in r.output  # -v names each
    assert "linking (s):" in r.output and "articles/s" in r.output
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 3 and s.check() == []
        assert s.con.execute("SELECT count(*) FROM reports").fetchone()[0] == s.counts()["document_events"]
    again = CliRunner().invoke(app, ["ingest", "-", "--db", str(db)], input=stream)
    assert again.exit_code == 0, again.output
    assert "0 new document(s) stored, 3 already present" in again.output
    assert "linking (s):" not in again.output  # quiet without -v


def test_folder_input_and_quiet_default(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(_stream(2), encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00")  # unknown type inside a folder: ignored
    r = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "f.duckdb")])
    assert r.exit_code == 0, r.output
    assert "2 new document(s) stored" in r.output
    assert "INFO" not in r.output and "stages (s)" not in r.output
