"""Event status on MEANTIME's gold event mentions (CAT XML).

Each gold EVENT_MENTION is mapped to a Dateline status (data/README.md):
polarity NEG -> negated; certainty POSSIBLE/PROBABLE or a conditional
(special_cases COND_*) -> hypothetical; time FUTURE (certain, positive) ->
planned; CERTAIN, POS, NON_FUTURE -> happened. Mentions whose attributes are
UNDERSPECIFIED or empty have no defined status and are skipped (counted).
Dateline's status for the mention's first token comes from
`events.status.classify`; "ongoing" counts as happened (MEANTIME has no
ongoing: both are certain, positive, non-future).

`--half tune` scores the `apple` corpus, `--half check` the `gm` corpus (the
fixed split of ../shared/data/README.md). A folder holding `train.conll` and
`dev.conll` is read as the UW factuality corpus instead: each token with a
value is an event; its gold class is the sign of the value (happened v >= 1,
not happened v <= -1, uncertain |v| < 1); Dateline's status maps to happened
(happened, ongoing), not happened (negated) and uncertain (planned,
hypothetical). Tune = train, check = dev; a majority baseline is reported.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Optional

STATUSES = ("happened", "planned", "hypothetical", "negated")


def gold_status(m: dict) -> Optional[str]:
    pol, cert, tm, sp = m.get("polarity", ""), m.get("certainty", ""), m.get("time", ""), m.get("special_cases", "")
    if pol == "NEG":
        return "negated"
    if cert in ("POSSIBLE", "PROBABLE") or sp.startswith("COND"):
        return "hypothetical"
    if pol == "POS" and cert == "CERTAIN":
        if tm == "FUTURE":
            return "planned"
        if tm == "NON_FUTURE":
            return "happened"
    return None


def read_doc(path: Path):
    """(words, sentence ids, [(first token index, gold attrs)]) of one CAT document."""
    root = ET.parse(path).getroot()
    words, sents, index = [], [], {}
    for tok in root.iter("token"):
        index[tok.get("t_id")] = len(words)
        words.append(tok.text or "")
        sents.append(int(tok.get("sentence")))
    mentions = []
    for m in root.iter("EVENT_MENTION"):
        anchors = [index[x.get("t_id")] for x in m.iter("token_anchor") if x.get("t_id") in index]
        if anchors:
            mentions.append((min(anchors), max(anchors), dict(m.attrib)))
    return words, sents, mentions


def _doc(nlp, words, sents):
    from spacy.tokens import Doc

    spaces = [True] * len(words)
    starts = [i == 0 or sents[i] != sents[i - 1] for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
    return nlp(doc)


HALF_CORPUS = {"tune": "corpus_apple", "check": "corpus_gm"}
UW_FILES = {"tune": "train.conll", "check": "dev.conll"}
UW_CLASSES = ("happened", "not happened", "uncertain")


def files(data: Path, half: Optional[str] = None) -> list[Path]:
    data = Path(data)
    if not data.is_dir():
        return [data]
    paths = sorted(data.rglob("*.xml"))
    if half in HALF_CORPUS:
        paths = [p for p in paths if HALF_CORPUS[half] in p.parts]
    return paths


def is_uw(data: Path) -> bool:
    data = Path(data)
    return data.is_dir() and (data / "train.conll").exists() and (data / "dev.conll").exists()


def head_token(doc, first: int, last: int):
    """The mention's syntactic head: the token whose head leaves the mention."""
    for j in range(first, last + 1):
        h = doc[j].head
        if h.i == j or not first <= h.i <= last:
            return doc[j]
    return doc[first]


def run(data: Path, model: Optional[str] = None, limit: Optional[int] = None, half: Optional[str] = None) -> dict:
    from .. import nlp as nlp_mod
    from ..events.status import classify

    if is_uw(data):
        return run_uw(data, model, limit, half)
    nlp = nlp_mod.load(model or nlp_mod.DEFAULT_MODEL)
    paths = files(data, half)[: limit or None]
    confusion: Counter = Counter()
    skipped = 0
    errors = []
    t0 = time.perf_counter()
    for p in paths:
        words, sents, mentions = read_doc(p)
        doc = _doc(nlp, words, sents)
        for first, last, attrs in mentions:
            gold = gold_status(attrs)
            if gold is None:
                skipped += 1
                continue
            tok = head_token(doc, first, last)
            pred, _ = classify(None, tok)
            pred = "happened" if pred == "ongoing" else pred
            confusion[(gold, pred)] += 1
            if gold != pred and len(errors) < 400:
                errors.append({"file": p.name, "gold": gold, "pred": pred, "token": tok.text,
                               "sentence": tok.sent.text})
    return {"data": str(data), "half": half or "all", "documents": len(paths), "skipped_unmapped": skipped,
            "confusion": {f"{g}|{p}": n for (g, p), n in sorted(confusion.items())},
            "seconds": round(time.perf_counter() - t0, 1), **scores(confusion), "errors": errors}


