#!/usr/bin/env python3
"""Score Dateline on the VOA event gold with the independent evaluation's scorer.

    python bench/voa_events.py [--data ../shared/data/voa] [--scorer ../shared/eval/score_events.py]
                               [--out out/voa] [--half tune|check|all|both] [--no-merge]

Runs `dateline extract` over the 44 VOA dev stories (document records) and
`dateline ingest` + `dateline events --format jsonl` (merged event records),
then `score_events.py` on the tune half, the check half (../shared/data/README.md:
check = story ids ending in an odd digit) and, for merging, all 44 stories
(few gold clusters per half). The scorer is run as it is, never copied.
Prints the scorer's full report per half and a summary table at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

SUMMARY_KEYS = [
    ("macro-F1", r"macro-F1 ([\d.]+)"),
    ("event recall", r"event recall \(type \+ evidence sentence\): ([\d.]+)"),
    ("status acc", r"status accuracy on matched: ([\d.]+)"),
    ("date in gold", r"date within gold interval: ([\d.]+)"),
    ("actor country", r"actor country overlap: ([\d.]+)"),
    ("actor present", r"actor present where gold names one: ([\d.]+)"),
    ("location country", r"location country: ([\d.]+)"),
    ("merge F1", r"cross-story merging .* F1 ([\d.]+)"),
]
STATUSES = ["ongoing", "planned", "hypothetical", "negated"]


def _dateline() -> str:
    exe = Path(sys.executable).with_name("dateline")
    return str(exe) if exe.exists() else "dateline"


def _run(cmd: list[str]) -> str:
    env = dict(os.environ)
    # Make the checkout's own sources win over any installed copy.
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return r.stdout


def build(stories: Path, out: Path, workers: int, merge: bool, model: str | None) -> tuple[Path, Path | None]:
    out.mkdir(parents=True, exist_ok=True)
    docs, events, db = out / "documents.jsonl", out / "events.jsonl", out / "voa.duckdb"
    extra = ["--model", model] if model else []
    _run([_dateline(), "extract", str(stories), "-o", str(docs), "-w", str(workers), *extra])
    if not merge:
        return docs, None
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    _run([_dateline(), "ingest", str(stories), "--db", str(db), "-w", str(workers), *extra])
    _run([_dateline(), "events", "--db", str(db), "--format", "jsonl", "-o", str(events)])
    return docs, events


def score(scorer: Path, gold: Path, stories: Path, docs: Path, events: Path | None, half: str | None) -> str:
    cmd = [sys.executable, str(scorer)]
    if half:
        cmd += ["--half", half]
    cmd += [str(gold), str(stories), str(docs)]
    if events:
        cmd.append(str(events))
    return _run(cmd)


def summary(report: str) -> dict[str, str]:
    row = {}
    for name, pat in SUMMARY_KEYS:
        m = re.search(pat, report)
        row[name] = m.group(1) if m else "n/a"
    pooled_ok = pooled_n = 0
    for s in STATUSES:
        m = re.search(rf"gold {s}\s+found-with-right-status [\d.]+ \((\d+)/(\d+)\)", report)
        if m:
            pooled_ok += int(m.group(1)); pooled_n += int(m.group(2))
    row["non-happened right"] = f"{pooled_ok / pooled_n:.3f}" if pooled_n else "n/a"
    return row


def non_happened_of_found(scorer: Path, gold: Path, stories: Path, docs: Path, half: str | None) -> str:
    """Gold ongoing, planned, hypothetical and negated events, pooled: of those found
    (the scorer's match: same type, overlapping evidence), the share with the right
    status (issue 13's measure; the scorer itself divides by all gold of the status)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_events", scorer)
    se = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(se)  # the scorer's own matching functions, run as they are
    texts = {s["id"]: s["text"] for s in se.load_jsonl(stories)}
    pred = {str(r.get("id")): r for r in se.load_jsonl(docs)}
    ok = n = 0
    for g in se.load_jsonl(gold):
        if not se.in_half(g["id"], half):
            continue
        rec = pred.get(str(g["id"]), {})
        text = rec.get("text") or texts.get(g["id"], "")
        for ge in g["events"]:
            if ge["status"] not in STATUSES:
                continue
            q = se.span_of(text, ge["quote"])
            cands = [e for e in rec.get("events", []) if e.get("type") == ge["type"] and se.overlaps(se.ev_span(e), q)]
            if cands:
                n += 1
                ok += cands[0].get("status") == ge["status"]
    return f"{ok / n:.3f} ({ok}/{n})" if n else "n/a"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "voa")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score_events.py")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "voa")
    ap.add_argument("--half", choices=["tune", "check", "all", "both"], default="both",
                    help="both = tune and check side by side, plus all 44 for merging")
    ap.add_argument("--no-merge", action="store_true", help="skip the store (no merge F1)")
    ap.add_argument("--reuse", action="store_true", help="score the records already in --out")
    ap.add_argument("--workers", "-w", type=int, default=2)
    ap.add_argument("--model", default=None)
    ap.add_argument("--quiet", "-q", action="store_true", help="print the summary table only")
    args = ap.parse_args(argv)
    stories, gold = args.data / "voa_dev.jsonl", args.data / "voa_dev_gold.jsonl"
    for p in (stories, gold, args.scorer):
        if not p.exists():
            raise SystemExit(f"not found: {p}")
    if args.reuse:
        docs = args.out / "documents.jsonl"
        events = args.out / "events.jsonl" if (args.out / "events.jsonl").exists() and not args.no_merge else None
    else:
        docs, events = build(stories, args.out, args.workers, not args.no_merge, args.model)
    halves = {"both": ["tune", "check", "all"], "all": ["all"]}.get(args.half, [args.half])
    rows = {}
    for h in halves:
        report = score(args.scorer, gold, stories, docs, events, None if h == "all" else h)
        if not args.quiet:
            print(f"==== {h} ====\n{report}")
        rows[h] = summary(report)
        rows[h]["non-happened right, of found"] = non_happened_of_found(
            args.scorer, gold, stories, docs, None if h == "all" else h)
    names = [n for n, _ in SUMMARY_KEYS] + ["non-happened right", "non-happened right, of found"]
    print("| measure | " + " | ".join(halves) + " |")
    print("|---|" + "---:|" * len(halves))
    for n in names:
        print(f"| {n} | " + " | ".join(rows[h][n] for h in halves) + " |")


if __name__ == "__main__":
    main()
