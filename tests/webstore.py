"""A store built from the sample articles with hand-coded annotations.

The API and browser tests need events of every status, a month-level date,
located and country-only events and reports that disagree on a figure, all
independent of how the extraction stages evolve. The texts are the real
sample articles; the annotations are coded here by phrase, so every offset
is computed from the text and `text[start:end]` always holds.
"""

from __future__ import annotations

import json
from pathlib import Path

from dateline.link.service import add_documents
from dateline.records import (Attribution, DocumentRecord, Entity, Event, Factuality, Figure,
                              Location, Meta, Offsets, Pipeline, Quote, Span, Time, When)

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "dateline" / "samples" / "articles.jsonl"

BOLAN = dict(name="Bolan Pass", country="PAK", lat=29.6, lon=67.6, precision="site")
WHITE_HOUSE = dict(name="White House", country="USA", lat=38.8977, lon=-77.0365, precision="site")
ISTANBUL = dict(name="Saraçhane, Istanbul", country="TUR", lat=41.0136, lon=28.9497, precision="site")


def day(v, basis="explicit"):
    return When(value=v, start=v, end=v, granularity="day", basis=basis)


# doc id -> entities (name, kind, country, sector, phrases)
ENTITIES = {
    "sample-01": [("Baloch Liberation Army", "group", "PAK", "REB", ["Separatist gunmen", "Baloch Liberation Army"]),
                  ("Jaffar Express", "other", "PAK", "CVL", ["Jaffar Express"]),
                  ("Pakistan", "country", "PAK", None, ["Pakistan"])],
    "sample-02": [("Baloch Liberation Army", "group", "PAK", "REB", ["separatist militants"]),
                  ("Jaffar Express", "other", "PAK", "CVL", ["Jaffar Express"]),
                  ("Ahmed Sharif Chaudhry", "person", "PAK", "MIL", ["Lieutenant General Ahmed Sharif Chaudhry"])],
    "sample-03": [("Baloch Liberation Army", "group", "PAK", "REB", ["Baloch Liberation Army", "BLA"]),
                  ("Jaffar Express", "other", "PAK", "CVL", ["Jaffar Express"]),
                  ("Afghanistan", "country", "AFG", "GOV", ["Taliban government"]),
                  ("Baloch militants", "group", "PAK", "REB", ["Baloch militants"])],
    "sample-04": [("Benjamin Netanyahu", "person", "ISR", "GOV", ["Israeli Prime Minister Benjamin Netanyahu"]),
                  ("Donald Trump", "person", "USA", "GOV", ["President Donald Trump"])],
    "sample-05": [("Donald Trump", "person", "USA", "GOV", ["President Donald Trump"]),
                  ("Benjamin Netanyahu", "person", "ISR", "GOV", ["Israeli Prime Minister Benjamin Netanyahu"]),
                  ("Israel", "country", "ISR", None, ["Israel and"]),
                  ("Hamas", "group", "PSE", "REB", ["Hamas prepare"])],
    "sample-06": [("Donald Trump", "person", "USA", "GOV", ["Trump and"]),
                  ("Benjamin Netanyahu", "person", "ISR", "GOV", ["and Netanyahu met"]),
                  ("Israeli officials", "group", "ISR", "GOV", ["Israeli officials"])],
    "sample-07": [("Turkish police", "organization", "TUR", "COP", ["Turkish riot police"]),
                  ("Protesters", "group", "TUR", "OPP", ["thousands of protesters"])],
    "sample-08": [("Turkish police", "organization", "TUR", "COP", ["Turkish police"]),
                  ("Ali Yerlikaya", "person", "TUR", "GOV", ["Interior Minister Ali Yerlikaya"]),
                  ("Protesters", "group", "TUR", "OPP", ["343 people"])],
    "sample-09": [("Turkish police", "organization", "TUR", "COP", ["riot police"]),
                  ("Protesters", "group", "TUR", "OPP", ["protesters in Saraçhane"])],
}

