"""Document-level PLOVER types on VOA stories labelled by hand.

bench/voa_doc_labels.jsonl holds, per story id, the PLOVER types a careful
reader finds in the story, each with a verbatim quote as evidence (labels
and quotes only; the stories stay in the user's data folder). Dateline's
document types are the strict PLOVER codes (`events.plover_code`) of its
events with confidence >= MIN_CONFIDENCE. Per type: precision, recall and F1
over documents; macro F1 over every type that is gold or predicted anywhere
(a type Dateline over-generates but nobody labelled counts with F1 = 0).
Also reports the event stage's time against spaCy's parse on the whole file.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[3]
LABELS = ROOT / "bench" / "voa_doc_labels.jsonl"
# Same cut as the PLOVER evaluation (evaluate/plover.py, chosen there on the
# GSR dev records, not on these labels); rerun both after changing weights.
MIN_CONFIDENCE = 0.4


def load_labels(path: Path) -> dict[str, dict[str, str]]:
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[str(d["id"])] = d["types"]
    return out


def _article(story: dict):
    from ..ingest.article import Article, InputError
    from ..ingest.text import article_from_text
    from ..records import Meta

    published = (story.get("published") or "")[:10] or None
    try:
        return article_from_text(story["text"], origin=f"voa:{story['id']}", published=published,
                                 id=str(story["id"]), title=story.get("title"), url=story.get("url"))
    except InputError:
        return Article(text=story["text"], meta=Meta(published=published, title=story.get("title")),
                       id=str(story["id"]))


def run(data: Path, model: Optional[str] = None, limit: Optional[int] = None,
        labels: Path = LABELS, min_confidence: float = MIN_CONFIDENCE, timing: bool = True) -> dict:
    from .. import events as events_mod
    from .. import nlp as nlp_mod
    from ..events import lexicon, where
    from ..annotated import Annotated
    from ..pipeline import load as load_pipeline, parse_published

    pipe = load_pipeline(model or nlp_mod.DEFAULT_MODEL)
    gold = load_labels(labels)
    stories = [json.loads(l) for l in Path(data).read_text(encoding="utf-8").splitlines() if l.strip()]
    stories = stories[: limit or None]

    t_load = time.perf_counter()  # one-time tables (lexicon, city index), reported apart
    lexicon.triggers(), lexicon.cues(), lexicon.places(), where._cities()
    load_s = time.perf_counter() - t_load
    tp, fp, fn = Counter(), Counter(), Counter()
    docs = []
    failed: list[str] = []
    parse_s = events_s = other_s = 0.0
    for story in stories:
        sid = str(story["id"])
        if sid not in gold and not timing:
            continue
        art = _article(story)
        t0 = time.perf_counter()
        doc = pipe.nlp(art.text)
        t1 = time.perf_counter()
        # the stages before events, timed apart from the event stage
        a = Annotated(article=art, doc=doc, published=parse_published(art.meta.published))
        try:
            for attr, stage in pipe.STAGES:
                if attr != "events":
                    setattr(a, attr, stage(a))
        except Exception as err:  # noqa: BLE001 - report, don't hide, another stage's failure
            failed.append(f"{sid}: {type(err).__name__}: {err}")
            continue
        t2 = time.perf_counter()
        a.events = events_mod.annotate(a)
        t3 = time.perf_counter()
        parse_s += t1 - t0
        other_s += t2 - t1
        events_s += t3 - t2
        if sid not in gold:
            continue
        pred = {}
        for e in a.events:
            code = events_mod.plover_code(e.type, e.status, bool(e.actors))
            if code and e.confidence >= min_confidence and code not in pred:
                pred[code] = a.article.text[e.sentence.start:e.sentence.end]
        g = set(gold[sid])
        for t in set(pred) | g:
            if t in pred and t in g:
                tp[t] += 1
            elif t in pred:
                fp[t] += 1
            else:
                fn[t] += 1
        docs.append({"id": sid, "gold": sorted(g), "pred": sorted(pred),
                     "false_positive": {t: pred[t] for t in pred if t not in g},
                     "missed": {t: gold[sid][t] for t in g if t not in pred}})
    per_type = {}
    for t in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_type[t] = {"gold": tp[t] + fn[t], "predicted": tp[t] + fp[t], "precision": round(p, 3),
                       "recall": round(r, 3), "f1": round(f, 3)}
    macro = sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0
    gold_types = [v for v in per_type.values() if v["gold"]]
    macro_gold = sum(v["f1"] for v in gold_types) / len(gold_types) if gold_types else 0.0
    T, P, F = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return {"data": str(data), "labels": str(labels), "documents": len(docs), "min_confidence": min_confidence,
            "macro_f1": round(macro, 3), "macro_f1_gold_types": round(macro_gold, 3),
            "micro_precision": round(T / (T + P), 3) if T + P else 0.0,
            "micro_recall": round(T / (T + F), 3) if T + F else 0.0,
            "per_type": per_type, "docs": docs, "failed": failed,
            "timing": {"stories": len(stories), "parse_s": round(parse_s, 2), "other_stages_s": round(other_s, 2),
                       "events_s": round(events_s, 3), "events_load_once_s": round(load_s, 2),
                       "events_vs_parse": round(events_s / parse_s, 3) if parse_s else None}}


def report(result: dict) -> str:
    lines = [f"VOA stories labelled by hand: {result['documents']} documents, events with confidence >= {result['min_confidence']}"
             + (f"; {len(result['failed'])} stories FAILED in an earlier stage: {result['failed'][:3]}" if result["failed"] else ""),
             f"{'type':<12}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for t, v in result["per_type"].items():
        lines.append(f"{t:<12}{v['gold']:>6}{v['predicted']:>6}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}")
    lines.append(f"macro F1 {result['macro_f1']:.3f} (all types gold or predicted), {result['macro_f1_gold_types']:.3f} "
                 f"(types with gold labels); micro P {result['micro_precision']:.3f} R {result['micro_recall']:.3f}")
    t = result["timing"]
    lines.append(f"time on {t['stories']} stories: parse {t['parse_s']}s, other stages {t['other_stages_s']}s, "
                 f"events {t['events_s']}s ({t['events_vs_parse']:.1%} of the parse; tables loaded once in {t['events_load_once_s']}s)" if t["events_vs_parse"] is not None else "")
    return "\n".join(lines)
