"""Constructions news uses, as rules over the parse (issue 11, item 3).

Runs on a sentence's candidates after the lexicon match and the light-verb /
content resolution of detect.py. Each rule tests the dependency parse; the
word classes it tests are data (constructions.json, read by lexicon.py):

- a ceasefire or truce reached, signed or declared is AGREE (ANNOTATION.md);
- reversal verbs on event nouns: lifting sanctions or a ban is CONCEDE
  (RETREAT for a blockade or siege), halting aid or talks is SANCTION;
- evaluative statements: "called the verdict unjust", "dismissed it as",
  "critical of", "expressed concern over" are ACCUSE (disapprove);
- senses by object kind: a ban on imports or flights is SANCTION, a ban on a
  group COERCE; barring entry to a territory is REJECT;
- not political events: harm in a disaster, an accident or disease ("killed
  in a flood", an explosion at a factory) and figurative fighting ("fighting
  for justice") are dropped.
Speech acts (promise, offer, warn, blame) are lexicon entries of the speaker's
verb; the embedded act is their content (detect._resolve_light_and_content)
and keeps the status the status stage gives it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from .lexicon import Entry, constructions

SUBJ = ("nsubj", "nsubjpass")


def _lem(t: Token) -> str:
    return t.lemma_.lower()


def _governor_verb(n: Token):
    t = n
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    q = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None
    if q is not None and q.i != t.i and (q.pos_ in ("PRON", "NUM", "DET") or _lem(q) in ("part", "rest", "half", "majority", "bulk", "portion")):
        t = q  # partitive: "relaxing some of its restrictions", "lifted most of the sanctions"
    if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    return None


def _retype(c, typ: str, mode=None, head: Token | None = None):
    from .detect import Candidate

    e = replace(c.entry, type=typ, mode=mode, needs=None, notes=f"construction: {c.entry.notes}".strip())
    if head is None:
        c.entry = e
        return c
    return Candidate(head, head.i, head.i, e, support=c.support)


def _new(head: Token, typ: str, mode, why: str, first=None, last=None):
    from .detect import Candidate

    return Candidate(head, head.i if first is None else first, head.i if last is None else last,
                     Entry((_lem(head),), head.pos_, typ, mode, None, why))


def _ceasefire_agree(found, K):
    for c in found:
        if c.head.pos_ == "NOUN" and _lem(c.head) in K["agree_nouns"] and c.type == "RETREAT":
            v = _governor_verb(c.head) or (c.support if c.support is not None else None)
            if v is not None and _lem(v) in K["agree_light_verbs"]:
                _retype(c, "AGREE")


def _reversals(found, K):
    out, drop = [], set()
    by_head = {c.head.i: c for c in found}
    for c in found:
        if c.head.pos_ != "NOUN":
            continue
        v = _governor_verb(c.head)
        if v is None or _lem(v) not in K["reversal_verbs"]:
            continue
        typ = None
        if c.type in K["reversal_of_coercion"]:
            typ = K["reversal_of_coercion"][c.type]
            if c.type == "COERCE" and c.entry.mode == "seize" and _lem(v) in K["reversal_release_verbs"]:
                typ = "RETREAT"
        elif c.type in K["reversal_of_cooperation"]:
            typ = K["reversal_of_cooperation"][c.type]
        if typ is None:
            continue
        mode = "discontinue" if typ == "SANCTION" else None
        drop.add(c.head.i)
        if v.i in by_head:
            _retype(by_head[v.i], typ, mode)
        elif v.i not in {o.head.i for o in out}:
            n = _new(v, typ, mode, f"reversal of {c.type}: {v.lower_} {c.head.lower_}")
            n.support = None
            out.append(n)
    return [c for c in found if c.head.i not in drop] + out


def _predicate_words(v: Token):
    for ch in v.children:
        if ch.dep_ in ("oprd", "xcomp", "acomp", "ccomp"):
            yield from ch.subtree
        if ch.dep_ == "prep" and ch.lower_ == "as":
            yield from ch.subtree
        if ch.dep_ == "dobj":  # "called it a violation": the parser's second object
            for g in ch.children:
                if g.dep_ in ("amod", "appos", "acl", "oprd"):
                    yield from g.subtree


def _reporting():
    from .lexicon import cues

    return cues()["reporting_verbs"]


def _wrongdoer(o: Token) -> bool:
    """The wrong has a named or nominal doer: "the regime's violation", "violations by Russia"."""
    for ch in o.children:
        if ch.dep_ == "poss" and ch.pos_ in ("NOUN", "PROPN"):
            return True
        if ch.dep_ == "prep" and ch.lower_ == "by" and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") for g in ch.children):
            return True
    return False


def _evaluations(sent: Span, found, K):
    have = {c.head.i for c in found}
    neg = K["negative_evaluation"]
    out = []
    for t in sent:
        lem = _lem(t)
        if t.i in have:
            c = next(c for c in found if c.head.i == t.i)
            if lem in K["dismiss_as_verbs"] and any(ch.dep_ == "prep" and ch.lower_ == "as" for ch in t.children):
                _retype(c, "ACCUSE", "disapprove")  # "dismissed the report as propaganda"
            continue
        if t.pos_ == "VERB" and lem in K["evaluative_verbs"] and any(ch.dep_ == "nsubj" for ch in t.children):
            # a speaker's evaluation; "is considered a crime under these laws" has none
            words = {w for x in _predicate_words(t) for w in (_lem(x), x.lower_)}
            if words & neg:
                out.append(_new(t, "ACCUSE", "disapprove", "evaluative statement"))
        elif t.pos_ == "VERB" and lem in K["dismiss_as_verbs"] and any(
                ch.dep_ == "prep" and ch.lower_ == "as" for ch in t.children):
            out.append(_new(t, "ACCUSE", "disapprove", "dismissed ... as"))
        elif t.dep_ in ("attr", "acomp") and (lem in neg or t.lower_ in neg) and t.head.lemma_ == "be" \
                and t.head.dep_ == "ccomp" and t.head.head.lemma_.lower() in _reporting():
            # '"... is a deep concern," he said': a speaker's judgement of a state of affairs
            out.append(_new(t, "ACCUSE", "disapprove", "reported evaluation"))
        elif t.dep_ in ("attr", "acomp") and t.head.lemma_ == "be" and t.head.dep_ == "ccomp" \
                and t.head.head.lemma_.lower() in _reporting() \
                and any(x.dep_ == "neg" for x in (*t.head.children, *t.children)) \
                and any(_lem(x) in K["positive_evaluation"] for x in t.subtree):
            # '"The vote was not free and fair," he said', '"This case is not legal," he said'
            n = _new(t, "ACCUSE", "disapprove", "reported negated approval")
            n.extra["negation_is_the_event"] = "happened"  # the disapproval was voiced
            out.append(n)
        elif t.pos_ == "VERB" and lem not in K["perpetration_verbs"] and any(
                o.dep_ == "dobj" and _lem(o) in neg and o.i not in have and _wrongdoer(o) for o in t.children):
            # "highlighted the regime's violation of human rights": pointing at another's wrong
            out.append(_new(t, "ACCUSE", "disapprove", "another's wrong as object"))
        elif t.pos_ == "ADJ" and lem in K["critical_adjectives"] and any(
                ch.dep_ == "prep" and ch.lower_ == "of" for ch in t.children):
            out.append(_new(t, "ACCUSE", "disapprove", "critical of"))
        elif t.pos_ == "VERB" and lem in K["concern_verbs"]:
            obj = next((ch for ch in t.children if ch.dep_ == "dobj" and _lem(ch) in K["concern_nouns"]), None)
            if obj is not None and obj.i not in have:
                out.append(_new(t, "ACCUSE", "disapprove", f"{t.lower_} {obj.lower_}", first=t.i, last=t.i))
    return found + out


def _object_senses(found, K):
    trade = K["trade_objects"]
    entry = K["entry_words"]
    for c in found:
        h = c.head
        lem = _lem(h)
        if h.pos_ == "NOUN" and lem == "ban" and c.type == "COERCE":
            objs = [g for p in h.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
                    for g in p.children if g.dep_ == "pobj"]
            if any(_lem(g) in trade or any(_lem(x) in trade for x in g.children if x.dep_ in ("compound", "amod"))
                   for g in objs):
                _retype(c, "SANCTION", "discontinue")
        if h.pos_ == "VERB" and c.type == "ASSAULT" and lem in K["target_verbs"]:
            agent = h.head if h.dep_ in ("acl", "relcl") else next((x for x in h.children if x.dep_ == "nsubj"), None)
            if agent is not None and _lem(agent) in K["measure_nouns"]:
                _retype(c, "SANCTION", "discontinue")  # "legislation targeting Turkey", "sanctions hit Russian banks"
        if h.pos_ == "VERB" and lem == "meet" and c.type == "CONSULT" and any(
                p.dep_ == "prep" and p.lower_ == "with" and any(g.dep_ == "pobj" and _lem(g) in K["reaction_nouns"]
                                                               for g in p.children) for p in h.children):
            _retype(c, "ACCUSE", "disapprove")  # "the claim met with opposition from China": a reaction, no meeting
            for o in found:
                if o is not c and o.head.head.head.i == h.i and o.head.dep_ == "pobj" and o.head.head.lower_ == "with":
                    c.extra["drop"] = True  # "met with criticism": the noun carries the event, as a disapproval
                    if o.type != "ACCUSE":
                        _retype(o, "ACCUSE", "disapprove")
        if h.pos_ == "VERB" and lem in K["entry_verbs"]:
            objs = [ch for ch in h.children if ch.dep_ in ("dobj", "nsubjpass")]
            from_ = [g for p in h.children if p.dep_ == "prep" and p.lower_ in ("from", "to")
                     for g in p.children if g.dep_ in ("pcomp", "pobj")]
            if any(_lem(x) in entry for x in objs + from_):
                _retype(c, "REJECT", None)


def _announced_commitments(toks, found, K):
    """'Iberdrola announced it would phase out its coal plants', 'announced that the exam
    would be revamped': an announced future act of the announcer's own side is a
    commitment, AGREE by the speaker (ANNOTATION.md: promises are AGREE). Only where
    the announced act is no trigger itself (a triggered act keeps its own type, recoded
    by its status), its subject is a pronoun or it is passive; 'announced the economy
    would grow' is a forecast."""
    have = {c.head.i for c in found}
    out = []
    for t, lem in toks:
        if lem not in K["commitment_verbs"] or t.pos_ != "VERB" or t.i in have:
            continue
        for cc in t.children:
            if cc.dep_ != "ccomp" or cc.pos_ not in ("VERB", "AUX"):
                continue
            if not any(x.dep_ == "aux" and x.lower_ in ("will", "would", "shall", "'ll") for x in cc.children):
                continue
            subj = [x for x in cc.children if x.dep_ in SUBJ]
            if not subj or not (subj[0].dep_ == "nsubjpass" or subj[0].pos_ == "PRON" and subj[0].lower_ not in ("it", "this", "that", "there")
                                or subj[0].lower_ == "it" and t.i > 0 and any(x.dep_ == "nsubj" and x.ent_type_ in ("ORG", "GPE", "NORP") for x in t.children)):
                continue
            if cc.i in have or any(x.i in have for x in cc.children if x.dep_ in ("dobj", "nsubjpass", "xcomp", "conj", "attr")):
                continue  # the announced act is an event of its own type
            out.append(_new(t, "AGREE", None, "announced commitment"))
            break
    return found + out


