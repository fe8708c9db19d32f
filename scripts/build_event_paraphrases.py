#!/usr/bin/env python3
"""Build src/dateline/data/link/event_paraphrases.txt from ECB+ tune topics (1–20).

    python scripts/build_event_paraphrases.py ../shared/data/ecbplus [--min-topics 2]

Pairs of trigger lemmas (dateline.link.reports.lemma of the head word) that name
one gold event chain in at least MIN_TOPICS different tune topics: the wording
news uses for one event across stories ("kill"/"death", "blaze"/"fire",
"hurt"/"injure"). A pair seen in one topic only is that story's wording, not
English, and is dropped. Check topics 21–35 are never read. Read with
event_synonyms.txt by dateline.link.scoring.synonym_groups (rerun
scripts/train_coref.py and `dateline eval coref --half both` after rebuilding).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.evaluate import coref  # noqa: E402
from dateline.link.reports import lemma  # noqa: E402
from spacy.lang.en.stop_words import STOP_WORDS  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--min-topics", type=int, default=2)
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "src/dateline/data/link/event_paraphrases.txt")
    args = ap.parse_args(argv)
    topics = coref.topics_of("tune", None)
    docs = coref.load(args.data, topics)
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for t in topics:
        chains: dict[str, set[str]] = defaultdict(set)
        for d in docs:
            if d.topic == t:
                for m in d.mentions:
                    # The first content word of a multi-word mention ("according to", "took over").
                    words = [x for x in m.text.split() if x.isalpha() and x.lower() not in STOP_WORDS]
                    if not words:
                        continue
                    w = lemma(words[0])
                    if w.isalpha():
                        chains[m.gold].add(w)
        for words in chains.values():
            ws = sorted(words)
            for i in range(len(ws)):
                for j in range(i + 1, len(ws)):
                    seen[(ws[i], ws[j])].add(t)
    kept = sorted(k for k, v in seen.items() if len(v) >= args.min_topics)
    header = ["# Event paraphrases: trigger lemma pairs naming one gold event chain in at least "
              f"{args.min_topics} ECB+ tune topics (1-20),",
              f"# built by scripts/build_event_paraphrases.py from {len(docs)} documents: "
              f"{len(seen)} pairs seen, {len(kept)} kept. One pair a line; read with event_synonyms.txt."]
    args.out.write_text("\n".join(header + [f"{a} {b}" for a, b in kept]) + "\n", encoding="utf-8")
    print(f"{len(kept)} of {len(seen)} pairs -> {args.out}")


if __name__ == "__main__":
    main()
