"""Status and factuality of an event mention, from the clause around its trigger.

Two layers. The cue layer reads the embedding chain (below) and proposes a
status by rule. The factuality layer is a small logistic model
(`data/plover/status_model.json`, trained by scripts/build_status_model.py on
UW factuality train and MEANTIME apple) over those cues plus the
MegaVeridicality signature of the embedding verb (`data/plover/veridicality.tsv`);
it decides certain / uncertain / negated, and the cues then split certain into
happened, ongoing and planned. Pure Python at run time.

Cues are read from the dependency path above the trigger (negation, modal and
future auxiliaries, conditionals, the verbs and nouns that embed it, hedges),
not from the sentence at large, so "X said it would attack" makes the attack
hypothetical but leaves X's statement happened. Usable on any token (the
MEANTIME evaluation classifies gold event mentions with it).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from spacy.tokens import Token

from ..records import Factuality
from .lexicon import cues, plover_dir

EMBED_DEPS = {"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "dobj", "nsubj",
              "nsubjpass", "attr", "appos", "oprd", "prep", "amod", "compound", "npadvmod", "dep"}


def _clause_verb(t: Token) -> Token:
    """The verb whose tense and modality a (possibly nominal) trigger takes."""
    if t.pos_ in ("VERB", "AUX"):
        return t
    if t.pos_ == "ADJ" and t.dep_ in ("acomp", "oprd") and t.head.pos_ in ("VERB", "AUX"):
        return t.head  # "will be available"
    for ch in t.children:  # "a deal struck between ...", "the deal, signed in January"
        if ch.dep_ == "acl" and ch.tag_ in ("VBN", "VBD") and ch.lower_ not in cues()["plan_acl"]:
            return ch
    x = t
    for _ in range(3):
        if x.dep_ == "conj":
            x = x.head
            continue
        if x.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") and x.head.pos_ in ("VERB", "AUX"):
            return x.head
        if x.dep_ == "pobj" and x.head.dep_ == "prep" and x.head.head.pos_ in ("VERB", "AUX"):
            return x.head.head
        break
    return t


def _aux(v: Token) -> list[Token]:
    return [c for c in v.children if c.dep_ in ("aux", "auxpass")]


def _has_neg(v: Token) -> bool:
    """'not', 'never', or a negative subject ('No country has recognized ...')."""
    for c in v.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in cues()["status_negative_subjects"]
                or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    return False


def _is_if_clause(v: Token) -> bool:
    """An advcl opened by if/unless with a finite verb ('if compared to ...' is a comparison)."""
    marks = cues()["conditional_marks"]
    if v.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in marks for c in v.children):
        return False
    subjectless = v.tag_ in ("VBN", "VBG") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in v.children)
    return not (subjectless and v.lemma_.lower() in cues()["set_if_phrases"])


def _cond(v: Token) -> bool:
    if _is_if_clause(v):
        return True  # inside the if-clause
    # The main clause of a conditional is itself conditional when it is modal or
    # future ("will be the first … if it proceeds", "would retaliate if …"); a
    # present or past main clause is a fact ("is threatening retaliation if hit").
    if not any(_is_if_clause(c) for c in v.children):
        return False
    return any(x.tag_ == "MD" for x in _aux(v)) or v.tag_ in ("VB", "MD")


class _Cues:
    def __init__(self):
        self.neg = False
        self.future = False
        self.hypo = False
        self.probable = False
        self.cond = False
        self.ongoing = False
        self.unconfirmed = False
        self.tense = "none"
        self.would = False
        self.reported = False
        self.ongoing_cue = False
        self.governor = None


def _local(v: Token, c: _Cues, top: bool, neg: bool = True):
    C = cues()
    if neg and _has_neg(v):
        c.neg = not c.neg
    for x in _aux(v):
        lem = x.lower_
        if lem in C["future_aux"] or x.lemma_.lower() in C["future_aux"]:
            c.future = True
        elif lem in C["hypothetical_aux"] or x.lemma_.lower() in C["hypothetical_aux"]:
            if lem in ("can", "ca"):
                pass  # ability ("150 hours can be stored") is not uncertainty
            elif lem in ("should", "must", "ought"):
                c.probable = True
                c.hypo = True
            elif lem == "would" or x.lemma_.lower() == "would":
                c.would = True
            else:
                c.hypo = True
    if _cond(v):
        c.cond = True
    for ch in v.children:
        if ch.dep_ in ("advmod", "acomp") and ch.lower_ in C["hedge_words"]:
            c.probable = True
    if top and c.tense == "none":
        tags = {v.tag_} | {x.tag_ for x in _aux(v)}
        if c.future or "MD" in tags and any(x.lower_ in C["future_aux"] for x in _aux(v)):
            c.tense = "future"
        elif tags & {"VBD"} or (v.tag_ == "VBN" and any(x.lemma_ == "have" for x in _aux(v))):
            c.tense = "past"
        elif tags & {"VBZ", "VBP", "VBG"}:
            c.tense = "present"
            if v.tag_ == "VBG" and any(x.lemma_ == "be" for x in _aux(v)) and not any(x.tag_ == "VBD" for x in _aux(v)):
                c.ongoing = True
            if any(x.lower_ == "being" for x in _aux(v)) and not any(x.tag_ == "VBD" for x in _aux(v)):
                c.ongoing = True  # "a ceasefire is being observed"
        elif v.tag_ == "VBN" and any(x.tag_ in ("VBZ", "VBP") for x in _aux(v)):
            c.tense = "present"  # "is being observed"/"is held"


def _to_inf(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _collect(t: Token) -> _Cues:
    C = cues()
    c = _Cues()
    v = _clause_verb(t)
    # noun-internal cues: "no agreement", "the planned/proposed/expected X", "upcoming talks"
    if t.pos_ in ("NOUN", "PROPN"):
        for ch in t.children:
            if ch.dep_ == "det" and ch.lower_ == "no":
                c.neg = True
            if ch.dep_ in ("amod", "compound", "acl", "nmod") and ch.lower_ in C["future_words"]:
                c.future = True
            if ch.dep_ in ("amod", "acl") and ch.lower_ in C["hedge_words"]:
                c.probable = ch.lower_ not in ("planned", "proposed", "scheduled")
                if ch.lower_ in ("expected", "planned", "proposed", "scheduled"):
                    c.future = True
            if ch.dep_ == "acl" and (ch.lower_ in C["plan_acl"] or _to_inf(ch) and t.lemma_.lower() not in C["plan_nouns"] | C["content_holders"]
                                     and (any(x.dep_ == "auxpass" for x in ch.children) or ch.lemma_ in ("take", "happen", "occur", "begin", "start", "open"))):  # "an event to be held", "set to take place"
                c.future = True
        if t.dep_ == "dobj" and v.i != t.i and v.lemma_.lower() in C["negation_verbs"] - {"reject", "deny", "block"}:
            c.neg = True  # "prevent a collapse", "postponed the talks"
        if t.dep_ == "dobj" and v.i != t.i and v.lemma_.lower() in C["content_verbs"]:
            subj = next((x for x in v.children if x.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in ("that", "which") and v.dep_ == "relcl":
                subj = v.head  # "a plan that includes plant closures"
            if subj is not None and subj.lemma_.lower() in C["content_holders"]:
                c.future = True  # "the deal includes the release of hostages"
        if v.i != t.i and t.dep_ in ("dobj",) and v.lemma_.lower() in ("plan", "schedule", "propose", "prepare", "consider", "seek", "want",
                                                                      "announce", "unveil", "outline", "present") \
                and not (v.lemma_.lower() in ("announce", "unveil", "outline", "present") and t.lemma_.lower() in C["plan_nouns"]):
            c.future = True  # "announced 13,000 job cuts": an announced measure is still to come
            if v.lemma_.lower() in ("seek", "want", "consider", "hope"):
                c.probable = True  # "seeks bankruptcy protection": wanted, not certain

        if v.i != t.i and t.dep_ in ("nsubj", "nsubjpass") and v.lemma_.lower() in ("set", "schedule", "expect", "due", "plan", "slate"):
            if any(ch.dep_ == "xcomp" for ch in v.children) or v.lemma_.lower() in ("schedule", "plan", "slate"):
                c.future = True
    first = t
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "9,000 jobs ..., 2,000 production jobs": the first conjunct's role
    if v.i != t.i and first.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and not c.future \
            and v.lemma_.lower() not in C["light_verbs"]:
        # a noun keeps its own time: "jobs will be cut" does not make the jobs future
        probe = _Cues()
        _local(v, probe, True)
        # "did not comment on the situation" does not negate the situation
        c.cond, c.tense, c.ongoing = probe.cond, probe.tense, probe.ongoing
        c.would = probe.would and t.dep_ != "dobj"
        if probe.future and (v.lemma_.lower() in C["plan_verbs"] | {"announce", "propose", "unveil", "outline"}
                             or t.dep_ == "nsubj"):
            c.future = True  # "the change will occur"; but "jobs will be cut" leaves the jobs alone
        if _to_inf(v) and v.dep_ in ("acl", "advcl", "relcl", "ROOT"):
            c.future = True  # "negotiations to arrange the deal"
        c.hypo = c.hypo or probe.hypo
        return _finish(t, c)
    _local(v, c, True)
    if v.lemma_.lower() in C["ongoing_verbs"] and v.tag_ in ("VBZ", "VBP") and t.i != v.i:
        c.ongoing = True  # "as negotiations continue"
    first_to = v.dep_ in ("acl", "relcl") and any(x.lower_ in ("first", "last", "only") or x.tag_ == "JJS"
                                                  for x in v.head.children if x.dep_ == "amod")
    done_by_governor = (v.dep_ == "advcl" and v.lemma_.lower() in C["purpose_realised_verbs"]
                        and v.head.tag_ == "VBD" and v.head.lemma_.lower() not in C["motion_verbs"])
    if _to_inf(v) and not first_to and not done_by_governor and (
            v.dep_ in ("ROOT", "acl", "relcl", "advcl") or v.head.lemma_ == "be" and v.dep_ == "xcomp"):
        c.future = True  # headline "X to sell Y", "a plan to X", "is to be held"
    x = v
    for _ in range(8):
        dep, gov = x.dep_, x.head
        if gov.i == x.i:
            break
        if dep in ("prep", "pcomp", "pobj") or gov.pos_ == "ADP":
            x = gov
            continue
        glem = gov.lemma_.lower()
        if dep == "acomp" and gov.pos_ in ("AUX", "VERB"):  # "will be able to set"
            _local(gov, c, False)
            x = gov
            continue
        embedded = dep in ("xcomp", "ccomp") or (dep in ("advcl", "acl") and _to_inf(x))
        if embedded:
            if glem in C["negation_verbs"] and dep != "advcl":
                c.neg = True
                break
            if dep == "ccomp" and glem in C["reporting_verbs"]:
                c.reported = True
                break
            if gov.pos_ in ("NOUN", "PROPN"):
                if glem in C["plan_nouns"]:
                    c.future = True
                    if glem in ("possibility", "prospect", "chance", "risk", "fear", "hope"):
                        c.hypo = True
                break
            if glem in ("likely", "unlikely", "possible"):
                c.probable = True
            if dep == "xcomp" and glem in C["reporting_verbs"] | {"rumor", "rumour", "allege", "suppose"} and any(
                    x2.dep_ == "auxpass" for x2 in gov.children):
                c.probable = True  # "is said to be", "is claimed to be"
            if glem in C["hedge_verbs"]:
                c.probable = True
            if glem in C["plan_verbs"] and glem not in C["realising_verbs"] and (dep == "xcomp" or _to_inf(x)):
                c.future = True
            if glem == "be" and _to_inf(x):
                c.future = True
            if dep == "xcomp" and _has_neg(gov):
                c.neg = not c.neg
            _local(gov, c, False, neg=False)
            x = gov
            continue
        if dep == "conj":
            if x.pos_ in ("NOUN", "PROPN") and gov.pos_ in ("VERB", "AUX"):
                break  # a noun coordinated with a verb (a mis-parse) keeps its own time
            if not _aux(x):
                _local(gov, c, c.tense == "none")
                if _to_inf(gov) and gov.dep_ in ("acl", "advcl", "relcl", "ROOT"):
                    c.future = True
            x = gov
            continue
        break
    if not c.cond:  # an if-clause on any clause above: "If it proceeds, N. will be the first ... to visit"
        y = x
        while y.head.i != y.i:
            if _is_if_clause(y):
                c.cond = True
                break
            y = y.head
            if _cond(y):
                c.cond = True
                break
    return _finish(t, c)


def _finish(t: Token, c: _Cues) -> _Cues:
    low = t.sent.text.lower()
    if any(p in low for p in cues()["unconfirmed_phrases"]):
        c.unconfirmed = True
    _ongoing(t, c)
    _noun_governor(t, c)
    return c


def _present(v: Token) -> bool:
    tags = {v.tag_} | {x.tag_ for x in _aux(v)}
    return bool(tags & {"VBZ", "VBP"}) and not tags & {"VBD", "MD"}


def _ongoing(t: Token, c: _Cues) -> None:
    """Ongoing from aspect and adverbs, on the trigger's clause and the verbs above
    it: "remain under sanctions", "continue to fight", "still in force", "has been
    held since March"."""
    C = cues()
    v = _clause_verb(t)
    chain = [v]
    x = v
    for _ in range(3):  # "continue to fight": the aspectual verb governing the trigger
        if x.dep_ in ("xcomp", "acomp") and x.head.i != x.i:
            x = x.head
            chain.append(x)
        else:
            break
    for y in chain:
        if y.pos_ not in ("VERB", "AUX"):
            continue
        if y.lemma_.lower() in C["status_ongoing_verbs"] and _present(y) and (y.i != t.i or t.pos_ != "VERB"):
            c.ongoing_cue = True
        perfect = any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in _aux(y))
        if _present(y) and not perfect and any(ch.dep_ == "advmod" and ch.lower_ in C["status_ongoing_adverbs"]
                                               for ch in y.children):
            c.ongoing_cue = True  # "is still in force"; "has already seen" is done
        if perfect and any(ch.lower_ == "since" and ch.dep_ in ("prep", "mark", "advmod") for ch in y.children):
            c.ongoing_cue = True
    if t.pos_ == "NOUN" and t.dep_ == "pobj" and _present(t.head.head):
        from .detect import copular_state

        if copular_state(t):
            c.ongoing_cue = True  # "is on trial", "are in jail": a state that holds now
    if c.ongoing_cue and not (c.neg or c.future or c.cond or c.hypo or c.probable):
        c.ongoing = True


