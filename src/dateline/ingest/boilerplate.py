"""Marking page furniture ("ALSO READ: ...", "Share this article", photo credits).

Boilerplate is marked, never cut: for plain text the offsets must line up with
the caller's copy. Later stages can skip marked lines. The patterns are data
(data/boilerplate.tsv) so users can extend them without touching code; each
must match a whole line, which keeps news sentences that merely mention
"read" or "share" unmarked.
"""

from __future__ import annotations

import re
from importlib.resources import files

from ..records import Boilerplate

KINDS = ("related-links", "share", "subscribe", "photo-credit", "copyright", "advertisement")
MAX_LINE = 400  # longer lines are prose, not furniture; skipping them keeps mark() cheap
_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(r"[-–•*»›▸▶►·]\s*")


def load_patterns(text: str) -> list[tuple[str, re.Pattern]]:
    """(kind, compiled regex) for each 'kind<TAB>regex' line; '#' lines are comments."""
    patterns = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, sep, regex = line.partition("\t")
        if not sep or kind not in KINDS:
            raise ValueError(f"boilerplate.tsv line {n}: expected one of {KINDS}, a tab, a regex")
        patterns.append((kind, re.compile(regex.strip(), re.IGNORECASE)))
    return patterns


PATTERNS = load_patterns(
    files("dateline").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8"))


def mark(text: str, patterns: list[tuple[str, re.Pattern]] = PATTERNS) -> list[Boilerplate]:
    """One Boilerplate per matching line; the span covers the line without its
    newline and surrounding whitespace."""
    marks = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_LINE:
            continue
        bullet = _BULLET.match(stripped)
        content = stripped[bullet.end():] if bullet else stripped
        for kind, regex in patterns:
            if regex.fullmatch(content):
                start = m.start() + (len(line) - len(line.lstrip()))
                marks.append(Boilerplate(start, start + len(stripped), kind))
                break
    return marks
