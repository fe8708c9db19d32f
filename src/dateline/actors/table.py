"""The actor table: data files under `dateline/data/actors/`, read once per
process, so users extend actor resolution by editing TSV rows, not code."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
# Users' own alias tables (local militias, politicians): folders of *.tsv in the
# same columns as names/*.tsv, separated by os.pathsep; their rows win.
ENV = "DATELINE_ACTOR_TABLES"

_POSSESSIVE = re.compile(r"(?:['’‘`]s|s['’])$")


@dataclass(frozen=True)
class Row:
    canonical: str
    kind: str
    country: Optional[str]
    sector: Optional[str]
    wikidata: Optional[str] = None
    # dated roles "CODE:start:end;…" (CAMEO: USAGOV = country USA, sector GOV),
    # resolved by the story's date (role_at); country and sector above are the
    # role with no date or the latest one
    roles: Optional[str] = None

    def role_at(self, day: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """(country, sector) on an ISO day: a 2012 head of government is not GOV in 2025.
        A dated role holding that day wins (the latest-starting); else the undated
        role; else the country alone."""
        if not self.roles or not day:
            return self.country, self.sector
        dated, undated = [], []
        for spec in self.roles.split(";"):
            code, start, end = (spec.split(":") + ["", ""])[:3]
            if not start and not end:
                undated.append(code)
            elif (not start or start <= day) and (not end or day <= end):
                dated.append((start, code))
        code = max(dated)[1] if dated else (undated[-1] if undated else None)
        if code is None:
            return self.country, None
        return code[:3], code[3:6] or None


@dataclass
class Tables:
    names: dict[str, Row]           # alias (as written) -> row
    names_lower: dict[str, Row]     # lower-cased alias -> row, for resolve()
    demonyms: dict[str, str]        # "Israeli"/"Israelis" -> "ISR" ("" = no country)
    plural_demonyms: set[str]
    titles: dict[str, Optional[str]]  # lower-cased title -> sector
    title_words: set[str]           # every word of every title
    heads: dict[str, tuple[Optional[str], str]]  # lemma (or "rights group") -> (sector, kind)
    country_names: dict[str, str]   # ISO alpha-3 -> canonical country name


def _rows(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


def _opt(cols, i):
    return cols[i] if len(cols) > i and cols[i] else None


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es" if not word.endswith("ese") and not word.endswith("ss") else word
    return word + "s"


def load() -> Tables:
    """The tables for this process: shipped data plus $DATELINE_ACTOR_TABLES."""
    extra = tuple(p for p in os.environ.get(ENV, "").split(os.pathsep) if p)
    return _load(DATA, extra)


@functools.lru_cache(maxsize=None)
def _load(data: Path, extra: tuple[str, ...] = ()) -> Tables:
    names: dict[str, Row] = {}
    # pycountry first so the shipped aliases (and users' rows) override it.
    try:
        import pycountry

        for c in pycountry.countries:
            row = Row(getattr(c, "common_name", None) or c.name, "country", c.alpha_3, None)
            for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                if n and "," not in n:
                    names.setdefault(n, row)
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    shipped: list[Row] = []
    paths = sorted((data / "names").glob("*.tsv"))
    for folder in extra:
        paths += sorted(Path(folder).glob("*.tsv"))
    for path in paths:
        for cols in _rows(path):
            alias = cols[0]
            names[alias] = row = Row(_opt(cols, 1) or alias, _opt(cols, 2) or "other",
                                     _opt(cols, 3), _opt(cols, 4), _opt(cols, 5), _opt(cols, 6))
            shipped.append(row)
    # a dated CAMEO row for someone the hand tables know gives way to the hand row
    hand = {a: r for a, r in names.items() if not r.roles}
    for alias, row in list(names.items()):
        if row.roles and row.canonical in hand and hand[row.canonical].kind == row.kind:
            names[alias] = hand[row.canonical]
    demonyms: dict[str, str] = {}
    plural: set[str] = set()
    for cols in _rows(data / "demonyms.tsv"):
        demonyms[cols[0]] = _opt(cols, 1) or ""
    for d, c in list(demonyms.items()):
        if d[0].isupper() and not d.endswith(("ese", "ish", "ch", "s")) and "." not in d \
                and not d.isupper():
            p = _plural(d)
            demonyms.setdefault(p, c)
            plural.add(p)
    titles = {cols[0].lower(): _opt(cols, 1) for cols in _rows(data / "titles.tsv")}
    title_words = {w for t in titles for w in t.split()}
    # agent nouns from the CAMEO dictionaries (scripts/build_actors.py), then the
    # hand table, which wins on the same noun
    heads = {}
    if (data / "agents.tsv").exists():
        heads = {cols[0].lower(): (_opt(cols, 1), _opt(cols, 2) or "group")
                 for cols in _rows(data / "agents.tsv")}
    heads.update({cols[0].lower(): (_opt(cols, 1), _opt(cols, 2) or "group")
                  for cols in _rows(data / "heads.tsv")})
    names_lower = {}
    for alias, row in names.items():
        names_lower.setdefault(alias.lower(), row)
    country_names: dict[str, str] = {}
    # shipped rows win: "United States", not pycountry's "United States of America"
    for row in shipped + list(names.values()):
        if row.kind == "country" and row.country:
            country_names.setdefault(row.country, row.canonical)
    return Tables(names, names_lower, demonyms, plural, titles, title_words, heads, country_names)


def strip_name(name: str) -> str:
    """'the Palestinian Authority's' -> 'Palestinian Authority'."""
    name = _POSSESSIVE.sub("", name.strip())
    if name.lower().startswith("the "):
        name = name[4:]
    return name.strip()