def scores(confusion: Counter) -> dict:
    n = sum(confusion.values())
    correct = sum(v for (g, p), v in confusion.items() if g == p)
    present = [s for s in STATUSES if any(g == s for (g, _p) in confusion)]
    per = {}
    for s in present:
        tp = confusion[(s, s)]
        fp = sum(v for (g, p), v in confusion.items() if p == s and g != s)
        fn = sum(v for (g, p), v in confusion.items() if g == s and p != s)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        per[s] = {"gold": tp + fn, "predicted": tp + fp, "precision": round(pr, 3),
                  "recall": round(rc, 3), "f1": round(f, 3)}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"mentions": n, "accuracy": round(correct / n, 3) if n else 0.0,
            "macro_f1": round(macro, 3), "per_status": per}


def uw_gold(v: float) -> str:
    return "happened" if v >= 1 else "not happened" if v <= -1 else "uncertain"


def uw_of(status: str) -> str:
    # UW rates a certain future ("will join NATO on March 12") as factual (+2..+3), so planned counts as happened
    return {"happened": "happened", "ongoing": "happened", "planned": "happened", "negated": "not happened"}.get(status, "uncertain")


def read_conll(path: Path):
    """Sentences of a UW CoNLL file: lists of (word, value or None)."""
    sents, cur = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 3:
            if cur:
                sents.append(cur)
            cur = []
            continue
        try:
            v = None if cols[2] == "_" else float(cols[2])
        except ValueError:
            v = None
        cur.append((cols[1], v))
    if cur:
        sents.append(cur)
    return sents


def run_uw(data: Path, model: Optional[str] = None, limit: Optional[int] = None, half: Optional[str] = None) -> dict:
    from spacy.tokens import Doc

    from .. import nlp as nlp_mod
    from ..events.status import classify

    nlp = nlp_mod.load(model or nlp_mod.DEFAULT_MODEL)
    halves = [half] if half in UW_FILES else ["tune", "check"]
    confusion: Counter = Counter()
    errors = []
    t0 = time.perf_counter()
    nsent = 0
    for h in halves:
        sents = read_conll(Path(data) / UW_FILES[h])[: limit or None]
        nsent += len(sents)
        docs = (Doc(nlp.vocab, words=[w for w, _ in s]) for s in sents)
        for s, doc in zip(sents, nlp.pipe(docs, batch_size=64)):
            for i, (_w, v) in enumerate(s):
                if v is None:
                    continue
                gold = uw_gold(v)
                pred = uw_of(classify(None, doc[i])[0])
                confusion[(gold, pred)] += 1
                if gold != pred and len(errors) < 400:
                    errors.append({"gold": gold, "value": v, "pred": pred, "token": doc[i].text, "sentence": doc.text})
    n = sum(confusion.values())
    gold_counts = Counter()
    for (g, _p), k in confusion.items():
        gold_counts[g] += k
    majority, mcount = gold_counts.most_common(1)[0] if gold_counts else ("happened", 0)
    per = {}
    for s in UW_CLASSES:
        tp = confusion[(s, s)]
        fp = sum(k for (g, p), k in confusion.items() if p == s and g != s)
        fn = gold_counts[s] - tp
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        per[s] = {"gold": gold_counts[s], "predicted": tp + fp, "precision": round(pr, 3),
                  "recall": round(rc, 3), "f1": round(f, 3)}
    correct = sum(k for (g, p), k in confusion.items() if g == p)
    return {"data": str(data), "corpus": "uw", "half": half or "all", "sentences": nsent, "mentions": n,
            "accuracy": round(correct / n, 3) if n else 0.0,
            "majority": majority, "majority_accuracy": round(mcount / n, 3) if n else 0.0,
            "macro_f1": round(sum(v["f1"] for v in per.values()) / len(per), 3),
            "per_status": per, "confusion": {f"{g}|{p}": k for (g, p), k in sorted(confusion.items())},
            "seconds": round(time.perf_counter() - t0, 1), "errors": errors}


def report(result: dict) -> str:
    if result.get("corpus") == "uw":
        lines = [f"UW factuality ({result['half']}: {result['sentences']} sentences, {result['mentions']} events)",
                 f"{'class':<14}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
        for s, v in result["per_status"].items():
            lines.append(f"{s:<14}{v['gold']:>6}{v['predicted']:>6}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}")
        lines.append(f"accuracy {result['accuracy']:.3f}   majority ({result['majority']}) {result['majority_accuracy']:.3f}   "
                     f"macro-F1 {result['macro_f1']:.3f}   ({result['seconds']}s)")
        return "\n".join(lines)
    lines = [f"MEANTIME event status ({result.get('half', 'all')}: {result['documents']} documents, {result['mentions']} gold mentions; "
             f"{result['skipped_unmapped']} with underspecified attributes skipped)",
             f"{'status':<14}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for s, v in result["per_status"].items():
        lines.append(f"{s:<14}{v['gold']:>6}{v['predicted']:>6}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}")
    lines.append(f"accuracy {result['accuracy']:.3f}   macro-F1 {result['macro_f1']:.3f}   ({result['seconds']}s)")
    return "\n".join(lines)
