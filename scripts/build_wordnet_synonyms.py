#!/usr/bin/env python3
"""Build src/dateline/data/link/wordnet_synonyms.tsv from a WordNet 3.x database.

    python scripts/build_wordnet_synonyms.py /usr/share/wordnet [-o src/dateline/data/link/wordnet_synonyms.tsv]

Also writes wordnet_lemmas.tsv beside it (verb lemmas and irregular verb forms).

Each line: a word, a tab, the keys of the WordNet synsets of its first SENSES
senses. Verbs give their own synsets ("v01119187"); an event noun ("attack",
"killing", "arrest") gives the verb synsets its first senses are
derivationally related to (the `+` pointers), so a noun and a verb naming one
kind of act share a key. Only keys held by two words or more are kept (a key of
one word links nothing). Read by dateline.link.within.synonyms (a feature of the
within-document coreference model: rerun scripts/train_coref.py after rebuilding).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

SENSES = 2


def read_index(path: Path) -> dict[str, list[str]]:
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        lemma, n_synsets, p_cnt = parts[0], int(parts[2]), int(parts[3])
        offsets = parts[4 + p_cnt + 2:]
        if "_" in lemma or not lemma.isalpha():
            continue
        out[lemma] = offsets[:n_synsets]
    return out


def derivations(path: Path) -> dict[str, set[str]]:
    """Noun synset offset -> offsets of verb synsets it is derivationally related to."""
    out: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        w_cnt = int(parts[3], 16)
        i = 4 + 2 * w_cnt
        p_cnt = int(parts[i])
        for k in range(p_cnt):
            sym, off, pos = parts[i + 1 + 4 * k: i + 4 + 4 * k]
            if sym == "+" and pos == "v":
                out[parts[0]].add(off)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wordnet", type=Path)
    ap.add_argument("-o", "--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "src/dateline/data/link/wordnet_synonyms.tsv")
    args = ap.parse_args(argv)
    verbs = read_index(args.wordnet / "index.verb")
    nouns = read_index(args.wordnet / "index.noun")
    deriv = derivations(args.wordnet / "data.noun")
    keys: dict[str, set[str]] = defaultdict(set)
    for w, offs in verbs.items():
        keys[w].update("v" + o for o in offs[:SENSES])
    n_nouns = 0
    for w, offs in nouns.items():
        ks = {"v" + v for o in offs[:SENSES] for v in deriv.get(o, ())}
        if ks:
            keys[w].update(ks)
            n_nouns += 1
    holders: dict[str, int] = defaultdict(int)
    for ks in keys.values():
        for k in ks:
            holders[k] += 1
    rows = []
    for w in sorted(keys):
        ks = sorted(k for k in keys[w] if holders[k] > 1)
        if ks:
            rows.append(f"{w}\t{' '.join(ks)}")
    header = [f"# WordNet synonym keys, built by scripts/build_wordnet_synonyms.py from {args.wordnet}",
              f"# {len(verbs)} verb lemmas and {n_nouns} event nouns read; {len(rows)} words kept "
              f"(first {SENSES} senses; keys shared by two words or more). word<TAB>synset keys"]
    args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {args.out}")
    # Verb lemmas and irregular forms (verb.exc): a lemmatiser for trigger words
    # without a parse ("met" -> meet, "said" -> say, "died" -> die).
    irregular = {}
    for line in (args.wordnet / "verb.exc").read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isalpha() and parts[1].isalpha():
            irregular.setdefault(parts[0], parts[1])
    lemmas = args.out.with_name("wordnet_lemmas.tsv")
    rows = [f"{v}\t{v}" for v in sorted(verbs)] + [f"{f}\t{l}" for f, l in sorted(irregular.items()) if f not in verbs]
    lemmas.write_text("\n".join([
        f"# WordNet verb lemmas ({len(verbs)}, mapped to themselves) and irregular verb forms "
        f"({len(irregular)}, verb.exc), built by scripts/build_wordnet_synonyms.py from {args.wordnet}.",
        "# form<TAB>lemma. Read by dateline.link.reports.lemma."] + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} forms -> {lemmas}")


if __name__ == "__main__":
    main()
