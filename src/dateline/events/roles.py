"""Actors and recipients from the dependency parse, as document entity ids.

Covers subjects (through xcomp/conj/relcl/advcl chains), passives ("were
killed by"), possessives and modifiers of event nouns ("Israel's offensive",
"Israeli strikes"), "between X and Y" (reciprocal: all are actors), "on/against
X" targets, and coordinated (compound) actors, which stay one list.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from .. import places as places_mod
from ..actors import coref

if TYPE_CHECKING:
    from ..annotated import Annotated
from .detect import Candidate

RECIPROCAL_TYPES = {"CONSULT", "AGREE", "COOPERATE", "ASSAULT"}
# event nouns whose participant is whoever acts around them ("said during a visit",
# "spoke after a meeting"); never violence, whose agent is rarely the speaker
COMPANY_TYPES = {"CONSULT"}
TARGET_PREPS = {"on", "against", "to", "at", "into", "with", "toward", "towards", "from", "for", "over", "in"}
REL_PRONOUNS = {"who", "which", "that", "whom"}
STATIVE_PASSIVES = {"commit", "prepare", "determine", "resolve", "dedicate", "involve", "engage"}
# statements: said in a reported clause that names no doer, the saying is the act
SPEECH_TYPES = {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}
# acts of a state's own authorities: told in the agentless passive ("was released on
# bail", "troops were deployed"), the state of the story did them
STATE_ACTS = {"COERCE", "RETREAT", "CONCEDE", "MOBILIZE"}


@lru_cache(maxsize=1)
def agentive_verbs() -> frozenset[str]:
    path = Path(__file__).resolve().parents[1] / "data" / "actors" / "agentive_verbs.txt"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def _entity_of(tok: Token, a) -> Optional[str]:
    """The entity a noun phrase refers to: its head's, else a name inside it."""
    if a.in_dateline_header(tok.idx):
        return None  # where the story was filed, not who acted
    if tok.i in a.entity_at:
        return a.entity_at[tok.i]
    for c in tok.children:  # "Israeli soldiers", "Netanyahu's office", "U.S. officials"
        if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in a.entity_at:
            return a.entity_at[c.i]
    if tok.pos_ == "VERB":  # mis-parse "The Red Cross operating in Iraq said": the participle heads
        for c in tok.children:
            if c.dep_ == "nsubj" and c.i < tok.i and c.i in a.entity_at:
                return a.entity_at[c.i]
    for c in tok.children:  # "members of Hamas", "security forces in Guinea", "rebels from Darfur"
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "from", "throughout", "across"):
            for g in c.children:
                if g.dep_ == "pobj":
                    e = _entity_of(g, a)
                    if e:
                        return e
    for c in tok.children:
        if c.dep_ == "appos" and c.i in a.entity_at:
            return a.entity_at[c.i]
    return None


PRONOUNS = coref.PRONOUNS | {"we", "our"}


