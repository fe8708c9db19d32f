"""Actors: entity mentions clustered within the document and resolved to
(country, sector, kind) through the actor table in `dateline/data/actors/`.

Choices:
- "Netanyahu's office" is a mention of Netanyahu: the office speaks for the
  person, as event coders (PLOVER/POLECAT) code "X's office said" as X. An
  administration or government ("the Trump administration") is its own
  organisation entity, because it acts as the state, not as the person.
- A singular demonym ("Israeli" strikes) is a mention of the country; a plural
  one ("Palestinians") is a group entity, the people, with the same country.
- Armed non-state groups (Hamas, Hezbollah, RSF) are sector REB, as in CAMEO.
"""

from __future__ import annotations

from typing import Optional

from ..attribution import text_of
from ..records import Entity, Span
from .mentions import Mention, find
from .table import Row, Tables, load, lookup, resolve, strip_name

__all__ = ["annotate", "resolve", "lookup"]

_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group",
         "LOC": "location", "FAC": "location"}


def annotate(a) -> list[Entity]:
    t = load()
    mentions = find(a, t)
    info = []
    for m in mentions:
        if m.owner is not None:  # "Netanyahu's office" is a mention of Netanyahu
            d = _describe(a, t, m.owner)
            d.update(text=text_of(a)[m.cstart:m.cend], proper=False)
        else:
            d = _describe(a, t, m)
        info.append(d)
    _merge_surnames(info)
    _surname_mentions(a, mentions, info)
    order: dict = {}
    for m, i in sorted(zip(mentions, info), key=lambda mi: mi[0].cstart):
        order.setdefault(i["key"], []).append((m, i))
    entities = []
    for n, (key, group) in enumerate(order.items(), 1):
        eid = f"e{n}"
        entities.append(_entity(eid, key, group, t))
        for m, _ in group:
            for ti in range(m.start, m.end):
                a.entity_at[ti] = eid
    return entities


def _describe(a, t: Tables, m: Mention) -> dict:
    """Key, name and attributes of one mention before clustering."""
    doc = a.doc
    text = text_of(a)[m.cstart:m.cend]
    d = {"text": text, "row": None, "country": m.country, "sector": m.sector,
         "kind": m.kind, "name": strip_name(text), "proper": m.label != "PHRASE"}
    if m.label == "PHRASE":
        d["key"] = ("phrase", strip_name(text).lower().replace("’", "'"))
        return d
    # strip the title/nationality prefix: "Israeli Prime Minister Benjamin Netanyahu"
    i = m.start
    person = m.label == "TABLE" or doc[m.end - 1].ent_type_ == "PERSON"
    while person and i < m.end - 1:
        tok = doc[i]
        if tok.lower_ in t.title_words:
            d["sector"] = d["sector"] or _title_sector(t, doc, i, m.end)
        elif tok.text in t.demonyms or (tok.text in t.names and t.names[tok.text].kind == "country"):
            iso = t.demonyms[tok.text] if tok.text in t.demonyms else t.names[tok.text].country
            d["country"] = d["country"] or iso or None
        else:
            break
        i += 1
    core = text_of(a)[max(doc[i].idx, m.cstart):m.cend] if i > m.start else text
    d["name"] = strip_name(core)
    row = lookup(core) or lookup(text)
    bare = strip_name(core)
    if m.label in ("DEMONYM", "NORP") and bare in t.demonyms and not row:
        iso = t.demonyms[bare] or None
        if bare in t.plural_demonyms:
            d.update(key=("people", iso or bare), kind="group", country=iso)
        else:
            d.update(key=("country", iso or bare), kind="country", country=iso,
                     name=t.country_names.get(iso, bare), proper=False)
        return d
    if row:
        d["row"] = row
        d.update(kind=row.kind, country=row.country or d["country"],
                 sector=row.sector or d["sector"])
        if row.kind == "country" and row.country:
            d.update(key=("country", row.country), name=t.country_names.get(row.country, row.canonical))
        else:
            d.update(key=("row", row.canonical), name=row.canonical)
        return d
    kind = _KIND.get(m.label, "other")
    if m.label == "GPE":
        kind = "location"
    d["kind"] = kind
    if kind == "person":
        d["key"] = ("person", d["name"])
    else:
        d["key"] = ("text", d["name"].lower())
    if d["country"] is None and d["sector"] is None and kind != "person":
        c, s, k = resolve(text)
        d.update(country=c, sector=s)
    return d


