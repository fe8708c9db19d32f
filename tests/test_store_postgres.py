"""The PostgreSQL store against a real server: same records as the DuckDB store,
atomic batches, incremental relinking, and two writers at once.

The server is the one named by DATELINE_TEST_PG (a libpq URL; .ci/postgres.sh
starts one and prints it), else a throwaway cluster these tests start from the
Debian package (/usr/lib/postgresql/*/bin) and stop afterwards. Without either
the tests skip, saying why.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid

import pytest

psycopg = pytest.importorskip("psycopg", reason='the PostgreSQL store needs psycopg[binary]')

from dateline.link.service import add_documents, relink_all  # noqa: E402
from dateline.store import Store, open_store  # noqa: E402
from dateline.store.postgres import PostgresStore  # noqa: E402
from test_link import corpus  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """A libpq URL of a server where we may create databases."""
    url = os.environ.get("DATELINE_TEST_PG")
    if url:
        yield url
        return
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        pytest.skip("no PostgreSQL server: set DATELINE_TEST_PG or apt-get install postgresql")
    pgbin = os.path.dirname(initdbs[-1])
    as_root = os.geteuid() == 0
    wrap = (lambda args: ["runuser", "-u", "postgres", "--"] + args) if as_root else (lambda args: args)
    datadir = tempfile.mkdtemp(prefix="dateline-pg-")
    if as_root:
        shutil.chown(datadir, "postgres", "postgres")
    os.chmod(datadir, 0o700)
    port = _free_port()
    try:
        subprocess.run(wrap([f"{pgbin}/initdb", "-D", datadir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                             "--no-instructions"]), check=True, capture_output=True)
        subprocess.run(wrap([f"{pgbin}/pg_ctl", "-D", datadir, "-l", f"{datadir}/server.log", "-w", "-t", "30",
                             "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {datadir} -c fsync=off", "start"]),
                       check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as err:
        shutil.rmtree(datadir, ignore_errors=True)
        pytest.skip(f"could not start a throwaway PostgreSQL cluster: {err}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(wrap([f"{pgbin}/pg_ctl", "-D", datadir, "-m", "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(datadir, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database for one test, dropped afterwards."""
    name = "dateline_test_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    base, _, _ = pg_server.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _groups(store):
    out = {}
    for rid, doc, event in store._exec("SELECT record, document, event FROM event_members").fetchall():
        out.setdefault(rid, set()).add((doc, event))
    return {rid: sorted(g) for rid, g in out.items()}


def test_open_store_picks_the_backend_from_the_target(pg_url, tmp_path):
    with open_store(pg_url) as s:
        assert isinstance(s, PostgresStore)
    with open_store(tmp_path / "x.duckdb") as s:
        assert isinstance(s, Store)


def test_postgres_gives_the_same_event_records_as_duckdb(pg_url, tmp_path):
    with Store(tmp_path / "s.duckdb") as d:
        add_documents(d, corpus())
        expected = {r.id: r.to_dict() for r in d.event_records()}
    with PostgresStore(pg_url) as p:
        assert add_documents(p, corpus()) == 8
        got = {r.id: r.to_dict() for r in p.event_records()}
        assert p.check() == []
        assert [d.id for d in p.documents()][:1] == ["s4"]  # ordered by publication
    assert got == expected


def test_incremental_batches_and_reingest(pg_url):
    docs = corpus()
    with PostgresStore(pg_url) as p:
        for d in docs:
            assert add_documents(p, [d]) == 1
            assert p.check() == []
        inc = _groups(p)
        snapshot = {r.id: r.to_dict() for r in p.event_records()}
        assert add_documents(p, docs) == 0
        assert {r.id: r.to_dict() for r in p.event_records()} == snapshot
        relink_all(p)
        assert _groups(p) == inc
        assert len(inc) == 4


def test_failed_batch_leaves_the_database_as_it_was(pg_url, monkeypatch):
    docs = corpus()
    with PostgresStore(pg_url) as p:
        add_documents(p, docs[:3])
        before = (p.counts(), _groups(p))

        def boom(store, *args):
            raise RuntimeError("linker crashed")

        monkeypatch.setattr("dateline.link.relink", boom)
        with pytest.raises(RuntimeError):
            add_documents(p, docs[3:])
        assert (p.counts(), _groups(p)) == before
        assert not p.has_document("s4")


def test_read_only_store_refuses_writes(pg_url):
    with PostgresStore(pg_url) as p:
        add_documents(p, corpus()[:1])
    with PostgresStore(pg_url, read_only=True) as r:
        assert r.counts()["documents"] == 1
        with pytest.raises(psycopg.Error):
            add_documents(r, corpus()[1:2])


def test_two_writers_at_once_end_consistent(pg_url):
    """Two ingests in parallel serialise on the writer lock: the result equals one batch."""
    docs = corpus()
    with PostgresStore(pg_url):
        pass  # create the tables once
    errors = []

    def write(part):
        try:
            with PostgresStore(pg_url) as p:
                for d in part:
                    add_documents(p, [d])
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=write, args=(docs[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with PostgresStore(pg_url) as p:
        assert p.check() == [] and p.counts()["documents"] == 8
        assert sorted(map(tuple, _groups(p).values())) == sorted(
            [tuple(sorted(g)) for g in [[("s1", "v1"), ("s2", "v1"), ("s3", "v1")], [("s2", "v2")],
                                        [("s4", "v1"), ("s5", "v1"), ("s6", "v1")],
                                        [("s7", "v1"), ("s8", "v1")]]])
