"""The editable data behind the event stage, loaded once per process.

Everything a user may want to change (ontology, trigger tables, cue lists,
construction rules, place aliases, context cues) lives in files under
dateline/data/plover/ (documented per file in its README.md); this module only
reads them, every one through `resource()`. One override folder: a file of the
same name in $DATELINE_EVENTS_OVERRIDE replaces the shipped one (a missing
file falls back to the shipped one); DATELINE_PLOVER_DIR still replaces the
whole folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..tsv import header_rows

DATA = Path(__file__).resolve().parents[1] / "data"


def plover_dir() -> Path:
    return Path(os.environ.get("DATELINE_PLOVER_DIR", DATA / "plover"))


def resource(name: str) -> Path:
    """The event-stage data file `name`: the override folder's copy, else the shipped one."""
    over = os.environ.get("DATELINE_EVENTS_OVERRIDE")
    if over and (Path(over) / name).exists():
        return Path(over) / name
    return plover_dir() / name


TRIGGER_TABLES = ("triggers.tsv", "triggers_cameo.tsv", "triggers_propbank.tsv")


def lemma_forms(word: str) -> set[str]:
    """A list word and its singular ('troops' -> troop): lexicons compare lemma with lemma."""
    w = word.strip().lower()
    out = {w}
    if len(w) > 3 and w.endswith("ies"):
        out.add(w[:-3] + "y")
    elif len(w) > 3 and w.endswith(("ches", "shes", "sses", "xes")):
        out.add(w[:-2])
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        out.add(w[:-1])
    return out


def _norm_needs(needs: str | None) -> str | None:
    if needs and needs.startswith(("obj:", "subj:", "gov:")):
        kind, _, words = needs.partition(":")
        forms = sorted({f for w in words.split("|") for f in lemma_forms(w)})
        return kind + ":" + "|".join(forms)
    return needs


@dataclass(frozen=True)
class Entry:
    lemmas: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    needs: str | None
    notes: str = ""




@lru_cache(maxsize=None)
def ontology() -> dict:
    return json.loads(resource("ontology.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def cues() -> dict:
    raw = json.loads(resource("cues.json").read_text(encoding="utf-8"))
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in raw.items()}


@lru_cache(maxsize=None)
def triggers() -> dict[str, list[Entry]]:
    """First lemma -> entries, longest phrase first (so the longest match wins).

    The hand table triggers.tsv is read first and the generated tables
    (scripts/build_triggers.py) after it, so at equal length a hand entry wins."""
    types = ontology()["types"]
    index: dict[str, list[Entry]] = {}
    rows = [r for name in TRIGGER_TABLES if resource(name).exists() for r in header_rows(resource(name))]
    for r in rows:
        typ = r["type"].strip()
        if typ not in types:
            raise ValueError(f"triggers.tsv: unknown PLOVER type {typ!r} for {r['phrase']!r}")
        mode = r["mode"].strip()
        mode = None if mode in ("", "-") else mode
        if mode and mode not in types[typ]["modes"]:
            raise ValueError(f"triggers.tsv: mode {mode!r} is not a mode of {typ}")
        needs = r.get("needs", "").strip()
        e = Entry(tuple(r["phrase"].lower().split()), r["pos"].strip().upper(), typ, mode,
                  None if needs in ("", "-") else _norm_needs(needs), r.get("notes", ""))
        index.setdefault(e.lemmas[0], []).append(e)
    for v in index.values():
        v.sort(key=lambda e: -len(e.lemmas))
    return index


@lru_cache(maxsize=None)
def constructions() -> dict:
    """Word classes of the construction rules (constructions.json), as sets of lemmas."""
    raw = json.loads(resource("constructions.json").read_text(encoding="utf-8"))
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in raw.items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def contexts() -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for line in resource("contexts.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, words, *_ = line.split("\t")
        out.append((name, tuple(w.strip().lower() for w in words.split(",") if w.strip())))
    return out


@lru_cache(maxsize=None)
def places() -> dict[str, dict]:
    out = {}
    for r in header_rows(Path(os.environ.get("DATELINE_PLACES", DATA / "places.tsv"))):
        country = r["country"].strip()
        row = {
            "name": r["names"].split("|")[0].strip(),
            "lat": float(r["lat"]) if r["lat"].strip() else None,
            "lon": float(r["lon"]) if r["lon"].strip() else None,
            "country": None if country in ("", "-") else country,
            "precision": r["precision"].strip() or "unknown",
        }
        for alias in r["names"].split("|"):
            out[normalise_place(alias)] = row
    return out


def normalise_place(name: str) -> str:
    n = " ".join(name.replace("’", "'").split()).lower()
    return n[4:] if n.startswith("the ") else n


COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


CONFLICT = {"PROTEST", "SANCTION", "ASSAULT", "COERCE"}


def plover_code(type_: str, status: str, has_actor: bool = True):
    """The strict PLOVER category for an event of Dateline type and status.

    Intended cooperation is AGREE and announced retreat CONCEDE; an announced
    conflictual action ("said they would boycott") is THREATEN; a negated
    cooperative act ("failed to reach agreement", "will not accept") is
    REJECT; a negated conflictual act, and anything merely hypothetical
    ("could attack", "may impose sanctions"), is no PLOVER event (None).
    """
    if status == "negated":
        return "REJECT" if type_ in COOPERATIVE else None
    if status == "hypothetical":
        # a conditional offer ("would meet him if ...") is AGREE, a conditional
        # action against someone ("will boycott unless ...") THREATEN; with no
        # named actor it is speculation ("could attack again"): no event
        if not has_actor:
            return None
        return "AGREE" if type_ in COOPERATIVE else ("THREATEN" if type_ in CONFLICT else None)
    if status == "planned":
        if not has_actor and type_ in CONFLICT:
            return None  # "children will be abducted": a fear, not someone's threat
        return ontology()["future_recode"]["map"].get(type_, type_)
    return type_