# doc id -> events: (trigger phrase, type, mode, status, when, actors, recipients, location, figures)
# figures: (phrase, value, approx, measure, attribution phrase or None)
EVENTS = {
    "sample-01": [("attacked", "ASSAULT", "abduct", "happened", day("2025-03-11"), ["Baloch Liberation Army"],
                   ["Jaffar Express"], BOLAN,
                   [("At least six people", 6, "at-least", "killed", "two security officials")])],
    "sample-02": [("stopped", "ASSAULT", "abduct", "happened", day("2025-03-11", "inferred"),
                   ["Baloch Liberation Army"], ["Jaffar Express"], BOLAN,
                   [("21 hostages", 21, "exact", "killed", "military spokesman Lieutenant General Ahmed Sharif Chaudhry")])],
    "sample-03": [("hijacking", "ASSAULT", "abduct", "happened", day("2025-03-11"), ["Baloch Liberation Army"],
                   ["Jaffar Express"], BOLAN, [("26", 26, "exact", "killed", "Pakistan's military")]),
                  ("sheltering", "SUPPORT", None, "negated",
                   When(value="PAST_REF", start=None, end=None, granularity="unknown", basis="published"),
                   ["Afghanistan"], ["Baloch militants"], dict(name="Afghanistan", country="AFG", precision="country"), [])],
    "sample-04": [("meet", "CONSULT", "visit", "planned", day("2025-02-04"), ["Benjamin Netanyahu"],
                   ["Donald Trump"], WHITE_HOUSE, [])],
    "sample-05": [("met", "CONSULT", "visit", "happened", day("2025-02-04"), ["Donald Trump", "Benjamin Netanyahu"],
                   [], WHITE_HOUSE, []),
                  ("negotiate", "CONSULT", "negotiate", "planned",
                   When(value="2025-02", start="2025-02-01", end="2025-02-28", granularity="month", basis="inferred"),
                   ["Israel", "Hamas"], [], None, [])],
    "sample-06": [("met", "CONSULT", "visit", "happened", day("2025-02-04"), ["Donald Trump", "Benjamin Netanyahu"],
                   [], WHITE_HOUSE, []),
                  ("released", "CONCEDE", "release", "hypothetical",
                   When(value="FUTURE_REF", start="2025-02-07", end="2025-03-07", granularity="range", basis="inferred"),
                   [], [], dict(name="Gaza", country="PSE", lat=31.5, lon=34.47, precision="region"), [])],
    "sample-07": [("detained", "COERCE", "arrest", "happened", day("2025-03-21"), ["Turkish police"],
                   ["Protesters"], ISTANBUL,
                   [("At least 50 people", 50, "at-least", "arrested", "a lawyers' association")]),
                  ("demonstrations", "PROTEST", "demonstrate", "ongoing",
                   When(value="2025-03-19/2025-03-21", start="2025-03-19", end="2025-03-21", granularity="range",
                        basis="inferred"), ["Protesters"], [], dict(name="Istanbul", country="TUR", lat=41.0082,
                                                                    lon=28.9784, precision="city"), [])],
    "sample-08": [("detained", "COERCE", "arrest", "happened", day("2025-03-21"), ["Turkish police"],
                   ["Protesters"], ISTANBUL,
                   [("343 people", 343, "exact", "arrested", "Interior Minister Ali Yerlikaya said")])],
    "sample-09": [("fired tear gas", "COERCE", "arrest", "happened", day("2025-03-21"), ["Turkish police"],
                   ["Protesters"], ISTANBUL, [])],
}

TIMES = {"sample-01": [("Tuesday", "2025-03-11")], "sample-02": [("Tuesday", "2025-03-11")],
         "sample-03": [("March 11", "2025-03-11")], "sample-04": [("February 4", "2025-02-04")],
         "sample-05": [("Tuesday", "2025-02-04")], "sample-06": [("February 4", "2025-02-04")],
         "sample-07": [("Friday night", "2025-03-21TNI")], "sample-08": [("Friday night", "2025-03-21TNI")],
         "sample-09": [("March 21", "2025-03-21")]}

