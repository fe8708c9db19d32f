"""Actor mentions: spaCy entities and actor-table matches, widened to the
phrase that names the actor ("Israeli Prime Minister Benjamin Netanyahu",
"Gaza's Hamas-run health ministry", "Israeli forces")."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from typing import Optional

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from .table import Row, Tables, load, lookup

WANTED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_GLUED = re.compile(r"^(.+?)(['’‘`]s|s['’])$")
_DROP_LEFT = {"the", "a", "an", "both", "its", "their", "his", "her"}
_POSS = {"'s", "’s", "‘s", "'", "’"}
_MOD_DEPS = {"compound", "poss", "nmod", "npadvmod", "amod"}


@dataclass
class Mention:
    start: int                    # token range [start, end)
    end: int
    cstart: int                   # character range (differs inside glued "Netanyahu‘s")
    cend: int
    label: str                    # spaCy label, TABLE, DEMONYM or PHRASE
    row: Optional[Row] = None
    core: str = ""                # the name without titles / determiners
    country: Optional[str] = None
    sector: Optional[str] = None
    kind: Optional[str] = None
    owner: Optional["Mention"] = None  # "Netanyahu's office" belongs to Netanyahu

    @property
    def size(self) -> int:
        return self.end - self.start


_matchers: dict[tuple[int, int], PhraseMatcher] = {}


def _matcher(doc: Doc) -> PhraseMatcher:
    """One PhraseMatcher over every alias and demonym, per vocab (built once)."""
    t = load()
    key = (id(doc.vocab), id(t))
    if key not in _matchers:
        from spacy.lang.en import English

        tok = English(vocab=doc.vocab).tokenizer
        m = PhraseMatcher(doc.vocab, attr="ORTH")
        m.add("NAME", list(tok.pipe(sorted(t.names))))
        m.add("DEMONYM", list(tok.pipe(sorted(d for d in t.demonyms if d not in t.names))))
        _matchers[key] = m
    return _matchers[key]


def _caps_context(doc: Doc, start: int, end: int) -> bool:
    """True inside an all-caps headline, where 'US', 'IS', 'WHO' are words."""
    near = [t for t in doc[max(start - 2, 0):min(end + 2, len(doc))] if t.is_alpha and len(t) > 1]
    return sum(t.is_upper for t in near) > (end - start) + 1


def find(a, t: Tables) -> list[Mention]:
    doc = a.doc
    cands: list[Mention] = []
    for e in a.ents():
        if e.label_ == "NORP" and (e.text[:1].islower() or re.search(r"[\w.]-[A-Z]", e.text)):
            continue  # "anti-Turkish", "U.S.-Taliban": an attitude or a pair, not an actor
        if e.label_ in ("PERSON", "ORG") and e.text.islower():
            continue  # "bush", "humanitarian": tagging slips
        # a name with no proper noun in it is a tagging slip ("Humanitarian aid")
        if e.label_ in WANTED and (e.label_ == "NORP" or any(x.pos_ == "PROPN" for x in e)):
            cands.append(Mention(e.start, e.end, e.start_char, e.end_char, e.label_))
    for mid, s, e in _matcher(doc)(doc):
        span = doc[s:e]
        if a.in_boilerplate(span.start_char, span.end_char):
            continue
        if span.text.isupper() and len(span.text) <= 4 and _caps_context(doc, s, e):
            continue
        label = doc.vocab.strings[mid]
        cands.append(Mention(s, e, span.start_char, span.end_char,
                             "TABLE" if label == "NAME" else "DEMONYM"))
    cands += _glued(a, t, cands)
    for m in cands:
        _widen_person(doc, t, m)
        _trim(doc, m)
    chosen = _non_overlapping([m for m in cands if m.end > m.start])
    chosen = _state_people(doc, t, chosen)
    chosen = _phrases(doc, t, chosen)
    chosen += _standalone_heads(a, t, chosen)
    chosen += _bare_subjects(a, t, chosen)
    chosen += _untagged_names(a, chosen)
    chosen.sort(key=lambda m: m.start)
    return chosen


def _state_people(doc: Doc, t: Tables, chosen: list[Mention]) -> list[Mention]:
    """'Iraqi Kurds', 'Nigerian Yoruba': a state's demonym right before a people
    with no state of its own (a NORP the table leaves stateless or lacks) is one
    group, of that state."""
    chosen = sorted(chosen, key=lambda m: m.start)
    out: list[Mention] = []
    for m in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev.end == m.start and m.label in ("NORP", "DEMONYM") \
                and prev.label in ("NORP", "DEMONYM"):
            first, people = doc[prev.start:prev.end].text, doc[m.start:m.end].text
            iso = t.demonyms.get(first)
            if iso and t.demonyms.get(people, "") == "" and people not in t.names:
                out[-1] = Mention(prev.start, m.end, prev.cstart, m.cend, "PHRASE",
                                  country=iso, kind="group")
                continue
        out.append(m)
    return out


_GLUED_TEXT = re.compile(r"\b[A-Z][\w-]{2,}(?:['’‘`]s|s['’])(?!\w)")


def _glued(a, t: Tables, cands: list[Mention]) -> list[Mention]:
    """'Netanyahu‘s' (one token when the apostrophe is an opening quote)."""
    covered = {i for m in cands for i in range(m.start, m.end)}
    doc = a.doc
    out = []
    for hit in _GLUED_TEXT.finditer(a.text):
        span = doc.char_span(hit.start(), hit.end())
        if span is None or len(span) != 1:
            continue  # tokenised normally: "Trump" + "’s" is matched elsewhere
        tok = span[0]
        g = _GLUED.match(tok.text)
        if tok.i not in covered and g and g.group(1) in t.names and not a.in_boilerplate(tok.idx):
            out.append(Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(g.group(1)), "TABLE"))
    return out


def _is_title(t: Tables, tok: Token) -> bool:
    """'President', 'Gen.', or a lower-case job noun glued to the name ('commander X')."""
    return tok.lower_ in t.title_words and (tok.is_title or tok.is_upper or tok.dep_ == "compound"
                                            or tok.lower_ in {"gen.", "sen."}
                                            # "junior foreign minister X": a rank on a title
                                            or (tok.dep_ == "amod" and tok.head.lower_ in t.title_words))


def _widen_person(doc: Doc, t: Tables, m: Mention):
    """Take in the titles and nationality before a name: 'U.S. President Donald Trump'."""
    if m.label not in ("PERSON", "TABLE"):
        return
    if m.label == "TABLE":
        row = t.names.get(doc[m.start:m.end].text)
        if not row or row.kind != "person":
            return
    s = m.start
    while s > 0:
        p = doc[s - 1]
        if not s <= p.head.i < m.end:  # must modify the name or its title chain
            break
        if _is_title(t, p) or (p.text in t.demonyms and p.dep_ in ("amod", "compound")) \
                or (p.text in t.names and t.names[p.text].kind == "country" and p.dep_ == "compound") \
                or _portfolio(t, p):
            s -= 1
            continue
        break
    if s < m.start:
        m.start, m.cstart = s, doc[s].idx


def _portfolio(t: Tables, tok: Token) -> bool:
    """'Commerce' in 'Chinese Commerce Minister Wang Wentao': a capitalised noun
    compounded onto a title word names the portfolio, part of the title."""
    return tok.dep_ == "compound" and tok.is_title and tok.pos_ in ("PROPN", "NOUN") \
        and tok.head.i > tok.i and tok.head.lower_ in t.title_words and tok.ent_type_ not in (
            "PERSON", "GPE", "NORP", "ORG")


def _trim(doc: Doc, m: Mention):
    """Mentions name the actor: no leading determiner, no trailing possessive."""
    while m.start < m.end - 1 and doc[m.start].lower_ in _DROP_LEFT:
        m.start += 1
        m.cstart = doc[m.start].idx
    while m.end > m.start + 1 and doc[m.end - 1].text in _POSS:
        m.end -= 1
        m.cend = doc[m.end - 1].idx + len(doc[m.end - 1].text)
    last = doc[m.end - 1]
    if m.cend == last.idx + len(last.text):
        g = _GLUED.match(last.text)
        if g and last.text[len(g.group(1)):] in {"'s", "’s", "‘s"}:
            m.cend = last.idx + len(g.group(1))


def _non_overlapping(cands: list[Mention]) -> list[Mention]:
    """Longest first; at equal length the table beats the statistical NER."""
    pref = {"TABLE": 0, "PERSON": 1, "ORG": 2, "GPE": 2, "NORP": 3, "DEMONYM": 3}
    cands.sort(key=lambda m: (-m.size, pref.get(m.label, 4), m.start))
    taken: set[int] = set()
    out = []
    for m in cands:
        r = set(range(m.start, m.end))
        if r & taken:
            continue
        taken |= r
        out.append(m)
    return out


def _phrases(doc: Doc, t: Tables, chosen: list[Mention]) -> list[Mention]:
    """Widen a modifier into the actor phrase it modifies: 'Israeli forces'."""
    by_tok = {i: m for m in chosen for i in range(m.start, m.end)}
    out, absorbed = [], set()
    for m in chosen:
        if id(m) in absorbed:
            continue
        r = doc[m.start:m.end].root
        if r.dep_ not in _MOD_DEPS or r.head.i < m.end or r.head.i in by_tok:
            continue
        head = r.head
        # walk up compound chains: "Hamas-run health ministry"
        while head.dep_ == "compound" and head.head.i > head.i and head.head.i not in by_tok:
            head = head.head
        hk = _head_key(t, head)
        if hk is None or head.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in head.lefts if c.dep_ in _MOD_DEPS
                and (c.dep_ != "amod" or c.i in by_tok or c.pos_ == "PROPN")]
        if not mods:
            continue
        start = min(c.left_edge.i for c in mods)
        start = min(start, m.start)
        # "US and British forces": two actors; the phrase is the last conjunct's
        # ("British forces"), the first stays its own mention (roles joins them)
        conj = [g.i for c in mods for g in c.children if g.dep_ == "conj" and g.i in by_tok]
        if conj and any(c.i in by_tok for c in mods):
            start = by_tok[max(conj)].start
        while doc[start].lower_ in _DROP_LEFT or doc[start].is_punct:
            start += 1
        inner = [by_tok[i] for i in range(start, head.i + 1) if i in by_tok]
        inner = list({id(x): x for x in inner}.values())
        if any(x.start < start for x in inner):
            continue
        sector, kind = t.heads[hk]
        ph = Mention(start, head.i + 1, doc[start].idx, head.idx + len(head.text), "PHRASE",
                     kind=kind)
        country = None
        for x in inner:
            xr = x.row or lookup(doc[x.start:x.end].text)
            xc = xr.country if xr else t.demonyms.get(doc[x.start:x.end].text)
            if xc and country is None:
                country = xc or None
            if xr and xr.kind in ("group", "organization") and kind in ("group", "person") \
                    and xr.sector:
                sector = xr.sector  # "Hamas fighters", "Hezbollah officials"
            if hk == "office" and (x.label == "PERSON" or (xr and xr.kind == "person")):
                ph.owner = x
        ph.country, ph.sector = country, sector
        for x in inner:
            absorbed.add(id(x))
        out.append(ph)
    return [m for m in chosen if id(m) not in absorbed] + out


def _head_key(t: Tables, head: Token) -> Optional[str]:
    lem = head.lemma_.lower()
    prev = [w.lower_ for w in head.doc[max(head.i - 2, 0):head.i]]
    for n in (2, 1):
        key = " ".join(prev[-n:] + [lem])
        if len(prev) >= n and key in t.heads:
            return key
    if lem in t.heads:
        return lem
    low = head.lower_
    return low if low in t.heads else None


def _last_word_hashes(t: Tables):
    """String-store hashes of the last words of the multi-word actor nouns (and their
    capitalised forms), once per table set rather than once per document."""
    got = t.__dict__.get("_last_word_hashes")
    if got is None:
        from spacy.strings import hash_string

        lasts = {k.split()[-1] for k in t.heads if " " in k}
        words = lasts | {w.capitalize() for w in lasts}
        got = t.__dict__["_last_word_hashes"] = np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)
    return got


def _standalone_heads(a, t: Tables, chosen: list[Mention]) -> list[Mention]:
    """Multi-word actor nouns with no modifier: 'human rights groups'."""
    doc = a.doc
    taken = {i for m in chosen for i in range(m.start, m.end)}
    out = []
    lemmas = doc.to_array("LEMMA")
    for i in np.flatnonzero(np.isin(lemmas, _last_word_hashes(t))):
        tok = doc[int(i)]
        if tok.i in taken or tok.pos_ != "NOUN":
            continue
        key = _head_key(t, tok)
        if key is None or " " not in key:
            continue
        n = len(key.split())
        s = tok.i - n + 1
        if any(i in taken for i in range(s, tok.i + 1)) or a.in_boilerplate(doc[s].idx):
            continue
        sector, kind = t.heads[key]
        out.append(Mention(s, tok.i + 1, doc[s].idx, tok.idx + len(tok.text), "PHRASE",
                           sector=sector, kind=kind))
    return out


# Unnamed actor nouns in a participant's position ("Police said", "Rebels
# attacked", "authorities detained protesters", "approved by lawmakers"): an
# actor entity of the head's sector (heads.tsv, then the CAMEO agent nouns),
# its country left to the context rule in actors.annotate. Heads that are
# rarely a participant on their own are left out.
NOT_BARE = {"office", "department", "media", "party", "leader", "general", "village", "college",
            "school", "woman", "women", "man", "men", "child", "resident", "civilian", "victim",
            "family", "member", "source", "head", "chief"}
ROLE_DEPS = {"nsubj", "nsubjpass", "dobj"}


def _role_position(tok: Token) -> bool:
    """Subject, object or by-agent of a verb, or a conjunct of one."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    if t.dep_ in ROLE_DEPS:
        return True
    return t.dep_ == "pobj" and (t.head.dep_ == "agent" or t.head.lower_ in ("between", "among"))


