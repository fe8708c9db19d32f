"""`dateline …`: the command line (typer + rich).

Progress and summaries go to stderr so that stdout stays clean JSON Lines or
CSV for pipes.
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .nlp import DEFAULT_MODEL

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles in, evidence-linked event records out.")
eval_app = typer.Typer(no_args_is_help=True, help="Score Dateline on public benchmarks.")
app.add_typer(eval_app, name="eval")

err = Console(stderr=True)
out = Console()
if not out.is_terminal:  # piped or captured: wide rows rather than 80 columns of wrapping
    out.width = 180

SAMPLES = Path(__file__).parent / "samples"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class EventsFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class EventsView(str, Enum):
    events = "events"
    dyads = "dyads"


def _version(value: bool):
    if value:
        out.print(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")):
    """Dateline codes news articles into evidence-linked event records."""


# --- shared plumbing -----------------------------------------------------------


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                    console=err, transient=False, disable=not err.is_terminal)


def _records(paths: List[str], published: Optional[str], model: str, workers: int,
             skipped: list) -> Iterator:
    """Document records for the inputs; Skipped items are collected, not yielded."""
    from .ingest import read_paths
    from .ingest.article import Skipped
    from .pipeline import load

    try:
        pipe = load(model)
    except RuntimeError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    items = read_paths(paths, published=published)
    with _progress() as progress:
        task = progress.add_task("extracting", total=None, rate="")
        import time

        t0, n = time.perf_counter(), 0
        for item in pipe.process_many(items, n_process=workers):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            n += 1
            progress.update(task, advance=1,
                            rate=f"{n / max(time.perf_counter() - t0, 1e-9):.1f} docs/s")
            yield item


def _report_skipped(skipped: list) -> None:
    """One line per skipped input, unwrapped, so the list can be grepped."""
    if not skipped:
        return
    from rich.markup import escape

    err.print(f"[yellow]Skipped {len(skipped)} input(s):[/yellow]")
    for s in skipped:
        err.print(f"  {escape(s.origin)}: {escape(s.reason)}", soft_wrap=True, highlight=False)


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    from datetime import date, datetime

    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)")
    return value


PUBLISHED = typer.Option(None, "--published", callback=_check_date,
                         help="Publication date (YYYY-MM-DD) for inputs that do not carry one.")
MODEL = typer.Option(DEFAULT_MODEL, "--model", help="Installed spaCy English pipeline to use.")
WORKERS = typer.Option(1, "--workers", "-w", min=1, help="Parser worker processes.")


# --- extract -------------------------------------------------------------------


@app.command()
def extract(paths: List[str] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl), or - for stdin."),
            published: Optional[str] = PUBLISHED,
            output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
            fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="jsonl, json or table."),
            model: str = MODEL, workers: int = WORKERS):
    """Extract one document record per article (JSON Lines by default)."""
    skipped: list = []
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    n = 0
    try:
        records = _records(paths, published, model, workers, skipped)
        if fmt is ExtractFormat.json:
            docs = [r.to_dict() for r in records]
            n = len(docs)
            json.dump(docs[0] if n == 1 else docs, sink, ensure_ascii=False, indent=2)
            sink.write("\n")
        else:
            for rec in records:
                n += 1
                if fmt is ExtractFormat.table:
                    _print_document(rec)
                else:
                    sink.write(rec.to_json() + "\n")
    finally:
        if output:
            sink.close()
    _report_skipped(skipped)
    if output:
        err.print(f"wrote {n} document record(s) to {output}")
    if n == 0:
        raise typer.Exit(1)


def _print_document(rec) -> None:
    ents = {e.id: e for e in rec.entities}

    def names(ids):
        return ", ".join(f"{ents[i].name} ({ents[i].country or '?'})" for i in ids if i in ents)

    table = Table(title=f"{rec.id}  {rec.meta.title or ''}  published {rec.meta.published or 'unknown'}",
                  show_lines=True)
    for col in ("event", "type / mode", "status", "when", "actors", "recipients", "where", "evidence"):
        table.add_column(col, overflow="fold")
    for v in rec.events:
        w = v.when
        when = f"{w.value} ({w.basis})" if w else ""
        table.add_row(v.id, f"{v.type} / {v.mode or '-'}", v.status, when, names(v.actors),
                      names(v.recipients), v.location.name if v.location else "",
                      _highlight(rec.text, v.sentence.start, v.sentence.end, v.trigger.start, v.trigger.end))
    out.print(table)


def _highlight(text, s, e, ts, te) -> str:
    from rich.markup import escape

    return escape(text[s:ts]) + "[bold]" + escape(text[ts:te]) + "[/bold]" + escape(text[te:e])


# --- store ---------------------------------------------------------------------

BATCH = 50  # documents per store transaction: a crash loses at most one batch.
log = logging.getLogger("dateline")


def _setup_logging(verbose: int) -> None:
    """Quiet by default (warnings only); -v: stage timings and skipped inputs; -vv: per batch."""
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    root = logging.getLogger("dateline")
    root.setLevel(level)
    if not any(getattr(h, "_dateline", False) for h in root.handlers):
        from rich.logging import RichHandler

        handler = RichHandler(console=err, show_path=False, show_time=False, markup=False)
        handler._dateline = True
        root.addHandler(handler)


def _inputs(paths: List[str], published):
    """Articles and Skipped items from the paths; "-" is a JSON Lines stream on stdin."""
    from .ingest import read_paths
    from .ingest.jsonl import parse_line

    for p in paths:
        if p == "-":
            for lineno, line in enumerate(sys.stdin.buffer, 1):
                if line.strip():
                    yield parse_line(line.rstrip(b"\r\n"), f"<stdin>:{lineno}", published=published)
        else:
            yield from read_paths([p], published=published)


def _unstored(items, reader, present: list):
    """Articles whose document id is not in the store yet: a resumed ingest
    does not parse again what a killed one already committed. `reader` is a
    connection of its own (the writer thread holds the store's)."""
    from .ingest.article import Skipped
    from .pipeline import document_id

    for item in items:
        if not isinstance(item, Skipped) and reader.has_document(document_id(item)):
            present.append(document_id(item))
            continue
        yield item


def _bounded(items, permits):
    """Hold each item until a permit is free: the parser workers run at most
    that many articles ahead of the writer, so memory follows the batch."""
    for item in items:
        permits.acquire()
        yield item


class _Writer:
    """Links and commits batches in its own thread while the parser goes on;
    at most one batch waits, so memory stays bounded by the batch size."""

    def __init__(self, store):
        import queue
        import threading

        self.store, self.added, self.error = store, 0, None
        self.queue: "queue.Queue" = queue.Queue(maxsize=1)
        self.thread = threading.Thread(target=self._run, name="dateline-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import time

        from .link.service import add_documents

        while True:
            batch = self.queue.get()
            if batch is None:
                return
            if self.error is not None:
                continue
            t0 = time.perf_counter()
            try:
                n = add_documents(self.store, batch)
            except BaseException as e:  # noqa: BLE001 - re-raised in the main thread
                self.error = e
                continue
            self.added += n
            log.debug("committed %d document(s) (%d new) in %.2f s", len(batch), n, time.perf_counter() - t0)

    def put(self, batch: list) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def close(self) -> int:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.added


def _ingest(paths: List[str], published, db, model: str, workers: int,
            batch_size: Optional[int] = None) -> tuple[int, int, list]:
    """(articles seen, documents added, skipped) for one ingest run."""
    import time

    from .ingest.article import Skipped
    from .link.incremental import TIMINGS
    from .link.service import open_store
    from .pipeline import load
    from .store import StoreError

    batch_size = batch_size or BATCH
    skipped: list = []
    present: list = []
    seen = 0
    try:
        store = open_store(str(db))
    except StoreError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    try:
        pipe = load(model)
    except RuntimeError as e:
        store.close()
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    t0 = time.perf_counter()
    import threading

    permits = threading.Semaphore(2 * batch_size + 16 * workers)
    reader = store.reader()
    with store, reader, _progress() as progress:
        task = progress.add_task("ingesting", total=None, rate="")
        writer = _Writer(store)
        try:
            batch = []
            items = _unstored(_inputs(paths, published), reader, present)
            if workers > 1:
                items = _bounded(items, permits)
            for item in pipe.process_many(items, n_process=workers):
                if workers > 1:
                    permits.release()
                if isinstance(item, Skipped):
                    skipped.append(item)
                    log.info("skipped %s: %s", item.origin, item.reason)
                    continue
                seen += 1
                batch.append(item)
                progress.update(task, advance=1,
                                rate=f"{seen / max(time.perf_counter() - t0, 1e-9):.1f} articles/s")
                if len(batch) >= batch_size:
                    writer.put(batch)
                    batch = []
            if batch:
                writer.put(batch)
        finally:
            added = writer.close()
    wall = time.perf_counter() - t0
    log.info("%d article(s) in %.1f s (%.1f articles/s); %d already stored, not parsed again",
             seen, wall, seen / max(wall, 1e-9), len(present))
    if workers == 1:
        log.info("stages (s): %s", ", ".join(f"{k} {v:.1f}" for k, v in pipe.stage_seconds.items()))
    log.info("linking (s): %s", ", ".join(f"{k} {v:.1f}" for k, v in TIMINGS.items()))
    return seen + len(present), added, skipped


VERBOSE = typer.Option(0, "--verbose", "-v", count=True, help="-v: stage timings and skipped inputs; -vv: each batch.")


@app.command()
def ingest(paths: List[str] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl), or - for JSON Lines on stdin."),
           db: str = typer.Option(..., "--db", help="DuckDB store file (created if missing), or a postgresql:// URL."),
           published: Optional[str] = PUBLISHED, model: str = MODEL, workers: int = WORKERS,
           batch: Optional[int] = typer.Option(None, "--batch", min=1, help=f"Documents per store transaction (a kill loses at most one; default {BATCH})."),
           verbose: int = VERBOSE):
    """Extract articles into the store and update the merged event records.

    Streams: articles are parsed, then linked and committed batch by batch in a
    writer thread; a killed run resumes where it stopped (stored articles are not
    parsed again)."""
    _setup_logging(verbose)
    seen, added, skipped = _ingest(paths, published, db, model, workers, batch)
    _report_skipped(skipped)
    err.print(f"{added} new document(s) stored, {seen - added} already present, "
              f"{len(skipped)} skipped → {db}")
    if seen == 0:
        raise typer.Exit(1)


def _open_read(db):
    from .store import StoreError, open_store

    if "://" not in str(db) and not Path(db).exists():
        err.print(f"[red]error:[/red] no store at {db} (create one with `dateline ingest … --db {db}`)")
        raise typer.Exit(2)
    try:
        return open_store(str(db), read_only=True)
    except StoreError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)


