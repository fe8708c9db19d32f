"""Event status on MEANTIME's gold event mentions (CAT XML).

Each gold EVENT_MENTION is mapped to a Dateline status (data/README.md):
polarity NEG -> negated; certainty POSSIBLE/PROBABLE or a conditional
(special_cases COND_*) -> hypothetical; time FUTURE (certain, positive) ->
planned; CERTAIN, POS, NON_FUTURE -> happened. Mentions whose attributes are
UNDERSPECIFIED or empty have no defined status and are skipped (counted).
Dateline's status for the mention's first token comes from
`events.status.classify`; "ongoing" counts as happened (MEANTIME has no
ongoing: both are certain, positive, non-future).
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


def files(data: Path) -> list[Path]:
    data = Path(data)
    return sorted(data.rglob("*.xml")) if data.is_dir() else [data]


def run(data: Path, model: Optional[str] = None, limit: Optional[int] = None) -> dict:
    from .. import nlp as nlp_mod
    from ..events.status import classify

    nlp = nlp_mod.load(model or nlp_mod.DEFAULT_MODEL)
    paths = files(data)[: limit or None]
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
            # the mention's syntactic head: the token whose head leaves the mention
            tok = doc[first]
            for j in range(first, last + 1):
                h = doc[j].head
                if h.i == j or not first <= h.i <= last:
                    tok = doc[j]
                    break
            pred, _ = classify(None, tok)
            pred = "happened" if pred == "ongoing" else pred
            confusion[(gold, pred)] += 1
            if gold != pred and len(errors) < 400:
                errors.append({"file": p.name, "gold": gold, "pred": pred, "token": tok.text,
                               "sentence": tok.sent.text})
    return {"data": str(data), "documents": len(paths), "skipped_unmapped": skipped,
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


def report(result: dict) -> str:
    lines = [f"MEANTIME event status ({result['documents']} documents, {result['mentions']} gold mentions; "
             f"{result['skipped_unmapped']} with underspecified attributes skipped)",
             f"{'status':<14}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for s, v in result["per_status"].items():
        lines.append(f"{s:<14}{v['gold']:>6}{v['predicted']:>6}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}")
    lines.append(f"accuracy {result['accuracy']:.3f}   macro-F1 {result['macro_f1']:.3f}   ({result['seconds']}s)")
    return "\n".join(lines)
