"""The time stage is total: it raises on no sentence of the shared corpora and on
100,000 seeded random recombinations of time words.

The normalisers run in strict mode here (errors are raised, not logged and
skipped as in the pipeline), on raw text without a spaCy parse so that the
test takes seconds; the governing verb's tense, which the parse would give, is
drawn at random (seeded) so every tense branch is exercised.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path

import pytest

from dateline.times import tag
from dateline.times.lexicon import (FLOATING, HOLIDAYS, MONTHS, NUMBERS, ORDINALS, SEASONS, UNITS,
                                    VAGUE, WEEKDAYS)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_TENSES = ["past", "future", "future_ish", "present", None]


def _run(text: str, rnd: random.Random, dct) -> None:
    times = tag(text, dct, tense=lambda s, e: rnd.choice(_TENSES), strict=True)
    for t in times:
        assert text[t.start:t.end] == t.text and t.value and t.type in ("DATE", "TIME", "DURATION", "SET")


_GLUE = ["the", "of", "in", "on", "at", "by", "from", "to", "until", "since", "way", "past", "last",
         "next", "this", "that", "coming", "previous", "following", "same", "current", "early", "late",
         "mid", "mid-", "the end of", "the beginning of", "the start of", "the middle of", "the rest of",
         "earlier", "later", "ago", "before", "after", "from now", "hence", "every", "each", "per",
         "other", "a", "an", "and", "or", "about", "nearly", "more than", "up to", "at least", "some",
         "fiscal", "calendar", "quarter", "half", "first", "second", "third", "fourth", "latest",
         "year-earlier", "year-ago", "period", "year", "years", "days", "weeks", "months", "decades",
         "centuries", "century", "decade", "today", "tomorrow", "yesterday", "tonight", "now",
         "recently", "morning", "afternoon", "evening", "night", "noon", "midnight", "a.m.", "p.m.",
         "am", "pm", "EST", "GMT", "UTC", "-", "–", "/", ",", ".", "'s", "s", "th", "st", "old", "long",
         "%", "percent", "through", "between", "as early as", "in recent years", "throughout", "Q",
         "the same period", "a year earlier", "year-end", "year end", "twenties", "nineties", "'90s",
         "1990s", "2000s", "hundred", "thousand", "nineteen", "two thousand", "Christmas", "daily",
         "weekly", "annually", "times", "once", "twice", "these days", "the past", "the future",
         "term", "near", "long", "short", "or so", "and a half", "Q1", "Q4", "H1", "FY2024", "FY",
         "spring", "summer", "fall", "winter", "so far", "to date", "ending", "ended", "ago.", ":", "'"]


def _vocabulary() -> list[str]:
    words = list(_GLUE)
    for table in (MONTHS, WEEKDAYS, NUMBERS, ORDINALS, UNITS, SEASONS, HOLIDAYS, FLOATING):
        words += list(table)
    words += VAGUE + [w.lower() for w in MONTHS] + [w + "s" for w in WEEKDAYS] + [w + "s" for w in UNITS]
    return words


def _numbers(rnd: random.Random) -> str:
    k = rnd.randrange(9)
    if k == 0:
        return str(rnd.randrange(0, 40))
    if k == 1:
        return str(rnd.randrange(1600, 2100))
    if k == 2:
        return f"{rnd.randrange(0, 30)}:{rnd.randrange(0, 70):02d}"
    if k == 3:
        return f"{rnd.randrange(1990, 2030)}-{rnd.randrange(0, 14):02d}-{rnd.randrange(0, 35):02d}"
    if k == 4:
        return f"{rnd.randrange(0, 14)}/{rnd.randrange(0, 35)}/{rnd.randrange(1990, 2030)}"
    if k == 5:
        return f"{rnd.randrange(0, 35)}.{rnd.randrange(0, 14)}.{rnd.randrange(1990, 2030)}"
    if k == 6:
        return f"{rnd.randrange(1, 40)}{rnd.choice(['st', 'nd', 'rd', 'th'])}"
    if k == 7:
        return f"'{rnd.randrange(0, 100):02d}"
    return str(rnd.randrange(0, 10 ** rnd.randrange(1, 6)))


def phrases(n: int, seed: int = 16):
    """n random phrases of 1 to 7 time words and numbers, seeded."""
    rnd = random.Random(seed)
    vocab = _vocabulary()
    for _ in range(n):
        k = rnd.randint(1, 7)
        yield " ".join(_numbers(rnd) if rnd.random() < 0.2 else rnd.choice(vocab) for _ in range(k))


def test_100000_generated_time_phrases_never_raise():
    rnd = random.Random(7)
    dcts = [date(2025, 1, 28), date(1998, 2, 27), date(2000, 12, 31), date(2024, 2, 29), None]
    batch: list[str] = []
    n = 0
    for p in phrases(100_000):
        batch.append(p)
        n += 1
        if len(batch) == 40:
            # as one text, so that anaphora ("the next day") see earlier dates
            _run(" . ".join(batch), rnd, rnd.choice(dcts))
            batch = []
    if batch:
        _run(" . ".join(batch), rnd, rnd.choice(dcts))
    assert n == 100_000


def test_the_phrase_that_dropped_an_article():
    times = tag("The election will not be decided until way past November.", date(2016, 10, 1),
                tense=lambda s, e: "future", strict=True)
    assert [(t.text, t.value) for t in times] == [("November", "2016-11")]


def _corpus_texts():
    if not DATA.exists():
        return
    for p in sorted((DATA / "polnear").rglob("*.txt")):
        yield p.read_text("utf-8", errors="replace")
    for p in sorted((DATA / "tempeval3").rglob("*.tml")):
        yield re.sub(r"<[^>]+>", "", p.read_text("utf-8"))
    for corpus in ("ecbplus", "meantime"):
        for p in sorted((DATA / corpus).rglob("*.xml")):
            raw = p.read_text("utf-8", errors="replace")
            yield " ".join(re.findall(r"<token[^>]*>([^<]*)</token>", raw))
    voa = DATA / "voa" / "voa_dev.jsonl"
    if voa.exists():
        for line in voa.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                yield (r.get("title") or "") + "\n" + (r.get("text") or "")


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data is absent")
def test_every_sentence_of_the_shared_corpora_never_raises():
    rnd = random.Random(11)
    n = 0
    for text in _corpus_texts():
        _run(text, rnd, rnd.choice((date(2016, 10, 1), date(1998, 3, 2), None)))
        n += 1
    assert n > 2000
