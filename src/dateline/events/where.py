"""Where an event happened, read from its clause, else its sentence, else the story.

1. explicit: a place the clause ties to the event: a locative preposition on
   the trigger, its light verb or the clause verb of a nominal trigger ("attack
   in Gaza", "meet ... at the White House", "in the southwestern province of
   Balochistan", "near the border town of Chaman"), the place object of a
   visit or an attack ("stormed the Capitol"), "a visit to Beijing";
2. sentence: a place another locative phrase of the same sentence names;
3. scene: the story's dateline city, else the country its places name most
   (places.scene) - an inference, and marked so.
Names are resolved by `dateline.places` (alias table, then the gazetteer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from .. import places as places_mod
from ..places import country_code, resolve  # noqa: F401  (re-exported)
from ..records import Location
from .lexicon import cues

if TYPE_CHECKING:
    from ..annotated import Annotated

_cities = places_mod.gazetteer  # noqa: E305  (warm-up hook used by evaluate.voa_labels)

LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "along",
            "off", "within", "through"}
MOVES_TO = {"visit", "trip", "travel", "journey", "tour", "deploy", "send", "fly", "arrive",
            "return", "go", "come", "move", "head", "deployment", "mission", "march", "sail"}
FROM_VERBS = {"withdraw", "retreat", "pull", "expel", "deport", "evacuate", "flee"}
TAKES_PLACE = {"visit", "tour", "enter", "storm", "raid", "attack", "bomb", "shell", "strike",
               "hit", "invade", "seize", "capture", "occupy", "besiege", "overrun"}


# entity labels that are never a place, whatever the gazetteer holds ("March", "mid")
NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _place_phrase(a: "Annotated", pobj: Token) -> Optional[tuple[Token, str, dict]]:
    """The resolved place a noun phrase names: 'the White House', 'Gaza',
    'the southwestern province of Balochistan', 'the border town of Chaman'."""
    doc = pobj.doc
    if pobj.ent_type_ in places_mod.PLACE_LABELS:
        ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
        if ent is not None:
            r = resolve(ent.text)
            if r and r.get("country"):
                return pobj, ent.text, r
    if pobj.pos_ == "PROPN" and pobj.text[:1].isupper() and pobj.ent_type_ not in NOT_PLACES:
        left = [c for c in pobj.lefts if c.dep_ == "compound"]
        span = doc[(left[0].i if left else pobj.i): pobj.i + 1].text
        for name in (span, pobj.text):
            r = resolve(name)
            if r and r.get("country"):
                return pobj, name, r
    elif pobj.lemma_.lower() in places_mod.GENERIC or pobj.lower_ in places_mod.aliases():
        r = places_mod.aliases().get(pobj.lower_)
        if r:
            return pobj, pobj.text, dict(r)
        for c in pobj.children:  # "the province of Helmand", "the town of Chaman"
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return _place_phrase(a, g)
        for c in pobj.children:  # "the capital, Kabul"
            if c.dep_ == "appos":
                return _place_phrase(a, c)
    else:  # "the Capitol", "the Kremlin" as common nouns
        r = places_mod.aliases().get(pobj.lower_)
        if r:
            return pobj, pobj.text, dict(r)
    return None


def _actor(a: "Annotated", tok: Token) -> bool:
    """A token inside a mention of a person, organisation or group."""
    eid = a.entity_at.get(tok.i)
    if eid is None:
        return tok.ent_type_ in ("PERSON", "ORG")
    e = next((x for x in a.entities if x.id == eid), None)
    return e is not None and (e.kind in ("person", "organization")
                              or (e.kind == "group" and e.sector is not None))


def _holders(h: Token, support: Optional[Token]) -> list[Token]:
    out = [h]
    if support is not None:
        out.append(support)
    if h.pos_ == "NOUN" and h.head.pos_ == "VERB" and h.dep_ in ("nsubj", "nsubjpass", "dobj"):
        out.append(h.head)
    if h.pos_ == "VERB":  # "raided a village near the border town of Chaman"
        out += [c for c in h.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    for ch in h.children:  # "the visit, set to take place at ..."
        if ch.dep_ in ("acl", "relcl"):
            out.append(ch)
            out += [g for g in ch.children if g.dep_ == "xcomp"]
    return out


def _location(a: "Annotated", tok: Token, name: str, r: dict, basis: str) -> Location:
    return Location(name=name, entity=a.entity_at.get(tok.i), country=r["country"],
                    lat=r.get("lat"), lon=r.get("lon"), geonames=r.get("geonames"),
                    precision=r.get("precision") or "unknown", basis=basis)


def _prep_places(a: "Annotated", holder: Token, lemma: str):
    preps = cues()["place_preps"] | LOCATIVE
    for ch in holder.children:
        if ch.dep_ != "prep":
            continue
        p = ch.lower_
        if p not in preps and not (p == "to" and lemma in MOVES_TO):
            continue
        for pobj in ch.children:
            if pobj.dep_ != "pobj":
                continue
            found = _place_phrase(a, pobj)
            if not found:
                continue
            tok, name, r = found
            if p in ("on", "into") and tok.ent_type_ != "FAC" and r.get("precision") != "site":
                continue  # "attack on Israel" is a target, not a place
            if p == "from" and lemma not in FROM_VERBS:
                continue
            yield found


def clause_place(a: "Annotated", h: Token, support: Optional[Token] = None) -> Optional[Location]:
    """The place the event's own clause names, or None."""
    if h.pos_ == "NOUN":  # "the upcoming White House meeting", "the Bouake attack"
        comp = [c for c in h.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
        if comp and _actor(a, comp[-1]) and places_mod.normalise(
                h.doc[comp[0].left_edge.i: h.i].text) not in places_mod.aliases():
            comp = []  # "the Hamas attack": who, not where ("White House meeting": where)
        if comp:
            span = h.doc[comp[0].left_edge.i: h.i]
            r = resolve(span.text)
            if r and r.get("country") and r.get("precision") != "country":
                return _location(a, span[-1], span.text, r, "explicit")
    lemma = h.lemma_.lower()
    if h.pos_ == "VERB" and lemma in TAKES_PLACE:
        for ch in h.children:  # "to visit the White House", "stormed the Capitol"
            if ch.dep_ == "dobj":
                found = _place_phrase(a, ch)
                if found and (lemma == "visit" or found[2].get("precision") != "country"
                              or ch.ent_type_ in ("FAC", "LOC")):
                    return _location(a, *found, "explicit")
    for holder in _holders(h, support):
        for found in _prep_places(a, holder, holder.lemma_.lower()):
            return _location(a, *found, "explicit")
    return None


def sentence_place(a: "Annotated", h: Token) -> Optional[Location]:
    """A place another locative phrase of the trigger's sentence names."""
    sent = h.sent
    best = None
    for tok in sent:
        if tok.dep_ != "prep" or tok.lower_ not in LOCATIVE:
            continue
        for pobj in tok.children:
            if pobj.dep_ == "pobj":
                found = _place_phrase(a, pobj)
                if found and (best is None or abs(found[0].i - h.i) < abs(best[0].i - h.i)):
                    best = found
    return _location(a, *best, "sentence") if best else None


def locate(a: "Annotated", h: Token, support: Optional[Token] = None) -> Optional[Location]:
    loc = clause_place(a, h, support) or sentence_place(a, h)
    if loc is not None:
        return loc
    sc = places_mod.scene(a)
    if sc is None:
        return None
    return Location(name=sc["name"], country=sc["country"], lat=sc.get("lat"), lon=sc.get("lon"),
                    geonames=sc.get("geonames"), precision=sc.get("precision") or "unknown",
                    basis="scene")
