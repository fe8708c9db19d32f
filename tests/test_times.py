"""The time stage: TIMEX3 spans, types and values anchored on the publication date,
the event's own date, and the TimeML/MEANTIME evaluation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline import times
from dateline.annotated import Annotated
from dateline.ingest.article import Article
from dateline.records import Boilerplate, Meta
from dateline.times.calendar import bounds

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="module")
def nlp():
    from dateline.nlp import load

    return load()


@pytest.fixture(scope="module")
def tag(nlp):
    """tag(text, published) -> (Annotated, {timex text: Time}), with the offsets checked."""

    def run(text, published=date(2025, 1, 28), boilerplate=()):
        art = Article(text=text, meta=Meta(published=published.isoformat() if published else None),
                      boilerplate=list(boilerplate))
        a = Annotated(article=art, doc=nlp(text), published=published)
        a.times = times.annotate(a)
        for k, t in enumerate(a.times, 1):
            assert t.id == f"t{k}"
            assert text[t.start:t.end] == t.text
        return a, {t.text: t for t in a.times}

    return run


def tv(t):
    return t.type, t.value, t.anchor


# --- the expressions of the issue, on 2025-01-28 (a Tuesday) unless said ---------------------


def test_weekday_in_a_past_clause_is_the_last_one(tag):
    _, t = tag("The rebels seized the town on Thursday, officials said.", date(2025, 1, 31))
    assert tv(t["Thursday"]) == ("DATE", "2025-01-30", "published")


def test_weekday_follows_the_governing_verbs_tense(tag):
    _, t = tag("On Friday, officials said the talks had failed.")
    assert t["Friday"].value == "2025-01-24"
    _, t = tag("The two leaders will meet on Friday in Cairo.")
    assert t["Friday"].value == "2025-01-31"


def test_weekday_of_a_planned_act_follows_be_to_and_past_perfect(tag):
    # "is to" + infinitive is a plan: the coming weekday (published Tuesday 2025-01-28)
    _, t = tag("The company is to resume trading in Paris Friday.")
    assert t["Friday"].value == "2025-01-31"
    # a plan told in the past perfect lies before the report: the last weekday
    _, t = tag("The offer had been scheduled to expire at midnight Friday.")
    assert t["midnight Friday"].value.startswith("2025-01-24")


def test_next_week_is_an_iso_week(tag):
    _, t = tag("Netanyahu will travel to Washington next week to meet Trump.")
    assert tv(t["next week"]) == ("DATE", "2025-W06", "published")


def test_month_without_year_before_the_dct_in_a_past_story(tag):
    _, t = tag("Voters turned against the party in the November presidential election.")
    assert tv(t["November"]) == ("DATE", "2024-11", "published")


def test_hyphenated_duration_leaves_the_article_out(tag):
    _, t = tag("Hamas and Israel agreed to a six-week ceasefire on Wednesday.")
    assert tv(t["six-week"]) == ("DURATION", "P6W", "none")


def test_coming_weeks_is_future_ref(tag):
    _, t = tag("More hostages will be released in the coming weeks, mediators said.")
    assert tv(t["the coming weeks"]) == ("DATE", "FUTURE_REF", "published")


def test_relative_month_and_year(tag):
    _, t = tag("Prices rose sharply earlier this month after a weak harvest last year.")
    assert t["earlier this month"].value == "2025-01"
    assert t["last year"].value == "2024"


def test_two_days_later_is_anchored_on_the_previous_date_not_the_dct(tag):
    _, t = tag("The ceasefire began on January 19. Two days later, the first hostages were freed.")
    first = t["January 19"]
    assert first.value == "2025-01-19"
    assert tv(t["Two days later"]) == ("DATE", "2025-01-21", first.id)


def test_decade_quarter_mid_and_late(tag):
    _, t = tag("Growth slowed in Q3, unlike in the 1990s. Exports fell in mid-March and late 2024.")
    assert t["Q3"].value == "2024-Q3"
    assert t["the 1990s"].value == "199"
    assert t["mid-March"].value == "2024-03"
    assert tv(t["late 2024"]) == ("DATE", "2024", "none")


def test_past_decade_is_a_duration(tag):
    _, t = tag("Temperatures have risen faster over the past decade than ever before.")
    assert tv(t["the past decade"]) == ("DURATION", "P10Y", "none")


def test_absolute_date_needs_no_anchor(tag):
    _, t = tag("Hamas attacked Israel on October 7, 2023, killing about 1,200 people.")
    assert tv(t["October 7, 2023"]) == ("DATE", "2023-10-07", "none")


def test_unknown_publication_date_gives_unknown_parts(tag):
    _, t = tag("The summit was moved to February 4 and talks resumed on Thursday.", None)
    assert t["February 4"].value == "XXXX-02-04"
    assert t["Thursday"].value == "XXXX-WXX-4"


def test_timebank_reference_words(tag):
    _, t = tag("The company is now profitable; it recently closed two plants and currently employs 900.")
    assert t["now"].value == "PRESENT_REF"
    assert t["recently"].value == "PAST_REF"
    assert t["currently"].value == "PRESENT_REF"


def test_sets(tag):
    _, t = tag("The clinic is open daily, and the council meets every Monday.")
    assert tv(t["daily"]) == ("SET", "P1D", "none")
    assert tv(t["every Monday"]) == ("SET", "XXXX-WXX-1", "none")


def test_quarter_and_year_earlier_in_an_earnings_report(tag):
    _, t = tag("Net income rose 12% in the third quarter to $40 million from $35 million a year earlier.",
               date(1989, 10, 26))
    q = t["the third quarter"]
    assert q.value == "1989-Q3"
    assert tv(t["a year earlier"]) == ("DATE", "1988-Q3", q.id)


def test_century_season_and_clock(tag):
    _, t = tag("It was the worst flood of the 20th century. Last summer the dam failed at "
               "10:35 a.m. Thursday, and the army arrived yesterday.", date(1998, 8, 8))
    assert t["the 20th century"].value == "19"
    assert t["Last summer"].value == "1997-SU"
    assert tv(t["10:35 a.m. Thursday"]) == ("TIME", "1998-08-06T10:35", "published")
    assert t["yesterday"].value == "1998-08-07"


def test_utc_clock_same_period_and_long_plurals(tag):
    _, t = tag("GM filed for bankruptcy at 12:00 UTC Monday. Sales fell in May from the same period "
               "last year, ending a decades-long run.", date(2009, 6, 1))
    assert tv(t["12:00 UTC Monday"]) == ("TIME", "2009-06-01T12:00Z", "published")
    may = t["May"]
    assert tv(t["the same period last year"]) == ("DATE", "2008-05", may.id)
    assert tv(t["decades-long"]) == ("DURATION", "PXY", "none")


def test_ages_are_not_time_expressions(tag):
    _, t = tag("A 44-year-old protester was arrested after a two-year search.")
    assert list(t) == ["two-year"]


def test_may_the_modal_is_not_a_month(tag):
    _, t = tag("May God help them, said the priest, who fled in May.")
    assert [x.text for x in t.values()] == ["May"]
    assert t["May"].start > 10


def test_boilerplate_is_skipped(tag):
    text = "Troops withdrew on Monday.\nRelated: Talks resumed on Tuesday."
    bp = Boilerplate(start=text.index("Related"), end=len(text), kind="related-links")
    a, t = tag(text, boilerplate=[bp])
    assert [x.text for x in a.times] == ["Monday"]


# --- the event's own date ---------------------------------------------------------------------


def _when(a, word):
    return times.event_when(a, next(tok for tok in a.doc if tok.text == word))


def test_when_explicit_from_the_triggers_time(tag):
    a, t = tag("Netanyahu will meet Trump at the White House on February 4, his office said.")
    w = _when(a, "meet")
    assert (w.value, w.start, w.end, w.granularity, w.basis, w.time) == (
        "2025-02-04", "2025-02-04", "2025-02-04", "day", "explicit", t["February 4"].id)


def test_when_week_and_month_bounds(tag):
    a, _ = tag("The ministers will meet next week in Geneva.")
    w = _when(a, "meet")
    assert (w.start, w.end, w.granularity) == ("2025-02-03", "2025-02-09", "week")
    a, _ = tag("The election was held in November.")
    w = _when(a, "held")
    assert (w.value, w.start, w.end, w.granularity) == ("2024-11", "2024-11-01", "2024-11-30", "month")


def test_when_same_clause_and_conjoined_verbs(tag):
    a, t = tag("The attack took place on Monday near Kherson.", date(2025, 1, 30))
    assert (_when(a, "attack").value, _when(a, "attack").basis) == ("2025-01-27", "explicit")
    a, t = tag("Police raided the camp and arrested three men on Monday.", date(2025, 1, 30))
    assert _when(a, "raided").value == "2025-01-27"


def test_when_statement_date_is_not_the_events(tag):
    a, t = tag("After the detention of the mayor, the minister said on Saturday that "
               "343 people were held.", date(2025, 3, 22))
    assert _when(a, "detention").basis != "explicit"
    assert _when(a, "said").time == t["Saturday"].id


def test_that_night_points_to_the_event_date_not_the_statement(tag):
    _, t = tag("Police clashed with protesters on Friday night. The minister said on Saturday "
               "that 343 people were detained that night.", date(2025, 3, 24))
    assert t["that night"].value == "2025-03-21TNI"
    assert t["that night"].anchor == t["Friday night"].id


def test_when_inferred_from_the_previous_sentence(tag):
    a, t = tag("Police raided the camp on Monday. Three people were arrested.", date(2025, 1, 30))
    w = _when(a, "arrested")
    assert (w.value, w.basis, w.time) == ("2025-01-27", "inferred", t["Monday"].id)


def test_when_is_not_inferred_from_a_statement_date(tag):
    a, t = tag("Gunmen stopped the train on Tuesday evening. The military said on Wednesday "
               "that 21 hostages had been killed.", date(2025, 3, 13))
    w = _when(a, "killed")
    assert (w.value, w.basis, w.time) == ("2025-03-11TEV", "inferred", t["Tuesday evening"].id)


def test_when_since_is_a_range_to_the_publication_date(tag):
    a, t = tag("Turkish authorities have detained 1,133 people since protests began last Wednesday, "
               "the minister said on Monday.", date(2025, 3, 24))
    w = _when(a, "detained")
    assert (w.value, w.start, w.end, w.granularity, w.basis) == (
        "2025-03-19/2025-03-24", "2025-03-19", "2025-03-24", "range", "explicit")


def test_when_falls_back_to_the_publication_date(tag):
    a, _ = tag("Rebels attacked the town, officials said.")
    w = _when(a, "attacked")
    assert (w.value, w.granularity, w.basis, w.time) == ("2025-01-28", "day", "published", None)
    a, _ = tag("Rebels attacked the town, officials said.", None)
    w = _when(a, "attacked")
    assert (w.value, w.granularity, w.basis) == (None, "unknown", "published")


@pytest.mark.parametrize("value,expected", [
    ("2024-11", ("2024-11-01", "2024-11-30", "month")),
    ("2025-W06", ("2025-02-03", "2025-02-09", "week")),
    ("2024-Q3", ("2024-07-01", "2024-09-30", "quarter")),
    ("2024", ("2024-01-01", "2024-12-31", "year")),
    ("199", ("1990-01-01", "1999-12-31", "range")),
    ("1998-08-07T10:35", ("1998-08-07", "1998-08-07", "day")),
    ("PAST_REF", (None, None, "unknown")),
])
def test_bounds(value, expected):
    assert bounds(value) == expected


# --- evaluation -------------------------------------------------------------------------------

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Stocks fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; rose in <TIMEX3 tid="t2" type="DATE" value="1997-12">December</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_loader_and_scores(tmp_path, nlp):
    from dateline.evaluate import timex

    (tmp_path / "a.tml").write_text(TML)
    doc = timex.load_timeml(tmp_path / "a.tml")
    assert doc.dct == date(1998, 1, 8)
    assert [doc.text[g.start:g.end] for g in doc.timexes] == ["yesterday", "December"]
    assert "&" in doc.text
    result = timex.run(tmp_path)
    assert result["strict_f1"] == 1.0 and result["value_acc"] == 1.0
    assert "value F1" in timex.report(result)


def test_scores_count_strict_relaxed_and_values():
    from dateline.evaluate.timex import Gold, Pred, score

    gold = [[Gold(0, 6, "DATE", "1998-01-09"), Gold(10, 19, "DATE", "1997")]]
    pred = [[Pred(0, 6, "DATE", "1998-01-09"), Pred(10, 14, "DATE", "1996"), Pred(30, 35, "SET", "P1D")]]
    r = score(gold, pred)
    assert r["strict_p"] == pytest.approx(1 / 3) and r["strict_r"] == 0.5
    assert r["relaxed_p"] == pytest.approx(2 / 3) and r["relaxed_r"] == 1.0
    assert r["value_acc"] == 0.5
    assert r["value_f1"] == pytest.approx(0.8 * 0.5)


def test_meantime_loader(tmp_path):
    from dateline.evaluate.timex import load_corpus

    xml = """<?xml version="1.0" ?><Document doc_id="1">
