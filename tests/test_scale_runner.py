"""The Dask runner: partitions, resumable Parquet output, dead workers, bad input, bad disks.

The cluster tests run a real LocalCluster on loopback (2 worker processes). The extraction
itself is a small pipeline-shaped object defined here, so these tests do not depend on the
language stages; one test runs the real pipeline when it is importable.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from groundfacts.errors import OutputError
from groundfacts.records import DocResult, Document, Event
from groundfacts.scale import (
    InputChangedError,
    Partition,
    PartitionSummary,
    extract_distributed,
    finished,
    local_cluster,
    partitions,
    read_events,
    run_partitions,
)
from groundfacts.scale.partitions import done_path, parquet_path, write_partition
from groundfacts.store.export import arrow_schema

distributed = pytest.importorskip("distributed")


class CountingProcessor:
    """One event per document mentioning 'attack'; each object has its own token, so the
    output shows how many processors were built."""

    def __init__(self) -> None:
        self.token = uuid.uuid4().hex[:8]

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult]:
        for d in docs:
            if "boom" in d.text:
                yield DocResult(d, None, error="ValueError: boom")
                continue
            events = []
            if "attack" in d.text:
                events.append(
                    Event(
                        event_id=f"ev-{d.id}",
                        event_date="2024-01-02",
                        sub_event_type="Attack",
                        event_type="Violence against civilians",
                        doc_id=d.id,
                        source=self.token,
                        notes=d.text,
                    )
                )
            yield DocResult(d, "en", events=events, sentences=d.text.count(".") or 1)


def counting_factory() -> CountingProcessor:
    return CountingProcessor()


class DyingProcessor(CountingProcessor):
    """Kills its worker process the first time it meets document 'doc-0013' (a flag file
    next to the output says whether it already did)."""

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult]:
        flag = Path(os.environ["GF_TEST_KILL_FLAG"])
        for r in super().run(docs):
            if r.doc.id == "doc-0013" and not flag.exists():
                flag.write_text("killed", encoding="utf-8")
                os._exit(17)
            yield r


def dying_factory() -> DyingProcessor:
    return DyingProcessor()


class SlowProcessor(CountingProcessor):
    """Takes 20 ms a document, so a run lasts long enough to be killed part-way."""

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult]:
        import time

        for r in super().run(docs):
            time.sleep(0.02)
            yield r


def slow_factory() -> SlowProcessor:
    return SlowProcessor()


def _docs(n: int) -> list[Document]:
    return [
        Document(id=f"doc-{i:04d}", text=f"Report {i}. Gunmen attack the village of Ketra {i}.")
        if i % 3
        else Document(id=f"doc-{i:04d}", text=f"Report {i}. A quiet market day in Ketra.")
        for i in range(n)
    ]


def _write_jsonl(path: Path, docs: list[Document], bad_at: int | None = None) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, d in enumerate(docs):
            if i == bad_at:
                fh.write('{"id": "broken", "text": "unterminated\n')
            fh.write(json.dumps({"id": d.id, "text": d.text, "published": "2024-01-03"}) + "\n")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from distributed import Client

    cluster = local_cluster(2)
    cl = Client(cluster)
    yield cl
    cl.close()
    cluster.close()


# --- partitions and files, no cluster ---------------------------------------------------


def test_partitions_are_numbered_in_input_order() -> None:
    parts = list(partitions(_docs(10), 4))
    assert [p.index for p in parts] == [0, 1, 2]
    assert [len(p.docs) for p in parts] == [4, 4, 2]
    assert parts[1].docs[0].id == "doc-0004"
    assert parts[0].name == "part-00000"
    again = list(partitions(_docs(10), 4))
    assert [p.fingerprint for p in parts] == [p.fingerprint for p in again]
    assert len({p.fingerprint for p in parts}) == 3
    with pytest.raises(ValueError):
        list(partitions(_docs(2), 0))


def test_unfinished_partition_is_invisible(tmp_path: Path) -> None:
    part = Partition(0, _docs(3))
    table = pa.table(
        {
            c: pa.nulls(0, t)
            for c, t in zip(arrow_schema().names, arrow_schema().types, strict=True)
        },
        schema=arrow_schema(),
    )
    write_partition(tmp_path, PartitionSummary(0, part.fingerprint, documents=3), table)
    assert finished(tmp_path) == [0]
    # a Parquet file without its marker (a run killed between the two renames) is ignored
    parquet_path(tmp_path, 1).write_bytes(parquet_path(tmp_path, 0).read_bytes())
    assert finished(tmp_path) == [0]
    assert read_events(tmp_path).num_rows == 0
    assert not list(tmp_path.glob(".*.tmp"))


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, _docs(3))
    with pytest.raises(OutputError, match="not writable"):
        extract_distributed([src], blocker / "out", workers=1, factory=counting_factory)


def test_full_disk_leaves_no_partition_that_looks_complete(tmp_path: Path) -> None:
    """A real write failure: the child process may not write files over 2 kB (EFBIG)."""
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))
        from groundfacts.errors import OutputError
        from groundfacts.records import Document, Event
        from groundfacts.scale.partitions import PartitionSummary, write_partition
        from groundfacts.store.export import events_table
        evs = [Event(event_id=str(i), notes="x" * 500 + str(i)) for i in range(200)]
        try:
            write_partition(Path({str(tmp_path)!r}), PartitionSummary(3, "fp"), events_table(evs))
        except OutputError as exc:
            print(exc)
            sys.exit(0)
        sys.exit(1)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "part-00003.parquet" in proc.stdout
    assert list(tmp_path.iterdir()) == []


# --- on a real local cluster ------------------------------------------------------------


def test_run_writes_every_event_once_and_builds_one_processor_per_worker(
    client: object, tmp_path: Path
) -> None:
    docs = _docs(40)
    summary = run_partitions(docs, tmp_path, client, partition_size=7, factory=counting_factory)
    assert summary["partitions"] == 6 and summary["written"] == 6
    assert summary["documents"] == 40
    table = read_events(tmp_path)
    ids = table.column("event_id").to_pylist()
    expected = {f"ev-{d.id}" for d in docs if "attack" in d.text}
    assert sorted(ids) == sorted(expected)
    assert summary["events"] == len(expected)
    # six partitions, at most two processors: each worker built its processor once
    assert len(set(table.column("source").to_pylist())) <= 2
    marker = json.loads(done_path(tmp_path, 5).read_text(encoding="utf-8"))
    assert marker["documents"] == 5 and marker["partition"] == 5


def test_resume_skips_finished_partitions_without_duplicates(
    client: object, tmp_path: Path
) -> None:
    docs = _docs(30)
    run_partitions(docs, tmp_path, client, partition_size=5, factory=counting_factory)
    before = sorted(read_events(tmp_path).column("event_id").to_pylist())
    # as if killed: two partitions unfinished, one half-written temporary file left over
    for i in (1, 4):
        done_path(tmp_path, i).unlink()
    parquet_path(tmp_path, 4).unlink()
    (tmp_path / ".part-00004.parquet.abc.tmp").write_bytes(b"PAR1 half")
    summary = run_partitions(docs, tmp_path, client, factory=counting_factory)
    assert (summary["written"], summary["resumed"]) == (2, 4)
    assert summary["partition_size"] == 5  # taken from the earlier run's manifest
    assert summary["documents"] == 30
    after = sorted(read_events(tmp_path).column("event_id").to_pylist())
    assert after == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_changed_input_is_refused(client: object, tmp_path: Path) -> None:
    run_partitions(_docs(10), tmp_path, client, partition_size=5, factory=counting_factory)
    changed = _docs(10)
    changed[2] = Document(id="other", text="Something else entirely.")
    with pytest.raises(InputChangedError, match=r"part-00000\.done"):
        run_partitions(changed, tmp_path, client, factory=counting_factory)
    with pytest.raises(OutputError, match="5 documents per partition"):
        run_partitions(_docs(10), tmp_path, client, partition_size=3, factory=counting_factory)


def test_failed_documents_are_counted_and_named(client: object, tmp_path: Path) -> None:
    docs = _docs(12)
    docs[7] = Document(id="bad-one", text="boom", origin="in.jsonl:8")
    summary = run_partitions(docs, tmp_path, client, partition_size=4, factory=counting_factory)
    assert summary["documents"] == 12
    assert summary["failed_documents"] == 1
    assert summary["errors"] == ["in.jsonl:8: ValueError: boom"]


def test_extract_distributed_reports_malformed_line_and_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    docs = _docs(25)
    _write_jsonl(src, docs, bad_at=10)
    warnings: list[str] = []
    summary = extract_distributed(
        [src],
        tmp_path / "out",
        workers=2,
        skip_bad=True,
        partition_size=6,
        factory=counting_factory,
        on_warning=warnings.append,
        progress=False,
    )
    assert summary["documents"] == 25
    assert summary["bad_lines"] == 1
    assert summary["bad_line_origins"] == [f"{src.as_posix()}:11"]
    assert any(":11" in w for w in warnings)
    assert summary["workers"] == 2
    got = read_events(tmp_path / "out").column("event_id").to_pylist()
    assert sorted(got) == sorted(f"ev-{d.id}" for d in docs if "attack" in d.text)


def test_worker_dying_mid_partition_is_retried_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client

    flag = tmp_path / "killed.flag"
    monkeypatch.setenv("GF_TEST_KILL_FLAG", str(flag))
    docs = _docs(30)
    with (
        local_cluster(2) as cluster,
        Client(cluster) as cl,
    ):
        summary = run_partitions(
            docs, tmp_path / "out", cl, partition_size=4, factory=dying_factory
        )
    assert flag.exists()  # a worker really died in partition 3
    assert summary["documents"] == 30 and summary["written"] == 8
    got = read_events(tmp_path / "out").column("event_id").to_pylist()
    assert len(got) == len(set(got))
    assert sorted(got) == sorted(f"ev-{d.id}" for d in docs if "attack" in d.text)


def test_real_pipeline_on_two_workers_matches_one_process(tmp_path: Path) -> None:
    """The default pipeline built once per worker gives the events one process gives."""
    from groundfacts.pipeline import Pipeline

    docs = [
        Document(
            id="r1",
            text="Gunmen killed three civilians in Djibo on Monday.",
            published=dt.date(2020, 3, 4),
        ),
        Document(
            id="r2",
            text="Soldiers clashed with militants near Kaya on Sunday.",
            published=dt.date(2021, 6, 8),
        ),
        Document(
            id="r3",
            text="Protesters marched peacefully in Ouagadougou on Friday.",
            published=dt.date(2022, 1, 10),
        ),
    ] * 4
    docs = [
        Document(id=f"{d.id}-{i}", text=d.text, published=d.published) for i, d in enumerate(docs)
    ]
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(
                json.dumps({"id": d.id, "text": d.text, "published": d.published.isoformat()})
                + "\n"
            )
    # compared on fields that do not hang on actor details, which other stages still refine
    expected = sorted(
        (e.doc_id, e.sub_event_type, e.event_date, e.location)
        for r in Pipeline().run(docs)
        for e in r.events
    )
    assert expected  # the pipeline finds events in these reports
    summary = extract_distributed(
        [src], tmp_path / "out", workers=2, partition_size=3, progress=False
    )
    assert summary["documents"] == 12 and summary["partitions"] == 4
    table = read_events(tmp_path / "out")
    cols = ["doc_id", "sub_event_type", "event_date", "location"]
    rows = zip(*(table.column(c).to_pylist() for c in cols), strict=True)
    # Parquet holds dates as dates (null when none), the records as YYYY-MM-DD text
    got = sorted((d, t, day.isoformat() if day else "", loc) for d, t, day, loc in rows)
    assert got == expected


def test_killed_run_started_again_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    """Kill a real run (driver, scheduler and workers) part-way, run again, compare with a
    clean run. The processor is this module's (deterministic, a little slow)."""
    import signal
    import time

    src = tmp_path / "in.jsonl"
    _write_jsonl(src, _docs(240))
    script = textwrap.dedent(
        """
        import sys
        from groundfacts.scale import extract_distributed
        from test_scale_runner import slow_factory
        if __name__ == "__main__":
            extract_distributed([sys.argv[1]], sys.argv[2], workers=2, partition_size=8,
                                factory=slow_factory, progress=False)
        """
    )
    runner = tmp_path / "run.py"
    runner.write_text(script, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}

    def run(out: Path) -> None:
        subprocess.run(
            [sys.executable, str(runner), str(src), str(out)],
            check=True,
            stderr=subprocess.DEVNULL,
            timeout=300,
            env=env,
        )

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, str(runner), str(src), str(out)],
        start_new_session=True,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and len(finished(out)) < 4:
        time.sleep(0.02)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    done_before = len(finished(out))
    assert 0 < done_before < 30  # the first run really was cut short
    run(out)
    clean = tmp_path / "clean"
    run(clean)
    assert finished(out) == finished(clean) == list(range(30))
    resumed = sorted(read_events(out).column("event_id").to_pylist())
    assert resumed == sorted(read_events(clean).column("event_id").to_pylist())
    assert len(resumed) == len(set(resumed))
    assert not list(out.glob(".*.tmp"))
