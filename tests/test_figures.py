"""Figures: counts with qualifier, measure, subject and source."""

from __future__ import annotations


def figs(rec):
    return {f.text: f for f in rec.figures}


def test_seed_figures(extract, seed_text):
    rec = extract(seed_text)
    f = figs(rec)
    a = f["about 1,200"]
    assert (a.value, a.approx, a.measure, a.subject) == (1200, "about", "killed", "people")
    h = f["251"]
    assert (h.value, h.approx, h.measure) == (251, "exact", "hostages")
    p = f["more than 47,200"]
    assert (p.value, p.low, p.high, p.approx, p.measure, p.subject) == \
        (47200, 47200, None, "more-than", "killed", "Palestinians")
    assert p.attribution.source == "Gaza’s Hamas-run health ministry"
    assert p.attribution.cue == "according to"
    # dates and durations are not figures: "October 7, 2023", "six-week", "February 4"
    assert not any(x.text in ("7", "2023", "six", "4") for x in rec.figures)
    assert [x.id for x in rec.figures] == [f"f{i}" for i in range(1, len(rec.figures) + 1)]


def test_ranges_and_vague_counts(extract):
    rec = extract("Between 1,500 and 3,000 people were displaced by the fighting, and "
                  "the militants wounded dozens in a second attack on Friday.")
    f = figs(rec)
    r = f["Between 1,500 and 3,000"]
    assert (r.low, r.high, r.approx, r.measure) == (1500, 3000, "range", "displaced")
    d = f["dozens"]
    assert (d.approx, d.measure, d.low) == ("at-least", "injured", 24)


def test_qualifiers_and_word_numbers(extract):
    rec = extract("At least five soldiers were killed and nearly 200 people were arrested, "
                  "police said. Five journalists remain missing.")
    f = figs(rec)
    assert (f["At least five"].value, f["At least five"].approx, f["At least five"].measure) == \
        (5, "at-least", "killed")
    assert (f["nearly 200"].value, f["nearly 200"].approx, f["nearly 200"].measure) == \
        (200, "about", "arrested")
    assert f["nearly 200"].attribution.source == "police"
    assert f["Five"].measure in ("missing", "people")


def test_not_figures(extract):
    rec = extract("In 2023, a 45-year-old man paid $300 for a 20% stake, and UN Security "
                  "Council Resolution 2334 was cited on March 3 at 5:45 p.m. for the second time.")
    assert rec.figures == []


def test_large_numbers_and_toll(extract):
    rec = extract("The death toll rose to 312, and more than 1.2 million people have fled "
                  "their homes, the United Nations said.")
    f = figs(rec)
    assert f["312"].measure == "killed"
    big = f["more than 1.2 million"]
    assert (big.value, big.measure) == (1_200_000, "displaced")
    assert big.attribution.source == "the United Nations"


def test_vague_large_counts_and_modifiers(extract):
    rec = extract("Tens of thousands of Sudanese began protesting last year. The crisis has put "
                  "more than a million Nigerians beyond the reach of aid. The 10-member bloc met "
                  "on Monday, and wind farms provided nearly one-fifth of Spain's electricity.")
    f = figs(rec)
    assert (f["Tens of thousands"].value, f["Tens of thousands"].approx) == (20000, "at-least")
    assert f["Tens of thousands"].subject == "Sudanese"
    m = f["more than a million"]
    assert (m.value, m.approx, m.measure) == (1_000_000, "more-than", "people")
    assert set(f) == {"Tens of thousands", "more than a million"}


def test_several_hundred(extract):
    rec = extract("On Thursday, officials said several hundred troops were deployed to the villages.")
    f = figs(rec)["several hundred"]
    assert (f.value, f.approx, f.measure, f.subject) == (200, "at-least", "people", "troops")
    assert f.attribution.source == "officials"


def test_hyphenated_numbers_and_ranges(extract):
    rec = extract("Twenty-five people were killed and 1,500-3,000 were displaced, while "
                  "forty-two soldiers died.")
    f = figs(rec)
    assert (f["Twenty-five"].value, f["Twenty-five"].measure) == (25, "killed")
    assert (f["1,500-3,000"].low, f["1,500-3,000"].high, f["1,500-3,000"].approx) == \
        (1500, 3000, "range")
    assert (f["forty-two"].value, f["forty-two"].measure, f["forty-two"].subject) == \
        (42, "killed", "soldiers")