def lookup(name: str) -> Optional[Row]:
    """The table row for a name as written (case-insensitive fallback)."""
    t = load()
    name = name.strip()
    row = t.names.get(name)
    if row is None:
        bare = strip_name(name)
        row = t.names.get(bare)
        if row is None and len(bare) > 4:  # short aliases (US, IS, WHO) only as written
            row = t.names_lower.get(bare.lower())
    return row


def resolve(name: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(country, sector, kind) for a name, demonym or title-prefixed name."""
    t = load()
    row = lookup(name)
    if row:
        return row.country, row.sector, row.kind
    bare = strip_name(name)
    if bare in t.demonyms:
        return (t.demonyms[bare] or None), None, ("group" if bare in t.plural_demonyms else "country")
    # "Israeli Prime Minister Benjamin Netanyahu", "Russian forces", "health ministry"
    words = [_POSSESSIVE.sub("", w) for w in bare.split()]
    country = sector = kind = None
    rest = []
    for i, w in enumerate(words):
        last = i == len(words) - 1
        row = None if last else lookup(w)
        if country is None and w in t.demonyms and not last:
            country = t.demonyms[w] or None
        elif country is None and row and row.kind in ("country", "location") and row.country:
            country = row.country  # "Gaza's health ministry"
        elif w.lower() in t.title_words and not rest and not last:
            sector = sector or t.titles.get(w.lower())
        else:
            rest.append(w)
    if country is None:
        # "United Nations High Commission for Refugees", "U.N. Human Rights Council":
        # a body named after an international organisation belongs to it
        for k in range(len(words) - 1, 0, -1):
            row = lookup(" ".join(words[:k]))
            if row and row.country == "IGO" and row.kind == "organization":
                return "IGO", sector or row.sector or "IGO", "organization"
    for i in range(len(words) - 1):
        two = f"{words[i]} {words[i + 1]}".lower()
        if two in t.titles and not sector:
            sector = t.titles[two]
    if rest:
        row = lookup(" ".join(rest))
        if row:
            return row.country or country, row.sector or sector, row.kind
        head = rest[-1].lower()
        for cand in (" ".join(w.lower() for w in rest[-3:]), " ".join(w.lower() for w in rest[-2:]),
                     head, head[:-1] if head.endswith("s") else head):
            if cand in t.heads:
                hs, hk = t.heads[cand]
                return country, sector or hs, hk
        if sector:
            kind = "person"
    elif sector:
        kind = "group"
    return country, sector, kind