def _antecedent(tok: Token, a) -> Optional[Token]:
    """'Syria says it is willing': a pronoun inside a reported clause is the
    reporting verb's subject (when compatible); None leaves it to coref."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            break
        if t.dep_ in ("ccomp", "xcomp", "advcl", "conj") and t.head.pos_ in ("VERB", "AUX"):
            for c in t.head.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in PRONOUNS:
                    eid = _entity_of(c, a)
                    ents = {e.id: e for e in a.entities}
                    if eid and _compatible(tok, ents.get(eid)):
                        return c
        t = t.head
    return None


def _bare(a, eid: str) -> bool:
    """An entity named only by one common noun ("group", "ministry")."""
    e = next((x for x in a.entities if x.id == eid), None)
    return e is not None and all(len(m.text.split()) == 1 and m.text[:1].islower()
                                 for m in e.mentions)


def _compatible(pron: Token, e) -> bool:
    if e is None:
        return False
    low = pron.lower_
    if low in coref.PERSONAL:
        return e.kind == "person"
    if low in coref.NEUTER:  # "Mogadishu announced it was cutting ties": a capital speaks for its state
        return e.kind in ("organization", "country", "location")
    return True


def _refers(tok: Token, a) -> list[str]:
    """A pronoun's entity: the reporting verb's subject, else document coref.
    The pronoun becomes a mention of that entity (its own offsets)."""
    ante = _antecedent(tok, a)
    if ante is not None:
        return entities_of(ante, a)
    eid = coref.resolve(a, tok)
    if eid is None:
        return []
    coref.attach(a, tok, eid)
    return [eid]


def entities_of(tok: Optional[Token], a) -> list[str]:
    """Entity ids for a phrase and its coordinated conjuncts (compound actors)."""
    if tok is None:
        return []
    if tok.lower_ in PRONOUNS and tok.i not in a.entity_at:
        return _refers(tok, a)
    if tok.pos_ == "NOUN":
        # "the group", "the ministry": a bare definite description refers back
        own = a.entity_at.get(tok.i)
        if own is None or _bare(a, own):
            eid = coref.resolve(a, tok)
            if eid and eid != own:
                return [eid]
    for c in tok.children:  # "their forces", "its troops"
        if c.dep_ == "poss" and c.lower_ in PRONOUNS and _entity_of(tok, a) is None:
            return _refers(c, a)
    out = []
    for t in [tok, *tok.conjuncts]:
        # "US and British forces": the coordinated modifier's actor too, in text order
        ids = [a.entity_at[c.i] for c in t.children
               if c.dep_ in ("nmod", "amod", "compound") and c.i in a.entity_at
               and any(g.dep_ == "conj" and g.i in a.entity_at for g in c.children)]
        ids.append(_entity_of(t, a))
        if ids[-1] is None and t.i not in a.entity_at:  # "the group", "the ministry"
            ids[-1] = coref.resolve(a, t)
        for e in ids:
            if e and e not in out:
                out.append(e)
    return out


def _subject(v: Token, depth: int = 0) -> Optional[Token]:
    if v.pos_ == "ADJ" and v.dep_ in ("acomp", "xcomp", "conj") and depth < 5:  # "is likely to seek"
        return _subject(v.head, depth + 1)
    # the subject nearest the verb: "QUETTA, Pakistan — Gunmen opened fire" hangs the
    # dateline on the verb as a second subject
    for c in sorted((c for c in v.children if c.dep_ in ("nsubj", "csubj")),
                    key=lambda c: abs(c.i - v.i)):
        if c.lower_ in REL_PRONOUNS and v.dep_ == "relcl":
            return v.head
        if _speaker_label(c):
            # "VOA: Russia's President Vladimir Putin recently visited China": a
            # transcript's speaker label is not the subject; the phrase after it is
            after = [x for x in c.children if x.dep_ == "appos" and x.i > c.i + 1]
            if after:
                return after[0]
            continue
        return c
    if depth > 4:
        return None
    if v.dep_ == "xcomp":  # "X agreed to meet", "urged Y to support" (object control)
        gov = v.head
        obj = next((c for c in gov.children if c.dep_ in ("dobj",)), None)
        if obj is not None and gov.lemma_ in ("urge", "ask", "invite", "tell", "order", "force", "allow", "press", "encourage", "call"):
            return obj
        for c in gov.children:
            if c.dep_ == "nsubjpass":
                return c
        return _subject(gov, depth + 1)
    if v.dep_ in ("conj", "advcl") and v.head.pos_ in ("VERB", "AUX"):
        return _subject(v.head, depth + 1)
    if v.dep_ in ("relcl", "acl") and v.head.dep_ == "attr" and v.head.head.pos_ == "AUX":
        # "N. will be the first leader to visit": the subject of the copula
        return next((c for c in v.head.head.children if c.dep_ == "nsubj"), v.head)
    if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG"):
        return v.head
    if v.dep_ == "ROOT" and depth == 0:
        # mis-parse "With the signing of X, the government and the rebels have
        # agreed": the subject was hung on the fronted phrase as a conjunct;
        # the noun right before the verb group is the subject
        first = min([v.i] + [c.i for c in v.children if c.dep_ in ("aux", "auxpass", "neg")])
        if first > v.sent.start:
            prev = v.doc[first - 1]
            if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("conj", "appos") \
                    and prev.head.i < prev.i:
                return prev
    return None


def _speaker_label(tok: Token) -> bool:
    """The label of an interview transcript's turn ("VOA:", "Reporter:", "Q:"): the
    sentence's first word (or short name) right before a colon."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.text == ":" and tok.i - tok.sent.start <= 2


