"""Reviewed sample of extracted figures on the VOA development stories.

    python bench/review_figures.py            # run Dateline, draw the sample, write/update the TSV
    python bench/review_figures.py --score    # score the verdicts in the TSV

The sample is 50 figures drawn with random.Random(2025).sample from every
extracted figure sorted by (doc id, start). Verdicts (value_ok, measure_ok,
attribution_ok, note) of a figure that is still extracted identically (same
doc_id, start, end, value, measure and attribution source) are kept when the
TSV is rewritten; new figures get empty verdicts to review.

A figure is right only if value, measure and attribution are all right.
Attribution is right if the source the article gives is found, or if the
article gives none and none is reported. The stories themselves are never
written here: only ids, offsets, the figure's own text and <= 12 words of
context.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOA = Path("/work/shared/data/voa/voa_dev.jsonl")
TSV = HERE / "voa_figures_review.tsv"
SEED, N = 2025, 50
COLS = ["doc_id", "start", "end", "text", "value", "approx", "measure", "subject",
        "attribution_source", "context", "value_ok", "measure_ok", "attribution_ok", "note"]
VERDICTS = ["value_ok", "measure_ok", "attribution_ok", "note"]


def _doc_id(rec) -> str:
    m = re.search(r"/(\d+)\.html", rec.meta.url or "")
    return m.group(1) if m else rec.id


def _fmt(v) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:.4g}"


def _context(text: str, start: int, end: int, words: int = 12) -> str:
    """At most `words` words around the figure, figure included, on one line."""
    fig = text[start:end].split()
    room = max(0, words - len(fig))
    before = text[max(0, start - 200):start].split()
    after = text[end:end + 200].split()
    nb = min(len(before), room // 2)
    na = min(len(after), room - nb)
    nb = min(len(before), room - na)
    ctx = " ".join(before[len(before) - nb:] + ["[" + " ".join(fig) + "]"] + after[:na])
    return ctx.replace("\t", " ")


def _key(row: dict) -> tuple:
    return (row["doc_id"], str(row["start"]), str(row["end"]), row["value"], row["measure"],
            row["attribution_source"])


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around the figure, roughly, with the one before it."""
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    s = max(text.rfind(". ", 0, max(s, 0)), text.rfind("\n", 0, max(s, 0))) + 1
    e = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x >= 0)
    return text[s:e + 1].strip()


def extract(path: Path = VOA) -> list[tuple[dict, str]]:
    from dateline.ingest import read_paths
    from dateline.pipeline import load

    p = load()
    recs = [r for r in p.process_many(read_paths([path])) if hasattr(r, "figures")]
    rows = []
    for r in recs:
        did = _doc_id(r)
        for f in r.figures:
            assert r.text[f.start:f.end] == f.text
            rows.append(({
                "doc_id": did, "start": f.start, "end": f.end, "text": f.text,
                "value": _fmt(f.value) if f.approx != "range" else f"{_fmt(f.low)}-{_fmt(f.high)}",
                "approx": f.approx, "measure": f.measure, "subject": f.subject or "",
                "attribution_source": f.attribution.source if f.attribution else "",
                "context": _context(r.text, f.start, f.end),
            }, _sentence(r.text, f.start, f.end)))
    rows.sort(key=lambda x: (x[0]["doc_id"], x[0]["start"]))
    return rows


def read_tsv(path: Path = TSV) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def write(sample: list[dict], path: Path = TSV, also: tuple = ()) -> None:
    old = {}
    for src in (*also, path):  # the TSV's own verdicts win
        old.update({_key(r): r for r in read_tsv(src) if r.get("value_ok") in ("y", "n")})
    kept = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for row in sample:
            prev = old.get(_key({k: str(v) for k, v in row.items()}))
            for c in VERDICTS:
                row[c] = prev[c] if prev else ""
            kept += prev is not None
            w.writerow(row)
    print(f"wrote {len(sample)} figures to {path} ({kept} verdicts kept, "
          f"{len(sample) - kept} to review)")


def score(path: Path = TSV) -> dict:
    rows = read_tsv(path)
    todo = [r for r in rows if not all(r[c] in ("y", "n") for c in VERDICTS[:3])]
    if todo:
        print(f"{len(todo)} rows without verdicts", file=sys.stderr)
    done = [r for r in rows if r not in todo]
    n = len(done) or 1
    out = {c[:-3]: sum(r[c] == "y" for r in done) / n for c in VERDICTS[:3]}
    out["overall"] = sum(all(r[c] == "y" for c in VERDICTS[:3]) for r in done) / n
    print(f"reviewed {len(done)} figures")
    for k, v in out.items():
        print(f"{k:12s} {v:.3f}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--score", action="store_true", help="score the verdicts in the TSV")
    ap.add_argument("--tsv", type=Path, default=TSV)
    ap.add_argument("--voa", type=Path, default=VOA)
    ap.add_argument("--sentences", type=Path,
                    help="also write each sampled figure's sentence here, for the reviewer "
                         "(keep it outside the repository)")
    ap.add_argument("--verdicts", type=Path, nargs="*", default=[],
                    help="earlier review TSVs whose verdicts to reuse for identical figures")
    args = ap.parse_args(argv)
    if args.score:
        score(args.tsv)
        return 0
    rows = extract(args.voa)
    print(f"{len(rows)} figures extracted")
    picked = random.Random(SEED).sample(rows, min(N, len(rows)))
    picked.sort(key=lambda x: (x[0]["doc_id"], x[0]["start"]))
    write([r for r, _ in picked], args.tsv, tuple(args.verdicts))
    if args.sentences:
        with args.sentences.open("w", encoding="utf-8") as fh:
            for r, s in picked:
                fh.write(f"{r['doc_id']}\t{r['start']}\t{r['text']}\t{r['value']}\t{r['approx']}\t"
                         f"{r['measure']}\t{r['subject']}\t{r['attribution_source']}\n    {s}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
