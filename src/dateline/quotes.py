"""Quotes: direct speech in “…” or "…" (also across sentences, and scare
quotes such as “epic”) and indirect speech ("X said that …"), each with its
speaker, cue verb and channel ("on Truth Social", "told VOA").

Span convention: start/end cover the quoted words without the quote marks;
for indirect speech, the content clause without its complementizer "that".
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from . import attribution
from .attribution import Found
from .records import Quote

# Nouns after "in a …" that name the medium of a statement.
_MEDIA = {"statement", "interview", "post", "speech", "letter", "tweet", "video", "message",
          "address", "briefing", "conference", "op-ed", "communique", "communiqué", "email",
          "broadcast", "podcast", "report", "memo", "filing", "declaration", "note"}


def annotate(a) -> list[Quote]:
    founds = attribution.annotate_all(a)
    text = a.text
    out: list[Quote] = []
    for qs, qe in attribution.quote_spans(a):
        s, e = _strip(text, qs, qe)
        if s >= e:
            continue
        q = Quote(id="", start=s, end=e, text=text[s:e], direct=True)
        f = _found_for(a, founds, s, e)
        if f is not None:
            _fill(a, q, f)
        else:
            _from_clause(a, q)
        out.append(q)
    _continuations(text, out)
    quoted = [(q.start, q.end) for q in out]
    for f in founds:
        if f.kind != "speech" or f.how != "clause" or f.content is None or not f.cue_token.is_alpha:
            continue
        s, e = f.content
        if any(qs <= s and e <= qe for qs, qe in quoted) or any(
                s <= qs and qe <= e and (qe - qs) > 0.5 * (e - s) for qs, qe in quoted):
            continue  # the content is a direct quote already listed
        if text[s:s + 5].lower() == "that ":
            s += 5
        s, e = _strip(text, s, e)
        if s >= e:
            continue
        q = Quote(id="", start=s, end=e, text=text[s:e], direct=False)
        _fill(a, q, f)
        out.append(q)
    out.sort(key=lambda q: (q.start, q.end))
    for n, q in enumerate(out, 1):
        q.id = f"q{n}"
    return out


# A quote paragraph right after an attributed one continues the same speaker
# (news convention: the speaker is named once). 200 characters was set by
# reading every quote of voa_dev.jsonl (44 VOA stories): it spans '…,” she
# said. “' between paragraphs but not an intervening paragraph of narration.
# Rerun tests/test_quotes.py and that read-through after changing it.
_CONTINUE_GAP = 200


def _continuations(text: str, qs: list[Quote]) -> None:
    prev = None
    for q in qs:
        gap = text[prev.end:q.start] if prev is not None else ""
        if q.speaker_text is None and prev is not None and len(gap) < _CONTINUE_GAP \
                and _BOUNDARY.search(gap) and not _CUE.search(_BOUNDARY.split(gap)[-1]):
            q.speaker, q.speaker_text = prev.speaker, prev.speaker_text
        if q.speaker_text is not None:
            prev = q


_BOUNDARY = re.compile(r"[.!?]\s+|\n")
_CUE = re.compile(r"\b(said|says|told|asked|added|according)\b")


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _found_for(a, founds: list[Found], s: int, e: int) -> Optional[Found]:
    """The attribution whose content holds the quote (the tightest one), else
    one in the sentence where the quote starts or ends."""
    best = None
    for f in founds:
        if f.source is None or f.content is None:
            continue
        cs, ce = f.content
        if cs <= s and e <= ce or (s <= cs and ce <= e) or (cs < e and s < ce and f.how == "quote"):
            if best is None or (ce - cs) < (best.content[1] - best.content[0]):
                best = f
    return best


def _fill(a, q: Quote, f: Found):
    if f.source is not None:
        q.speaker_text = a.text[f.source[0]:f.source[1]]
        q.speaker = attribution.speaker_entity(a, f.source_token)
    q.cue = a.text[f.cue[0]:f.cue[1]]
    if f.cue_token.is_alpha and f.kind != "according":
        q.channel = channel(a, f.cue_token)


def _from_clause(a, q: Quote):
    """A scare quote: the speaker is the subject of the clause it sits in
    ('Trump described the Gaza Strip as a “demolition site”')."""
    doc = a.doc
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    tok: Optional[Token] = span.root
    for _ in range(8):
        if tok is None or tok.head is tok:
            break
        tok = tok.head
        if tok.idx >= q.start and tok.idx < q.end:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            subj = attribution._subject(tok)
            if subj is None:
                continue
            ent = attribution.speaker_entity(a, subj)
            if ent is None and subj.pos_ != "PRON":
                return
            sub = attribution._trim(a, *attribution._span(attribution._cut_clauses(subj)))
            q.speaker, q.speaker_text = ent, a.text[sub[0]:sub[1]]
            q.cue = tok.text
            q.channel = channel(a, tok)
            return


def channel(a, verb: Token) -> Optional[str]:
    """'on Truth Social' -> 'Truth Social'; 'told VOA' -> 'VOA'; 'in a
    statement' -> 'statement'; 'in an interview with CNN' -> 'CNN'."""
    for t in (verb, verb.head) if verb.dep_ in ("advcl", "conj") else (verb,):
        for c in t.children:
            if c.dep_ == "dobj" and verb.lemma_ == "tell" and t is verb:
                if c.pos_ == "PROPN" or c.i in a.entity_at:
                    return _np(a, c)
            if c.dep_ == "prep" and c.lower_ in ("on", "in", "via", "to"):
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if not objs:
                    continue
                o = objs[0]
                if o.ent_type_ in ("DATE", "TIME"):
                    continue  # "said on Thursday"
                if c.lower_ in ("on", "via") and (o.pos_ == "PROPN" or o.lemma_.lower() in (
                        "television", "tv", "radio", "media", "platform", "network", "website")):
                    return _np(a, o)
                if c.lower_ == "in" and o.lemma_.lower() in _MEDIA:
                    w = [p for p in o.children if p.dep_ == "prep" and p.lower_ in ("with", "to", "on")]
                    wo = [x for p in w for x in p.children if x.dep_ == "pobj"]
                    if wo and (wo[0].pos_ == "PROPN" or wo[0].i in a.entity_at):
                        return _np(a, wo[0])
                    return o.text
                if c.lower_ == "to" and verb.lemma_ in ("say", "speak") and \
                        (o.pos_ == "PROPN" or o.i in a.entity_at):
                    return _np(a, o)
    return None


def _np(a, tok: Token) -> str:
    toks = [t for t in tok.subtree if t.dep_ not in ("det", "prep", "relcl", "punct")
            and t.i <= tok.i]
    toks = [t for t in toks if t.i >= min(x.i for x in toks)]
    s = min(t.idx for t in toks)
    return a.text[s:tok.idx + len(tok.text)]
