"""Shared fixtures: one loaded pipeline for the whole run, paths to shared data,
and the offsets invariant every test applies to the records it produces."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "seed_article.txt"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def pipeline():
    from dateline.pipeline import load

    return load()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text, published) -> DocumentRecord, with the offsets invariant checked."""
    from dateline.pipeline import extract as _extract

    def run(text, published="2025-01-28", **kw):
        rec = _extract(text, published, **kw)
        assert_offsets(rec)
        return rec

    return run


def assert_offsets(rec):
    """`text[start:end]` equals every reported span, and every span is in range."""
    text = rec.text
    for start, end, span_text in rec.spans():
        assert 0 <= start <= end <= len(text), (start, end)
        if span_text is not None:
            assert text[start:end] == span_text, (start, end, span_text, text[start:end])


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.exists():
        pytest.skip(f"seed article not present at {SEED}")
    return SEED.read_text(encoding="utf-8")
