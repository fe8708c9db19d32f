"""The event's own date: which time expression an event may take, and across
which boundaries (data/when_rules.json). Real news phrasing; each test names
the rule a reader relies on."""

from __future__ import annotations

from datetime import date

import pytest

from dateline import times
from dateline.annotated import Annotated
from dateline.ingest.article import Article
from dateline.records import Meta
from dateline.times.when import rules


@pytest.fixture(scope="module")
def nlp():
    from dateline.nlp import load

    return load()


@pytest.fixture(scope="module")
def when(nlp):
    def run(text, word, published=date(2025, 1, 28)):
        art = Article(text=text, meta=Meta(published=published.isoformat()))
        a = Annotated(article=art, doc=nlp(text), published=published)
        a.times = times.annotate(a)
        return times.event_when(a, next(tok for tok in a.doc if tok.text == word))

    return run


def test_rules_file_lists_every_rule_in_order():
    R = rules()
    assert R["order"][-1] == "published"
    assert set(R["order"]) <= set(R["rules"])


def test_a_date_inside_the_accused_act_is_not_the_accusations(when):
    w = when("Iran on Monday accused the United States of leaving the nuclear pact in 2018.", "accused")
    assert w.start != "2018-01-01"


def test_a_date_inside_an_infinitive_complement_belongs_to_it(when):
    w = when("The EU's new Commission President has vowed to make the region climate neutral by 2050.",
             "vowed")
    assert w.start is None or not w.start.startswith("2050")


def test_the_sentences_single_date_dates_a_past_event(when):
    w = when("A year ago, international markets punished Turkey, plunging the country into a recession "
             "following Trump's imposition of sanctions.", "sanctions", date(2019, 12, 11))
    assert (w.start, w.basis, w.rule) == ("2018-01-01", "explicit", "sentence_single_date")


def test_the_lead_sets_the_scene_day_for_later_past_events(when):
    text = ("Kenyan lawmakers voted on Tuesday to impeach the deputy president. "
            "The motion cited eleven charges. Several members spoke against it. "
            "The deputy president denied all the charges.")
    w = when(text, "denied", date(2024, 10, 10))
    assert (w.start, w.basis, w.rule) == ("2024-10-08", "inferred", "scene")


def test_a_present_perfect_event_takes_no_scene_date(when):
    text = ("Kenyan lawmakers voted on Tuesday to impeach the deputy president. "
            "The motion cited eleven charges. Several members spoke against it. "
            "The deputy president has denied all the charges.")
    w = when(text, "denied", date(2024, 10, 10))
    assert w.rule != "scene"


def test_background_adjunct_does_not_inherit_a_neighbours_date(when):
    text = "Trump met Netanyahu on Monday. After talks in the Oval Office, the two leaders spoke to reporters."
    w = when(text, "talks", date(2025, 2, 5))
    assert w.rule not in ("neighbour", "scene")


def test_published_fallback_names_its_rule(when):
    w = when("Rebels attacked the town, officials said.", "attacked")
    assert (w.basis, w.rule) == ("published", "published")


def test_a_date_premodifying_another_noun_dates_that_noun(when):
    text = ("On Tuesday, the House of Representatives voted 368-7, urging a full investigation "
            "of claims of irregularities in the February 8 vote.")
    w = when(text, "urging", date(2024, 6, 30))
    assert w.start == "2024-06-25"


def test_a_statement_participle_takes_the_statements_date(when):
    text = ("Renewable energy remains well below what is needed, the agency said in a November report, "
            "calling for more ambitious growth targets.")
    w = when(text, "calling", date(2019, 12, 9))
    assert (w.start, w.end) == ("2019-11-01", "2019-11-30")


def test_early_mid_and_late_name_thirds_of_the_month(when):
    w = when("Chinese Commerce Minister Wang Wentao visited Europe in late September.", "visited",
             date(2024, 10, 3))
    assert (w.start, w.end, w.granularity) == ("2024-09-21", "2024-09-30", "range")
    w = when("The court heard the case in mid-March.", "heard", date(2021, 4, 2))
    assert (w.start, w.end) == ("2021-03-11", "2021-03-20")
    w = when("Rebels attacked the town in September.", "attacked", date(2024, 10, 3))
    assert (w.start, w.end, w.granularity) == ("2024-09-01", "2024-09-30", "month")


def test_earlier_this_month_ends_before_publication(when):
    w = when("The governor met activists earlier this month.", "met", date(2019, 12, 19))
    assert (w.start, w.end) == ("2019-12-01", "2019-12-18")


def test_a_modal_clause_reported_on_a_day_happens_that_day(when):
    w = when("German Chancellor Olaf Scholz on Wednesday said talks with China must continue.", "must",
             date(2024, 10, 3))
    assert w.start == w.end == "2024-10-02"


def test_in_the_last_two_weeks_runs_up_to_publication(when):
    w = when("Gachagua's lawyers filed about 30 court cases against his ouster in the last two weeks.",
             "filed", date(2024, 10, 31))
    assert (w.start, w.end, w.granularity, w.basis) == ("2024-10-17", "2024-10-31", "range", "explicit")
    # a long span is background, not the act's days
    w = when("The country has held elections peacefully over the past decade.", "held", date(2024, 10, 31))
    assert w.start != "2014-10-31"
