"""The document record: schema-valid, round-trips through JSON, stable ids."""

import json

import jsonschema
import pytest

from dateline.records import DocumentRecord, json_schema, validate

TEXT = ("Russian forces struck the Ukrainian city of Kharkiv on Tuesday, killing at least "
        "five people, the regional governor said.")


def test_record_is_schema_valid_and_round_trips(extract):
    rec = extract(TEXT, "2024-05-22")
    d = rec.to_dict()
    validate(d)
    assert list(d)[:2] == ["schema", "id"]
    again = DocumentRecord.from_dict(json.loads(json.dumps(d)))
    assert again.to_dict() == d


def test_same_input_same_output_and_ids(extract):
    a = extract(TEXT, "2024-05-22").to_json()
    b = extract(TEXT, "2024-05-22").to_json()
    assert a == b
    assert json.loads(a)["id"].startswith("d-")


def test_caller_id_is_kept(extract):
    assert extract(TEXT, "2024-05-22", id="story-17").id == "story-17"


def test_schema_rejects_a_broken_record(extract):
    d = extract(TEXT, "2024-05-22").to_dict()
    d["meta"]["published_basis"] = "guessed"
    with pytest.raises(jsonschema.ValidationError):
        validate(d)
    assert json_schema("event")["properties"]["schema"]["const"] == "dateline/event@1"