def _noun_governor(t: Token, c: _Cues) -> None:
    """A noun trigger under a noun that lends it a status: "the prospect of renewed
    ties", "risk of war", "plans for talks"."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return
    gov = cues()["status_noun_governors"]
    x = t
    for _ in range(3):
        if x.dep_ == "conj":
            x = x.head
            continue
        if x.dep_ == "pobj" and x.head.dep_ == "prep" and x.head.lower_ in ("of", "for", "to", "on"):
            h = x.head.head
            lend = gov.get(h.lower_) if h.pos_ in ("NOUN", "PROPN") else None
            if lend == "planned":
                c.future = True
            elif lend == "hypothetical":
                c.future, c.hypo = True, True
            if lend:
                c.governor = h.lower_
            return
        return


@lru_cache(maxsize=None)
def veridicality() -> dict:
    """verb lemma -> {frame: normalised veridicality in [-1, 1]} (MegaVeridicality)."""
    out: dict = {}
    path = plover_dir() / "veridicality.tsv"
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        verb, frame, value = line.split("\t")
        out.setdefault(verb, {})[frame] = float(value)
    return out


@lru_cache(maxsize=None)
def model() -> dict:
    path = plover_dir() / "status_model.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _embedder(t: Token):
    """(governing verb, frame) of the nearest clause-embedding verb above the trigger:
    'that' for a finite complement, 'to' for an infinitive, 'np_to' with an object,
    passive frames as 'was_that' / 'was_to'; (None, None) when there is none."""
    x = _clause_verb(t)
    for _ in range(6):
        dep, gov = x.dep_, x.head
        if gov.i == x.i:
            return None, None
        if dep in ("prep", "pcomp", "pobj", "conj") and gov.pos_ != "VERB" or dep in ("pcomp", "pobj"):
            x = gov
            continue
        if dep in ("xcomp", "ccomp") and gov.pos_ in ("VERB", "AUX", "ADJ"):
            passive = any(c.dep_ == "auxpass" for c in gov.children)
            if dep == "ccomp":
                return gov, "was_that" if passive else "that"
            if any(c.dep_ == "dobj" for c in gov.children):
                return gov, "np_to"
            return gov, "was_to" if passive else "to"
        if dep == "prep" and gov.pos_ == "VERB":  # "accused X of leaving"
            return gov, "np_to"
        return None, None
    return None, None


MODALS = ("could", "might", "may", "should", "must", "can", "would", "will")


def features(t: Token, c: "_Cues" = None, rule: str = None) -> dict:
    """Cue features of the trigger for the factuality model (names are the model's)."""
    if c is None:
        c = _collect(t)
    if rule is None:
        rule = _rule_status(c)
    f = {f"rule_{rule}": 1.0}
    for name in ("neg", "future", "hypo", "probable", "cond", "would", "reported", "unconfirmed", "ongoing_cue"):
        if getattr(c, name):
            f[f"cue_{name}"] = 1.0
    f[f"tense_{c.tense}"] = 1.0
    v = _clause_verb(t)
    for x in _aux(v):
        low = "would" if x.lower_ == "'d" else "can" if x.lower_ == "ca" else "will" if x.lower_ in ("'ll", "wo") else x.lower_
        if low in MODALS:
            f[f"modal_{low}"] = 1.0
    f[f"pos_{t.pos_.lower()}"] = 1.0
    gov, frame = _embedder(t)
    if gov is not None:
        f["emb"] = 1.0
        f[f"emb_{frame}"] = 1.0
        sig = veridicality().get(gov.lemma_.lower())
        if sig is None:
            f["emb_unknown"] = 1.0
        else:
            val = sig.get(frame, sig.get("that", sig.get("to", 0.0)))
            f["emb_ver"] = val
            f["emb_nonver"] = 1.0 if val < 0 else 0.0
        if _has_neg(gov):
            f["emb_negated"] = 1.0
    if c.governor:
        f["noun_governor"] = 1.0
    if t.sent.text.rstrip().endswith("?"):
        f["question"] = 1.0
    if any(ch.dep_ == "mark" and ch.lower_ in ("whether", "if") for ch in v.children):
        f["whether"] = 1.0
    return f


def _rule_status(c: "_Cues") -> str:
    if c.neg:
        return "negated"
    if c.cond or c.probable or c.hypo:
        return "hypothetical"
    if c.future:
        return "planned"
    if c.ongoing:
        return "ongoing"
    return "happened"


RULE_CLASS = {"happened": "certain", "ongoing": "certain", "planned": "certain",
              "hypothetical": "uncertain", "negated": "negated"}


def scores(f: dict) -> dict:
    """The logistic model's score (logit) per class, or {} without a model."""
    m = model()
    return {cls: m["intercept"][k] + sum(m["coef"][k].get(name, 0.0) * val for name, val in f.items())
            for k, cls in enumerate(m.get("classes", []))}


def factuality_class(f: dict, rule: str = None) -> str:
    """certain | uncertain | negated by the logistic model, or None without one.

    With `rule`, the model overrides the cue rule's class only when its score beats
    the rule class's by the model's `override_margin` (chosen by
    scripts/build_status_model.py on the tune data)."""
    s = scores(f)
    if not s:
        return None
    best = max(s, key=s.get)
    if rule is None:
        return best
    mine = RULE_CLASS[rule]
    return best if s[best] - s[mine] > model().get("override_margin", 0.0) else mine


def classify(a, token: Token, when=None) -> tuple[str, Factuality]:
    """(status, factuality) for the event whose trigger is `token`.

    `when` (a records.When) lets an explicit date after publication mark the
    event as planned even without a future auxiliary.
    """
    c = _collect(token)
    _would(c)
    if c.future is False and when is not None and a is not None and a.published and when.basis == "explicit" and when.start:
        try:
            if when.start > a.published.isoformat():
                c.future = True
        except TypeError:
            pass
    rule = _rule_status(c)
    fact = factuality_class(features(token, c, rule), rule)
    if fact == "negated":
        c.neg = True
    elif fact == "uncertain" and rule in ("happened", "ongoing", "planned"):
        c.hypo, c.probable = True, True
    elif fact == "certain" and rule in ("negated", "hypothetical"):
        c.neg = c.cond = c.hypo = c.probable = False
    return _decide(c)


def _would(c: "_Cues") -> None:
    if c.would:  # "said it would cut": future in the past; otherwise counterfactual
        if c.reported and not c.cond:
            c.future = True
        else:
            c.hypo = True


def rule_features(token: Token) -> tuple[str, dict]:
    """(rule status, features) as classify sees them: the training script's input."""
    c = _collect(token)
    _would(c)
    rule = _rule_status(c)
    return rule, features(token, c, rule)


def _decide(c: "_Cues") -> tuple[str, Factuality]:
    certainty = "certain"
    if c.cond or (c.hypo and not c.future):
        certainty = "possible"
    elif c.probable or c.hypo:
        certainty = "probable"
    elif c.unconfirmed and c.future:
        certainty = "possible"
    tense = "future" if c.future else c.tense
    polarity = "negative" if c.neg else "positive"
    if c.neg:
        status = "negated"
    elif c.cond or c.probable or c.hypo:
        # MEANTIME's reading, which Dateline follows: a probable or possible
        # event ("is expected to", "likely", "wants to", "could") is hypothetical
        # even when it lies in the future; planned means certain and future.
        status = "hypothetical"
    elif c.future:
        status = "planned"
    elif c.ongoing:
        status = "ongoing"
    else:
        status = "happened"
    if tense == "none" and status == "happened":
        tense = "past"
    return status, Factuality(polarity=polarity, certainty=certainty, tense=tense)
