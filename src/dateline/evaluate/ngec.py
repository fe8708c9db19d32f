"""Document-level PLOVER type recall on NGEC's synthetic stories.

`gpt_synthetic_events_2023-10-19_19.csv` (../shared/data/ngec/, MIT, from the
POLECAT pipeline's open version) holds 4,500 stories a language model wrote
from a headline of one PLOVER type. The fixed split of ../shared/data/README.md:
check = rows at odd 0-based positions. Per story, Dateline's predicted types
are the types of its happened or ongoing events (as `score_events.py` counts
document types). Measures, over stories:
  hit rate        the story's labelled type is among the predicted types;
  other types     the story also gets a type other than its label (the
                  stories are about one event, but report background and
                  reactions too, so this is an upper bound of the error);
  unrelated       the story gets a type of another PLOVER quad class than its
                  label's (ontology.json `quad`: verbal/material cooperation or
                  conflict), e.g. ASSAULT in a story labelled AGREE;
  no event        the story gets no happened/ongoing event at all.
`--data` is the CSV or its folder.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path
from typing import Optional

FILE = "gpt_synthetic_events_2023-10-19_19.csv"
REAL = {"happened", "ongoing"}


def load(data: Path) -> list[dict]:
    data = Path(data)
    path = data / FILE if data.is_dir() else data
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as f:
        return [{"pos": i, "text": (r.get("text") or "").strip(), "label": (r.get("label") or "").strip().upper(),
                 "mode": (r.get("mode") or "").strip()} for i, r in enumerate(csv.DictReader(f))]


def in_half(pos: int, half: Optional[str]) -> bool:
    return half in (None, "all") or (half == "check") == (pos % 2 == 1)


def run(data: Path, model: Optional[str] = None, limit: Optional[int] = None, half: Optional[str] = None) -> dict:
    from .. import nlp as nlp_mod
    from ..events.lexicon import ontology
    from ..ingest.article import Article
    from ..pipeline import load as load_pipeline
    from ..records import Meta

    quad = {t: v.get("quad") for t, v in ontology()["types"].items()}
    pipe = load_pipeline(model or nlp_mod.DEFAULT_MODEL)
    rows = [r for r in load(data) if r["text"] and r["label"] in quad and in_half(r["pos"], half)][: limit or None]
    arts = (Article(text=r["text"], meta=Meta(published=None, published_basis="given"), origin="ngec") for r in rows)
    hit, other, unrelated, empty = Counter(), Counter(), Counter(), Counter()
    n_label: Counter = Counter()
    out_rows = []
    t0 = time.perf_counter()
    for r, rec in zip(rows, pipe.process_many(arts)):
        lab = r["label"]
        types = set()
        for e in getattr(rec, "events", None) or []:
            if e.status in REAL:
                types.add(e.type)
        n_label[lab] += 1
        hit[lab] += lab in types
        other[lab] += bool(types - {lab})
        unrelated[lab] += any(quad.get(t) != quad.get(lab) for t in types)
        empty[lab] += not types
        out_rows.append({"pos": r["pos"], "label": lab, "mode": r["mode"], "pred": sorted(types)})
    n = sum(n_label.values())

    def rate(c):
        return round(sum(c.values()) / n, 3) if n else 0.0

    per_label = {t: {"stories": n_label[t], "hit": round(hit[t] / n_label[t], 3),
                     "unrelated": round(unrelated[t] / n_label[t], 3)} for t in sorted(n_label)}
    return {"data": str(data), "half": half or "all", "stories": n, "hit_rate": rate(hit),
            "other_type_rate": rate(other), "unrelated_rate": rate(unrelated), "no_event_rate": rate(empty),
            "per_label": per_label, "rows": out_rows, "seconds": round(time.perf_counter() - t0, 1)}


def report(result: dict) -> str:
    lines = [f"NGEC synthetic stories ({result['half']} half): {result['stories']} stories ({result['seconds']}s)",
             f"{'label':<12}{'stories':>8}{'hit':>8}{'unrel':>8}"]
    for t, v in result["per_label"].items():
        lines.append(f"{t:<12}{v['stories']:>8}{v['hit']:>8.3f}{v['unrelated']:>8.3f}")
    lines.append(f"labelled type among predicted happened/ongoing types  {result['hit_rate']:.3f}")
    lines.append(f"stories also getting another type                      {result['other_type_rate']:.3f}")
    lines.append(f"stories getting a type of another quad class           {result['unrelated_rate']:.3f}")
    lines.append(f"stories with no happened/ongoing event                 {result['no_event_rate']:.3f}")
    return "\n".join(lines)
