"""Throughput: bare spaCy vs Dateline on the same input, in one run.

    .venv/bin/python bench/throughput.py ../shared/data/voa/voa_dev.jsonl [--workers 2] [--repeat 3]

Prints articles/s for the bare spaCy pipeline (nlp.pipe over the same texts),
for Dateline (the whole pipeline: parse + every stage + record building), the
ratio, the time in each of Dateline's own stages, and peak memory. The machine
is shared and noisy: compare the ratio, measured in one run, not absolute
numbers across runs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="JSON Lines of articles (id, text, published, …)")
    ap.add_argument("--workers", type=int, default=1, help="also measure Dateline with N workers")
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs of each; the fastest counts")
    args = ap.parse_args(argv)

    from dateline.ingest import read_paths
    from dateline.ingest.article import Skipped
    from dateline.nlp import DEFAULT_MODEL, pipe
    from dateline.pipeline import Pipeline

    articles = [a for a in read_paths([str(args.data)]) if not isinstance(a, Skipped)]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    p = Pipeline(args.model or DEFAULT_MODEL)
    # Warm-up: load every table and matcher once, outside the timed runs.
    list(p.process_many(articles[:2]))
    p.stage_seconds = dict.fromkeys(p.stage_seconds, 0.0)

    # Bare and full runs alternate, `--repeat` times each, and the fastest of
    # each is kept: the machine is shared, so this damps the noise of one run.
    bare = full = float("inf")
    n = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _ in pipe(p.nlp, texts):
            pass
        bare = min(bare, time.perf_counter() - t0)
        p.stage_seconds = dict.fromkeys(p.stage_seconds, 0.0)
        t0 = time.perf_counter()
        n = sum(1 for _ in p.process_many(articles))
        secs = time.perf_counter() - t0
        if secs < full:
            full, stages = secs, dict(p.stage_seconds)
    own = sum(stages.values())

    rows = [("bare spaCy (1 process)", len(texts), bare), ("Dateline (1 worker)", n, full)]
    if args.workers > 1:
        t0 = time.perf_counter()
        m = sum(1 for _ in p.process_many(articles, n_process=args.workers))
        rows.append((f"Dateline ({args.workers} workers)", m, time.perf_counter() - t0))

    # The command a user runs, start-up (imports, model and tables) included.
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dateline.cli", "extract", str(args.data),
                        "-o", f"{tmp}/out.jsonl"], check=True, capture_output=True)
        rows.append(("`dateline extract` (CLI)", len(texts), time.perf_counter() - t0))

    print(f"input: {args.data} — {len(texts)} articles, {words} words; model {p.info.model}")
    print(f"{'run':28} {'articles/s':>10} {'words/s':>9} {'seconds':>8}")
    for name, count, secs in rows:
        print(f"{name:28} {count / secs:10.2f} {words / secs:9.0f} {secs:8.2f}")
    print(f"Dateline / bare spaCy (1 process): {bare / full:.1%} of the parse's throughput")
    print(f"Dateline's own stages: {own:.2f}s = {own / bare:.1%} of the parse time")
    for stage, secs in stages.items():
        print(f"  {stage:10} {secs:7.3f}s  {secs / bare:6.1%}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process): {peak:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
