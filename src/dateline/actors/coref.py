"""Light coreference within one document: a pronoun (he, she, they, it) or a
definite description ("the group", "the ministry") -> the nearest compatible
earlier entity.

Compatible: he/she -> a person; it -> an organisation or a country; they ->
a group, an organisation or a country (a plural noun phrase first); "the
ministry" -> an entity whose name ends in that head noun, "the group" -> a
non-state group or organisation. Nearest: the latest sentence (this one, or up
to WINDOW before it) holding a candidate; inside it a subject is preferred,
else the closest mention before the pronoun. A rule of thumb (Hobbs-like
recency plus subject preference), not a learned model; rerun
`bench/voa_events.py` (actor present) after changing WINDOW.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

if TYPE_CHECKING:
    from ..annotated import Annotated

WINDOW = 3  # sentences looked back, besides the pronoun's own (a title: the whole story)
PERSONAL = {"he", "she", "him", "his", "her", "himself", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "themselves"}
PRONOUNS = PERSONAL | NEUTER | PLURAL
# definite descriptions that refer back to a named group or organisation
GROUP_NOUNS = {"group", "organization", "organisation", "movement", "militia", "faction",
               "alliance", "coalition", "network", "outfit"}
ANAPHORIC_NOUNS = {"ministry", "government", "court", "agency", "company", "party", "army",
                   "military", "council", "commission", "committee", "authority", "police",
                   "bank", "union", "body", "firm", "tribunal", "administration"} | GROUP_NOUNS


def _titles() -> dict:
    from .table import load

    return load().titles


def _index(a: "Annotated"):
    """Sorted entity mention heads: (token index, entity id, is subject)."""
    if "_coref_idx" not in a.__dict__:
        doc = a.doc
        seen: dict[tuple[int, str], Token] = {}
        for ti, eid in a.entity_at.items():
            tok = doc[ti]
            # one row per mention: its syntactic head (the token whose head lies outside)
            key = (ti, eid)
            if tok.head.i != tok.i and a.entity_at.get(tok.head.i) == eid:
                continue
            seen[key] = tok
        rows = sorted((ti, eid, tok.dep_ in ("nsubj", "nsubjpass")
                       or (tok.dep_ == "pobj" and tok.head.dep_ == "agent"))
                      for (ti, eid), tok in seen.items())
        ents = {e.id: e for e in a.entities}
        a.__dict__["_coref_idx"] = ([r[0] for r in rows], rows, ents)
    return a.__dict__["_coref_idx"]


def _proper_singular(name: str) -> bool:
    """A proper name of one body ("Baloch Liberation Army"), not "Separatist gunmen"."""
    words = name.split()
    return bool(words) and all(w[:1].isupper() for w in words) and not words[-1].lower().endswith(("s", "men"))


def _ok(e, want: str, head: Optional[str]) -> bool:
    if e is None or e.kind in ("location", "other"):
        return False
    if want == "person":
        return e.kind == "person"
    if want == "neuter":  # "it": an organisation, a state, or a named armed group ("the BLA … saying it was")
        return e.kind in ("organization", "country") or (e.kind == "group" and _proper_singular(e.name))
    if want == "plural":
        return e.kind in ("group", "organization", "country")
    if want == "title":
        return e.kind == "person" and any(head in m.text.lower().split() for m in e.mentions)
    if want == "noun":
        if head in GROUP_NOUNS:
            return e.kind in ("group", "organization") and e.sector not in ("GOV", "MIL", "JUD", "LEG")
        name = e.name.lower().split()
        return e.kind in ("organization", "group") and bool(name) and (
            name[-1] == head or name[-1].rstrip("s") == head)
    return False


def resolve(a: "Annotated", tok: Token) -> Optional[str]:
    """The entity id a pronoun or a definite description refers back to, or None."""
    low = tok.lower_
    if low in PERSONAL:
        want, head = "person", None
    elif low in NEUTER:
        want, head = "neuter", None
    elif low in PLURAL:
        want, head = "plural", None
    elif tok.pos_ == "NOUN" and tok.lemma_.lower() in ANAPHORIC_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        want, head = "noun", tok.lemma_.lower()
    elif (tok.tag_ == "NN" or tok.tag_ == "NNP" and tok.text.islower()) and tok.lower_ in _titles() and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        want, head = "title", tok.lower_  # "the president": the person once so titled
    else:
        return None
    positions, rows, ents = _index(a)
    k = bisect.bisect_left(positions, tok.i)
    if k == 0:
        return None
    if "_sent_starts" not in a.__dict__:
        a.__dict__["_sent_starts"] = [s.start for s in tok.doc.sents]
    starts = a.__dict__["_sent_starts"]
    here = bisect.bisect_right(starts, tok.i) - 1
    by_sent: dict[int, list] = {}
    for ti, eid, subj in reversed(rows[:k]):
        s = bisect.bisect_right(starts, ti) - 1
        if s < here - WINDOW and want != "title":  # a title may look back to the lead
            break
        if ti == tok.i or a.in_dateline_header(tok.doc[ti].idx):
            continue
        if _ok(ents.get(eid), want, head):
            by_sent.setdefault(s, []).append((ti, eid, subj))
    if not by_sent:
        return None
    cands = by_sent[max(by_sent)]  # nearest first within the sentence
    subj = [c for c in cands if c[2]]
    if want == "plural":  # "they": a group before a single organisation or state
        groups = [c for c in (subj or cands) if ents[c[1]].kind == "group"]
        if groups:
            return groups[0][1]
    return (subj or cands)[0][1]


def attach(a: "Annotated", tok: Token, eid: str) -> None:
    """Record the referring word as a mention of the entity it resolves to
    (its own offsets, so text[start:end] is the word itself)."""
    from ..records import Span

    e = next((x for x in a.entities if x.id == eid), None)
    if e is None or any(m.start == tok.idx for m in e.mentions):
        return
    e.mentions.append(Span(tok.idx, tok.idx + len(tok.text), a.text[tok.idx:tok.idx + len(tok.text)]))
    e.mentions.sort(key=lambda m: m.start)
