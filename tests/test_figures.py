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