@app.command()
def events(db: str = typer.Option(..., "--db", help="DuckDB store file, or a postgresql:// URL."),
           fmt: EventsFormat = typer.Option(EventsFormat.table, "--format", "-f"),
           view: EventsView = typer.Option(EventsView.events, "--view",
                                           help="events: one row per event; dyads: GDELT-style, one actor-recipient pair per row with CAMEO root codes."),
           crosswalk: Optional[Path] = typer.Option(None, "--crosswalk", help="Your own CAMEO↔PLOVER crosswalk file for the dyads view."),
           all_statuses: bool = typer.Option(False, "--all-statuses", help="Dyads view: include planned, hypothetical and negated events."),
           output: Optional[Path] = typer.Option(None, "-o", "--output")):
    """Print or export the merged event records."""
    from .export import write_events

    with _open_read(db) as store:
        recs = store.event_records()
    if fmt is EventsFormat.table and view is EventsView.events:
        print_events(recs)
        return
    if fmt is EventsFormat.parquet:
        if output is None:
            raise typer.BadParameter("--format parquet needs -o FILE", param_hint="--output")
        write_events(recs, str(output), "parquet", view=view.value, crosswalk=crosswalk,
                     include_unconfirmed=all_statuses)
        err.print(f"wrote {len(recs)} event record(s) to {output}")
        return
    fmt_name = "csv" if fmt is EventsFormat.table else fmt.value
    sink = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        write_events(recs, sink, fmt_name, view=view.value, crosswalk=crosswalk,
                     include_unconfirmed=all_statuses)
    finally:
        if output:
            sink.close()


