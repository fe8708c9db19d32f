#!/usr/bin/env python3
"""Build the status model's data: the MegaVeridicality signature table and the
logistic factuality model over status cues.

    python scripts/build_status_model.py \
        --mega ../shared/data/factuality/megaveridicality \
        --uw ../shared/data/factuality/uw \
        --meantime ../shared/data/meantime

Writes (committed, read at run time by events/status.py):
- src/dateline/data/plover/veridicality.tsv: verb, frame, normalised
  veridicality / 4 (in [-1, 1]) for the frames that / to / np_to / was_that /
  was_to, averaged over the eventive and stative variants;
- src/dateline/data/plover/status_model.json: a multinomial logistic
  regression (scikit-learn, fitted here; applied in pure Python) from the cue
  features of `events.status.features` to certain / uncertain / negated, and
  the margin by which its best class must beat the cue rule's class to
  override it.

Training data: the TUNE halves only (../shared/data/README.md): UW factuality
train (gold = sign of the value, uncertain when |v| < 1) and MEANTIME `apple`
(happened/planned -> certain, hypothetical -> uncertain, negated -> negated).
The regularisation C, the weight of a MEANTIME mention relative to a UW
token and the class weighting (none / square root / balanced) are chosen by 5-fold cross-validation on that tune data (macro-F1
averaged over the two corpora). Rerun after editing the cue lists of
data/plover/cues.json or the features in events/status.py, then rerun
`dateline eval factuality --data ../shared/data/meantime --half both`, the UW
mode, and `python bench/voa_events.py -q`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

OUT = ROOT / "src" / "dateline" / "data" / "plover"
CLASSES = ["certain", "uncertain", "negated"]
FRAMES = {
    "NP Ved that S": "that", "NP was Ved that S": "was_that",
    "NP Ved to VP[+eventive]": "to", "NP Ved to VP[-eventive]": "to",
    "NP Ved NP to VP[+eventive]": "np_to", "NP Ved NP to VP[-eventive]": "np_to",
    "NP Ved for NP to VP": "np_to",
    "NP was Ved to VP[+eventive]": "was_to", "NP was Ved to VP[-eventive]": "was_to",
}


def build_veridicality(mega: Path) -> int:
    path = next(Path(mega).glob("*normalized.tsv"))
    acc = defaultdict(list)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    vi, fi, ni = header.index("verb"), header.index("frame"), header.index("veridicalitynorm")
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) <= ni or cells[fi] not in FRAMES:
            continue
        try:
            acc[(cells[vi], FRAMES[cells[fi]])].append(float(cells[ni]))
        except ValueError:
            continue
    rows = sorted((v, f, sum(x) / len(x) / 4.0) for (v, f), x in acc.items())
    with open(OUT / "veridicality.tsv", "w", encoding="utf-8") as out:
        out.write("# verb\tframe\tveridicality: MegaVeridicality v2.1 normalised rating / 4, averaged over "
                  "polarity and eventivity; built by scripts/build_status_model.py\n")
        for v, f, x in rows:
            out.write(f"{v}\t{f}\t{x:.3f}\n")
    print(f"veridicality.tsv: {len(rows)} verb-frame rows, {len({r[0] for r in rows})} verbs from {path.name}")
    return len(rows)


def uw_examples(nlp, uw: Path):
    from spacy.tokens import Doc

    from dateline.evaluate.factuality import read_conll, uw_gold
    from dateline.events.status import rule_features

    sents = read_conll(Path(uw) / "train.conll")
    X, y, rules = [], [], []
    for s, doc in zip(sents, nlp.pipe((Doc(nlp.vocab, words=[w for w, _ in s]) for s in sents), batch_size=64)):
        for i, (_w, v) in enumerate(s):
            if v is None:
                continue
            g = uw_gold(v)
            rule, f = rule_features(doc[i])
            X.append(f)
            y.append({"happened": "certain", "not happened": "negated"}.get(g, "uncertain"))
            rules.append(rule)
    return X, y, rules


def meantime_examples(nlp, meantime: Path):
    from dateline.evaluate.factuality import _doc, files, gold_status, head_token, read_doc
    from dateline.events.status import rule_features

    X, y, rules = [], [], []
    for p in files(meantime, "tune"):
        words, sents, mentions = read_doc(p)
        doc = _doc(nlp, words, sents)
        for first, last, attrs in mentions:
            g = gold_status(attrs)
            if g is None:
                continue
            rule, f = rule_features(head_token(doc, first, last))
            X.append(f)
            y.append({"happened": "certain", "planned": "certain", "hypothetical": "uncertain"}.get(g, "negated"))
            rules.append(rule)
    return X, y, rules


def macro(y, p):
    f1s = []
    for c in CLASSES:
        tp = sum(1 for a, b in zip(y, p) if a == c and b == c)
        fp = sum(1 for a, b in zip(y, p) if a != c and b == c)
        fn = sum(1 for a, b in zip(y, p) if a == c and b != c)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f1s) / len(f1s)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mega", type=Path, required=True)
    ap.add_argument("--uw", type=Path, required=True)
    ap.add_argument("--meantime", type=Path, required=True)
    args = ap.parse_args()

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from dateline import nlp as nlp_mod
    from dateline.events import status as status_mod

    build_veridicality(args.mega)
    status_mod.veridicality.cache_clear()
    # features must not depend on a previous model: they read only cues and the table
    nlp = nlp_mod.load(nlp_mod.DEFAULT_MODEL)
    Xu, yu, ru = uw_examples(nlp, args.uw)
    Xm, ym, rm = meantime_examples(nlp, args.meantime)
    print(f"training examples: UW train {len(yu)} {dict(Counter(yu))}; MEANTIME apple {len(ym)} {dict(Counter(ym))}")
    rule_map = {"happened": "certain", "ongoing": "certain", "planned": "certain", "hypothetical": "uncertain",
                "negated": "negated"}
    print(f"cue rules alone: macro-F1 UW {macro(yu, [rule_map[r] for r in ru]):.3f}, "
          f"MEANTIME {macro(ym, [rule_map[r] for r in rm]):.3f}")

    vec = DictVectorizer(sparse=False)
    X = vec.fit_transform(Xu + Xm)
    y = np.array(yu + ym)
    src = np.array([0] * len(yu) + [1] * len(ym))
    counts = Counter(y)

    def weights(idx, wm, power):
        # corpus weight x class weight (n / count)^power: power 0 = none, 1 = balanced
        cw = {c: (len(y) / (len(counts) * counts[c])) ** power for c in counts}
        return np.array([(wm if src[i] == 1 else 1.0) * cw[y[i]] for i in idx])

    best = None
    for C in (0.3, 1.0, 3.0):
        for wm in (5.0, 20.0):
            for power in (0.0, 0.5, 1.0):
                pred = np.empty(len(y), dtype=object)
                for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X, np.char.add(y.astype(str), src.astype(str))):
                    clf = LogisticRegression(C=C, max_iter=3000)
                    clf.fit(X[tr], y[tr], sample_weight=weights(tr, wm, power))
                    pred[te] = clf.predict(X[te])
                mu = macro(list(y[src == 0]), list(pred[src == 0]))
                mm = macro(list(y[src == 1]), list(pred[src == 1]))
                score = (mu + mm) / 2
                print(f"  C={C:<4} MEANTIME weight={wm:<5} class-weight power={power:<4} CV macro-F1 UW {mu:.3f} MEANTIME {mm:.3f}")
                if best is None or score > best[0]:
                    best = (score, C, wm, power)
    _, C, wm, power = best
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(X, y, sample_weight=weights(np.arange(len(y)), wm, power))
    # How far the model's best class must beat the cue rule's class to override it:
    # chosen on out-of-fold scores of the tune data (mean macro-F1 over the two corpora).
    cls = list(clf.classes_)
    dec = np.zeros((len(y), len(cls)))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X, np.char.add(y.astype(str), src.astype(str))):
        fold = LogisticRegression(C=C, max_iter=3000)
        fold.fit(X[tr], y[tr], sample_weight=weights(tr, wm, power))
        dec[te] = fold.decision_function(X[te])
    rule_idx = np.array([cls.index(rule_map[r]) for r in ru + rm])
    best_m = None
    for margin in (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 99.0):
        top = dec.argmax(1)
        gap = dec[np.arange(len(y)), top] - dec[np.arange(len(y)), rule_idx]
        pred = np.array(cls, dtype=object)[np.where(gap > margin, top, rule_idx)]
        mu, mm = macro(list(y[src == 0]), list(pred[src == 0])), macro(list(y[src == 1]), list(pred[src == 1]))
        print(f"  override margin {margin:<5} macro-F1 UW {mu:.3f} MEANTIME {mm:.3f}")
        if best_m is None or (mu + mm) / 2 > best_m[0]:
            best_m = ((mu + mm) / 2, margin)
    margin = best_m[1]
    names = vec.get_feature_names_out()
    model = {
        "_about": "Multinomial logistic regression: status cue features (events.status.features) -> "
                  "certain / uncertain / negated. Built by scripts/build_status_model.py on UW factuality "
                  f"train ({len(yu)} events) and MEANTIME apple ({len(ym)} mentions); C={C}, MEANTIME weight={wm}, "
                  f"class-weight power={power} "
                  "chosen by 5-fold CV on that tune data. Applied in pure Python.",
        "classes": list(clf.classes_),
        "override_margin": margin,
        "intercept": [round(float(b), 4) for b in clf.intercept_],
        "coef": [{n: round(float(w), 4) for n, w in zip(names, row) if abs(w) >= 1e-4} for row in clf.coef_],
    }
    (OUT / "status_model.json").write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"status_model.json: {len(names)} features, C={C}, MEANTIME weight={wm}, class-weight power={power}, "
          f"override margin {margin}")


if __name__ == "__main__":
    main()
