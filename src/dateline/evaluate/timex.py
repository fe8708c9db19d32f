"""Time-expression evaluation on TimeML (TempEval-3 layout) and MEANTIME CAT XML.

Scores follow the TempEval-3 scorer: strict span match (same offsets) and
relaxed match (overlap); type and value accuracy over the relaxed matches;
value F1 = relaxed F1 x value accuracy. Each document's TEXT is parsed by
spaCy as is and its creation time (DCT) is the publication date.
"""

from __future__ import annotations

import html
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: Optional[date]
    timexes: list[Gold] = field(default_factory=list)
    half: Optional[str] = None  # tune | check, from the folder (HALVES)


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>|&(#?\w+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _dct_of(value: str) -> Optional[date]:
    """The creation date of a TIMEX3 value: 1998-01-08, 19980108, or 03-02-2009 (day first)."""
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value or "")
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"(\d{2})-(\d{2})-(\d{4})$", value or "")
    return date(int(m[3]), int(m[2]), int(m[1])) if m else None


def load_timeml(path: Path) -> GoldDoc:
    """Text of the TEXT element with tags stripped and entities decoded, plus its TIMEX3s."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        dct = _dct_of(dict(_ATTR.findall(m[1])).get("value", ""))
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)[1]
    out: list[str] = []
    pos = n = 0
    open_: list[tuple[dict, int]] = []
    golds = []
    for t in _TAG.finditer(body):
        out.append(body[pos:t.start()])
        n += t.start() - pos
        pos = t.end()
        if t[4] is not None:  # an entity
            ch = html.unescape("&" + t[4] + ";")
            out.append(ch)
            n += len(ch)
        elif t[2] == "TIMEX3":
            if t[1]:
                attrs, start = open_.pop()
                golds.append(Gold(start, n, attrs.get("type", ""), attrs.get("value", "")))
            else:
                open_.append((dict(_ATTR.findall(t[3])), n))
    out.append(body[pos:])
    return GoldDoc(path.stem, "".join(out), dct, golds)


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "'re",
                    "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}


# MEANTIME marks time expressions only in the title, the date line and the first four
# sentences (sentences 0-5); the rest of the text is left out so that unmarked
# time expressions there do not count as false positives.
MEANTIME_TIMEX_SENTENCES = 6


def load_meantime(path: Path) -> GoldDoc:
    """CAT XML: tokens of the timex-annotated sentences joined into text (one sentence a
    line) and the TIMEX3 token spans."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offs: dict[str, tuple[int, int]] = {}
    n = 0
    prev_sent = None
    prev_tok = None
    quote_open = False
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = tok.get("sentence")
        if int(sent) >= MEANTIME_TIMEX_SENTENCES:
            continue
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        elif word == '"':
            sep = "" if quote_open else " "
        elif prev_tok == '"' and quote_open:
            sep = ""
        else:
            sep = " "
        if word == '"':
            quote_open = not quote_open
        parts.append(sep)
        n += len(sep)
        offs[tok.get("t_id")] = (n, n + len(word))
        parts.append(word)
        n += len(word)
        prev_sent, prev_tok = sent, word
    text = "".join(parts)
    dct = None
    golds = []
    markables = root.find("Markables")
    for tx in (markables.iter("TIMEX3") if markables is not None else []):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_of(tx.get("value", ""))
        ids = [a.get("t_id") for a in tx.iter("token_anchor")]
        if not ids:
            continue
        spans = [offs[i] for i in ids if i in offs]
        golds.append(Gold(min(s for s, _ in spans), max(e for _, e in spans),
                          tx.get("type", ""), tx.get("value", "")))
    golds.sort(key=lambda g: g.start)
    return GoldDoc(path.stem, text, dct, golds)


# The fixed splits of ../shared/data/README.md: a folder name on the file's path says its half.
HALVES = {"TimeBank": "tune", "AQUAINT": "check", "corpus_apple": "tune", "corpus_gm": "check"}
HALF_NAMES = {"tempeval3": {"tune": "TimeBank", "check": "AQUAINT"},
              "meantime": {"tune": "apple", "check": "gm"}}


def half_of(path: Path) -> Optional[str]:
    """tune or check for a TimeBank/AQUAINT or MEANTIME apple/gm file, else None."""
    for part in Path(path).parts:
        if part in HALVES:
            return HALVES[part]
    return None


def load_corpus(data: Path, limit: Optional[int] = None, half: Optional[str] = None) -> list[GoldDoc]:
    """Every .tml file under `data` (TimeML), else every CAT .xml file (MEANTIME); with
    `half`, only the files of that half (tune: TimeBank, apple; check: AQUAINT, gm)."""
    data = Path(data)
    files = sorted(data.rglob("*.tml"))
    loader = load_timeml
    if not files:
        files = sorted(p for p in data.rglob("*.xml") if not p.name.startswith("."))
        loader = load_meantime
    if half:
        files = [p for p in files if half_of(p) == half]
    if limit:
        files = files[:limit]
    docs = []
    for p in files:
        d = loader(p)
        d.half = half_of(p)
        docs.append(d)
    return docs


@dataclass
class Pred:
    start: int
    end: int
    type: str
    value: str


