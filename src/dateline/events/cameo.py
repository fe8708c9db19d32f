"""The published CAMEO -> PLOVER crosswalk, read from the user's copy at run time.

The file (CAMEO2PLOVER-2021.txt, Schrodt, PLOVER manual 0.8) is not shipped:
pass its path. Lines look like `0311: AGREE,  ,   economic # Express intent to
cooperate economically`. `load` gives CAMEO code -> (type, mode, contexts,
description); `cameo_root` gives, for a PLOVER type and mode, the two-digit
CAMEO root most of its crosswalk rows carry, for the GDELT-style flat view.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .lexicon import ontology


@dataclass(frozen=True)
class Row:
    code: str
    type: str
    mode: Optional[str]
    contexts: tuple[str, ...]
    description: str


def parse(text: str) -> dict[str, Row]:
    legacy = ontology()["legacy_types"]
    rows: dict[str, Row] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        code, rest = line.split(":", 1)
        code = code.strip()
        if not code.isdigit():
            continue
        body, _, desc = rest.partition("#")
        cells = [c.strip() for c in body.split(",")]
        typ = legacy.get(cells[0], cells[0])
        if typ not in ontology()["types"]:
            continue  # a heading row with an unknown name is skipped, not guessed
        mode = cells[1] if len(cells) > 1 and cells[1] else None
        contexts = tuple(c for c in (x.strip() for x in cells[2:]) if c)
        rows[code] = Row(code, typ, mode, contexts, desc.strip())
    return rows


@lru_cache(maxsize=4)
def load(path: str) -> dict[str, Row]:
    return parse(Path(path).read_text(encoding="utf-8"))


def cameo_root(rows: dict[str, Row], type_: str, mode: Optional[str] = None) -> Optional[str]:
    """The two-digit CAMEO root for a PLOVER type (and mode, when rows carry it)."""
    same = [r for r in rows.values() if r.type == type_ and (mode is None or r.mode == mode)]
    if not same and mode is not None:
        same = [r for r in rows.values() if r.type == type_]
    if not same:
        return None
    return Counter(r.code[:2] for r in same).most_common(1)[0][0]
