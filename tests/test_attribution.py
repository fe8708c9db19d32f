"""Attribution: who says so, read off the parse of real news sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline import attribution

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


@pytest.fixture
def annotated(pipeline):
    from dateline.ingest.article import Article
    from dateline.records import Meta

    def run(text):
        return pipeline.annotate(Article(text=text, meta=Meta(published="2025-01-28")),
                                 pipeline.nlp(text))
    return run


def first_sentence(a):
    return a.sentences()[0]


def test_according_to_span_is_the_whole_phrase(extract, seed_text):
    rec = extract(seed_text)
    f = next(f for f in rec.figures if f.text == "more than 47,200")
    att = f.attribution
    phrase = "according to Gaza’s Hamas-run health ministry"
    assert (att.start, att.end) == (seed_text.index(phrase), seed_text.index(phrase) + len(phrase))
    assert att.cue == "according to"
    assert att.source == "Gaza’s Hamas-run health ministry"
    ministry = next(e for e in rec.entities if e.id == att.entity)
    assert ministry.sector == "GOV"


def test_said_that(annotated):
    a = annotated("Turkish Foreign Minister Hakan Fidan said that Ankara would not send troops.")
    att = attribution.find(a, first_sentence(a))
    assert att.source == "Turkish Foreign Minister Hakan Fidan"
    assert att.cue == "said"
    assert a.text[att.start:att.end] == "Turkish Foreign Minister Hakan Fidan said"
    ent = next(e for e in a.entities if e.id == att.entity)
    assert ent.name == "Hakan Fidan" and ent.country == "TUR"


def test_trailing_officials_said(annotated):
    a = annotated("Three soldiers were killed in the ambush near the border, officials said.")
    att = attribution.find(a, first_sentence(a))
    assert (att.source, att.cue) == ("officials", "said")
    # unnamed officials are an actor entity of their own (sector from the agent nouns)
    ent = next(e for e in a.entities if e.id == att.entity)
    assert (ent.name, ent.kind, ent.sector) == ("officials", "group", "GOV")


def test_office_said_in_a_statement(annotated):
    a = annotated("Netanyahu's office said in a statement that the delegation would leave on Monday.")
    att = attribution.find(a, first_sentence(a))
    assert att.source == "Netanyahu's office"
    ent = next(e for e in a.entities if e.id == att.entity)
    assert ent.name == "Benjamin Netanyahu"


def test_told_voa(annotated):
    a = annotated("The strikes hit a fuel depot, a local official told VOA.")
    att = attribution.find(a, first_sentence(a))
    assert (att.source, att.cue) == ("a local official", "told")


def test_head_picks_the_clause(annotated):
    a = annotated("The army said 20 militants were killed, but Hamas said most of the dead "
                  "were civilians.")
    s = first_sentence(a)
    twenty = next(t for t in s if t.text == "20")
    civilians = next(t for t in s if t.text == "civilians")
    assert attribution.find(a, s, twenty).source == "The army"
    assert attribution.find(a, s, civilians).source == "Hamas"


def test_no_source_no_attribution(annotated):
    a = annotated("The ceasefire has temporarily paused the hostilities.")
    assert attribution.find(a, first_sentence(a)) is None


def test_cues_are_data():
    table = attribution.cues()
    assert table["say"] == "speech" and table["believe"] == "cognition"


@pytest.mark.skipif(not POLNEAR.exists(), reason="PolNeAR dev split not present")
def test_polnear_smoke():
    from dateline.evaluate.attribution import report, run

    result = run(POLNEAR, limit=5)
    assert result["documents"] == 5
    for role in ("Source", "Cue", "Content"):
        assert result["scores"][role]["n_gold"] > 0
    # overlap F1 on the full dev split is ~0.65; five documents stay well above chance
    assert result["scores"]["Source"]["overlap"]["f1"] > 0.4
    assert "Content" in report(result)


def test_a_named_owner_is_not_the_speaker(annotated):
    # the chief speaks, not Erdogan: only a name glued to the head counts
    a = annotated("Erdogan's communication chief said the attacks must stop.")
    att = attribution.find(a, first_sentence(a))
    assert att.source == "Erdogan's communication chief"
    assert att.entity is None


def test_intention_with_infinitive(annotated):
    a = annotated("Hamas wants to release the remaining hostages in stages.")
    s = first_sentence(a)
    release = next(t for t in s if t.text == "release")
    att = attribution.find(a, s, release)
    assert (att.source, att.cue) == ("Hamas", "wants")
