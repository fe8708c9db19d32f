"""The same pipeline as a Spark job, for corpora that outgrow one machine.

Articles are read where they lie (JSON Lines split by line, WARC files one per
task), each partition loads the spaCy pipeline once and writes the very
document records the CLI writes, and linking runs as distributed stages
partitioned by the linker's own blocking keys:

1. each report (its linking features, `Report.features`, and its article's
   content words) is keyed by every block it belongs to;
2. each block tests its candidate pairs with `dateline.link.linkable` (a pair
   sharing several blocks is tested in the first of them only);
3. the linkable pairs (few: about one per report) are joined into connected
   components on the driver (union-find);
4. each component is clustered on its own executor.

Clustering merges only along linkable pairs, so clustering each component
alone equals clustering everything at once, which is what the incremental
`dateline ingest` computes too: the result equals the CLI's on the same input.
A block, not a type family, is the unit an executor must hold.

Outputs (Parquet, partitioned by date):
  OUT/documents/date=YYYY-MM-DD/…   id, published, record (document JSON)
  OUT/events/date=YYYY-MM-DD/…      id, type, status, record (event JSON)
  OUT/skipped/…                     origin, reason
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .nlp import DEFAULT_MODEL


def session(master: str = "local[2]", app_name: str = "dateline"):
    """A SparkSession with the settings known to work on small machines (RECIPES.md)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName(app_name)
            .config("spark.driver.memory", "2g")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


# --- per-partition work (runs on executors) ------------------------------------


def _articles_from_lines(rows: Iterable[tuple[str, str, int]], published: Optional[str]) -> Iterator:
    from .ingest.jsonl import parse_line

    for path, line, lineno in rows:
        if line.strip():
            yield parse_line(line, f"{path}:{lineno}", published=published)


def _articles_from_warc(paths: Iterable[str], published: Optional[str]) -> Iterator:
    from .ingest.warc import read_warc

    for path in paths:  # executors read the file themselves (a shared file system)
        yield from read_warc(path, published=published)


def _extract(items: Iterable, model: str) -> Iterator[tuple[str, str, str]]:
    """('doc', id, json) for records, ('skip', origin, reason) for skipped inputs."""
    from .ingest.article import Skipped
    from .pipeline import load

    pipe = load(model)  # cached per executor Python process
    for out in pipe.process_many(items):
        if isinstance(out, Skipped):
            yield ("skip", out.origin, out.reason)
        else:
            yield ("doc", out.id, out.to_json())


def _report_items(doc_json: str) -> Iterator[tuple[str, tuple[str, str, str]]]:
    """(report key, (features JSON, content words, block keys)) for each report of a document."""
    from .link.blocking import block_keys
    from .link.reports import doc_words, reports_of
    from .records import DocumentRecord

    doc = DocumentRecord.from_dict(json.loads(doc_json))
    words = " ".join(sorted(doc_words(doc)))
    for r in reports_of(doc):
        yield _rkey(r.doc.id, r.event.id), (json.dumps(r.features(), ensure_ascii=False), words,
                                             "\n".join(sorted(block_keys(r))))


def _rkey(doc_id: str, event_id: str) -> str:
    return f"{doc_id}\x1f{event_id}"


def _reports(items) -> list:
    """Reports rebuilt from (features JSON, words, keys) payloads, one LinkDoc per document."""
    from .link.reports import reports_from_rows

    items = list(items)
    words = {}
    feats = []
    for f_json, w, _ in items:
        f = json.loads(f_json)
        words[f["doc"]] = set(w.split())
        feats.append(f)
    return reports_from_rows(feats, words)


def _block_edges(item) -> Iterator[tuple[str, str]]:
    """Linkable pairs of one block; a pair is tested only in the first block both share."""
    from .link import linkable
    from .link.blocking import dates_compatible

    key, payloads = item
    payloads = sorted(payloads, key=lambda p: p[0])
    reports = _reports(payloads)
    keys = [set(p[2].split("\n")) for p in payloads]
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            if min(keys[i] & keys[j]) != key:
                continue
            a, b = reports[i], reports[j]
            if dates_compatible(a, b) and linkable(a, b):
                yield _rkey(*a.key), _rkey(*b.key)


def _link_component(item) -> Iterator[str]:
    """The event records of one link component."""
    from .link import records_for

    _, payloads = item
    records, _ = records_for(_reports(sorted(payloads, key=lambda p: p[0])))
    for rec in records:
        yield rec.to_json()


def components(edges: list[tuple[str, str]]) -> dict[str, str]:
    """Report key -> the smallest report key of its connected component (reports in no edge: absent)."""
    from .link.incremental import UnionFind

    uf = UnionFind()
    for a, b in edges:
        uf.union(a, b)
    return {k: uf.find(k) for k in uf.parent}