def _title_sector(t: Tables, doc, i: int, end: int) -> Optional[str]:
    for n in (3, 2, 1):
        words = " ".join(w.lower_ for w in doc[i:min(i + n, end)])
        if words in t.titles:
            return t.titles[words]
    return None


def _surname(name: str) -> str:
    last = name.split()[-1]
    for p in ("al-", "el-", "Al-", "El-"):
        if last.startswith(p) and len(last) > len(p) + 2:
            return last[len(p):]
    return last


def _merge_surnames(info: list[dict]) -> None:
    """'Netanyahu' joins 'Benjamin Netanyahu', 'Bashir' joins 'Omar al-Bashir' and
    'Abdel Bari' joins 'Naser Eldin Abdel Bari' when only one person fits."""
    longer: dict = {}
    for i in info:
        if i["kind"] == "person" and len(i["name"].split()) > 1:
            longer.setdefault(i["key"], i["name"].split())
    for i in info:
        words = i["name"].split()
        if not words or len(words) > 2 or i["key"][0] in ("country", "people", "phrase"):
            continue
        if i["key"][0] == "row" and i["row"] and i["row"].kind != "person":
            continue
        if i["kind"] != "person" and (i["key"][0] != "text" or len(words) > 1):
            continue
        cands = {k for k, full in longer.items() if k != i["key"] and len(full) > len(words) and (
            full[-len(words):] == words
            or (len(words) == 1 and _surname(" ".join(full)) == words[0]))}
        if len(cands) == 1:
            i["key"] = next(iter(cands))
            i["kind"] = "person"


def _surname_mentions(a, mentions: list[Mention], info: list[dict]) -> None:
    """A known person's surname the NER missed ('Sastre added') is still theirs."""
    by_last: dict[str, Optional[dict]] = {}
    for i in info:
        if i["kind"] == "person" and len(i["name"].split()) > 1:
            for last in {i["name"].split()[-1], _surname(i["name"])}:
                seen = by_last.get(last, i)
                by_last[last] = i if seen is not None and seen["key"] == i["key"] else None
    if not by_last:
        return
    covered = {k for m in mentions for k in range(m.start, m.end)}
    text = text_of(a)
    doc = a.doc
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or by_last.get(tok.text) is None:
            continue
        nb = [doc[k] for k in (tok.i - 1, tok.i + 1) if 0 <= k < len(doc)]
        if any(x.pos_ == "PROPN" and x.i not in covered for x in nb):
            continue  # part of another name ("Maria Sastre Lopez")
        if a.in_boilerplate(tok.idx):
            continue
        src = by_last[tok.text]
        mentions.append(Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), "PERSON"))
        info.append(dict(src, text=text[tok.idx:tok.idx + len(tok.text)], proper=True,
                         name=tok.text))


def _entity(eid: str, key, group: list[tuple[Mention, dict]], t: Tables) -> Entity:
    infos = [i for _, i in group]
    row: Optional[Row] = next((i["row"] for i in infos if i["row"]), None)

    def first(f):
        return next((i[f] for i in infos if i[f]), None)

    kind = (row.kind if row else None) or first("kind") or "other"
    if key[0] == "country":
        name = t.country_names.get(key[1]) or max((i["name"] for i in infos), key=len)
    elif row:
        name = row.canonical
    else:
        proper = [i["name"] for i in infos if i["proper"]] or [i["name"] for i in infos]
        name = max(proper, key=len)
    kb = {"wikidata": row.wikidata} if row and row.wikidata else {}
    mentions = [Span(m.cstart, m.cend, i["text"]) for m, i in group]
    return Entity(id=eid, name=name, kind=kind,
                  country=(row.country if row and row.country else first("country")),
                  sector=(row.sector if row and row.sector else first("sector")),
                  kb=kb, mentions=mentions)
