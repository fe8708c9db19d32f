"""Quotes: direct and indirect speech with speaker, cue and channel."""

from __future__ import annotations


def quote(rec, text):
    hits = [q for q in rec.quotes if q.text == text]
    assert hits, (text, [q.text for q in rec.quotes])
    return hits[0]


def entity(rec, name):
    return next(e for e in rec.entities if e.name == name)


def test_seed_scare_quotes(extract, seed_text):
    rec = extract(seed_text)
    trump = entity(rec, "Donald Trump").id
    epic = quote(rec, "epic")
    assert (epic.speaker, epic.cue, epic.channel, epic.direct) == (trump, "stating", "Truth Social", True)
    assert seed_text[epic.start - 1] == "“" and seed_text[epic.end] == "”"
    site = quote(rec, "demolition site")
    assert (site.speaker, site.cue, site.direct) == (trump, "described", True)
    assert site.speaker_text == "Trump"
    assert [q.id for q in rec.quotes] == [f"q{i}" for i in range(1, len(rec.quotes) + 1)]


def test_quote_across_sentences_told_voa(extract):
    rec = extract("“We will not accept this. The proposal is dead,” Jordanian Foreign Minister "
                  "Ayman Safadi told VOA on Sunday.")
    q = quote(rec, "We will not accept this. The proposal is dead,")
    assert q.direct and q.cue == "told" and q.channel == "VOA"
    assert q.speaker == entity(rec, "Ayman Safadi").id
    assert q.speaker_text == "Jordanian Foreign Minister Ayman Safadi"


def test_indirect_speech(extract):
    rec = extract("Egypt's foreign ministry said that it rejected any displacement of Palestinians.")
    q = quote(rec, "it rejected any displacement of Palestinians")
    assert (q.direct, q.cue, q.speaker_text) == (False, "said", "Egypt's foreign ministry")
    assert entity(rec, "Egypt's foreign ministry").id == q.speaker


def test_pronoun_speaker_and_straight_quotes(extract):
    rec = extract('Netanyahu spoke to reporters on Sunday. "We will finish the job," he said '
                  'in a statement.')
    q = quote(rec, "We will finish the job,")
    assert q.speaker == entity(rec, "Benjamin Netanyahu").id
    assert (q.speaker_text, q.cue, q.channel) == ("he", "said", "statement")


def test_interview_channel(extract):
    rec = extract("Zelenskyy said in an interview with CNN that Ukraine needed more air defense.")
    q = quote(rec, "Ukraine needed more air defense")
    assert q.channel == "CNN" and q.direct is False
    assert q.speaker == entity(rec, "Volodymyr Zelenskyy").id


def test_a_date_is_not_a_channel(extract):
    rec = extract("Officials said on Thursday that the border crossing would reopen.")
    q = quote(rec, "the border crossing would reopen")
    assert q.channel is None and q.cue == "said" and q.speaker_text == "Officials"


def test_the_president_is_the_person_so_titled(extract):
    rec = extract("U.S. President Donald Trump met Israeli Prime Minister Benjamin Netanyahu on "
                  'Tuesday. "It was a great meeting," the president said.')
    q = quote(rec, "It was a great meeting,")
    assert q.speaker == entity(rec, "Donald Trump").id
    assert q.speaker_text == "the president"
