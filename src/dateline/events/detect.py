"""Find event triggers in a sentence and type them with the lexicon.

Rules, in order: a lexicon match on lemmas (longest phrase wins); the head's
part of speech must be the entry's; names and noun modifiers never trigger;
an entry's `needs` is checked against the dependency parse; a light verb gives
way to the event noun it governs ("launched an offensive" is one event, the
offensive); an event embedded as the content of a verbal act ("agreed to
share", "threatened to ban") is not a separate event, as in PLOVER.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import Entry, constructions, cues, triggers

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LOC"}
SUBJ = {"nsubj", "nsubjpass", "csubj"}
CONTENT_DEPS = {"xcomp", "ccomp", "acl", "advcl", "pcomp", "pobj", "dobj"}


@dataclass
class Candidate:
    head: Token
    first: int  # token index of the trigger's first token
    last: int  # inclusive
    entry: Entry
    support: Optional[Token] = None  # light verb carrying a noun trigger
    extra: dict = field(default_factory=dict)

    @property
    def type(self):
        return self.entry.type


def _match_at(tokens, i: int):
    t = tokens[i]
    index = triggers()
    seen = set()
    for key in (t.lemma_.lower(), t.lower_):
        if key in seen:
            continue
        seen.add(key)
        for e in index.get(key, ()):
            n = len(e.lemmas)
            if i + n > len(tokens):
                continue
            ok = all(tokens[i + k].lemma_.lower() == lem or tokens[i + k].lower_ == lem
                     for k, lem in enumerate(e.lemmas))
            if ok:
                yield e, i, i + n - 1


def _phrase_head(doc, first: int, last: int) -> Token:
    for j in range(first, last + 1):
        h = doc[j].head
        if h.i == j or not (first <= h.i <= last):
            return doc[j]
    return doc[first]


def _event_noun(tok: Token) -> bool:
    """A noun the trigger lexicon lists as an event ('protests', 'talks'): never a
    person, even where the tagger, misled by a capital, calls it an organisation."""
    from .lexicon import triggers

    return tok.pos_ in ("NOUN", "PROPN") and any(
        e.pos == "NOUN" and len(e.lemmas) == 1 for e in triggers().get(tok.lemma_.lower(), ()))


def is_human(tok: Token) -> bool:
    """People, named actors or counts: what 'release', 'kill', 'arrest' need as patient."""
    if tok.lemma_.lower() in cues()["human_nouns"] or tok.lower_ in cues()["human_nouns"]:
        return True  # 'hostages' are people, though also a trigger word
    if _event_noun(tok):
        return False
    if tok.ent_type_ in ("PERSON", "NORP", "GPE", "ORG", "CARDINAL"):
        return True
    return any(c.dep_ == "nummod" or c.ent_type_ in ("PERSON", "NORP", "GPE", "ORG")
               for c in tok.children if c.dep_ in ("nummod", "compound", "amod", "poss"))


def patients(v: Token) -> list[Token]:
    out = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    if v.dep_ == "relcl":  # "border controls, which they imposed": the relative pronoun stands for its noun
        out = [v.head if c.lower_ in ("which", "that", "whom", "who") else c for c in out]
    x = v
    while x.dep_ == "conj" and x.head.pos_ == "VERB" and x.head.i != x.i:
        x = x.head
    if v.tag_ == "VBN" and x.dep_ in ("acl", "relcl") and not out:  # "a hypothesis ... dismissed by S."
        out.append(x.head)
    for c in v.children:  # "hand over to Britain two nationals", "released from prison"
        if c.dep_ == "prep" and c.lower_ in ("of",):
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _entity_arg(tok: Token, a) -> bool:
    return tok.i in a.entity_at or tok.ent_type_ in ("PERSON", "NORP", "GPE", "ORG")


def _noun_has_args(n: Token, a) -> bool:
    """An event noun counts when something anchors it as an event, not a topic."""
    for c in n.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and (
                _entity_arg(c, a) or any(_entity_arg(g, a) for g in c.subtree)):
            return True
        if c.dep_ == "prep" and c.lower_ in ("by", "between", "on", "against", "with", "of", "from", "among", "in", "at", "for", "to", "into"):
            for g in c.children:
                if g.dep_ == "pobj" and (_entity_arg(g, a) or (c.lower_ == "of" and is_human(g))
                                         or any(_entity_arg(x, a) for x in g.conjuncts)
                                         or any(_entity_arg(x, a) for x in g.children if x.dep_ in ("amod", "compound", "poss"))):
                    # "tariffs on Chinese vehicles", "a ban on Russia's banks"
                    return True
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            if any(g.ent_type_ in ("DATE", "TIME") for g in c.subtree):
                return True
            for g in c.children:
                if g.dep_ == "agent" or (g.dep_ == "prep" and g.lower_ in ("between", "with")):
                    return True
        if c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod", "compound", "nmod", "poss"):
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
            return True  # "the visit on Monday"
    return False


def _verb_lemma(v: Token, known) -> str:
    """The lemma, or the inflection stripped when the lemmatizer slipped
    ("staged" -> "stag"): the first of "staged"[:-1], [:-2], [:-1] of "-s" that is known."""
    lem = v.lemma_.lower()
    if lem in known:
        return lem
    low = v.lower_
    for cut in ((1,) if low.endswith("d") else ()) + ((2,) if low.endswith("ed") else ()) \
            + ((1,) if low.endswith("s") else ()):
        if low[:-cut] in known:
            return low[:-cut]
    return lem


def _governor(n: Token) -> Optional[Token]:
    """The verb that an event noun is the object or subject of (through 'of'/conj)."""
    t = n
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    if t.dep_ == "nsubj" and t.head.lemma_.lower() in cues()["aspect_verbs"]:
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB" and t.head.lower_ in ("on", "in", "to", "into"):
        return t.head.head
    if (t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in cues()["measure_nouns"]
            and t.head.head.i != t.i):  # "launched 10 days of war games"
        return _governor(t.head.head)
    return None


@lru_cache(maxsize=None)
def _alternatives(words: str) -> frozenset:
    """The '|'-separated words of a trigger's requirement, parsed once per entry."""
    return frozenset(words.split("|"))