@app.command()
def timeline(db: Path = typer.Option(..., "--db", help="DuckDB store file."),
             actor: Optional[str] = typer.Option(None, "--actor", help="Actor name or ISO country code."),
             date_from: Optional[str] = typer.Option(None, "--from", callback=_check_date, help="First day (YYYY-MM-DD)."),
             date_to: Optional[str] = typer.Option(None, "--to", callback=_check_date, help="Last day (YYYY-MM-DD).")):
    """A readable timeline of event records by their real dates."""
    from .timeline import timeline as show

    _open_read(db).close()
    show(db, actor, date_from, date_to)


def print_events(recs) -> None:
    table = Table(title=f"{len(recs)} event record(s)", show_lines=True, expand=True)
    widths = {"date": 12, "type / mode": 13, "status": 12, "actors": 22, "recipients": 20,
              "where": 14, "figures": 14, "docs": 4}
    for col, width in widths.items():
        table.add_column(col, overflow="fold", max_width=width)
    table.add_column("evidence (first report)", overflow="fold", ratio=1)
    for r in recs:
        w = r.when
        date = f"{w.value}\n({w.granularity}, {w.basis})" if w else "unknown"
        figs = ", ".join(f"{m} {v['min']:g}" + (f"–{v['max']:g}" if v["max"] != v["min"] else "")
                         for m, v in r.figures.items())
        actors = ", ".join(f"{a.name} ({a.country or '?'})" for a in r.actors)
        recips = ", ".join(f"{a.name} ({a.country or '?'})" for a in r.recipients)
        evidence = r.mentions[0].evidence if r.mentions else ""
        table.add_row(date, f"{r.type} / {r.mode or '-'}", r.status, actors, recips,
                      (r.location or {}).get("name") or "", figs, str(r.n_documents),
                      evidence[:240] + ("…" if len(evidence) > 240 else ""))
    out.print(table)


