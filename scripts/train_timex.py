"""Train the learned keep/span choice of the time stage (dateline.times.choose) on
TimeBank, the tune half of TempEval-3, and write its JSON weights.

    .venv/bin/python scripts/train_timex.py --data ../shared/data/tempeval3 [--enable]

Only the TimeBank documents are read (AQUAINT, the check half, never): the rules tag
each document (parsed by Dateline's spaCy pipeline), and every expression becomes
 - a keep example: does it overlap a gold TIMEX3?
 - span examples: its variants (a word more or less at an edge, joined with the next
   expression); is the variant exactly a gold span?
 - value examples, where its normaliser reads it several ways (tense taken as past,
   future, present or unknown; no earlier date known): is this reading the gold value?
and every spaCy DATE/TIME entity no rule overlaps an entity example: which generic
value class (choose.VALUE_CLASSES) gives its gold value, if any?
Logistic regressions (scikit-learn, L2; multinomial for the entity classes) learn
them. The keep threshold, the span and value margins (how much more another span or
reading must score than the rules' own) and the entity threshold are chosen in turn
by 5-fold cross-validation over TimeBank documents, maximising strict F1 + value F1
of the out-of-fold choices. The final models are refit on all of TimeBank and written
as {feature: weight} to src/dateline/data/timex_choice.json, applied in pure Python at
run time. --enable marks the file enabled (only when the check halves improved: rerun
bench/timex_vs_heideltime.py on tempeval3 and meantime after retraining).
--parses FILE reuses a spaCy DocBin of the corpus (load_corpus order) while developing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline import nlp as nlp_mod, times  # noqa: E402
from dateline.annotated import Annotated  # noqa: E402
from dateline.evaluate.timex import Pred, load_corpus, score  # noqa: E402
from dateline.ingest.article import Article  # noqa: E402
from dateline.records import Meta  # noqa: E402
from dateline.times import choose  # noqa: E402

THRESHOLDS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
MARGINS = [0.0, 0.1, 0.2, 0.3, 1.1]  # 1.1: never move a span
ENTITY_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 1.01]  # 1.01: add no entity


def collect(data: Path, parses: Path | None):
    """Per TimeBank document: (text, doc, gold, found expressions)."""
    all_docs = load_corpus(data)
    nlp = nlp_mod.load(nlp_mod.DEFAULT_MODEL)
    cached = None
    if parses:
        from spacy.tokens import DocBin
        cached = list(DocBin().from_disk(parses).get_docs(nlp.vocab))
        assert len(cached) == len(all_docs) and all(c.text == d.text for c, d in zip(cached, all_docs))
    out = []
    for i, d in enumerate(all_docs):
        if d.half != "tune":
            continue
        doc = cached[i] if cached else nlp(d.text)
        meta = Meta(published=d.dct.isoformat() if d.dct else None)
        a = Annotated(article=Article(text=d.text, meta=meta), doc=doc, published=d.dct)
        found: list = []
        times.annotate(a, learned=False, trace=found)
        out.append((d.text, doc, d.timexes, found, d.dct))
    return out


def examples(items):
    """Feature lists and labels of the keep and span decisions, with document indices."""
    kx, ky, kd, sx, sy, sd = [], [], [], [], [], []
    for di, (text, doc, gold, found, _) in enumerate(items):
        spans = {(g.start, g.end) for g in gold}
        for i, f in enumerate(found):
            t = f.time
            overl = any(g.start < t.end and t.start < g.end for g in gold)
            kx.append(choose.keep_features(text, f, doc))
            ky.append(int(overl))
            kd.append(di)
            if not overl:
                continue
            for s, e, how, _ in choose.variants(text, found, i):
                sx.append(choose.span_features(text, s, e, how, f, doc))
                sy.append(int((s, e) in spans))
                sd.append(di)
    return kx, ky, kd, sx, sy, sd


def entity_examples(items):
    """Feature lists and value-class labels of the spaCy entities the rules missed."""
    ex, ey, ed = [], [], []
    for di, (text, doc, gold, found, dct) in enumerate(items):
        for f in choose.entity_candidates(text, doc, found):
            g = next((g for g in gold if g.start < f.time.end and f.time.start < g.end), None)
            label = "none"
            for c in choose.VALUE_CLASSES[1:]:
                if g is not None and choose.class_value(c, f.time.text, dct) == (g.type, g.value):
                    label = c
                    break
            ex.append(choose.value_features(text, f, doc))
            ey.append(label)
            ed.append(di)
    return ex, ey, ed


def value_examples(items):
    """Feature lists and labels of the readings of expressions that have several: is this
    reading the value of the gold TIMEX3 the expression overlaps?"""
    vx, vy, vd = [], [], []
    for di, (text, doc, gold, found, _) in enumerate(items):
        for f in found:
            t = f.time
            g = [g for g in gold if g.start < t.end and t.start < g.end]
            if not g or len(f.readings) < 2:
                continue
            g = min(g, key=lambda g: abs(g.start - t.start) + abs(g.end - t.end))
            for value, (typ, hows) in f.readings.items():
                vx.append(choose.reading_features(text, f, value, typ, hows))
                vy.append(int(value == g.value))
                vd.append(di)
    return vx, vy, vd


def fit_classes(x, y, c: float) -> dict:
    """{class: {feature: weight}} of a multinomial logistic regression (absent class: no weights)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in fs} for fs in x])
    lr = LogisticRegression(C=c, max_iter=3000)
    lr.fit(X, y)
    names = vec.get_feature_names_out()
    coefs = lr.coef_ if len(lr.classes_) > 2 else [-lr.coef_[0], lr.coef_[0]]
    icpt = lr.intercept_ if len(lr.classes_) > 2 else [-lr.intercept_[0], lr.intercept_[0]]
    out = {}
    for cls, coef, b in zip(lr.classes_, coefs, icpt):
        w = {n: float(v) for n, v in zip(names, coef)}
        w["bias"] = w.get("bias", 0.0) + float(b)
        out[str(cls)] = {k: round(v, 4) for k, v in w.items() if abs(v) >= 1e-4}
    return out


