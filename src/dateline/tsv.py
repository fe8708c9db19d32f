"""The one reader of the data folder's headed TSV tables (triggers, places, …):
comment lines start with '#', the first other line names the columns, and a
short row is padded with empty cells, so users can edit the files by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator


def header_rows(path: Path) -> Iterator[dict[str, str]]:
    header = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        yield dict(zip(header, cells + [""] * (len(header) - len(cells))))