@app.command()
def demo(db: Path = typer.Option(Path("dateline-demo.duckdb"), "--db", help="Store file to create."),
         model: str = MODEL):
    """Ingest the built-in sample articles into a store and print the event table."""
    paths = [str(p) for p in sorted(SAMPLES.glob("*.jsonl"))] + [str(SAMPLES / "html")]
    seen, added, skipped = _ingest(paths, None, db, model, 1)
    _report_skipped(skipped)
    from .store import Store

    with Store(db, read_only=True) as store:
        recs = store.event_records()
        counts = store.counts()
    print_events(recs)
    err.print(f"{counts['documents']} documents, {counts['document_events']} document events "
              f"→ {counts['event_records']} event records in {db}")


@app.command()
def serve(db: str = typer.Option(..., "--db", help="DuckDB store file, or a postgresql:// URL."),
          host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
          port: int = typer.Option(8000, "--port"),
          token_file: Optional[Path] = typer.Option(
              None, "--token-file", help="File whose first line is the write token (else the DATELINE_TOKEN "
                                         "environment variable; neither = read-only)."),
          token: Optional[str] = typer.Option(None, "--token", hidden=True)):
    """Serve the REST API and the web UI on a store.

    The write token is read from DATELINE_TOKEN or --token-file, never from the
    command line (other users of the machine see arguments in `ps`)."""
    from .api import serve as run_server
    from .api.server import TokenError, read_token

    if token is not None:
        err.print("[red]error:[/red] --token is not accepted: the command line is visible to every user "
                  "in `ps`. Set DATELINE_TOKEN or pass --token-file FILE.")
        raise typer.Exit(2)
    try:
        secret = read_token(token_file)
    except TokenError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    run_server(db, host, port, secret)