QUOTES = {"sample-05": ("The U.S. will take over the Gaza Strip, and we will do a job with it too", "Trump")}


def _sentence(text: str, pos: int) -> Offsets:
    """The sentence around `pos`: from the previous full stop or paragraph to the next."""
    start = max(text.rfind(". ", 0, pos) + 2 if text.rfind(". ", 0, pos) >= 0 else 0,
                text.rfind("\n", 0, pos) + 1)
    ends = [i for i in (text.find(". ", pos), text.find(".\n", pos), text.find(".”", pos)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return Offsets(start, end)


def _at(text: str, phrase: str, after: int = 0) -> int:
    i = text.find(phrase, after)
    assert i >= 0, phrase
    return i


def _document(raw: dict) -> DocumentRecord:
    text, doc_id = raw["text"], raw["id"]
    meta = Meta(title=raw["title"], url=raw["url"], source=raw["source"], published=raw["published"],
                published_basis="given")
    entities, by_name = [], {}
    for n, (name, kind, country, sector, phrases) in enumerate(ENTITIES.get(doc_id, []), 1):
        mentions = []
        for ph in phrases:
            i = _at(text, ph)
            mentions.append(Span(i, i + len(ph), ph))
        ent = Entity(id=f"e{n}", name=name, kind=kind, country=country, sector=sector, mentions=mentions)
        entities.append(ent)
        by_name[name] = ent.id
    events, figures, times = [], [], []
    for n, (trig, typ, mode, status, when, actors, recips, loc, figs) in enumerate(EVENTS.get(doc_id, []), 1):
        t = _at(text, trig)
        fig_ids = []
        for phrase, value, approx, measure, source in figs:
            i = _at(text, phrase)
            attr = None
            if source:
                j = _at(text, source)
                attr = Attribution(source=source, cue="said", start=j, end=j + len(source))
            fid = f"f{len(figures) + 1}"
            figures.append(Figure(id=fid, start=i, end=i + len(phrase), text=phrase, value=value, low=value,
                                  approx=approx, measure=measure, event=f"v{n}", attribution=attr))
            fig_ids.append(fid)
        tense = {"planned": "future", "hypothetical": "future", "ongoing": "present"}.get(status, "past")
        events.append(Event(
            id=f"v{n}", type=typ, mode=mode, trigger=Span(t, t + len(trig), trig), sentence=_sentence(text, t),
            actors=[by_name[a] for a in actors], recipients=[by_name[r] for r in recips],
            location=Location(**loc) if loc else None, when=when, status=status,
            factuality=Factuality(polarity="negative" if status == "negated" else "positive",
                                  certainty="possible" if status in ("planned", "hypothetical") else "certain",
                                  tense=tense),
            figures=fig_ids, confidence=0.8))
    for phrase, value in TIMES.get(doc_id, []):
        i = text.find(phrase)
        if i >= 0:
            times.append(Time(id=f"t{len(times) + 1}", start=i, end=i + len(phrase), text=phrase,
                              type="DATE", value=value))
    quotes = []
    if doc_id in QUOTES:
        qt, speaker = QUOTES[doc_id]
        i = _at(text, qt)
        quotes.append(Quote(id="q1", start=i, end=i + len(qt), text=qt, speaker=by_name.get("Donald Trump"),
                            speaker_text=speaker, cue="told reporters", direct=True))
    return DocumentRecord(id=doc_id, meta=meta, text=text, entities=entities, times=times, events=events,
                          figures=figures, quotes=quotes,
                          pipeline=Pipeline(version="test", model="hand-coded", ontology="plover-0.8"))


def curated_records() -> list[DocumentRecord]:
    return [_document(json.loads(line)) for line in SAMPLES.read_text("utf-8").splitlines() if line.strip()]


def build_store(path: Path) -> Path:
    from dateline.store import Store

    with Store(path) as s:
        add_documents(s, curated_records())
    return path