def score(golds: list[list[Gold]], preds: list[list[Pred]]) -> dict:
    """TempEval-3 style scores over documents (lists aligned by document)."""
    n_gold = n_sys = strict = relaxed_sys = relaxed_gold = 0
    type_ok = value_ok = n_pairs = 0
    for g, p in zip(golds, preds):
        n_gold += len(g)
        n_sys += len(p)
        gs = {(x.start, x.end) for x in g}
        strict += sum((x.start, x.end) in gs for x in p)
        relaxed_sys += sum(any(x.start < y.end and y.start < x.end for y in g) for x in p)
        for y in g:
            hit = [x for x in p if x.start < y.end and y.start < x.end]
            if not hit:
                continue
            relaxed_gold += 1
            x = min(hit, key=lambda x: (abs(x.start - y.start) + abs(x.end - y.end)))
            n_pairs += 1
            type_ok += x.type == y.type
            value_ok += x.value == y.value

    def f(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    sp, sr = strict / n_sys if n_sys else 0.0, strict / n_gold if n_gold else 0.0
    rp, rr = relaxed_sys / n_sys if n_sys else 0.0, relaxed_gold / n_gold if n_gold else 0.0
    type_acc = type_ok / n_pairs if n_pairs else 0.0
    value_acc = value_ok / n_pairs if n_pairs else 0.0
    return {
        "gold": n_gold, "system": n_sys,
        "strict_p": sp, "strict_r": sr, "strict_f1": f(sp, sr),
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": f(rp, rr),
        "type_acc": type_acc, "value_acc": value_acc, "value_f1": f(rp, rr) * value_acc,
    }


def dateline_predict(docs: list[GoldDoc], model: Optional[str] = None, learned: Optional[bool] = None,
                     compare_learned: Optional[list] = None) -> tuple[list[list[Pred]], float, float]:
    """Dateline's timexes per document, the spaCy parse seconds and the time-stage seconds.
    learned: the time stage's learned choice on/off (None: as its model file says);
    compare_learned, a list, receives the timexes with the learned choice on, per
    document, from the same parse (bench/timex_vs_heideltime.py --learned)."""
    from .. import nlp as nlp_mod, times
    from ..annotated import Annotated
    from ..ingest.article import Article
    from ..records import Meta

    nlp = nlp_mod.load(model or nlp_mod.DEFAULT_MODEL)
    preds: list[list[Pred]] = []
    parse_s = times_s = 0.0
    for d in docs:
        t0 = time.perf_counter()
        doc = nlp(d.text)
        t1 = time.perf_counter()
        meta = Meta(published=d.dct.isoformat() if d.dct else None)
        a = Annotated(article=Article(text=d.text, meta=meta), doc=doc, published=d.dct)
        found = times.annotate(a, learned=learned)
        t2 = time.perf_counter()
        if compare_learned is not None:
            compare_learned.append([Pred(t.start, t.end, t.type, t.value)
                                    for t in times.annotate(a, learned=True)])
        parse_s += t1 - t0
        times_s += t2 - t1
        preds.append([Pred(t.start, t.end, t.type, t.value) for t in found])
    return preds, parse_s, times_s


def run(data: Path, model: Optional[str] = None, limit: Optional[int] = None,
        half: Optional[str] = None) -> dict:
    """Scores of Dateline's time stage on a TimeML or MEANTIME folder (or one half of it), with timing."""
    docs = load_corpus(Path(data), limit, half)
    preds, parse_s, times_s = dateline_predict(docs, model)
    result = score([d.timexes for d in docs], preds)
    label = str(data) + (f" [{half}]" if half else "")
    result.update(system="dateline", data=label, documents=len(docs), n_system=result.pop("system"),
                  parse_seconds=round(parse_s, 3), seconds=round(times_s, 3))
    return result


_ROWS = [("strict P", "strict_p"), ("strict R", "strict_r"), ("strict F1", "strict_f1"),
         ("relaxed F1", "relaxed_f1"), ("type acc", "type_acc"), ("value acc", "value_acc"),
         ("value F1", "value_f1")]


def report(result: dict, *others: dict) -> str:
    """A plain-text table; several results side by side when given."""
    results = [result, *others]
    names = [r.get("system", "dateline") for r in results]
    w = max(12, *(len(n) for n in names)) + 2
    lines = [f"timex evaluation: {result.get('data', '')} ({result.get('documents', '?')} documents, "
             f"{result.get('gold', '?')} gold timexes)",
             "".ljust(12) + "".join(n.rjust(w) for n in names)]
    for label, key in _ROWS:
        lines.append(label.ljust(12) + "".join(f"{r[key]:.3f}".rjust(w) for r in results))
    lines.append("timexes".ljust(12) + "".join(str(r.get("n_system", "")).rjust(w) for r in results))
    lines.append("seconds".ljust(12) + "".join(
        (f"{r['seconds']:.2f}" if r.get("seconds") is not None else "-").rjust(w) for r in results))
    if any("parse_seconds" in r for r in results):
        lines.append("parse s".ljust(12) + "".join(
            (f"{r['parse_seconds']:.2f}" if "parse_seconds" in r else "-").rjust(w) for r in results))
    return "\n".join(lines)
