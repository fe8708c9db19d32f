"""Finding time expressions: the rules of src/dateline/data/timex_rules.tsv (`rules`)
compiled and run over the raw text, longest match wins.

Spans follow TimeML (TimeBank/TempEval-3) conventions: prepositions are left
out ("on Friday" -> "Friday"), determiners and modifiers that are part of the
expression are kept ("the third quarter", "late November", "the past two months").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules as _rules

# Speed: a rule with an anchor runs only in windows around the anchor's matches
# (a word every match of it contains), not over the whole text. The windows reach
# _BACK characters before an anchor and _FWD after it, more than any match extends.
_BACK, _FWD = 50, 40



def _compile(rules: list) -> list:
    """(rule name, normaliser, compiled pattern, compiled anchor or None), in the rules' order."""
    anchors = {a: re.compile(a) for a in {r.anchor for r in rules if r.anchor}}
    return [(r.name, r.normaliser, re.compile(r.pattern, re.I), anchors.get(r.anchor)) for r in rules]


def use_rules(rules: list) -> None:
    """Tag with these rules from now on (rules.load() of other files); for tests and tools."""
    global RULES, _COMPILED
    RULES, _COMPILED = rules, _compile(rules)


RULES = _rules.load()
_COMPILED = _compile(RULES)


def _windows(anchor: re.Pattern, text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a in anchor.finditer(text):
        s, e = max(0, a.start() - _BACK), min(len(text), a.end() + _FWD)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _matches(rx: re.Pattern, anchor, text: str, windows: dict):
    if anchor is None:
        yield from rx.finditer(text)
        return
    if anchor not in windows:  # anchors shared by several patterns are scanned once
        windows[anchor] = _windows(anchor, text)
    for s, e in windows[anchor]:
        yield from rx.finditer(text, s, e)


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # the normaliser's name
    m: re.Match
    # shorter matches this one shadowed, best first: tried when its normaliser rejects it
    alts: list = field(default_factory=list)
    rule: str = ""  # the rule's name


def candidates(text: str) -> list[Candidate]:
    """Non-overlapping matches in text order (longest first, then pattern order), each
    with the shorter matches inside it as fallbacks for when its normaliser rejects it."""
    found = []
    windows: dict = {}
    for i, (name, kind, rx, anchor) in enumerate(_COMPILED):
        for m in _matches(rx, anchor, text, windows):
            if m.end() > m.start():
                found.append((m.start(), m.end(), i, kind, m, name))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    out: list[Candidate] = []
    for s, e, _, kind, m, name in found:
        hit = [c for c in out if s < c.end and c.start < e]
        if not hit:
            out.append(Candidate(s, e, kind, m, rule=name))
        elif len(hit) == 1 and hit[0].start <= s and e <= hit[0].end:
            hit[0].alts.append(Candidate(s, e, kind, m, rule=name))
    out.sort(key=lambda c: c.start)
    return out
