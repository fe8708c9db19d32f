"""Within-document event coreference (dateline.link.within): one story's mentions
grouped into chains before cross-document linking, on real wording."""

from __future__ import annotations

import json
from importlib import resources

from dateline.link import link, reports_of
from dateline.link.reports import lemma
from dateline.link.within import (FEATURES, ChainReport, chains, looks_nominal, model, pair_features,
                                  probability, speaker_of, tense_aspect, view_of)

from dataclasses import replace

from dateline.records import Span

from test_link import BLA, DAY, PASSENGERS, make_doc, ev

TALIBAN = ("Taliban", "AFG", "REB")


def one_sentence(first, *others):
    """A document of one sentence with several triggers: (trigger, type, mode) after the first event."""
    doc = make_doc("d1", "2025-03-12", "a.example", first)
    base = doc.events[0]
    for n, (trigger, type_, mode) in enumerate(others, 2):
        t0 = doc.text.index(trigger)
        doc.events.append(replace(base, id=f"v{n}", type=type_, mode=mode,
                                  trigger=Span(t0, t0 + len(trigger), trigger)))
    return doc


def test_tense_and_aspect_from_the_words_before_the_trigger():
    assert tense_aspect(["The", "Taliban", "has"], "threatened", False) == "perfect"
    assert tense_aspect(["The", "Taliban", "is"], "threatening", False) == "progressive"
    assert tense_aspect(["Trump", "will"], "meet", False) == "future"
    assert tense_aspect(["They", "could"], "strike", False) == "modal"
    assert tense_aspect(["Police"], "detained", False) == "past"
    assert tense_aspect(["the"], "attack", True) == "none"


def test_definite_back_reference_and_speaker():
    assert looks_nominal(["Survivors", "described", "the"], "attack") == (True, True)
    assert looks_nominal(["in", "an"], "attack") == (True, False)
    assert looks_nominal(["Police"], "detained") == (False, False)
    assert speaker_of("The army will withdraw, Defense Minister Hulusi Akar said on Monday.") == "akar"
    assert speaker_of("The army will withdraw.") is None


def test_lemmas_without_a_parse():
    assert [lemma(w) for w in ("met", "died", "said", "stopped", "attacked", "talks")] == [
        "meet", "die", "say", "stop", "attack", "talk"]
    assert lemma("Balochistan") == "balochistan"


def test_the_committed_model_matches_the_features_and_is_symmetric():
    m = model()
    assert m["features"] == FEATURES and len(m["weights"]) == len(FEATURES)
    assert 0 < m["threshold"] < 1
    raw = json.loads(resources.files("dateline").joinpath("data/link/within_model.json").read_text())
    assert "tune" in raw["trained"]["data"]
    doc = make_doc("d1", "2025-03-12", "a.example",
                   ev("Gunmen attacked a passenger train in Balochistan on Tuesday.", "attacked", "ASSAULT",
                      actors=[BLA], when=DAY("2025-03-11")),
                   ev("The attack killed 21 people, officials said.", "attack", "ASSAULT",
                      actors=[BLA], when=DAY("2025-03-11")))
    a, b = (view_of(r) for r in reports_of(doc))
    assert probability(a, b) == probability(b, a)
    assert pair_features(a, b) == pair_features(b, a)


def test_one_sentence_telling_one_incident_in_three_triggers_is_one_report():
    doc = one_sentence(ev("Separatists attacked the Jaffar Express on Tuesday, blowing up the track "
                          "and taking passengers hostage.", "attacked", "ASSAULT", None, [BLA], [PASSENGERS],
                          DAY("2025-03-11")),
                       ("blowing up", "ASSAULT", "explosives"), ("hostage", "ASSAULT", "abduct"))
    cs = chains(reports_of(doc))
    assert len(cs) == 1 and len(cs[0]) == 3
    records, members = link([doc])
    assert len(records) == 1 and len(members) == 3
    assert len(records[0].mentions) == 1  # one sentence, one report on the event page
    assert records[0].mentions[0].event == "v1"


def test_a_threat_now_and_a_threat_in_the_past_are_two_events():
    doc = make_doc("d1", "2021-05-01", "a.example",
                   ev("The Taliban is threatening to resume attacks on foreign troops.", "threatening",
                      "THREATEN", actors=[TALIBAN], when=DAY("2021-05-01")),
                   ev("The group has threatened in the past to target Kabul, a spokesman said.",
                      "threatened", "THREATEN", actors=[TALIBAN], when=None))
    cs = chains(reports_of(doc))
    assert len(cs) == 2


def test_the_attack_later_in_the_story_joins_the_attack():
    doc = make_doc("d1", "2025-03-12", "a.example",
                   ev("Separatist gunmen attacked a passenger train in Balochistan on Tuesday.", "attacked",
                      "ASSAULT", actors=[BLA], recipients=[PASSENGERS], when=DAY("2025-03-11")),
                   ev("Officials said the attack began when the train entered a tunnel.", "attack",
                      "ASSAULT", actors=[BLA], when=DAY("2025-03-11")))
    cs = chains(reports_of(doc))
    assert len(cs) == 1


def test_a_chain_reads_as_one_report_with_the_union_of_its_parts():
    doc = make_doc("d1", "2025-03-12", "a.example",
                   ev("Separatist gunmen attacked a passenger train in Balochistan.", "attacked",
                      "ASSAULT", actors=[BLA], when=None, place=("Balochistan", "PAK")),
                   ev("The attack on Tuesday killed 21 passengers.", "attack", "ASSAULT",
                      recipients=[PASSENGERS], when=DAY("2025-03-11")))
    c = ChainReport(reports_of(doc))
    assert c.when.start == "2025-03-11" and c.when.basis == "explicit"  # the best-dated member
    assert c.place == "balochistan"
    assert {a.name for a in c.participants} == {BLA[0], PASSENGERS[0]}
    assert c.trigger_stems == {"attack"}
    assert c.key == ("d1", "v1")


def test_different_types_in_one_sentence_stay_two_reports():
    doc = one_sentence(ev("The Taliban denounced the delay on Saturday and threatened to break the cease-fire.",
                          "denounced", "ACCUSE", actors=[TALIBAN], when=DAY("2021-05-01")),
                       ("threatened", "THREATEN", None))
    assert len(chains(reports_of(doc))) == 2
