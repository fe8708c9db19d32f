"""How `dateline ingest` scales: seconds, articles/s and the growth exponent on
growing prefixes of the mixed corpus (bench/mixed_corpus.py), against
`dateline extract` on the same articles in the same run; optionally a cProfile
breakdown of the ingesting process and a streaming run (batches into one store).

    .venv/bin/python bench/mixed_corpus.py ../shared/data
    .venv/bin/python bench/ingest_scale.py out/mixed.jsonl --sizes 100,200,400,800,1600 -w 2 \
        [--extract] [--profile 800] [--stream 1600:100]

Each run is a fresh `dateline ingest` process on a fresh store (out/scale/,
git-ignored). Peak memory is the largest resident size of the ingesting
process (its parser workers are forked copies and counted apart). The
exponent between two sizes is log(t2/t1) / log(n2/n1): 1 is linear.
Timings on a shared machine are noisy: compare figures within one run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "out" / "scale"
# Runs a command and prints, on the last line, the peak RSS (KiB) of its largest descendant
# and the CPU seconds (user + system) of all its descendants (the parser workers included).
TIMED = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
         "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
         "print(u.ru_maxrss, u.ru_utime + u.ru_stime); sys.exit(r.returncode)")
CLI = "import sys, dateline.cli as c; sys.argv[0] = 'dateline'; c.app()"
PROFILED = ("import cProfile, sys, dateline.cli as c; sys.argv[0] = 'dateline'; out = sys.argv.pop(1); "
            "cProfile.run('try:\\n    c.app()\\nexcept SystemExit:\\n    pass', out)")

# (label, function names) summed from the profile; cumulative seconds in the ingesting process.
BREAKDOWN = [
    ("waiting for parser workers", ["next"]),
    ("parse + stages in process (-w 1)", ["process_many"]),
    ("store writes", ["_insert_document", "_insert_documents", "swap_event_records", "write_links"]),
    ("reading back old documents", ["documents_by_id"]),
    ("reading report rows", ["report_rows", "reports_in_components"]),
    ("from_dict", ["from_dict"]),
    ("relink (all)", ["relink"]),
    ("blocking", ["block_keys", "candidate_pairs", "new_edges"]),
    ("scoring", ["score", "conflict"]),
    ("clustering", ["agglomerate"]),
    ("reconciliation", ["event_record"]),
]


# Links already-extracted document records into a fresh store, batch by batch, in one process:
# the linking and store cost alone (no parsing), in wall and CPU seconds. Works with the sources
# before (Store.add_documents) and after (dateline.link.service.add_documents) the rewrite.
LINK_ONLY = r"""
import json, resource, sys, time
from dateline.records import DocumentRecord
from dateline.store import Store
try:
    from dateline.link.service import add_documents
except ImportError:
    add_documents = lambda s, b: s.add_documents(b)
path, db, n, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
docs = []
with open(path, encoding="utf-8") as fh:
    for line in fh:
        if len(docs) >= n:
            break
        docs.append(DocumentRecord.from_dict(json.loads(line)))
per = []
with Store(db) as s:
    w0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(docs), batch):
        t = time.process_time()
        add_documents(s, docs[i:i + batch])
        per.append(time.process_time() - t)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    events = s.counts()
try:
    from dateline.link.incremental import TIMINGS
except ImportError:
    TIMINGS = {}
