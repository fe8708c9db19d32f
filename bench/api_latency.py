#!/usr/bin/env python3
"""Median latency of the main API endpoints on a 1,600-article store.

    python bench/api_latency.py [--shared ../shared/data] [--out out/api_bench] [--n 1600]
                                [--repeat 30] [--workers 2] [--rebuild]

The store is built once (cached in --out) from a mixed corpus of real and
synthetic news in ../shared/data: the 44 VOA stories, the PolNeAR articles
(train + dev, dated by their file names) and, to fill up to --n, NGEC's
synthetic stories (rows in file order, given consecutive 2023 dates). They
go through `dateline ingest`, so the store holds real extraction output.

Each endpoint is then called --repeat times in-process (FastAPI's TestClient:
no network, so the figure is the server's own time: routing, SQL, JSON) after
one warm-up call, and the median and 90th percentile are printed as a
Markdown table for BENCHMARKS.md. The target is a median under 100 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def corpus(shared: Path, n: int, out: Path) -> Path:
    """Write the mixed corpus as JSON Lines and return its path."""
    rows = []
    for line in (shared / "voa" / "voa_dev.jsonl").open(encoding="utf-8"):
        s = json.loads(line)
        rows.append({k: s.get(k) for k in ("id", "url", "title", "published", "text")} | {"source": "voanews.com"})
    for part in ("train", "dev"):
        for f in sorted((shared / "polnear" / part / "text").glob("*.txt")):
            outlet, day = f.stem.split("_")[:2]
            rows.append({"id": f"polnear-{f.stem}", "source": outlet, "published": day,
                         "text": f.read_text("utf-8")})
    with (shared / "ngec" / "gpt_synthetic_events_2023-10-19_19.csv").open(encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if len(rows) >= n:
                break
            rows.append({"id": f"ngec-{i}", "source": "ngec-synthetic",
                         "published": (date(2023, 1, 1) + timedelta(days=i % 365)).isoformat(), "text": r["text"]})
    rows = rows[:n]
    out.mkdir(parents=True, exist_ok=True)
    path = out / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def build(shared: Path, out: Path, n: int, workers: int) -> Path:
    db = out / "store.duckdb"
    src = corpus(shared, n, out)
    if db.exists():
        db.unlink()
    exe = Path(sys.executable).with_name("dateline")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    subprocess.run([str(exe) if exe.exists() else "dateline", "ingest", str(src), "--db", str(db),
                    "-w", str(workers)], check=True, env=env)
    print(f"built {db} from {n} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return db


def endpoints(client) -> list[tuple[str, str]]:
    ev = client.get("/api/events?limit=1&sort=sources").json()["items"][0]  # the most reported event
    typical = client.get("/api/events?limit=1&offset=500").json()["items"][0]
    doc = ev["mentions"][0]["document"]
    actor = (ev.get("actors") or [{"name": "police"}])[0]["name"]
    facets = client.get("/api/facets").json()
    country = (facets.get("countries") or ["USA"])[0]
    return [
        ("events, first page (newest first)", "/api/events"),
        ("events, 3 filters", f"/api/events?type={ev['type']}&status=happened&date_from=2015"),
        ("events, search box", "/api/events?q=police"),
        ("events, country filter", f"/api/events?country={country}"),
        ("events, sorted by fatalities", "/api/events?sort=fatalities"),
        ("histogram by month", "/api/histogram?bin=month"),
        ("histogram by week, filtered", f"/api/histogram?bin=week&type={ev['type']}"),
        ("facets with counts", "/api/facets"),
        ("map (country counts)", "/api/map"),
        ("one event with its reports (a typical one)", f"/api/events/{typical['id']}"),
        (f"the most reported event ({ev['n_documents']} reports)", f"/api/events/{ev['id']}"),
        ("one document", f"/api/documents/{doc}"),
        ("documents, first page", "/api/documents"),
        ("actor overview", f"/api/actors/{actor}"),
        ("country overview", f"/api/countries/{country}"),
    ]


def measure(db: Path, repeat: int) -> list[tuple[str, str, float, float, int]]:
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    rows = []
    with TestClient(create_app(db)) as c:
        for label, url in endpoints(c):
            r = c.get(url)
            assert r.status_code == 200, (url, r.status_code, r.text[:200])
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                c.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            rows.append((label, url, statistics.median(times), times[int(0.9 * (len(times) - 1))], len(r.content)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "api_bench")
    # 1,601 inputs: sized when one PolNeAR article (nyt_2016-06-08) failed extraction, leaving 1,600; all are stored now
    ap.add_argument("--n", type=int, default=1601)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--build-only", action="store_true")
    a = ap.parse_args()
    db = a.out / "store.duckdb"
    if a.rebuild or not db.exists():
        db = build(a.shared, a.out, a.n, a.workers)
    if a.build_only:
        return
    from dateline.store import Store

    with Store(db) as s:
        counts = s.counts()
    print(f"store: {counts}")
    print("| endpoint | URL | median ms | p90 ms | bytes |\n|---|---|---:|---:|---:|")
    for label, url, med, p90, size in measure(db, a.repeat):
        print(f"| {label} | `{url}` | {med:.1f} | {p90:.1f} | {size:,} |")


if __name__ == "__main__":
    main()