def link_rdd(sc, docs):
    """(event record JSON RDD, the cached reports RDD to unpersist) for an RDD of document JSON."""
    reports = docs.flatMap(_report_items).cache()
    edges = (reports.flatMap(lambda kv: [(k, kv[1]) for k in kv[1][2].split("\n") if k])
             .groupByKey().flatMap(_block_edges).collect())
    comp = sc.broadcast(components(edges))
    events = (reports.map(lambda kv: (comp.value.get(kv[0], kv[0]), kv[1]))
              .groupByKey().flatMap(_link_component))
    return events, reports


def link_documents(doc_jsons: list[str], spark, partitions: int = 4) -> list[dict]:
    """Event records (dicts, by id) of already-extracted document records, linked by the Spark stages."""
    sc = spark.sparkContext
    events, reports = link_rdd(sc, sc.parallelize(doc_jsons, partitions))
    out = sorted((json.loads(e) for e in events.collect()), key=lambda e: e["id"])
    reports.unpersist()
    return out


# --- the job -------------------------------------------------------------------


def run(inputs: list[str], out: Path, *, master: str = "local[2]", model: str = DEFAULT_MODEL,
        published: Optional[str] = None, partitions: Optional[int] = None, spark=None) -> dict:
    """Code `inputs` (JSONL and WARC files or folders of them) into Parquet under `out`."""
    own = spark is None
    spark = spark or session(master)
    sc = spark.sparkContext
    try:
        jsonl, warc = _split_inputs(inputs)
        parts = partitions or max(2, sc.defaultParallelism)
        rdds = []
        if jsonl:
            lines = sc.union([
                sc.textFile(p).zipWithIndex().map(lambda x, p=p: (p, x[0], x[1] + 1)) for p in jsonl])
            rdds.append(lines.repartition(parts).mapPartitions(
                lambda rows: _articles_from_lines(rows, published)))
        if warc:
            files = sc.parallelize(warc, min(len(warc), parts))
            rdds.append(files.mapPartitions(lambda f: _articles_from_warc(f, published)))
        if not rdds:
            raise ValueError("no .jsonl or .warc(.gz) input found in " + ", ".join(inputs))
        results = sc.union(rdds).mapPartitions(lambda items: _extract(items, model)).cache()

        docs = results.filter(lambda r: r[0] == "doc").map(lambda r: r[2])
        skipped = results.filter(lambda r: r[0] == "skip").map(lambda r: (r[1], r[2]))
        events, reports = link_rdd(sc, docs)

        doc_rows = docs.map(_doc_row)
        ev_rows = events.map(_event_row)
        out = Path(out)
        _write(spark, doc_rows, ["id", "published", "record", "date"], out / "documents")
        _write(spark, ev_rows, ["id", "type", "status", "record", "date"], out / "events")
        spark.createDataFrame(skipped.collect() or [], "origin string, reason string") \
            .coalesce(1).write.mode("overwrite").parquet(str(out / "skipped"))
        counts = {"documents": doc_rows.count(), "event_records": ev_rows.count(),
                  "skipped": skipped.count()}
        results.unpersist()
        reports.unpersist()
        return counts
    finally:
        if own:
            spark.stop()


def _split_inputs(inputs: list[str]) -> tuple[list[str], list[str]]:
    jsonl, warc = [], []
    for p in inputs:
        path = Path(p)
        files = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
        for f in files:
            name = f.name.lower()
            if name.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
                jsonl.append(str(f.resolve()))
            elif name.endswith((".warc", ".warc.gz")):
                warc.append(str(f.resolve()))
    return jsonl, warc


def _date(value: Optional[str]) -> str:
    return value[:10] if value and len(value) >= 10 else "unknown"


def _doc_row(doc_json: str) -> tuple:
    d = json.loads(doc_json)
    published = d["meta"].get("published")
    return (d["id"], published, doc_json, _date(published))


def _event_row(ev_json: str) -> tuple:
    e = json.loads(ev_json)
    when = e.get("when") or {}
    return (e["id"], e["type"], e["status"], ev_json, _date(when.get("start")))


def _write(spark, rdd, columns: list[str], path: Path) -> None:
    schema = ", ".join(f"{c} string" for c in columns)
    (spark.createDataFrame(rdd, schema).write.mode("overwrite")
     .partitionBy("date").parquet(str(path)))


def read_output(out: Path, spark) -> tuple[list[dict], list[dict]]:
    """Document and event records back from a job's Parquet output (for tests and users)."""
    docs = [json.loads(r.record) for r in spark.read.parquet(str(Path(out) / "documents")).collect()]
    events = [json.loads(r.record) for r in spark.read.parquet(str(Path(out) / "events")).collect()]
    return sorted(docs, key=lambda d: d["id"]), sorted(events, key=lambda e: e["id"])
