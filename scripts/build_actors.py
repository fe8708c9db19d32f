#!/usr/bin/env python3
"""Build the agent-noun table (src/dateline/data/actors/agents.tsv).

    python scripts/build_actors.py PHOENIX_AGENTS PLOVER_AGENTS [--out PATH]

e.g. python scripts/build_actors.py \\
        ../shared/data/dictionaries/petrarch2/Phoenix.agents.txt \\
        ../shared/data/ngec/PLOVER_agents.txt

Agent nouns ("officials", "police", "lawmakers", "defence ministry") make an
unnamed actor of a sector; the actors stage reads them as heads, after the
hand table `heads.tsv`, which wins on the same noun. From the CAMEO/PETRARCH
agent dictionaries: `NOUN_PHRASE [~SECTOR]`, macros `!PERSON!` and `!MINIST!`
expanded, braces and comments dropped; the sector is the code's first three
letters (GOVMIL -> GOV); PPL (generic people: "man", "people") and UNK ("group")
are left out: such nouns name nobody in particular. Prints the rows each source contributed.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dateline" / "data" / "actors" / "agents.tsv"
SKIP = {"PPL", "UNK"}
ENTRY = re.compile(r"^([A-Z0-9!_'.&-][A-Z0-9!_ '.&-]*?)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]{3})[A-Z]*\]")
ORG_WORDS = {"ministry", "department", "agency", "office", "court", "council", "commission",
             "committee", "party", "union", "association", "bank", "company", "police",
             "army", "navy", "government", "parliament", "assembly", "service", "bureau",
             "board", "authority", "media", "press", "newspaper", "college", "university",
             "school", "hospital", "church", "firm", "corporation", "tribunal", "administration"}


def entries(path: Path):
    macros: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = ENTRY.match(line)
        if not m:
            continue
        phrase, sector = m.group(1).strip(), m.group(2)
        if sector in SKIP:
            continue
        forms = [phrase]
        for mac, words in macros.items():
            forms = [f.replace(mac, (" " if f.index(mac) > 0 and f[f.index(mac) - 1] == " " else "") + w)
                     if mac in f else f for f in forms for w in (words if mac in f else [None])]
        for f in forms:
            f = " ".join(f.replace("_", " ").lower().split())
            if f and "!" not in f and len(f) > 2:
                yield f, sector


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sources", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows: dict[str, tuple[str, str, str]] = {}
    counts: dict[str, int] = {}
    for src in args.sources:
        n = 0
        for phrase, sector in entries(src):
            if phrase in rows:
                continue
            kind = "organization" if phrase.split()[-1] in ORG_WORDS else "group"
            rows[phrase] = (sector, kind, src.name)
            n += 1
        counts[src.name] = n
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# Built by scripts/build_actors.py from the CAMEO agent dictionaries; do not edit.\n")
        f.write("# noun\tsector\tkind\tsource\n")
        for phrase in sorted(rows):
            f.write("\t".join((phrase,) + rows[phrase]) + "\n")
    for src, n in counts.items():
        print(f"{src}\t{n}")
    print(f"total\t{len(rows)}")


if __name__ == "__main__":
    main()