# --- fixes from the VOA review (bench/voa_figures_review.tsv) ---------------------


def test_more_person_nouns(extract):
    rec = extract("More than 2,000 firefighters are on the ground, and three tourists "
                  "were among them.")
    f = figs(rec)
    assert (f["More than 2,000"].measure, f["three"].measure) == ("people", "people")


def test_one_in_five_is_a_proportion(extract):
    rec = extract("One in four nurses were absent last month, according to the health ministry. "
                  "Three in 10 voters said they would stay home.")
    f = figs(rec)
    assert set(f) == {"One in four", "Three in 10"}
    assert (f["One in four"].value, f["One in four"].measure) == (0.25, "other")
    assert f["One in four"].attribution.source == "the health ministry"
    assert f["Three in 10"].value == 0.3


def test_ranks_and_labels_are_not_figures(extract):
    rec = extract("The province ranked in the bottom five across 60 surveyed regions. "
                  "Turn to the Book of Psalms, verse three, and read the passage that "
                  "Article 5 of the treaty cites.")
    assert [x.text for x in rec.figures] == ["60"]


def test_or_range(extract):
    rec = extract("She said three or four houses burned and five or six people were hurt.")
    f = figs(rec)
    assert (f["three or four"].low, f["three or four"].high, f["three or four"].approx) == \
        (3, 4, "range")
    assert (f["five or six"].low, f["five or six"].high, f["five or six"].measure) == \
        (5, 6, "injured")


def test_measure_from_the_clause_the_count_is_put_in(extract):
    rec = extract("The fighting has forced nearly 40,000 villagers to flee their homes, officials "
                  "said. Army commanders ordered 500 troops to evacuate civilians from the town. "
                  "More than 150 people sustained injuries in the blasts. Two soldiers tried "
                  "to rescue hostages.")
    f = figs(rec)
    assert f["Two"].measure == "people"  # they rescue; nobody rescued them
    assert (f["nearly 40,000"].measure, f["nearly 40,000"].attribution.source) == \
        ("displaced", "officials")
    assert f["500"].measure == "people"  # the troops evacuate others; they are not displaced
    assert f["More than 150"].measure == "injured"


def test_where_and_how_are_not_the_measure(extract):
    rec = extract("About 9,000 cows had died across 12 districts, and rebels killed two "
                  "villagers in three raids. The deaths of 300 miners were confirmed.")
    f = figs(rec)
    assert f["About 9,000"].measure == "killed"
    assert f["12"].measure == "other"
    assert f["three"].measure == "other"
    assert f["300"].measure == "killed"


def test_vague_head_and_fraction_qualifier(extract):
    rec = extract("Police said tens of thousands of people have fled to the hills since the storm. "
                  "The drought has forced more than a third of the herders out of business. "
                  "There were 14 deaths in the riot, including three guards.")
    f = figs(rec)
    assert (f["tens of thousands"].measure, f["tens of thousands"].attribution.source) == \
        ("displaced", "Police")
    t = f["more than a third"]
    assert (t.value, t.approx, t.measure) == (1 / 3, "more-than", "other")
    assert f["three"].measure == "killed"


def test_cue_the_figure_hangs_on(extract, monkeypatch):
    """When the parse gives a cue the wrong content span (a run-in subhead, a clause
    read as the cue's object), the figure still takes the speech cue its clause hangs
    on, but never one whose subject or sibling clause holds the figure."""
    from dateline import figures

    monkeypatch.setattr(figures.attribution, "find", lambda a, sent, head=None: None)
    rec = extract("Police reports indicated two gang attacks had involved residents of the "
                  "settlement. Two officials said the road was closed, and rebels burned "
                  "four trucks.")
    f = figs(rec)
    assert f["two"].attribution.source == "Police reports"
    assert f["Two"].attribution is None
    assert f["four"].attribution is None
