"""The time-expression rules as data: src/dateline/data/timex_rules.tsv, one rule a line
(name, normaliser, anchor, pattern with %{MACRO}s, example, value), HeidelTime-style.

Macros and word lists come from src/dateline/data/times.json; a user adds a rule by
adding a line (or a file of such lines named in DATELINE_TIMEX_RULES, ':'-separated),
never by editing code. The normaliser column names a function registered in
`normalize.HANDLERS`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import lexicon

RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "timex_rules.tsv"
_COLUMNS = ("name", "normaliser", "anchor", "pattern", "example", "value")
_REF = re.compile(r"%\{(\w+)\}")


@dataclass
class Rule:
    name: str
    normaliser: str
    anchor: Optional[str]  # expanded regex, or None: the rule scans the whole text
    pattern: str  # expanded regex
    example: str
    value: str
    source: str  # file:line, for error messages


def _pieces() -> dict[str, str]:
    """Every %{NAME} a rule may use: the lexicon's tables, the word lists and the macros."""
    out = dict(lexicon.TABLE_MACROS)
    for k, words in lexicon.WORDS.items():
        if not k.startswith("_"):
            out[k] = lexicon.alt(words)
    out.update({k: v for k, v in lexicon.MACROS.items() if not k.startswith("_")})
    return out


def expand(text: str, pieces: Optional[dict] = None, _depth: int = 0) -> str:
    """text with every %{NAME} replaced (recursively) by its regex."""
    pieces = pieces if pieces is not None else _pieces()
    if _depth > 10:
        raise ValueError(f"macros nest too deep in {text[:60]!r}")

    def sub(m):
        if m[1] not in pieces:
            raise KeyError(f"unknown macro %{{{m[1]}}}")
        return expand(pieces[m[1]], pieces, _depth + 1)

    return _REF.sub(sub, text)


def load(paths: Optional[list] = None) -> list[Rule]:
    """The rules of the given files (default: the shipped file, then DATELINE_TIMEX_RULES)."""
    if paths is None:
        paths = [RULES_FILE] + [Path(p) for p in os.environ.get("DATELINE_TIMEX_RULES", "").split(":") if p]
    pieces = _pieces()
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in paths:
        for no, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[:2] == ["name", "normaliser"]:
                continue  # the header
            where = f"{path}:{no}"
            if len(cols) != len(_COLUMNS):
                raise ValueError(f"{where}: {len(cols)} columns, want {len(_COLUMNS)} (TAB-separated)")
            name, norm, anchor, pattern, example, value = cols
            if name in seen:
                raise ValueError(f"{where}: rule {name} defined twice")
            seen.add(name)
            rules.append(Rule(name, norm, None if anchor.strip() in ("", "-") else expand(anchor, pieces),
                              expand(pattern, pieces), example, value, where))
    return rules
