"""The pipeline: worker processes give the very records one process gives."""

from dateline.cli import SAMPLES
from dateline.ingest import read_paths
from dateline.ingest.article import Skipped


def test_two_workers_give_the_same_records_in_the_same_order(pipeline, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    inputs = [str(SAMPLES / "articles.jsonl"), str(bad), str(SAMPLES / "html")]
    one = list(pipeline.process_many(read_paths(inputs)))
    two = list(pipeline.process_many(read_paths(inputs), n_process=2, batch_size=3))
    assert [type(x).__name__ for x in one] == [type(x).__name__ for x in two]
    assert sum(isinstance(x, Skipped) for x in two) == 1
    recs_one = [x.to_json() for x in one if not isinstance(x, Skipped)]
    recs_two = [x.to_json() for x in two if not isinstance(x, Skipped)]
    assert len(recs_one) == 10 and recs_one == recs_two
