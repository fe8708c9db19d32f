"""The learned keep/span/entity choice of the time stage (dateline.times.choose): the
shipped model file, its application in pure Python, and that switched off (as shipped,
see BENCHMARKS.md) it changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from dateline import times
from dateline.annotated import Annotated
from dateline.ingest.article import Article
from dateline.records import Meta, Time
from dateline.times import choose

DCT = date(2025, 1, 28)


@pytest.fixture(scope="module")
def nlp():
    from dateline.nlp import load

    return load()


def _annotated(nlp, text):
    art = Article(text=text, meta=Meta(published=DCT.isoformat()))
    return Annotated(article=art, doc=nlp(text), published=DCT)


def test_model_file_is_plain_json_weights():
    m = choose.load()
    assert m is not None and isinstance(m["enabled"], bool)
    assert 0.0 <= m["keep"]["threshold"] <= 1.0
    assert all(isinstance(v, float) for v in m["keep"]["weights"].values())
    assert set(m["entity"]["weights"]) <= set(choose.VALUE_CLASSES)


def test_shipped_off_changes_nothing(nlp):
    text = "Talks began on March 3, 2024, and collapsed the next day. Prices rose for nearly two years."
    a = _annotated(nlp, text)
    if choose.load()["enabled"]:
        pytest.skip("the learned choice is enabled")
    assert times.annotate(a) == times.annotate(a, learned=False)


@pytest.mark.parametrize("text", [
    "The rebels seized the town on Thursday, officials said yesterday.",
    "Sales fell for nearly three years, and the quarter a year ago was flat.",
    "In January this year the talks resumed; they lasted a fairly lengthy period.",
    "The company, founded 58 years ago, reports quarterly.",
    "",
    "No time words here at all.",
])
def test_learned_choice_keeps_evidence_and_ids(nlp, text):
    a = _annotated(nlp, text)
    found: list = []
    rules = times.annotate(a, learned=False, trace=found)
    assert [f.time for f in found] == rules
    out = times.annotate(a, learned=True)
    for k, t in enumerate(out, 1):
        assert t.id == f"t{k}" and text[t.start:t.end] == t.text and t.value
        assert t.anchor == "published" or t.anchor in {x.id for x in out} or t.anchor == "none"
    assert all(out[i].end <= out[i + 1].start for i in range(len(out) - 1))
    if not text.strip() or text.startswith("No time"):
        assert out == []


def _found(text, s, e, typ, value, rule="r", kind="dur"):
    return choose.Found(Time(id="t1", start=s, end=e, text=text[s:e], type=typ, value=value), rule, kind)


def test_span_variants_of_an_expression():
    text = "Prices rose for nearly forty years, then fell."
    f = _found(text, text.index("forty"), text.index(","), "DURATION", "P40Y")
    v = {how: text[s:e] for s, e, how, _ in choose.variants(text, [f], 0)}
    assert v["orig"] == "forty years" and v["addL"] == "nearly forty years"
    assert v["addLL"] == "for nearly forty years" and v["dropL"] == "years" and v["dropR"] == "forty"
    assert "addR" not in v  # a comma ends the expression


def test_a_model_that_prefers_the_modifier_moves_the_span():
    text = "Prices rose for nearly forty years, then fell."
    f = _found(text, text.index("forty"), text.index(","), "DURATION", "P40Y")
    model = {"keep": {"threshold": 0.5, "weights": {"bias": 1.0}},
             "span": {"margin": 0.0, "weights": {"how_w=addL_nearly": 3.0}}}
    out = choose.apply(text, [f], None, model)
    assert [(t.text, t.value, t.id) for t in out] == [("nearly forty years", "P40Y", "t1")]
    model["keep"]["weights"] = {"bias": -1.0}  # rejects everything
    assert choose.apply(text, [f], None, model) == []


def test_value_classes_of_an_entity():
    assert choose.class_value("PX", "the early years", DCT) == ("DURATION", "PXY")
    assert choose.class_value("SET", "quarterly", DCT) == ("SET", "P1Q")
    assert choose.class_value("DCT", "the week", DCT) == ("DATE", "2025-W05")
    assert choose.class_value("FUTURE_REF", "coming quarters", DCT) == ("DATE", "FUTURE_REF")
    assert choose.class_value("PX", "a while", DCT) is None  # no unit, no duration


def test_readings_of_a_weekday_and_the_value_choice(nlp):
    text = "The rebels will seize the town on Thursday."
    a = _annotated(nlp, text)
    found: list = []
    times.annotate(a, learned=False, trace=found)
    f = next(f for f in found if f.time.text == "Thursday")
    assert "rules" in f.readings[f.time.value][1]
    assert {"2025-01-23", "2025-01-30"} <= set(f.readings)  # back and forward of Tue 28 Jan
    other = next(v for v in ("2025-01-23", "2025-01-30") if v != f.time.value)
    hows = f.readings[other][1]
    model = {"value": {"margin": 0.0, "weights": {f"how={h}": 3.0 for h in hows}}}
    assert choose.choose_value(text, f, model) == ("DATE", other)
    model["value"]["margin"] = 1.1  # the rules' value always stands
    assert choose.choose_value(text, f, model) == ("DATE", f.time.value)
