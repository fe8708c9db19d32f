"""Article in, document record out.

The pipeline parses articles with spaCy (batched, optionally in worker
processes) and then runs the annotation stages in a fixed order on one shared
`Annotated` object. Stages are plain functions `annotate(a) -> list`, so any
one can be swapped or tested alone.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date, datetime
from typing import Callable, Iterable, Iterator, Optional, Union

from . import __version__, actors, attribution, events, figures, nlp as nlp_mod, quotes, times
from .annotated import Annotated
from .ingest.article import Article, Skipped
from .records import DocumentRecord, Pipeline as PipelineInfo, parse_day

ONTOLOGY = "plover-0.8"


def document_id(article: Article) -> str:
    """Caller's id, else a hash of the url, else of the text: stable across runs."""
    if article.id:
        return str(article.id)
    basis = article.meta.url or article.text
    return "d-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


parse_published = parse_day  # the publication date as a `date` (datetimes cut to their day)


class Pipeline:
    """A loaded spaCy pipeline plus Dateline's annotation stages."""

    # (record attribute, stage function); order matters: later stages read earlier ones.
    STAGES: list[tuple[str, Callable[[Annotated], list]]] = [
        ("times", times.annotate),
        ("entities", actors.annotate),
        ("attributions", attribution.annotate),
        ("quotes", quotes.annotate),
        ("figures", figures.annotate),
        ("events", events.annotate),
    ]

    def __init__(self, model: str = nlp_mod.DEFAULT_MODEL):
        self.model_name = model
        self.nlp = nlp_mod.load(model)
        self.info = PipelineInfo(version=__version__, model=nlp_mod.model_label(self.nlp),
                                 ontology=ONTOLOGY)
        # Seconds spent in each of Dateline's own stages (the parse excluded),
        # for bench/throughput.py's breakdown.
        self.stage_seconds: dict[str, float] = {attr: 0.0 for attr, _ in self.STAGES}

    def annotate(self, article: Article, doc) -> Annotated:
        a = Annotated(article=article, doc=doc, published=parse_published(article.meta.published))
        for attr, stage in self.STAGES:
            t0 = time.perf_counter()
            setattr(a, attr, stage(a))
            self.stage_seconds[attr] += time.perf_counter() - t0
        return a

    def record(self, a: Annotated) -> DocumentRecord:
        art = a.article
        return DocumentRecord(
            id=document_id(art), meta=art.meta, text=art.text, boilerplate=art.boilerplate,
            entities=a.entities, times=a.times, events=a.events, figures=a.figures,
            quotes=a.quotes, pipeline=self.info,
        )

    def process(self, article: Article) -> DocumentRecord:
        return self.record(self.annotate(article, self.nlp(article.text)))

    def process_many(self, items: Iterable[Union[Article, Skipped]], n_process: int = 1,
                     batch_size: Optional[int] = None) -> Iterator[Union[DocumentRecord, Skipped]]:
        """Records in input order; Skipped items pass through so callers can report them.

        A failure inside a stage is reported as a Skipped for that article, never
        the end of the batch. With n_process > 1 whole articles (parse and
        stages) go to worker processes, so Dateline's own stages scale with the
        parse instead of queueing in this process.
        """
        if n_process > 1:
            yield from self._process_parallel(items, n_process, batch_size or 8)
            return
        pending: list[Skipped] = []

        def articles():
            for item in items:
                if isinstance(item, Skipped):
                    pending.append(item)
                    continue
                yield item.text, item

        for doc, article in nlp_mod.pipe(self.nlp, articles(), batch_size=batch_size, as_tuples=True):
            while pending:
                yield pending.pop(0)
            yield self._safe_record(article, doc)
        while pending:
            yield pending.pop(0)

    def _safe_record(self, article: Article, doc) -> Union[DocumentRecord, Skipped]:
        try:
            return self.record(self.annotate(article, doc))
        except Exception as err:  # noqa: BLE001 - one bad article must not end a batch
            return Skipped(article.origin or document_id(article),
                           f"extraction failed: {type(err).__name__}: {err}")

    def _process_parallel(self, items, n_process: int, batch_size: int):
        """Batches of articles through a pool of forked workers, results in order.

        Workers are forked from this process, so they share its loaded model and
        tables instead of loading their own.
        """
        import itertools
        import multiprocessing

        global _worker_pipeline
        _worker_pipeline = self
        pending: list[Skipped] = []

        def batches():
            it = iter(items)
            while True:
                chunk = list(itertools.islice(it, batch_size))
                if not chunk:
                    return
                pending.extend(x for x in chunk if isinstance(x, Skipped))
                yield [x for x in chunk if not isinstance(x, Skipped)]

        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(n_process) as pool:
            for results in pool.imap(_run_batch, batches()):
                while pending:
                    yield pending.pop(0)
                yield from results
        while pending:
            yield pending.pop(0)


_worker_pipeline: Optional["Pipeline"] = None


def _run_batch(articles: list[Article]) -> list[Union[DocumentRecord, Skipped]]:
    p = _worker_pipeline
    return [p._safe_record(a, doc) for doc, a in
            zip(p.nlp.pipe([a.text for a in articles]), articles)]


_default: dict[str, Pipeline] = {}


def load(model: str = nlp_mod.DEFAULT_MODEL) -> Pipeline:
    """The process-wide pipeline for `model`, loaded once."""
    if model not in _default:
        _default[model] = Pipeline(model)
    return _default[model]


def extract(text: str, published: Union[str, date, datetime, None] = None, *,
            id: Optional[str] = None, title: Optional[str] = None, url: Optional[str] = None,
            source: Optional[str] = None, model: str = nlp_mod.DEFAULT_MODEL) -> DocumentRecord:
    """Extract one document record from plain text (the text is never altered)."""
    from .ingest.text import article_from_text

    if isinstance(published, (date, datetime)):
        published = published.isoformat()
    article = article_from_text(text, origin=id or "<text>", published=published, id=id,
                                title=title, url=url, source=source)
    return load(model).process(article)
