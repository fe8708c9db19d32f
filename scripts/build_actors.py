#!/usr/bin/env python3
"""Build the agent-noun table and the CAMEO actor table.

    python scripts/build_actors.py AGENT_FILES... [--actors ACTOR_FILES...]

e.g. python scripts/build_actors.py \\
        ../shared/data/dictionaries/petrarch2/Phoenix.agents.txt \\
        ../shared/data/ngec/PLOVER_agents.txt \\
        --actors ../shared/data/dictionaries/petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt

Writes src/dateline/data/actors/agents.tsv (agent nouns) and
src/dateline/data/actors/names/cameo_phoenix.tsv (named people and bodies with
dated roles; the hand tables sort after it and win on the same alias).

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
from collections import Counter
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


# --- CAMEO actor dictionaries (Phoenix Countries / International / MilNonState) ---
NAMES_OUT = ROOT / "src" / "dateline" / "data" / "actors" / "names" / "cameo_phoenix.tsv"
CODE = re.compile(r"\[([A-Z]{3,15})(?:\s+([<>]?\d{6,8})(?:-(\d{6,8}))?)?\s*\]")
# non-state "countries" of PLOVER: the body itself is the sector
NONSTATE_SECTOR = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS", "UNO": "IGO"}
LEAD_TITLES = {"PRESIDENT", "SECRETARY-GENERAL", "PRIME", "KING", "QUEEN", "MR", "MR.", "DR", "DR."}


def _countries() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | set(NONSTATE_SECTOR) | {"XKX", "EUR"}


COUNTRIES = _countries()


def _day(d: str) -> str:
    """'011222' -> '2001-12-22', '19270101' -> '1927-01-01' (two-digit years: 30-99 = 19xx)."""
    if len(d) == 8:
        y, rest = d[:4], d[4:]
    else:
        d = d[-6:]
        yy = int(d[:2])
        y, rest = f"{1900 + yy if yy >= 30 else 2000 + yy}", d[2:]
    mm, dd = rest[:2], rest[2:4]
    mm = mm if "01" <= mm <= "12" else "01"
    dd = dd if "01" <= dd <= "31" else "01"
    return f"{y}-{mm}-{dd}"


def _role(m) -> tuple[str, str, str]:
    code, a, b = m.group(1), m.group(2), m.group(3)
    start = end = ""
    if a and a.startswith(">"):
        start = _day(a[1:])
    elif a and a.startswith("<"):
        end = _day(a[1:])
    elif a:
        start, end = _day(a), _day(b) if b else ""
    return code, start, end


def _split(code: str) -> tuple[str, str]:
    country, rest = code[:3], code[3:6]
    sector = NONSTATE_SECTOR.get(country) if not rest or country in NONSTATE_SECTOR else rest
    return country, sector or ""


def _case(word: str) -> list[str]:
    """Dictionary upper case -> as written in news: 'KARZAI' -> 'Karzai', 'U.N.' kept,
    'KI-MOON' -> 'Ki-Moon' and 'Ki-moon', 'AL-BASHIR' -> 'al-Bashir' too."""
    if "." in word or (len(word) <= 3 and not re.search(r"[AEIOU]", word)):
        return [word]
    parts = word.split("-")
    a = "-".join(p[:1] + p[1:].lower() for p in parts)
    out = [a]
    if len(parts) > 1:
        out.append(parts[0][:1] + parts[0][1:].lower() + "-" + "-".join(p.lower() for p in parts[1:]))
        if parts[0] in ("AL", "EL"):
            out.append(parts[0].lower() + "-" + "-".join(p[:1] + p[1:].lower() for p in parts[1:]))
    return out


def _forms(raw: str) -> list[str]:
    words = [w for w in raw.replace("_", " ").split() if w]
    if not words or any(ch in raw for ch in "(){}<>&!"):
        return []
    forms = [""]
    for w in words:
        forms = [(f + " " + c).strip() for f in forms for c in _case(w)][:8]
    return forms


def actor_blocks(path: Path):
    """(name, aliases, [(code, start, end)]) for every entry of a CAMEO actor file."""
    block = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if line[:1] in (" ", "\t") or text.lstrip().startswith("["):
            if block is not None:
                block[2] += [_role(m) for m in CODE.finditer(text)]
            continue
        if text.startswith("+"):
            if block is not None:
                block[1].append(CODE.sub("", text[1:]).strip())
            continue
        if block is not None:
            yield block
        name = CODE.sub("", text).strip()
        block = [name, [], [_role(m) for m in CODE.finditer(text)]]
    if block is not None:
        yield block


def build_names(sources: list[Path], out: Path) -> dict[str, int]:
    rows: dict[str, tuple] = {}
    counts: dict[str, int] = {}
    for src in sources:
        n = 0
        for name, aliases, roles in actor_blocks(src):
            if not roles:
                continue
            dated = any(s or e for _, s, e in roles)
            if all(len(c) <= 3 and c in COUNTRIES for c, _, _ in roles):
                continue  # a country and its places: pycountry and the gazetteer have them
            canon = _forms(name)
            if not canon:
                continue
            # a code without a country ("[ELI]": an elite, out of office) takes the
            # country of the entry's other roles
            home = Counter(c[:3] for c, _, _ in roles if c[:3] in COUNTRIES).most_common(1)
            home = home[0][0] if home else ""
            roles = [(c if c[:3] in COUNTRIES else home + c, s, e) for c, s, e in roles]
            roles = [r for r in roles if r[0][:3] in COUNTRIES]
            if not roles:
                continue
            name = " ".join(w for i, w in enumerate(name.replace("_", " ").split())
                            if i > 0 or w not in LEAD_TITLES)
            canon = _forms(name) or canon
            # current role: the undated one, else the latest-starting
            undated = [r for r in roles if not r[1] and not r[2]]
            now = undated[-1] if undated else max(roles, key=lambda r: r[1] or "0000")
            country, sector = _split(now[0])
            kind = "person" if dated else ("group" if sector in ("REB", "OPP") else "organization")
            spec = ";".join(f"{c}:{s}:{e}" for c, s, e in roles)
            for raw in [name] + aliases:
                for form in _forms(raw):
                    words = form.split()
                    if len(words) == 1 and (kind != "person" or len(form) < 5):
                        continue  # single words only as people's surnames of some length
                    if form in rows:
                        continue
                    rows[form] = (canon[0], kind, country, sector, "", spec)
                    n += 1
        counts[src.name] = n
    with out.open("w", encoding="utf-8") as f:
        f.write("# Built by scripts/build_actors.py from the Phoenix CAMEO actor dictionaries; do not edit.\n")
        f.write("# alias\tcanonical\tkind\tcountry\tsector\twikidata\troles (CODE:start:end;... dated roles)\n")
        for alias in sorted(rows):
            f.write("\t".join((alias,) + rows[alias]) + "\n")
    return counts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sources", nargs="+", type=Path)
    ap.add_argument("--actors", nargs="*", type=Path, default=[])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--names-out", type=Path, default=NAMES_OUT)
    args = ap.parse_args(argv)
    if args.actors:
        for src, n in build_names(args.actors, args.names_out).items():
            print(f"{src}\t{n}")
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