def _agent(v: Token) -> Optional[Token]:
    for c in v.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _prep_objs(tok: Token, preps) -> list[tuple[str, Token]]:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out += [(c.lower_, g) for g in c.children if g.dep_ == "pobj"]
    return out


def _is_place(tok: Token, prep: str) -> bool:
    """'at the White House', 'in Gaza': a location, not a participant."""
    from .lexicon import normalise_place, places

    if prep in ("in", "near", "inside", "outside", "across", "throughout"):
        return True
    if prep == "at" or prep is None:
        left = [c for c in tok.lefts if c.dep_ == "compound"]
        span = tok.doc[(left[0].i if left else tok.i): tok.i + 1].text
        if tok.ent_type_ in ("FAC", "LOC") or normalise_place(span) in places() \
                or normalise_place(tok.text) in places():
            return True
        if tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "ORG") \
                and tok.text not in places_mod.demonyms():
            # "the Bouake attack": a town or region before an event noun is where, not who
            r = places_mod.resolve(span)
            return bool(r) and r.get("precision") in ("city", "region", "site")
    return False


def roles(c: Candidate, a: "Annotated") -> tuple[list[str], list[str]]:
    h = c.head
    actors: list[str] = []
    recips: list[str] = []

    def add(lst, ids):
        for e in ids:
            if e not in actors and e not in recips:
                lst.append(e)

    if "addressee" in c.extra:  # modal request: the speaker asks the clause's subject
        add(actors, entities_of(_subject(c.support), a))
        add(recips, entities_of(c.extra["addressee"], a))
        return actors, recips
    # "between X and Y": everyone is an actor (PLOVER compound/reciprocal actors)
    for holder in filter(None, (h, c.support)):
        for _, o in _prep_objs(holder, {"between", "among"}):
            add(actors, entities_of(o, a))
    if h.pos_ == "VERB" and h.lemma_ == "receive":
        givers = [o for _, o in _prep_objs(h, {"from"})]
        if givers:  # "Pakistan received bailouts from the IMF": the giver acts, the receiver is the recipient
            for o in givers:
                add(actors, entities_of(o, a))
            add(recips, entities_of(_subject(h), a))
            return actors, recips
    if h.pos_ in ("VERB", "ADJ", "AUX"):
        passive = any(ch.dep_ in ("nsubjpass", "auxpass") for ch in h.children)
        if passive and _agent(h) is None and h.lemma_ in STATIVE_PASSIVES:
            # "Vietnam is committed to opening up": a state of the subject, not done to it
            for ch in h.children:
                if ch.dep_ == "nsubjpass":
                    add(actors, entities_of(ch, a))
        elif passive:
            add(actors, entities_of(_agent(h), a))
            for ch in h.children:
                if ch.dep_ == "nsubjpass":
                    add(recips, entities_of(ch, a))
        else:
            agent = _agent(h)  # participles: "a hypothesis ... dismissed by Simon"
            by_agent = entities_of(agent, a) if agent is not None else []
            # "shortened by one hour": an active verb's "by" phrase names no agent
            add(actors, by_agent or entities_of(_subject(h), a))
            if c.type in RECIPROCAL_TYPES and h.lemma_ in ("meet", "clash", "fight", "negotiate", "cooperate", "talk", "agree"):
                for _, o in _prep_objs(h, {"with"}):
                    add(recips, entities_of(o, a))
            for ch in h.children:
                if ch.dep_ in ("dobj", "dative") and not (h.lemma_ == "visit" or _is_place(ch, "at")):
                    add(recips, entities_of(ch, a))
        for p, o in _prep_objs(h, TARGET_PREPS):
            if not _is_place(o, p):
                add(recips, entities_of(o, a))
        if not actors and h.dep_ in ("acl", "advcl") and h.head.pos_ == "NOUN":
            # "launched an attack, killing 1,200": the attack's agent
            gov = h.head.head if h.head.dep_ in ("dobj", "nsubjpass") else None
            if gov is not None:
                add(actors, entities_of(_subject(gov), a))
        if h.dep_ in ("acl",) and h.tag_ == "VBN":  # "hostages held by Hamas"
            add(recips, entities_of(h.head, a))
    else:
        for ch in h.children:
            # a possessor is who ("Washington's call", "Kenya's request"); a place-name
            # modifier is where ("the Bouake attack")
            if ch.dep_ == "poss" or (ch.dep_ in ("compound", "amod", "nmod") and not _is_place(ch, "at")):
                add(actors, entities_of(ch, a))
        for p, o in _prep_objs(h, {"by"}):
            add(actors, entities_of(o, a))
        for ch in h.children:
            if ch.dep_ == "acl":
                add(actors, entities_of(_agent(ch), a))
                for p, o in _prep_objs(ch, {"between"}):
                    add(actors, entities_of(o, a))
        sup = c.support
        if sup is not None and sup.dep_ != "acl":
            passive = any(ch.dep_ in ("nsubjpass", "auxpass") for ch in sup.children)
            add(actors, entities_of(_agent(sup) if passive else _subject(sup), a))
        elif h.dep_ in ("dobj", "nsubjpass") and h.head.pos_ == "VERB" and not actors:
            # "X launched an offensive", "X announced sanctions on Y": the subject of an
            # agentive verb does the noun's act; "condemned the proposal" is another's
            gov = h.head
            if gov.lemma_.lower() in agentive_verbs():
                passive = any(ch.dep_ in ("nsubjpass", "auxpass") for ch in gov.children)
                add(actors, entities_of(_agent(gov) if passive else _subject(gov), a))
        if not actors and c.type in COMPANY_TYPES and h.dep_ == "pobj" \
                and h.head.lower_ in ("during", "after", "at", "on", "in") and h.head.head.pos_ == "VERB":
            # "he said during a visit to South Africa": who speaks during a visit made it
            add(actors, entities_of(_subject(h.head.head), a))
        if not actors and h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.pos_ == "NOUN":
            # "Trump's imposition of sanctions": the governing noun's owner
            for ch in h.head.head.children:
                if ch.dep_ == "poss":
                    add(actors, entities_of(ch, a))
        if not actors and h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.dep_ == "dobj" \
                and h.head.head.head.pos_ == "VERB" and h.head.head.head.lemma_.lower() in agentive_verbs():
            # "Barnier has leveled a string of criticisms": through the noun that counts
            # the acts, the agentive verb's subject
            gov = h.head.head.head
            passive = any(ch.dep_ in ("nsubjpass", "auxpass") for ch in gov.children)
            add(actors, entities_of(_agent(gov) if passive else _subject(gov), a))
        for p, o in _prep_objs(h, TARGET_PREPS | {"of"}):
            if not _is_place(o, p):
                add(recips, entities_of(o, a))
        if sup is not None:
            for p, o in _prep_objs(sup, TARGET_PREPS - {"from", "for"}):
                if not _is_place(o, p):
                    add(recips, entities_of(o, a))
    if not actors and c.type in STATE_ACTS and h.pos_ == "VERB" and _agent(h) is None \
            and any(ch.dep_ in ("nsubjpass", "auxpass") for ch in h.children):
        add(actors, [x for x in [_story_state(a, h.sent)] if x])
    if not actors and c.type in SPEECH_TYPES:
        # "'The violence ... is a deep concern,' he said": who says it accuses
        add(actors, entities_of(_reporter(h), a))
    return actors, recips


def _reporter(h: Token) -> Optional[Token]:
    """The subject of the verb of saying whose reported clause holds `h`, if any."""
    from ..times.tense import REPORTING, clause_verb

    v = clause_verb(h)
    if v is not None and v.dep_ == "ccomp" and v.head.lemma_.lower() in REPORTING:
        return _subject(v.head)
    return None


def _story_state(a, sent) -> Optional[str]:
    """The state entity an unnamed authority belongs to: the one state the sentence
    names, else the state the document names most (actors.most_named)."""
    from collections import Counter

    from ..actors import NONSTATE, most_named

    states = [e for e in a.entities if e.kind == "country" and e.country and e.country not in NONSTATE]
    here = [e for e in states if any(sent.start_char <= m.start < sent.end_char for m in e.mentions)]
    if len(here) == 1:
        return here[0].id
    if here:
        return None
    return most_named(Counter({e.id: len(e.mentions) for e in states}))
