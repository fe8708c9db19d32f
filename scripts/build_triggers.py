#!/usr/bin/env python3
"""Build Dateline's broad trigger tables from the field's large resources.

    python scripts/build_triggers.py --cameo ../shared/data/dictionaries/petrarch2/CAMEO.2.0.txt \
        --crosswalk ../shared/data/plover/CAMEO2PLOVER-2021.txt \
        --propbank ../shared/data/propbank/frames --wordnet /usr/share/wordnet \
        --out src/dateline/data/plover

Writes two tables next to the hand-written triggers.tsv (which always wins,
being read first):

- triggers_cameo.tsv: PETRARCH2 CAMEO verb patterns through the 2021
  CAMEO->PLOVER crosswalk. A verb's bare code becomes an entry only when at
  least half of the verb's own coded patterns agree on its PLOVER type (the
  evidence rule of issue 11); a "verb + object" pattern becomes an entry with
  an object constraint (`obj:` list of object lemmas) when its type differs
  from the bare one. Codes outside the crosswalk (CAMEO 01/02 statements) are
  dropped.
- triggers_propbank.tsv: PropBank nominalisations and multi-word verbs. A noun
  alias ("discussion", "restriction") of a trigger verb's roleset is kept when
  every PropBank roleset listing that noun belongs to that verb (unambiguous
  nominalisation); a multi-word verb roleset ("turn_down.05: reject") is kept
  when its gloss names a verb that already has a bare entry of one type.

WordNet (`--wordnet`, Debian wordnet-base) is used at build time only, to
lemmatise CAMEO's inflected object words ("SANCTIONS" -> "sanction"), so the
tables compare lemma with lemma. Prints how many entries each source gave.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = ("phrase", "pos", "type", "mode", "needs", "notes")


# ---------------------------------------------------------------- crosswalk
def read_crosswalk(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode or '-')."""
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if not m:
            continue
        mode = (m.group(3) or "").strip() or "-"
        out.setdefault(m.group(1), (m.group(2), mode))
    return out


def plover_of(code: str, cross: dict) -> tuple[str, str] | None:
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    while len(code) >= 2:
        if code in cross:
            return cross[code]
        code = code[:-1]
    return None


# ---------------------------------------------------------------- WordNet lemmas
class Morphy:
    """WordNet's noun lemmatiser (exception list + detachment rules), build time only."""

    RULES = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
             ("men", "man"), ("ies", "y"), ("s", ""))

    def __init__(self, wordnet: Path | None):
        self.index: set[str] = set()
        self.exc: dict[str, str] = {}
        if wordnet and (wordnet / "index.noun").exists():
            for line in (wordnet / "index.noun").read_text(encoding="utf-8", errors="replace").splitlines():
                if not line.startswith(" "):
                    self.index.add(line.split(" ", 1)[0])
            for line in (wordnet / "noun.exc").read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    self.exc[parts[0]] = parts[1]

    def noun(self, w: str) -> str:
        w = w.lower().replace(" ", "_")
        if w in self.exc:
            return self.exc[w].replace("_", " ")
        if w in self.index and not w.endswith("s"):
            return w.replace("_", " ")
        for suf, rep in self.RULES:
            if w.endswith(suf) and (w[: -len(suf)] + rep) in self.index:
                return (w[: -len(suf)] + rep).replace("_", " ")
        return w.replace("_", " ")


# ---------------------------------------------------------------- CAMEO verbs
def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    cur = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("&"):
            cur = s.split()[0]
            sets[cur] = []
        elif s.startswith("+") and cur:
            sets[cur].append(s[1:].split()[0].replace("_", " "))
        elif not s:
            continue
    return sets