def copular_state(n: Token) -> bool:
    """An event noun reported by a copula: "the summit was in Hanoi" (the subject of
    'be' placed in time or space), "is on trial", "had been in pretrial detention",
    "remain under arrest" (the object of a state preposition after be/remain/stay).
    The word classes are data (constructions.json: copula_verbs, state_preps)."""
    K = constructions()
    t = n
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    for x in (t, t.head):  # "has a ban in place", "sanctions remain in force"
        if any(p.dep_ == "prep" and p.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in K["in_force_nouns"]
                                                           for g in p.children) for p in x.children) and (
                x is t or t.dep_ in ("nsubj", "nsubjpass", "dobj")):
            return True
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in K["state_preps"]:
        v = t.head.head
        return v.lemma_.lower() in K["copula_verbs"] and v.pos_ in ("AUX", "VERB")
    if t.dep_ == "nsubj" and t.head.lemma_.lower() == "be" and not any(
            ch.dep_ in ("attr", "acomp") for ch in t.head.children):
        for ch in t.head.children:  # "was in February 2019 in Hanoi", "is on Friday"
            if ch.dep_ == "npadvmod" and ch.ent_type_ in ("DATE", "TIME"):
                return True
            if ch.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC")
                                         for g in ch.children):
                return True
    return False


def _rise_of(n: Token) -> bool:
    """"a tariff increase", "tariff hikes": the event noun modifies a noun of its own
    rise, which carries the arguments (constructions.json: rise_nouns)."""
    return n.dep_ == "compound" and n.head.pos_ == "NOUN" and n.head.lemma_.lower() in constructions()["rise_nouns"]