def fit(x, y, c: float) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in fs} for fs in x])
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit(X, y)
    w = {name: float(coef) for name, coef in zip(vec.get_feature_names_out(), lr.coef_[0])}
    w["bias"] = w.get("bias", 0.0) + float(lr.intercept_[0])
    return {k: round(v, 4) for k, v in w.items() if abs(v) >= 1e-4}


def _apply(item, model):
    text, doc, _, found, dct = item
    return [Pred(t.start, t.end, t.type, t.value) for t in choose.apply(text, found, doc, model, dct=dct)]


def evaluate(items, idx, model) -> dict:
    return score([items[i][2] for i in idx], [_apply(items[i], model) for i in idx])


def cross_validate(items, folds, fold_models, grid):
    """The grid point (a dict of model settings) with the best out-of-fold strict + value F1."""
    best = None
    for point in grid:
        golds, preds = [], []
        for k, parts in enumerate(fold_models):
            m = {name: dict(part, **point.get(name, {})) for name, part in parts.items()}
            for i in range(k, len(items), folds):
                golds.append(items[i][2])
                preds.append(_apply(items[i], m))
        r = score(golds, preds)
        if best is None or r["strict_f1"] + r["value_f1"] > best[0]:
            best = (r["strict_f1"] + r["value_f1"], point, r)
    return best[1], best[2]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="TempEval-3 folder (TimeBank is read)")
    ap.add_argument("--out", type=Path, default=choose.MODEL_FILE)
    ap.add_argument("--parses", type=Path, default=None, help="spaCy DocBin of the corpus (development)")
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength of both models")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--enable", action="store_true", help="mark the model enabled")
    args = ap.parse_args(argv)

    items = collect(args.data, args.parses)
    kx, ky, kd, sx, sy, sd = examples(items)
    print(f"TimeBank: {len(items)} documents, {len(kx)} expressions ({sum(ky)} overlap gold), "
          f"{len(sx)} span variants ({sum(sy)} exact)")

    ex, ey, ed = entity_examples(items)
    print(f"spaCy DATE/TIME entities no rule overlaps: {len(ex)}; with a value class right: "
          f"{sum(y != 'none' for y in ey)}")

    vx, vy, vd = value_examples(items)
    print(f"readings of expressions with several: {len(vx)} ({sum(vy)} the gold value)")

    # out-of-fold models: folds by document (document i is in fold i % folds)
    fold_models = []
    for k in range(args.folds):
        tr = [j for j, d in enumerate(kd) if d % args.folds != k]
        trs = [j for j, d in enumerate(sd) if d % args.folds != k]
        tre = [j for j, d in enumerate(ed) if d % args.folds != k]
        trv = [j for j, d in enumerate(vd) if d % args.folds != k]
        fold_models.append({
            "keep": {"weights": fit([kx[j] for j in tr], [ky[j] for j in tr], args.c)},
            "span": {"weights": fit([sx[j] for j in trs], [sy[j] for j in trs], args.c)},
            "entity": {"weights": fit_classes([ex[j] for j in tre], [ey[j] for j in tre], args.c)},
            "value": {"weights": fit([vx[j] for j in trv], [vy[j] for j in trv], args.c)}})
    rules_only = evaluate(items, range(len(items)), {"keep": {"weights": {}, "threshold": 0.0},
                                                     "span": {"weights": {}, "margin": 1.1}})
    assert abs(rules_only["value_f1"] - evaluate(items, range(len(items)), {
        "keep": {"weights": {}, "threshold": 0.0}, "span": {"weights": {}, "margin": 1.1},
        "value": {"weights": {}, "margin": 1.1}})["value_f1"]) < 1e-9
    grid = [{"keep": {"threshold": th}, "span": {"margin": mg}, "entity": {"threshold": 1.01},
             "value": {"margin": 1.1}} for th in THRESHOLDS for mg in MARGINS]
    point, r1 = cross_validate(items, args.folds, fold_models, grid)
    grid = [dict(point, entity={"threshold": et}) for et in ENTITY_THRESHOLDS]
    point, r2 = cross_validate(items, args.folds, fold_models, grid)
    grid = [dict(point, value={"margin": mv}) for mv in MARGINS]
    point, r = cross_validate(items, args.folds, fold_models, grid)
    th, mg, et = point["keep"]["threshold"], point["span"]["margin"], point["entity"]["threshold"]
    mv = point["value"]["margin"]
    print(f"rules alone on TimeBank: strict F1 {rules_only['strict_f1']:.3f}, value F1 {rules_only['value_f1']:.3f}")
    print(f"cross-validated keep/span: threshold {th}, margin {mg}: strict F1 {r1['strict_f1']:.3f}, "
          f"value F1 {r1['value_f1']:.3f}")
    print(f"  + entities: threshold {et}: strict F1 {r2['strict_f1']:.3f}, value F1 {r2['value_f1']:.3f}")
    print(f"  + value choice: margin {mv}: strict F1 {r['strict_f1']:.3f}, value F1 {r['value_f1']:.3f}")
    model = {
        "_about": "Learned keep/span/value/entity choice of the time stage (dateline.times.choose), trained by "
                  "scripts/train_timex.py on TimeBank (TempEval-3 tune half) only. Logistic "
                  "regression weights per string feature; a score is the logistic of their sum. "
                  "threshold and margin chosen by 5-fold cross-validation on TimeBank documents; "
                  "rerun bench/timex_vs_heideltime.py (tempeval3 and meantime) after retraining.",
        "enabled": bool(args.enable),
        "trained_on": {"documents": len(items), "keep_examples": len(kx), "span_examples": len(sx),
                       "C": args.c},
        "cv_timebank": {"rules_strict_f1": round(rules_only["strict_f1"], 4),
                        "rules_value_f1": round(rules_only["value_f1"], 4),
                        "keep_span_strict_f1": round(r1["strict_f1"], 4),
                        "keep_span_value_f1": round(r1["value_f1"], 4),
                        "entities_strict_f1": round(r2["strict_f1"], 4),
                        "entities_value_f1": round(r2["value_f1"], 4),
                        "strict_f1": round(r["strict_f1"], 4), "value_f1": round(r["value_f1"], 4)},
        "keep": {"threshold": th, "weights": fit(kx, ky, args.c)},
        "span": {"margin": mg, "weights": fit(sx, sy, args.c)},
        "entity": {"threshold": et, "weights": fit_classes(ex, ey, args.c)},
        "value": {"margin": mv, "weights": fit(vx, vy, args.c)},
    }
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model['keep']['weights'])} + {len(model['span']['weights'])} weights)"
          f", enabled={model['enabled']}")


if __name__ == "__main__":
    main()