def read_cameo(path: Path):
    """Blocks of (verbs with own codes, patterns) from the VERB PATTERNS section."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, l in enumerate(lines) if "VERB PATTERNS" in l)
    end = next((i for i, l in enumerate(lines) if "TRANSFORMATIONS" in l), len(lines))
    synsets = read_synsets(lines[:start])
    blocks = []
    cur = None
    for line in lines[start + 1:end]:
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            cur = {"name": m.group(1).replace("_", " ").lower() if m else "", "code": m.group(2).strip() if m else "---",
                   "verbs": [], "patterns": []}
            blocks.append(cur)
            continue
        if cur is None:
            continue
        body, _, comment = line.partition("#")
        body = body.strip()
        if not body:
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        if body.startswith("-"):
            pat = re.sub(r"\[[^\]]*\]", "", body[1:]).strip()
            if codes:
                cur["patterns"].append((pat, codes[-1].strip(), comment.strip().split()[0].lower().replace("_", " ")
                                        if comment.strip() else ""))
            continue
        word = body.split()[0]
        if not re.match(r"^\+?[A-Z][A-Z_\-]*$", word):
            continue
        cur["verbs"].append((word.lstrip("+").replace("_", " ").lower(), codes[0].strip() if codes else None))
    return synsets, blocks


def pattern_objects(pat: str, synsets: dict, morphy: Morphy) -> list[str]:
    """Object head lemmas of a plain '* OBJECT' pattern; [] for anything richer."""
    m = re.fullmatch(r"\*\s+(\{[^}]*\}|&\w+|[A-Z][A-Z\-]*)\s*\$?", pat.strip())
    if not m:
        return []
    obj = m.group(1)
    if obj.startswith("&"):
        words = synsets.get(obj, [])
    elif obj.startswith("{"):
        parts = obj.strip("{}").split()
        if any(p.startswith("&") or not p.isalpha() for p in parts):
            return []
        words = [parts[-1]]
    else:
        words = [obj]
    out = []
    for w in words:
        w = w.split()[-1] if " " in w else w
        if w.isalpha():
            out.append(morphy.noun(w))
    return out


def cameo_entries(cameo: Path, cross: dict, morphy: Morphy, modes: dict, functional: set) -> list[tuple]:
    """functional: verbs Dateline reads as status/aspect/report cues (cues.json), never triggers."""
    synsets, blocks = read_cameo(cameo)
    rows = []
    seen_bare: set[str] = set()
    for b in blocks:
        verbs = b["verbs"]
        names = {v for v, _ in verbs}
        for verb, own in verbs:
            code = own if own is not None else b["code"]
            bare = plover_of(code, cross) if code and code != "---" else None
            votes: Counter = Counter()
            objs: dict[str, Counter] = defaultdict(Counter)
            for pat, pcode, who in b["patterns"]:
                if who and who in names and who != verb:
                    continue  # the pattern was written for another verb of the block
                t = plover_of(pcode, cross) if pcode != "---" else None
                if t is None:
                    continue
                votes[t[0]] += 1
                for o in pattern_objects(pat, synsets, morphy):
                    objs[o][t] += 1
            if bare and verb not in seen_bare and verb not in functional:
                n = sum(votes.values())
                # evidence: a verb's own code needs no pattern against it (half agree);
                # a code inherited from its synonym block needs two agreeing patterns
                if (n == 0 or votes[bare[0]] / n >= 0.5) and (own is not None or votes[bare[0]] >= 2):
                    mode = bare[1] if bare[1] in modes.get(bare[0], ()) else "-"
                    how = "own code" if own is not None else f"block {b['name']}"
                    rows.append((verb, "VERB", bare[0], mode, "arg",
                                 f"CAMEO {code} ({how}); {votes[bare[0]]}/{n} patterns agree"))
                    seen_bare.add(verb)
            by_type: dict[tuple, list[str]] = defaultdict(list)
            for o, c in objs.items():
                (t, _k), = c.most_common(1)
                if bare and t[0] == bare[0]:
                    continue
                by_type[t].append(o)
            for t, os_ in sorted(by_type.items()):
                mode = t[1] if t[1] in modes.get(t[0], ()) else "-"
                rows.append((verb, "VERB", t[0], mode, "obj:" + "|".join(sorted(set(os_))),
                             f"CAMEO verb+object patterns ({len(os_)} objects)"))
    # one row per (phrase, type, needs)
    out, seen = [], set()
    for r in rows:
        k = (r[0], r[2], r[4])
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


# ---------------------------------------------------------------- PropBank
def read_propbank(frames: Path):
    """roleset id -> (gloss, verb aliases, noun aliases)."""
    out = {}
    for f in sorted(frames.glob("*.xml")):
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError:
            continue
        for rs in root.iter("roleset"):
            al = [(a.get("pos"), (a.text or "").strip().replace("_", " ").lower()) for a in rs.iter("alias")]
            out[rs.get("id")] = (rs.get("name") or "", [w for p, w in al if p == "v"], [w for p, w in al if p == "n"])
    return out


def propbank_entries(frames: Path, known: dict[str, set], hand: dict[str, set]) -> list[tuple]:
    """known: verb lemma -> set of (type, mode) of its bare (unconstrained) entries;
    hand: the same for the hand-written table only (glosses of multi-word verbs)."""
    rolesets = read_propbank(frames)
    noun_owner: dict[str, set] = defaultdict(set)
    for rid, (_g, _v, ns) in rolesets.items():
        for n in ns:
            noun_owner[n].add(rid.split(".")[0].replace("_", " "))
    rows = []
    for rid, (gloss, vs, ns) in sorted(rolesets.items()):
        lemma = rid.split(".")[0].replace("_", " ")
        if lemma in known and len(known[lemma]) == 1:
            (t, mode), = known[lemma]
            for n in ns:
                if n != lemma and noun_owner[n] == {lemma} and " " not in n:
                    rows.append((n, "NOUN", t, mode, "arg", f"PropBank {rid} noun alias of '{lemma}'"))
        if " " in lemma and lemma not in known:
            first = re.split(r"[,;:(]", gloss.lower())[0].strip()
            head = first if re.fullmatch(r"[a-z]+", first) else ""  # a one-word gloss only
            if head in hand and len(hand[head]) == 1:
                (t, mode), = hand[head]
                rows.append((lemma, "VERB", t, mode, "-", f"PropBank {rid} '{gloss}'"))
    out, seen = [], set()
    for r in rows:
        if (r[0], r[1]) not in seen:
            seen.add((r[0], r[1]))
            out.append(r)
    return out


# ---------------------------------------------------------------- main
def read_hand(path: Path) -> list[dict]:
    from dateline.tsv import header_rows

    return list(header_rows(path))


def write(path: Path, rows: list[tuple], about: str) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(f"# GENERATED by scripts/build_triggers.py - do not edit; {about}\n")
        f.write("# columns as in triggers.tsv; triggers.tsv is read first and wins.\n")
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cameo", type=Path, required=True)
    ap.add_argument("--crosswalk", type=Path, required=True)
    ap.add_argument("--propbank", type=Path, required=True, help="PropBank frames folder")
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=ROOT / "src/dateline/data/plover")
    a = ap.parse_args(argv)
    onto = json.loads((a.out / "ontology.json").read_text(encoding="utf-8"))
    modes = {t: set(v.get("modes", [])) for t, v in onto["types"].items()}
    cross = read_crosswalk(a.crosswalk)
    morphy = Morphy(a.wordnet)
    hand = read_hand(a.out / "triggers.tsv")
    hand_keys = {(r["phrase"].strip(), r["pos"].strip()) for r in hand}
    cue = json.loads((a.out / "cues.json").read_text(encoding="utf-8"))
    functional = set()
    for k in ("reporting_verbs", "plan_verbs", "hedge_verbs", "aspect_verbs", "realising_verbs", "light_verbs",
              "ongoing_verbs", "negation_verbs"):
        functional |= set(cue.get(k, []))
    cam = [r for r in cameo_entries(a.cameo, cross, morphy, modes, functional) if (r[0], r[1]) not in hand_keys or r[4] != "arg"]
    # hand entries with a specific object list keep priority; a CAMEO object row for a
    # verb the hand table already lists is still useful (read after the hand rows)
    known: dict[str, set] = defaultdict(set)
    for r in hand:
        if r["pos"].strip() == "VERB" and r["needs"].strip() in ("", "-", "arg", "obj", "human"):
            known[r["phrase"].strip()].add((r["type"].strip(), r["mode"].strip() or "-"))
    hand_known = {k: set(v) for k, v in known.items()}
    stop = {(r["phrase"].strip(), r["pos"].strip()) for r in read_hand(a.out / "not_triggers.tsv")}
    for r in cam:
        if (r[0], r[1]) in stop:
            continue
        if r[4] == "arg" and r[0] not in known and "own code" in r[5]:
            known[r[0]].add((r[2], r[3]))
    pb = [r for r in propbank_entries(a.propbank, known, hand_known) if (r[0], r[1]) not in hand_keys]
    stop = {(r["phrase"].strip(), r["pos"].strip()) for r in read_hand(a.out / "not_triggers.tsv")}
    # the stoplist removes a word's bare sense; its verb+object rows ("express concern") stay
    cam = [r for r in cam if (r[0], r[1]) not in stop or r[4].startswith("obj:")]
    pb = [r for r in pb if (r[0], r[1]) not in stop]
    cam_keys = {(r[0], r[1]) for r in cam}
    pb = [r for r in pb if (r[0], r[1]) not in cam_keys]
    write(a.out / "triggers_cameo.tsv", cam, f"from {a.cameo.name} via {a.crosswalk.name}")
    write(a.out / "triggers_propbank.tsv", pb, f"from PropBank frames ({a.propbank.name})")
    n_bare = sum(r[4] == "arg" for r in cam)
    print(f"hand triggers.tsv: {len(hand)} entries")
    print(f"CAMEO: {len(cam)} entries ({n_bare} bare verbs, {len(cam) - n_bare} verb+object)")
    print(f"PropBank: {len(pb)} entries ({sum(r[1] == 'NOUN' for r in pb)} nominalisations, "
          f"{sum(r[1] == 'VERB' for r in pb)} multi-word verbs)")
    print(f"WordNet: {len(morphy.index)} noun lemmas used to lemmatise CAMEO objects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
