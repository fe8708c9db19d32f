"""Attribution evaluation on PolNeAR (brat standoff: Source, Cue, Content).

Each gold span is scored against the spans `attribution.annotate_all` finds:
exact (same offsets; a discontinuous gold span is compared by its hull) and
overlap (shares at least one character with a fragment). Precision counts
predicted spans that match some gold span of the same role, recall gold spans
matched by some prediction.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

ROLES = ("Source", "Cue", "Content")


def read_gold(ann: Path) -> dict[str, list[list[tuple[int, int]]]]:
    """role -> list of spans, each a list of (start, end) fragments."""
    out: dict[str, list] = {r: [] for r in ROLES}
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        role, _, offs = parts[1].partition(" ")
        if role not in out:
            continue
        frags = []
        for piece in offs.split(";"):
            s, e = piece.split()
            frags.append((int(s), int(e)))
        out[role].append(frags)
    return out


def documents(data: Path):
    """(name, text, gold) for every annotated article under `data` (a split dir)."""
    texts = {p.stem: p for p in (data / "text").glob("*.txt")}
    for ann in sorted((data / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        txt = texts.get(stem) or texts.get(ann.stem)
        if txt is None:
            continue
        yield ann.stem, txt.read_text(encoding="utf-8"), read_gold(ann)


def predict(pipeline, text: str) -> dict[str, list[tuple[int, int]]]:
    from .. import actors, attribution
    from ..annotated import Annotated
    from ..ingest.article import Article
    from ..records import Meta

    # only the stages attribution reads: spans do not depend on times or events
    a = Annotated(article=Article(text=text, meta=Meta()), doc=pipeline.nlp(text), published=None)
    a.entities = actors.annotate(a)
    out: dict[str, list] = {r: [] for r in ROLES}
    for f in attribution.annotate_all(a):
        out["Cue"].append(f.cue)
        if f.source:
            out["Source"].append(f.source)
        if f.content:
            out["Content"].append(f.content)
    return out


def _overlaps(p, frags) -> bool:
    return any(p[0] < e and s < p[1] for s, e in frags)


def _prf(tp_p, n_p, tp_g, n_g) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def run(data: Path, model: Optional[str] = None, limit: Optional[int] = None) -> dict:
    from ..pipeline import load

    data = Path(data)
    if (data / "dev").is_dir() and not (data / "text").is_dir():
        data = data / "dev"
    pipeline = load(model) if model else load()
    counts = {r: {"n_pred": 0, "n_gold": 0, "exact_p": 0, "exact_g": 0, "ov_p": 0, "ov_g": 0}
              for r in ROLES}
    n_docs = 0
    t0 = time.perf_counter()
    for name, text, gold in documents(data):
        if limit is not None and n_docs >= limit:
            break
        n_docs += 1
        pred = predict(pipeline, text)
        for role in ROLES:
            c = counts[role]
            g = gold[role]
            hulls = {(min(s for s, _ in fr), max(e for _, e in fr)) for fr in g}
            ps = set(pred[role])
            c["n_pred"] += len(ps)
            c["n_gold"] += len(g)
            c["exact_p"] += sum(p in hulls for p in ps)
            c["exact_g"] += sum((min(s for s, _ in fr), max(e for _, e in fr)) in ps for fr in g)
            c["ov_p"] += sum(any(_overlaps(p, fr) for fr in g) for p in ps)
            c["ov_g"] += sum(any(_overlaps(p, fr) for p in ps) for fr in g)
    scores = {}
    for role, c in counts.items():
        scores[role] = {
            "n_pred": c["n_pred"], "n_gold": c["n_gold"],
            "exact": _prf(c["exact_p"], c["n_pred"], c["exact_g"], c["n_gold"]),
            "overlap": _prf(c["ov_p"], c["n_pred"], c["ov_g"], c["n_gold"]),
        }
    return {"data": str(data), "documents": n_docs, "seconds": round(time.perf_counter() - t0, 2),
            "model": pipeline.model_name, "scores": scores}


def report(result: dict) -> str:
    lines = [f"PolNeAR attribution: {result['documents']} documents from {result['data']} "
             f"({result['seconds']} s, model {result['model']})", "",
             f"{'role':<8} {'gold':>6} {'pred':>6}   {'exact P':>7} {'R':>6} {'F1':>6}"
             f"   {'overlap P':>9} {'R':>6} {'F1':>6}"]
    for role, s in result["scores"].items():
        ex, ov = s["exact"], s["overlap"]
        lines.append(f"{role:<8} {s['n_gold']:>6} {s['n_pred']:>6}   {ex['p']:>7.3f} {ex['r']:>6.3f} "
                     f"{ex['f1']:>6.3f}   {ov['p']:>9.3f} {ov['r']:>6.3f} {ov['f1']:>6.3f}")
    return "\n".join(lines)
