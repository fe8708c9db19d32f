#!/usr/bin/env python3
"""Train the within-document event coreference model on ECB+ tune topics (1–20).

    python scripts/train_coref.py ../shared/data/ecbplus [-o src/dateline/data/link/within_model.json]

Every pair of gold event mentions of one document (the sentences listed in
ECBplus_coreference_sentences.csv) is a training example, positive when both
belong to one gold chain. Features: dateline.link.within.pair_features (trigger
word, stem, relatives and WordNet synonyms; definiteness; tense and aspect;
status; speaker; sentence distance; names and dates of the two sentences;
sentence words). A logistic regression (scikit-learn, class-balanced) is
fitted; the decision threshold of the clustering is then chosen on the same
tune topics by within-document CoNLL F1. The weights are written as plain JSON
and applied in pure Python at run time (dateline.link.within.probability).
Check topics 21–35 are never read. Report them with
`dateline eval coref --data ../shared/data/ecbplus --half check`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.evaluate import coref  # noqa: E402
from dateline.link import within  # noqa: E402

THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]  # the highest (0.7) won on tune; 0.75–0.8 within 0.1


def examples(docs):
    X, y = [], []
    for d in docs:
        ms = d.mentions
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                X.append(within.pair_features(ms[i].view, ms[j].view))
                y.append(int(ms[i].gold == ms[j].gold))
    return X, y


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the ECB+ folder (../shared/data/ecbplus)")
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "src/dateline/data/link/within_model.json")
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    topics = coref.topics_of("tune", None)
    docs, label = coref.prepare(args.data, topics)
    X, y = examples(docs)
    clf = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000)
    clf.fit(X, y)
    m = {"features": within.FEATURES,
         "weights": [round(float(w), 5) for w in clf.coef_[0]],
         "intercept": round(float(clf.intercept_[0]), 5),
         "threshold": 0.5}
    within.model.cache_clear()
    # The clustering threshold, by within-document CoNLL F1 on the same tune topics.
    gold = [coref._gold(d.mentions) for d in docs if d.mentions]
    best = None
    for t in THRESHOLDS:
        sys_ = [coref._keys([[d.mentions[i] for i in c] for c in _chains(m, d, t)]) for d in docs if d.mentions]
        f = coref.score(gold, sys_)["conll_f1"]
        print(f"threshold {t:.2f}: within-document CoNLL F1 {100 * f:.1f}")
        if best is None or f > best[1]:
            best = (t, f)
    base = coref.score(gold, [coref._keys(coref.lemma_baseline(d.mentions)) for d in docs if d.mentions])
    m["threshold"] = best[0]
    m["trained"] = {"data": "ECB+ topics 1-20 (tune half), within-document pairs of gold event mentions",
                    "pairs": len(y), "positive": int(sum(y)), "documents": len(docs), "spacy": label,
                    "model": f"LogisticRegression(C={args.C}, class_weight=balanced)",
                    "tune_within_conll_f1": round(100 * best[1], 1),
                    "tune_within_lemma_conll_f1": round(100 * base["conll_f1"], 1),
                    "command": "python scripts/train_coref.py ../shared/data/ecbplus"}
    args.out.write_text(json.dumps(m, indent=1) + "\n", encoding="utf-8")
    for name, w in sorted(zip(within.FEATURES, m["weights"]), key=lambda x: -abs(x[1])):
        print(f"  {name:<26} {w:+.3f}")
    print(f"{len(y)} pairs ({sum(y)} positive) from {len(docs)} documents; threshold {best[0]} "
          f"(tune within-document CoNLL F1 {100 * best[1]:.1f}, lemma {100 * base['conll_f1']:.1f}) -> {args.out}")


def _chains(m, doc, threshold):
    import math
    from dateline.link.clustering import agglomerate

    vs = [x.view for x in doc.mentions]
    n = len(vs)

    def p(i, j):
        z = m["intercept"] + sum(w * x for w, x in zip(m["weights"], within.pair_features(vs[i], vs[j])))
        return 1 / (1 + math.exp(-z))

    return agglomerate(n, [(i, j) for i in range(n) for j in range(i + 1, n)], score=p,
                       conflict=lambda i, j: False, threshold=threshold)


if __name__ == "__main__":
    main()
