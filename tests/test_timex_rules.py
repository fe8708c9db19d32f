"""The rules file (src/dateline/data/timex_rules.tsv): every rule's example tags to its
value, rules load from data only, and a user's extra rule file works without code."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.times import normalize, rules, tag
from dateline.times.tagger import RULES, candidates

DCT = date(2025, 1, 28)  # a Tuesday


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_tags_its_example_to_its_value(rule):
    assert rule.normaliser in normalize.HANDLERS, f"{rule.source}: unknown normaliser {rule.normaliser}"
    hits = [c for c in candidates(rule.example) for c in [c, *c.alts] if c.rule == rule.name]
    assert hits, f"{rule.source}: {rule.name} does not match its example {rule.example!r}"
    values = [t.value for t in tag(rule.example, DCT, strict=True)]
    assert rule.value in values, f"{rule.source}: {rule.example!r} -> {values}, want {rule.value}"


def test_rule_names_are_unique_and_macros_all_defined():
    assert len({r.name for r in RULES}) == len(RULES)
    assert all("%{" not in r.pattern and "%{" not in (r.anchor or "") for r in RULES)


def test_unknown_macro_is_an_error(tmp_path):
    f = tmp_path / "extra.tsv"
    f.write_text("my_rule\tyear\t-\t\\b%{NO_SUCH}\\b\tin 1999\t1999\n")
    with pytest.raises(KeyError):
        rules.load([f])


def test_a_users_rule_file_adds_a_rule_without_code(tmp_path):
    from dateline.times import tagger

    f = tmp_path / "extra.tsv"
    f.write_text("# a site's own rule: 'close of the year' as the year's end\n"
                 "date_close_of_year\tyearend\t(?i:close)\t\\bthe\\s+close\\s+of\\s+the\\s+year\\b\t"
                 "Rates rise by the close of the year.\t2025\n")
    extra = rules.load([f])
    assert [r.name for r in extra] == ["date_close_of_year"] and extra[0].normaliser == "yearend"
    text = "Rates rise by the close of the year."
    assert "the close of the year" not in [t.text for t in tag(text, DCT)]
    shipped = tagger.RULES
    try:
        tagger.use_rules(shipped + extra)
        assert [(t.text, t.value) for t in tag(text, DCT)] == [("the close of the year", "2025")]
    finally:
        tagger.use_rules(shipped)
    assert "January|" in shipped[0].pattern  # the shipped rules expand the month table


def test_seed_article_dates_hold():
    def v(text):
        return [(t.text, t.value) for t in tag(text, date(2025, 1, 30), tense=lambda s, e: None)]
    assert v("The talks resume on February 4.") == [("February 4", "2025-02-04")]
    assert v("Hamas attacked on October 7, 2023.") == [("October 7, 2023", "2023-10-07")]
    assert v("The envoys meet next week.") == [("next week", "2025-W06")]