MONEY_OBJECTS = frozenset({"money", "fund", "funding", "aid", "assistance", "cash", "loan", "grant", "million",
                           "billion", "dollar", "euro", "payment", "budget", "investment", "donation", "contribution"})


def _needs_ok(c: Candidate, a) -> bool:
    need = c.entry.needs
    h = c.head
    if need is None:
        return True
    if h.pos_ == "NOUN" and _rise_of(h):
        h = h.head  # "vote on a tariff increase on Chinese vehicles": the increase is the phrase
    if h.pos_ == "NOUN" and need != "human" and copular_state(h):
        return True
    if need == "state":  # nouns that report an event only as a state ("in jail", "in custody")
        return False
    if need == "arg":
        if h.pos_ == "NOUN":
            gov = _governor(h)
            if h.tag_ == "NNS" and h.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "conj", "attr"):
                return True  # "arrests and bans on his concerts", "protests erupted": plural event nouns report events
            return _noun_has_args(h, a) or (gov is not None and (gov.lemma_.lower() in cues()["light_verbs"]
                                                                 or gov.lemma_.lower() in cues()["aspect_verbs"]))
        args = [ch for ch in h.children if ch.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")]
        args += [g for ch in h.children if ch.dep_ in ("prep", "agent") and ch.lower_ in ("on", "against", "with", "to", "by")
                 for g in ch.children if g.dep_ == "pobj"]
        if h.dep_ in ("relcl", "acl") and not any(ch.dep_ == "nsubj" for ch in h.children):
            args.append(h.head)
        return any(_entity_arg(t, a) or any(_entity_arg(x, a) for x in t.children if x.dep_ in ("compound", "amod", "poss"))
                   for t in args)
    if need.startswith("obj:"):
        allowed = _alternatives(need[4:])
        if "xcomp" in allowed and any(c2.dep_ == "xcomp" for c2 in h.children):
            return True
        named_obj = any(o.dep_ == "dobj" and _entity_arg(o, a) for o in h.children)
        for p in patients(h) + [g for c2 in h.children if c2.dep_ == "prep" and (
                c2.lower_ in ("with", "to") or c2.lower_ == "as" and named_obj)
                                for g in c2.children if g.dep_ == "pobj"]:  # "recognized the Taliban as the government"
            qs = [p, *p.conjuncts]
            qs += [g for q in list(qs) for pr in q.children if pr.dep_ == "prep" and pr.lower_ == "of"
                   for g in pr.children if g.dep_ == "pobj"]  # "tons of food aid", "a state of emergency"
            words = {w for q in qs for x in (q, *q.children)
                     if x.i == q.i or x.dep_ in ("compound", "amod", "nmod") for w in (x.lemma_.lower(), x.lower_)}
            if words & allowed:
                return True
            if allowed & MONEY_OBJECTS and (p.ent_type_ == "MONEY" or any(x.ent_type_ == "MONEY" for x in p.subtree)):
                return True  # "gave $5 million": money counts for entries about money only, not "froze a $20 billion project"
        return False
    if need == "obj":
        if h.pos_ == "NOUN":
            return True
        return bool(patients(h)) or any(c.dep_ in ("xcomp", "ccomp") for c in h.children) or any(c.dep_ == "prep" for c in h.children if c.lower_ in ("on", "against"))
    if need == "human":
        ps = patients(h)
        if h.dep_ in ("relcl", "acl") and not ps:
            ps = [h.head]
        return any(is_human(p) or any(is_human(x) for x in p.conjuncts) for p in ps)
    if need.startswith("subj:"):  # "demonstrators flooded the streets"
        words = _alternatives(need[5:])
        return any(ch.dep_ == "nsubj" and (ch.lemma_.lower() in words or ch.lower_ in words) for ch in h.children)
    if need.startswith("gov:"):  # "taking 251 hostages"
        words = _alternatives(need[4:])
        if "in" in words and h.dep_ == "pobj" and h.head.lower_ == "in":
            return True  # "prayers in support of Palestinians"
        g = _governor(h)
        return g is not None and g.lemma_.lower() in words
    if need.startswith("prep:"):
        preps = _alternatives(need[5:])
        return any((c.dep_ in ("prep", "prt", "dative") and c.lower_ in preps) or c.dep_ in preps for c in h.children)
    return True


def _after_have(v: Token) -> bool:
    """A participle right after a form of 'have' (adverbs between) is a perfect tense
    the small parser broke: "authorities have since banned civilians" (with
    'since' read as a preposition and 'banned' as an adjective of 'civilians')."""
    j = v.i - 1
    for _ in range(3):
        if j < v.sent.start:
            return False
        t = v.doc[j]
        if t.lemma_.lower() == "have" and t.tag_ in ("VBP", "VBZ", "VBD"):
            return True
        if not (t.pos_ in ("ADV", "PART") or t.lower_ in ("since", "already", "also", "now", "recently", "just")):
            return False
        j -= 1
    return False


def _generic_or_name(c: Candidate, a) -> bool:
    h = c.head
    if h.ent_type_ in NAME_LABELS and not (h.ent_type_ == "" or h.pos_ == "VERB"):
        return True
    if h.i in a.entity_at and h.pos_ != "VERB":
        return True
    if h.pos_ == "NOUN" and h.dep_ in ("compound", "amod") and h.head.pos_ in ("NOUN", "PROPN") and not _rise_of(h):
        return True  # "attack helicopter", "protest movement"
    if h.tag_ == "VBN" and h.dep_ in constructions()["participle_not_event_deps"] and not any(
            ch.dep_ in ("agent", "npadvmod") for ch in h.children) and not _after_have(h):
        return True  # "the banned group": an adjectival participle describes, it reports no event
    if h.tag_ == "VBG" and (h.dep_ in ("csubj", "csubjpass", "nsubj", "nsubjpass", "pobj")
                            or h.dep_ == "pcomp" and h.head.lower_ not in ("after", "before", "since", "while", "by", "upon", "on")) and not any(
            ch.dep_ in ("nsubj", "poss") for ch in h.children):
        return True  # "negotiating with armed groups is a crime": an activity, not an event
    return False


def candidates(a, sent: Span) -> list[Candidate]:
    doc = a.doc
    toks = doc[sent.start:sent.end]
    found: list[Candidate] = []
    taken: set[int] = set()
    for k in range(len(toks)):
        i = sent.start + k
        if i in taken:
            continue
        for e, s, t in _match_at(doc, i):
            if t >= sent.end:
                continue
            head = _phrase_head(doc, s, t)
            if head.pos_ != e.pos and not (len(e.lemmas) > 1 and e.pos == "NOUN" and head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr")):
                continue  # multi-token nouns the tagger splits ("sit - in") keep their phrase
            if e.pos == "ADJ" and not any(ch.dep_ == "xcomp" for ch in head.children):
                continue  # "willing to withdraw", not "a willing partner"
            c = Candidate(head, s, t, e)
            if _generic_or_name(c, a) or not _needs_ok(c, a):
                continue
            found.append(c)
            taken.update(range(s, t + 1))
            break
    found += _modal_requests(a, sent, found)
    found = _resolve_light_and_content(found)
    from .constructions import apply as apply_constructions

    return apply_constructions(a, sent, found)


MODAL_ENTRY = Entry(("must",), "AUX", "REQUEST", None, None, "X said Y must/should do Z")


def _modal_requests(a, sent, found) -> list[Candidate]:
    """'Russia said Sudan must return the helicopter': Russia's REQUEST to Sudan."""
    C = cues()
    out = []
    for t in sent:
        if t.dep_ != "aux" or t.lower_ not in C["request_modals"]:
            continue
        v = t.head
        if v.dep_ != "ccomp" or v.head.lemma_.lower() not in C["reporting_verbs"] | {"conclude", "insist", "announce", "demand"}:
            continue
        if v.head.i in {c.head.i for c in found}:
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in ("i", "we", "you", "it", "there", "this", "that"):
            continue  # "we must act" is a resolution, not a request to someone
        c = Candidate(t, t.i, t.i, MODAL_ENTRY, support=v.head)
        c.extra["addressee"] = subj
        out.append(c)
    return out


def _others_speech_act(c: Candidate) -> bool:
    """"rejected Kenya's request to brief it", "accepted Iran's offer": a request or an
    offer with its own maker (a possessor) is that party's act, which took place; the
    reaction to it does not absorb it as its content."""
    h = c.head
    return h.pos_ == "NOUN" and c.type in ("REQUEST", "AGREE") and any(
        ch.dep_ == "poss" and ch.pos_ == "PROPN" for ch in h.children)


def _resolve_light_and_content(found: list[Candidate]) -> list[Candidate]:
    by_head = {c.head.i: c for c in found}
    light = cues()["light_verbs"]
    keep_own = cues()["keep_own_event"]
    drop: set[int] = set()
    # light verbs: the noun carries the event
    for c in found:
        if c.head.pos_ != "NOUN":
            continue
        gov = _governor(c.head)
        if gov is None:
            # "a deal struck between ...": participle modifying the noun
            for ch in c.head.children:
                if ch.dep_ == "acl" and _verb_lemma(ch, light) in light:
                    c.support = ch
                    if ch.i in by_head and ch.lemma_.lower() not in keep_own:
                        drop.add(ch.i)
            continue
        # signing an agreement: 'sign' is a light verb, the agreement (AGREE) is the event
        # (ANNOTATION.md Conventions); signing a law keeps SUPPORT (no event noun)
        if _verb_lemma(gov, light) in light:
            c.support = gov
            if gov.i in by_head and gov.lemma_.lower() not in keep_own:
                drop.add(gov.i)
    # "the attack killed 5": the noun already is the event
    for c in found:
        if c.head.pos_ == "VERB" and c.head.i not in drop:
            v = c.head
            for _ in range(3):
                subj = [ch for ch in v.children if ch.dep_ == "nsubj"]
                if subj or v.dep_ not in ("advcl", "xcomp", "conj") or v.head.i == v.i:
                    break
                v = v.head
            if any(ch.i in by_head and by_head[ch.i].head.pos_ == "NOUN"
                   and (v.i == c.head.i or by_head[ch.i].type == c.type) for ch in subj):
                drop.add(c.head.i)
    # content of a verbal act is not a separate event
    content_types = cues()["content_types"]
    not_content = constructions()["not_content_preps"]
    for c in found:
        if c.entry is MODAL_ENTRY:
            for o in found:
                if o.head.i == c.head.head.i or (o.head.pos_ == "NOUN" and o.head.head.i == c.head.head.i):
                    drop.add(o.head.i)
    for c in found:
        if c.head.i in drop or _others_speech_act(c):
            continue
        t = c.head
        for _ in range(4):
            if t.dep_ not in CONTENT_DEPS and t.dep_ != "conj" or t.head.i == t.i:
                break
            infinitive = any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children)
            if t.dep_ in ("advcl", "acl") and not infinitive:
                break  # "condemned ..., as eight were killed": a separate event, not the content
            if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in not_content and t.head.i < t.head.head.i:
                break  # "after a meeting with ..., told officials to draft rules": a fronted time, not the content
            if t.dep_ == "conj":
                t = t.head
                continue
            t = t.head
            if t.dep_ == "prep":
                t = t.head
            g = by_head.get(t.i)
            if g is not None and g.head.i not in drop and g is not c and (
                    g.type in content_types or (g.type == "PROTEST" and c.type in ("REQUEST", "ACCUSE"))):
                drop.add(c.head.i)
                break
            if t.pos_ == "VERB" and t.i not in by_head and t.dep_ not in ("xcomp", "ccomp") and not (
                    t.dep_ == "advcl" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children)):
                break
    return [c for c in found if c.head.i not in drop]