@app.command()
def spark(paths: List[str] = typer.Argument(..., help="JSONL or WARC files, or folders of them."),
          out: Path = typer.Option(..., "--out", "-o", help="Output folder (Parquet, partitioned by date)."),
          master: str = typer.Option("local[2]", "--master", help="Spark master URL."),
          published: Optional[str] = PUBLISHED, model: str = MODEL,
          partitions: Optional[int] = typer.Option(None, "--partitions", help="Input partitions.")):
    """Run the pipeline and the linker as a Spark job (needs pyspark and Java)."""
    try:
        from . import spark as spark_job
        import pyspark  # noqa: F401
    except ImportError:
        err.print("[red]error:[/red] pyspark is not installed (pip install -r requirements.lock)")
        raise typer.Exit(2)
    counts = spark_job.run(paths, out, master=master, model=model, published=published,
                           partitions=partitions)
    err.print(f"{counts['documents']} document records, {counts['event_records']} event records, "
              f"{counts['skipped']} skipped → {out}")


# --- eval ----------------------------------------------------------------------


def _run_eval(module: str, data: Path, model: Optional[str], limit: Optional[int],
              half: Optional[str] = None, **kw) -> None:
    """Run one benchmark; with --half both, the tune and check halves one after the other."""
    if not data.exists():
        err.print(f"[red]error:[/red] no data at {data}")
        raise typer.Exit(2)
    mod = importlib.import_module(f"dateline.evaluate.{module}")
    halves = ["tune", "check"] if half == "both" else [half]
    for h in halves:
        extra = dict(kw, half=h) if h else kw
        result = mod.run(data, model=model, limit=limit, **extra)
        out.print(mod.report(result), markup=False, highlight=False)


DATA = typer.Option(..., "--data", help="Path of the benchmark's data.")
LIMIT = typer.Option(None, "--limit", help="Score only the first N documents.")
EVAL_MODEL = typer.Option(None, "--model", help="spaCy pipeline (default: the English default).")
HALF = typer.Option(None, "--half", help="tune, check or both: the fixed split of ../shared/data/README.md (default: all of --data).")


EVALS = {  # command: (module in dateline.evaluate, what it scores)
    "timex": ("timex", "TIMEX3 span/type/value scores on TimeML (TempEval-3) or MEANTIME CAT XML."),
    "plover": ("plover", "PLOVER type and actor-country scores on the PLOVER gold records (--half: check = odd positions)."),
    "factuality": ("factuality", "Event status against MEANTIME's factuality annotation."),
    "attribution": ("attribution", "Source / cue / content spans against PolNeAR's dev split."),
    "ngec": ("ngec", "Document-level PLOVER type recall on NGEC's synthetic stories (--half: check = odd rows)."),
    "voa-labels": ("voa_labels", "Document-level PLOVER types against the hand labels in bench/voa_doc_labels.jsonl."),
}


def _eval_command(module: str, doc: str):
    def command(data: Path = DATA, model: Optional[str] = EVAL_MODEL, limit: Optional[int] = LIMIT,
                half: Optional[str] = HALF):
        if half not in (None, "all", "tune", "check", "both"):
            raise typer.BadParameter("--half is one of tune, check, both, all", param_hint="--half")
        _run_eval(module, data, model, limit, None if half == "all" else half)

    command.__doc__ = doc
    return command


for _name, (_module, _doc) in EVALS.items():
    eval_app.command(_name)(_eval_command(_module, _doc))


@eval_app.command("coref")
def eval_coref(data: Path = DATA, model: Optional[str] = EVAL_MODEL, limit: Optional[int] = LIMIT,
               topics: Optional[str] = typer.Option(None, "--topics", help="Comma-separated ECB+ topics (default: the dev topics)."),
               half: Optional[str] = typer.Option(None, "--half", help="tune (topics 1–20), check (21–35), both or all.")):
    """Within- and cross-document event coreference on ECB+ (MUC, B³, CEAF-e, CoNLL F1; same-lemma baseline beside)."""
    if half not in (None, "all", "tune", "check", "both"):
        raise typer.BadParameter("--half is one of tune, check, both, all", param_hint="--half")
    _run_eval("coref", data, model, limit, half, topics=topics)


if __name__ == "__main__":
    app()