<token sentence="0" t_id="1">GM</token><token sentence="0" t_id="2">files</token>
<token sentence="1" t_id="3">June</token><token sentence="1" t_id="4">1</token>
<token sentence="1" t_id="5">,</token><token sentence="1" t_id="6">2009</token>
<token sentence="2" t_id="7">It</token><token sentence="2" t_id="8">filed</token>
<token sentence="2" t_id="9">today</token><token sentence="2" t_id="10">.</token>
<Markables>
<TIMEX3 m_id="1" type="DATE" value="2009-06-01" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 m_id="2" type="DATE" value="2009-06-01" functionInDocument="NONE"><token_anchor t_id="9"/></TIMEX3>
</Markables></Document>"""
    (tmp_path / "doc.xml").write_text(xml)
    (doc,) = load_corpus(tmp_path)
    assert doc.text == "GM files\nJune 1, 2009\nIt filed today."
    assert doc.dct == date(2009, 6, 1)
    assert [doc.text[g.start:g.end] for g in doc.timexes] == ["June 1, 2009", "today"]


@pytest.mark.skipif(not (DATA / "tempeval3").exists(), reason="shared TempEval-3 data absent")
def test_tempeval3_sample_scores():
    """A regression floor on 12 real TimeBank/AQUAINT documents (full runs: BENCHMARKS.md)."""
    from dateline.evaluate import timex

    r = timex.run(DATA / "tempeval3", limit=12)
    assert r["relaxed_f1"] >= 0.85
    assert r["value_acc"] >= 0.75


def test_when_participle_clause_takes_its_head_verbs_date(tag):
    # the killing and the hostage-taking happened when the raid did, not on the publication day
    a, t = tag("On March 3, 2024, gunmen raided the village, killing nine farmers and taking "
               "twelve hostages, officials said on Tuesday.")
    for word in ("raided", "killing", "hostages"):
        w = _when(a, word)
        assert (w.value, w.basis) == ("2024-03-03", "explicit"), word
    # a participle of a verb of saying lends nothing
    a, _ = tag("Officials said on Monday, adding that talks would resume.")
    assert _when(a, "resume").value != "2025-01-27"


def test_when_present_perfect_is_not_dated_by_an_earlier_scene(tag):
    a, _ = tag("The ceasefire began on January 19. Egypt and Jordan have already rejected any plan "
               "to move Palestinians out of Gaza.")
    w = _when(a, "rejected")
    assert (w.value, w.basis) == ("2025-01-28", "published")


# --- coverage of issue 16: ranges, fiscal periods, modifiers, and names that are not times ----


def test_year_ranges_tag_both_ends_and_day_ranges_take_their_year(tag):
    _, t = tag("Prices rose from 2019 to 2021.")
    assert (t["2019"].value, t["2021"].value) == ("2019", "2021")
    _, t = tag("The summit ran March 3-5, 2024, in Paris.")
    assert t["March 3-5, 2024"].value == "2024-03-03"


def test_fiscal_years_in_every_spelling(tag):
    _, t = tag("Profit rose in fiscal 2024, in FY25 and in the 2023 fiscal year.")
    assert [t[k].value for k in ("fiscal 2024", "FY25", "the 2023 fiscal year")] == ["2024", "2025", "2023"]


def test_month_before_a_relative_year(tag):
    _, t = tag("In June last year, the remaining leaders split.")
    assert tv(t["June"]) == ("DATE", "2024-06", "published") and t["last year"].value == "2024"


def test_modifiers_timebank_keeps_inside_a_duration(tag):
    _, t = tag("Talks have been cut off for nearly two years, about three weeks after the vote.")
    assert t["nearly two years"].value == "P2Y" and t["three weeks"].value == "P3W"


def test_programme_names_are_not_times(tag):
    a, t = tag('She appeared on ITV\'s "This Morning" and NBC\'s "Today" show on Friday.')
    assert list(t) == ["Friday"]
    _, t = tag('"Today we won," he said. Now, he says, it is over.')
    assert set(t) == {"Today", "Now"}


def test_numbers_that_are_not_years(tag):
    a, t = tag("Inflation hit 2,021 tonnes, and 1999 people were counted.")
    assert t == {}


def test_bare_plural_before_ago_has_no_leading_space(tag):
    _, t = tag("Just months ago the firm was failing.")
    assert t["months ago"].value == "PAST_REF"


def test_a_failing_normaliser_costs_one_expression_not_the_article(tag, monkeypatch):
    from dateline.times import normalize

    def boom(ctx, c, m):
        raise KeyError("past")

    monkeypatch.setitem(normalize.HANDLERS, "rel", boom)
    _, t = tag("The vote is on Friday, way past November, and again next week.")
    assert "Friday" in t and "next week" not in t