def _court_rulings(toks, found, K):
    """'Kenya's High Court ruled that closing the camp would be unconstitutional', 'the
    High Court ordered all public schools to allow ...': a court's ruling or order
    binds a party, SANCTION (convict: found liable by a court, PLOVER), not a request."""
    by_head = {c.head.i: c for c in found}
    out = []
    for t, lem in toks:
        if lem not in K["ruling_verbs"] or t.pos_ != "VERB":
            continue
        subj = next((x for x in t.children if x.dep_ == "nsubj"), None)
        if subj is None or _lem(subj) not in K["court_nouns"]:
            continue
        c = by_head.get(t.i)
        if c is not None:
            if c.type in ("REQUEST", "ACCUSE", "CONSULT"):
                _retype(c, "SANCTION", "convict")
        else:
            out.append(_new(t, "SANCTION", "convict", "court ruling"))
    return found + out


def _time_to(toks, found):
    """'It's time to stop the attacks', 'it is time for Russia to withdraw': a call on
    someone to act, REQUEST by the speaker; the act called for is its content."""
    out, drop = [], set()
    for t, lem in toks:
        if lem != "time" or t.pos_ != "NOUN" or t.dep_ != "attr":
            continue
        if not any(x.dep_ == "nsubj" and x.lower_ == "it" for x in t.head.children):
            continue
        inf = next((x for x in t.children if x.dep_ in ("relcl", "acl") and x.pos_ == "VERB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)), None)
        if inf is None or inf.i not in {c.head.i for c in found}:
            continue  # "it was time to go home": no political act called for
        out.append(_new(t, "REQUEST", None, "it is time to"))
        drop.add(inf.i)
    return [c for c in found if c.head.i not in drop] + out


def _restrictions(found, K):
    """'The journalist is not allowed to leave the country': a person not permitted to
    act is restricted, COERCE (restrict), and the restriction holds; not a negated
    concession."""
    from .detect import is_human

    for c in found:
        h = c.head
        if h.pos_ != "VERB" or _lem(h) not in K["permission_verbs"] or not any(x.dep_ == "neg" for x in h.children):
            continue
        subj = next((x for x in h.children if x.dep_ == "nsubjpass"), None)
        if subj is None or not any(x.dep_ == "xcomp" for x in h.children):
            continue
        if is_human(subj) or subj.pos_ == "PRON" and subj.lower_ not in ("it", "this", "that"):
            _retype(c, "COERCE", "restrict")
            c.extra["negation_is_the_event"] = True


def _trade_cuts(toks, found, K):
    """'European countries reduced commercial flights', 'suspended grain exports to
    Egypt': cutting exchange with others (trade_objects) is SANCTION (discontinue)."""
    by_head = {c.head.i: c for c in found}
    out = []
    for t, lem in toks:
        if lem not in K["reduction_verbs"] or t.pos_ != "VERB":
            continue
        objs = [x for x in t.children if x.dep_ in ("dobj", "nsubjpass")]
        objs += [y for x in objs for y in x.conjuncts]
        if not any(_lem(x) in K["trade_objects"] for x in objs):
            continue  # the object's head: "grain exports", not "gas consumption"
        c = by_head.get(t.i)
        if c is None:
            out.append(_new(t, "SANCTION", "discontinue", "cut in exchange"))
        elif c.type != "SANCTION":
            _retype(c, "SANCTION", "discontinue")
    return found + out


def _crowd_protest(found):
    """'sellers held a sit-in to protest the restrictions', 'thousands protested the law':
    protesting by a crowd (a plural common noun, or the purpose of a protest) is PROTEST;
    a state protesting a decision stays ACCUSE."""
    by_head = {c.head.i: c for c in found}
    for c in found:
        h = c.head
        if c.type != "ACCUSE" or _lem(h) != "protest" or h.pos_ != "VERB":
            continue
        subj = next((ch for ch in h.children if ch.dep_ == "nsubj"), None)
        if subj is None and h.dep_ in ("advcl", "xcomp") and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in h.children):
            # "scores of sellers held a sit-in to protest ...", "thousands gathered to protest the law":
            # the purpose clause's protester is the governing verb's subject
            subj = next((ch for ch in h.head.children if ch.dep_ == "nsubj"), None)
        purpose = h.dep_ in ("advcl", "xcomp") and any(
            o.type == "PROTEST" for o in by_head.values() if o.head.i == h.head.i or
            (o.support is not None and o.support.i == h.head.i))
        if purpose or (subj is not None and subj.tag_ == "NNS" and subj.ent_type_ in ("", "CARDINAL")):
            _retype(c, "PROTEST", "demo")


def _not_events(a, sent: Span, found, K):
    dis, cues_, harm = K["disaster_nouns"], K["violence_cues"], K["harm_triggers"]
    sent_lemmas = {_lem(t) for t in sent}
    violent = bool(sent_lemmas & cues_)
    keep = []
    for c in found:
        h = c.head
        if c.type in ("ASSAULT", "COERCE") and _lem(h) in harm and not violent:
            near = [ch for ch in h.children if ch.dep_ in ("nsubj", "agent", "prep", "compound", "amod")]
            words = set()
            for ch in near:
                if ch.dep_ in ("agent", "prep"):
                    words |= {_lem(g) for g in ch.subtree}
                else:
                    words |= {_lem(g) for g in ch.subtree}
            head_chain = h.head if h.dep_ in ("conj", "advcl", "xcomp") else None
            if head_chain is not None:
                words |= {_lem(g) for ch in head_chain.children if ch.dep_ in ("nsubj", "prep") for g in ch.subtree}
            if words & dis:
                _mark(a, sent)
                continue  # "killed in a flood", "an explosion at a factory"
        if c.type == "ASSAULT" and _lem(h) in K["fight_verbs"] and any(
                ch.dep_ == "prep" and ch.lower_ in K["figurative_fight_preps"] for ch in h.children) and not violent:
            _mark(a, sent)
            continue  # "still fighting for their rights"
        keep.append(c)
    return keep


def _mark(a, sent: Span) -> None:
    """Remember that a rule judged this sentence: the learned fallback stays out of it."""
    try:
        a._not_event_sents.add(sent.start)
    except AttributeError:
        a._not_event_sents = {sent.start}


@lru_cache(maxsize=None)
def _construction_lemmas() -> frozenset:
    K = constructions()
    return frozenset(K["commitment_verbs"] | K["ruling_verbs"] | K["reduction_verbs"] | {"time"})


def apply(a, sent: Span, found: list) -> list:
    K = constructions()
    _ceasefire_agree(found, K)
    found = _reversals(found, K)
    found = _evaluations(sent, found, K)
    # one lemma per token for the sentence-level constructions below
    keys = _construction_lemmas()
    toks = [(t, lem) for t in sent if (lem := t.lemma_.lower()) in keys]
    if toks:
        found = _announced_commitments(toks, found, K)
        found = _court_rulings(toks, found, K)
        found = _time_to(toks, found)
        found = _trade_cuts(toks, found, K)
    _restrictions(found, K)
    _object_senses(found, K)
    found = [c for c in found if not c.extra.get("drop")]
    _crowd_protest(found)
    found = _not_events(a, sent, found, K)
    found.sort(key=lambda c: (c.first, c.last))
    return found