print(json.dumps({"n": len(docs), "wall": wall, "cpu": cpu, "batches": per, "timings": TIMINGS,
                  "counts": events, "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def link_only(records: Path, sizes: list[int], batch: int, env: dict) -> None:
    rows = []
    for n in sizes:
        db = WORK / f"link-{n}.duckdb"
        for p in (db, Path(str(db) + ".wal")):
            p.unlink(missing_ok=True)
        r = subprocess.run([sys.executable, "-c", LINK_ONLY, str(records), str(db), str(n), str(batch)],
                           env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(r.stderr[-3000:])
        res = json.loads(r.stdout.strip().splitlines()[-1])
        rows.append(res)
        b = res["batches"]
        print(f"link {res['n']:>5} documents: wall {res['wall']:6.1f} s, CPU {res['cpu']:6.1f} s "
              f"({res['n'] / res['cpu']:.1f} documents per CPU-s); batch CPU first {b[0]:.2f} s, "
              f"last {b[-1]:.2f} s; {res['counts']}; peak {res['rss_mib']:.0f} MiB; "
              + ", ".join(f"{k} {v:.1f}" for k, v in res["timings"].items()), flush=True)
    if len(rows) > 1:
        a, z = rows[0], rows[-1]
        print(f"link CPU exponent {a['n']}→{z['n']}: {math.log(z['cpu'] / a['cpu']) / math.log(z['n'] / a['n']):.2f}")


def prefix(src: Path, n: int, dest: Path, skip: int = 0) -> Path:
    with open(src, encoding="utf-8") as fh, open(dest, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i >= skip + n:
                break
            if i >= skip:
                out.write(line)
    return dest


def run(args: list[str], env: dict) -> tuple[float, float, float]:
    """(seconds, peak MiB, CPU seconds) of one command."""
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", TIMED, *args], env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(args[:6])}")
    rss, cpu = r.stdout.strip().splitlines()[-1].split()
    return dt, int(rss) / 1024, float(cpu)


def ingest(path: Path, db: Path, workers: int, env: dict, extra=()) -> tuple[float, float, float]:
    return run([sys.executable, "-c", CLI, "ingest", str(path), "--db", str(db), "-w", str(workers), *extra], env)


def extract(path: Path, workers: int, env: dict) -> float:
    out = path.with_suffix(".records.jsonl")
    return run([sys.executable, "-c", CLI, "extract", str(path), "-o", str(out), "-w", str(workers)], env)[0]


def breakdown(stats_file: Path) -> list[tuple[str, float]]:
    st = pstats.Stats(str(stats_file))
    total = max(v[3] for v in st.stats.values())
    rows = [("total (main process)", total)]
    for label, names in BREAKDOWN:
        cum = 0.0
        for (fname, _, func), (_, _, _, ct, _) in st.stats.items():
            if func in names and ("dateline" in fname or func == "next" and "pool" in fname
                                  or func in ("score", "conflict") and "scoring" in fname):
                if func == "next" and "pool" not in fname:
                    continue
                cum += ct
        rows.append((label, cum))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--sizes", default="100,200,400,800,1600")
    ap.add_argument("-w", "--workers", type=int, default=2)
    ap.add_argument("--extract", action="store_true", help="also time `dateline extract` at the largest size")
    ap.add_argument("--profile", type=int, default=0, help="profile one ingest of this many articles")
    ap.add_argument("--stream", default="", help="TOTAL:BATCH, e.g. 1600:100: one store, one process a batch")
    ap.add_argument("--link-only", type=Path, default=None,
                    help="document records (dateline extract output): time linking and storing alone")
    ap.add_argument("--batch", type=int, default=50, help="documents per transaction for --link-only")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="sources to run (PYTHONPATH)")
    args = ap.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=str(args.src.resolve()))
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.link_only:
        link_only(args.link_only, sizes, args.batch, env)
        return 0
    results = []
    for n in sizes:
        path = prefix(args.corpus, n, WORK / f"mixed-{n}.jsonl")
        db = WORK / f"ingest-{n}.duckdb"
        for p in (db, Path(str(db) + ".wal")):
            p.unlink(missing_ok=True)
        dt, mib, _ = ingest(path, db, args.workers, env)
        results.append((n, dt, mib))
        print(f"ingest {n:>5} articles: {dt:7.1f} s  {n / dt:5.2f} articles/s  peak {mib:6.0f} MiB", flush=True)
    print("\n| articles | seconds | articles/s | exponent (from previous) | peak MiB |\n|---:|---:|---:|---:|---:|")
    for i, (n, dt, mib) in enumerate(results):
        exp = (f"{math.log(dt / results[i - 1][1]) / math.log(n / results[i - 1][0]):.2f}" if i else "")
        print(f"| {n:,} | {dt:.1f} | {n / dt:.2f} | {exp} | {mib:.0f} |")
    if len(results) > 1:
        (n1, t1, _), (n2, t2, _) = results[0], results[-1]
        print(f"exponent {n1}→{n2}: {math.log(t2 / t1) / math.log(n2 / n1):.2f}")
    if args.extract and sizes:
        n = sizes[-1]
        dt = extract(WORK / f"mixed-{n}.jsonl", args.workers, env)
        ing = next(t for m, t, _ in results if m == n)
        print(f"extract {n} articles: {dt:.1f} s {n / dt:.2f} articles/s; ingest/extract throughput "
              f"{dt / ing:.0%}")
    if args.profile:
        n = args.profile
        path = prefix(args.corpus, n, WORK / f"mixed-{n}.jsonl")
        db = WORK / f"profile-{n}.duckdb"
        for p in (db, Path(str(db) + ".wal")):
            p.unlink(missing_ok=True)
        stats = WORK / f"profile-{n}.pstats"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", PROFILED, str(stats), "ingest", str(path), "--db", str(db),
                        "-w", str(args.workers)], env=env, check=True, capture_output=True)
        print(f"\nprofile of ingest {n} (cProfile, {time.perf_counter() - t0:.0f} s wall)\n| part | seconds |\n|---|---:|")
        for label, sec in breakdown(stats):
            print(f"| {label} | {sec:.1f} |")
    if args.stream:
        total, batch = (int(x) for x in args.stream.split(":"))
        db = WORK / "stream.duckdb"
        for p in (db, Path(str(db) + ".wal")):
            p.unlink(missing_ok=True)
        times, cpus = [], []
        for k in range(total // batch):
            path = prefix(args.corpus, batch, WORK / f"stream-{k}.jsonl", skip=k * batch)
            dt, mib, cpu = ingest(path, db, args.workers, env)
            times.append(dt)
            cpus.append(cpu)
            print(f"stream batch {k + 1:>2}: {dt:6.1f} s  CPU {cpu:6.1f} s  peak {mib:.0f} MiB", flush=True)
        # Batches differ in content (article lengths) and the machine is shared: the
        # CPU seconds of all the batch's processes and the mean of the first and last
        # four batches say more than one wall time against another.
        q = max(1, min(4, len(times) // 4))
        print(f"streaming {total} in batches of {batch}: first {times[0]:.1f} s, last {times[-1]:.1f} s, "
              f"last/first {times[-1] / times[0]:.2f}; CPU last/first {cpus[-1] / cpus[0]:.2f}; "
              f"mean of the last {q} / first {q}: wall {sum(times[-q:]) / sum(times[:q]):.2f}, "
              f"CPU {sum(cpus[-q:]) / sum(cpus[:q]):.2f}")
        print(json.dumps({"stream_seconds": [round(t, 1) for t in times],
                          "stream_cpu_seconds": [round(c, 1) for c in cpus]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