def _bare_subjects(a, t: Tables, chosen: list[Mention]) -> list[Mention]:
    doc = a.doc
    taken = {i for m in chosen for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        # "Gunmen opened fire": a capitalised agent noun the tagger read as a name
        if tok.pos_ != "NOUN" and not (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_title):
            continue
        if tok.i in taken:
            continue
        lem = tok.lemma_.lower() if tok.pos_ == "NOUN" else tok.lower_
        if lem not in t.heads:
            lem = tok.lower_[:-1] if tok.lower_.endswith("s") else lem
        if lem.endswith("men") and lem not in t.heads:
            lem = lem[:-3] + "man"
        if lem not in t.heads or lem in NOT_BARE or a.in_boilerplate(tok.idx):
            continue
        if lem in t.titles and tok.tag_ in ("NN", "NNP"):
            continue  # "the president said": a title refers back to a named person
        if not _role_position(tok):
            continue
        if any(c.dep_ == "poss" or c.i in taken or (c.dep_ == "prep" and c.lower_ == "of" and any(
                g.i in taken or g.pos_ == "PROPN" for g in c.children)) for c in tok.children):
            continue  # "their forces", "members of Hamas": roles reads these
        start = tok.i
        while start > tok.sent.start and doc[start - 1].dep_ in ("compound", "amod") \
                and doc[start - 1].head.i == tok.i and doc[start - 1].i not in taken \
                and doc[start - 1].pos_ in ("NOUN", "ADJ"):
            start -= 1
        sector, kind = t.heads[lem]
        out.append(Mention(start, tok.i + 1, doc[start].idx, tok.idx + len(tok.text), "PHRASE",
                           sector=sector, kind=kind))
    return out


def _untagged_names(a, chosen: list[Mention]) -> list[Mention]:
    """'Gachagua denied all the charges': a proper noun the entity tagger missed,
    as the subject, object or by-agent of a verb, is a participant's name. Taken as
    a person's name (the commonest miss); titles, places and dates are left alone."""
    from ..places import resolve

    doc = a.doc
    taken = {i for m in chosen for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        if (tok.pos_ != "PROPN" or tok.ent_type_ or not tok.is_title or not tok.is_alpha or len(tok) < 3
                or tok.i in taken or not _role_position(tok) or tok.head.pos_ not in ("VERB", "AUX")
                or a.in_boilerplate(tok.idx)):
            continue
        start = tok.i
        while start > tok.sent.start and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].is_title and not doc[start - 1].ent_type_ and doc[start - 1].i not in taken:
            start -= 1
        span = doc[start:tok.i + 1]
        if resolve(span.text):
            continue  # a place the tagger left untyped
        out.append(Mention(start, tok.i + 1, span.start_char, span.end_char, "PERSON"))
    return out
