"""Killing `dateline ingest` at a random moment never leaves the store unreadable
or half-written, and re-running the ingest completes it.

Each round starts the real CLI in a subprocess (with the commit batch lowered
to 2 documents, so a kill can land between, inside or after commits), sends
SIGKILL after a random delay, then opens the store and checks that it is
consistent: every stored document has all its events, every event is in
exactly one event record, and the record counts agree with their members.
A final uninterrupted run must complete the store, with the same event records
as ingesting everything in one go. DATELINE_KILL_ROUNDS sets the number of
rounds (default 4); the seed is printed so a failure can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.link.service import add_documents
from dateline.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "dateline" / "samples" / "articles.jsonl"
ROUNDS = int(os.environ.get("DATELINE_KILL_ROUNDS", "4"))
COPIES = 4
# The real `dateline ingest` command, with a small commit batch so one run makes several commits.
RUNNER = "import sys, dateline.cli as c; c.BATCH = 2; sys.argv[0] = 'dateline'; c.app()"


def _ingest(paths, db):
    return subprocess.Popen([sys.executable, "-c", RUNNER, "ingest", *map(str, paths), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _assert_consistent(db: Path) -> int:
    """The store opens, reads and is internally consistent; returns its document count."""
    with Store(db, read_only=True) as s:
        docs = list(s.documents())
        assert s.check() == []
        for d in docs:
            n = s.con.execute("SELECT count(*) FROM doc_events WHERE document = ?", [d.id]).fetchone()[0]
            assert n == len(d.events), f"{d.id}: {n} stored events of {len(d.events)}"
        s.event_records()  # every record JSON parses
        return len(docs)


@pytest.mark.skipif(not SAMPLES.exists(), reason="sample articles not present")
def test_sigkill_during_ingest_never_corrupts_the_store(tmp_path):
    seed = int(os.environ.get("DATELINE_KILL_SEED", time.time_ns() % 100000))
    rng = random.Random(seed)
    print(f"kill-test seed {seed}")
    db = tmp_path / "killed.duckdb"
    # Four renamed copies of each sample article: enough work that kills land mid-run.
    articles = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    source = tmp_path / "articles.jsonl"
    with open(source, "w", encoding="utf-8") as fh:
        for copy in range(COPIES):
            for a in articles:
                fh.write(json.dumps(dict(a, id=f"{a['id']}-{copy}"), ensure_ascii=False) + "\n")
    seen_counts = []
    for _ in range(ROUNDS):
        proc = _ingest([source], db)
        time.sleep(rng.uniform(2.0, 14.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if db.exists():
            seen_counts.append(_assert_consistent(db))
    print(f"documents stored after each kill: {seen_counts}")
    proc = _ingest([source], db)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr.decode()
    assert _assert_consistent(db) == COPIES * len(articles)

    # The interrupted-and-resumed store holds the same event records as one clean pass.
    with Store(db, read_only=True) as s:
        docs = list(s.documents())
        resumed = sorted(json.dumps(r.to_dict(), sort_keys=True) for r in s.event_records())
    with Store(tmp_path / "clean.duckdb") as clean:
        add_documents(clean, docs)
        once = sorted(json.dumps(r.to_dict(), sort_keys=True) for r in clean.event_records())
    assert resumed == once
