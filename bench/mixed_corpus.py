"""Build the mixed news corpus that bench/ingest_scale.py ingests at growing sizes.

Real articles of five kinds from ../shared/data, interleaved so that every
prefix (the first 100, 200, … 1,600 lines) mixes them in the same proportions:
PolNeAR (US election news, 2016), ECB+ (news about 43 seed events, 2 000s–2010s),
MEANTIME (Wikinews), VOA (2019–2024) and the AEB benchmark's HTML pages.

    .venv/bin/python bench/mixed_corpus.py ../shared/data [-o out/mixed.jsonl]

Writes JSON Lines records {"id", "text" | "html", "published"?, "source"} and
prints how many articles each source contributed. Nothing of ../shared is
copied into the repository: the output lives under out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "'s", "n't", "'", "%", "''"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}


def _cat_text(path: Path) -> tuple[str, str | None]:
    """Tokens of a CAT XML file (ECB+, MEANTIME) joined into text, one sentence a
    line, and the document creation time when the file has one."""
    root = ET.parse(path).getroot()
    parts, prev_sent, prev_tok = [], None, None
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = tok.get("sentence")
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts += [sep, word]
        prev_sent, prev_tok = sent, word
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"\d{4}-\d{2}-\d{2}", tx.get("value", ""))
            dct = m.group(0) if m else None
    return "".join(parts), dct


def polnear(data: Path):
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        # Names are publisher_YYYY-MM-DD_slug.txt.
        m = re.match(r"([^_]+)_(\d{4}-\d{2}-\d{2})_", path.name)
        yield {"id": f"polnear-{path.stem}", "text": path.read_text(encoding="utf-8"),
               "published": m.group(2) if m else None, "source": m.group(1) if m else "polnear"}


def ecbplus(data: Path):
    for path in sorted((data / "ecbplus" / "ECB+").glob("*/*.xml")):
        text, dct = _cat_text(path)
        yield {"id": f"ecbplus-{path.stem}", "text": text, "published": dct, "source": "ecbplus"}


def meantime(data: Path):
    for path in sorted((data / "meantime").rglob("*.xml")):
        text, dct = _cat_text(path)
        yield {"id": f"meantime-{path.stem[:40]}", "text": text, "published": dct, "source": "wikinews"}


def voa(data: Path):
    with open(data / "voa" / "voa_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                yield {"id": f"voa-{d['id']}", "text": d["text"], "title": d.get("title"),
                       "url": d.get("url"), "published": d.get("published"), "source": "voa"}


def aeb(data: Path):
    for path in sorted((data / "scrapinghub_aeb" / "html").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield {"id": f"aeb-{path.name[:16]}", "html": html, "source": "aeb"}


SOURCES = {"polnear": polnear, "ecbplus": ecbplus, "meantime": meantime, "voa": voa, "aeb": aeb}


def build(data: Path) -> tuple[list[dict], dict[str, int]]:
    """All articles, in an order where every prefix mixes the sources evenly
    (each source's articles spread at even intervals, ties by a hash of the id)."""
    keyed, counts = [], {}
    for name, read in SOURCES.items():
        items = [{k: v for k, v in it.items() if v is not None} for it in read(data)]
        counts[name] = len(items)
        n = len(items)
        for i, it in enumerate(items):
            h = hashlib.sha256(it["id"].encode()).hexdigest()[:8]
            keyed.append(((i + 0.5) / n, h, it))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [it for _, _, it in keyed], counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    ap.add_argument("-o", "--out", type=Path, default=Path("out/mixed.jsonl"))
    args = ap.parse_args(argv)
    items, counts = build(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"{len(items)} articles → {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
