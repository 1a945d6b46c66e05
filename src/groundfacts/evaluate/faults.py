"""Faults on purpose: kill a running command at seeded random moments, run it again, and
compare what it left with a clean run; run several at once on one store.

Used by the reliability tests (a few kills) and by ``benchmarks/reliability.py`` (many).
What a run leaves is summarised by :func:`store_digest` (a DuckDB store) or
:func:`parquet_digest` (a partitioned Parquet folder): the sorted event ids and a hash of
their rows, so "the same as a clean run" is one comparison.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from groundfacts.records import EVENT_COLUMNS


@dataclass(slots=True)
class Digest:
    """What a store or an output folder holds, in a form two runs can be compared by."""

    event_ids: list[str]
    rows_sha256: str
    documents: int = 0

    @property
    def duplicates(self) -> int:
        return len(self.event_ids) - len(set(self.event_ids))

    def lost_from(self, clean: Digest) -> int:
        """Events of the clean run that this one does not have."""
        return len(set(clean.event_ids) - set(self.event_ids))

    def extra_over(self, clean: Digest) -> int:
        return len(set(self.event_ids) - set(clean.event_ids))


def _hash_rows(rows: Sequence[Sequence[Any]]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps([str(v) for v in row], ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def store_digest(db: str | Path) -> Digest:
    """Events (every column), documents, non-events and sources of a store; not the times
    things were stored at."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = ", ".join([*EVENT_COLUMNS, "doc_hash"])
        events = con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
        docs = con.execute(
            "SELECT doc_hash, doc_id, source, url, published, language, n_events, "
            "n_non_events, status FROM documents ORDER BY doc_hash"
        ).fetchall()
        non = con.execute(
            "SELECT * FROM non_events ORDER BY doc_hash, start_offset, end_offset, trigger"
        ).fetchall()
        sources = con.execute(
            "SELECT doc_hash, doc_id, source, url FROM document_sources "
            "ORDER BY doc_hash, doc_id, source, url"
        ).fetchall()
    finally:
        con.close()
    rows = [("event", *r) for r in events] + [("document", *r) for r in docs]
    rows += [("non-event", *r) for r in non] + [("source", *r) for r in sources]
    return Digest([r[0] for r in events], _hash_rows(rows), len(docs))


# What an event says, apart from the ids and sources of the document it was stored under.
_CONTENT = (
    "event_date",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "fatalities",
)


def events_by_text(db: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each stored text's events (what they say, sorted), by the text's hash."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(f"SELECT doc_hash, {', '.join(_CONTENT)} FROM events").fetchall()
    finally:
        con.close()
    out: dict[str, list[tuple[Any, ...]]] = {}
    for h, *content in rows:
        out.setdefault(h, []).append(tuple(content))
    return {h: sorted(v, key=repr) for h, v in out.items()}


def parquet_digest(folder: str | Path) -> Digest:
    """The events of a finished (or resumed) partitioned run, sorted by id."""
    from groundfacts.scale import read_events

    table = read_events(folder)
    rows = sorted(zip(*(table.column(c).to_pylist() for c in EVENT_COLUMNS), strict=True))
    return Digest([r[0] for r in rows], _hash_rows(rows))


@dataclass(slots=True)
class KillRun:
    """One attempt: killed after ``after`` seconds, or finished by itself first."""

    after: float
    killed: bool
    returncode: int | None


@dataclass(slots=True)
class KillFigures:
    command: str
    kills: int = 0  # SIGKILLs delivered to a running command
    kills_with_work_left: int = 0  # of those, before any run had finished the job
    finished_before_kill: int = 0
    rounds: int = 0  # runs from nothing to a finished job, each compared with the clean run
    clean_seconds: float = 0.0
    startup_seconds: float = 0.0
    lost: int = 0
    duplicated: int = 0
    extra: int = 0
    same_as_clean: bool = False
    final_returncode: int | None = None
    attempts: list[KillRun] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run(cmd: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 900) -> int:
    """Run a command to its end (its output discarded); its exit code."""
    proc = subprocess.run(
        list(cmd),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        timeout=timeout,
        check=False,
    )
    return proc.returncode


def kill_at(cmd: Sequence[str], after: float, *, env: dict[str, str] | None = None) -> KillRun:
    """Start ``cmd`` in its own process group and SIGKILL the whole group after ``after``
    seconds (its cluster workers and scheduler with it), unless it finished first."""
    proc = subprocess.Popen(
        list(cmd),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=after)
        return KillRun(round(after, 2), False, proc.returncode)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        return KillRun(round(after, 2), True, proc.returncode)


def _remove(out: Path) -> None:
    """Delete a run's output (a store file and its write-ahead log, or a Parquet folder)."""
    if out.is_dir():
        shutil.rmtree(out)
    for path in (out, out.with_name(out.name + ".wal")):
        if path.is_file():
            path.unlink()


def kill_and_resume(
    cmd: Sequence[str],
    clean_cmd: Sequence[str],
    digest: Any,
    out: Path,
    clean_out: Path,
    *,
    kills: int,
    seed: int,
    env: dict[str, str] | None = None,
    earliest: float = 0.5,
) -> KillFigures:
    """Run ``clean_cmd`` to its end, timing it, and once more (nothing left to do: the
    start-up cost); then, in rounds, run ``cmd`` again and again, each time SIGKILLed at a
    seeded random moment, until one run finishes the job; compare ``digest(out)`` with
    ``digest(clean_out)``, start the next round from nothing, and go on until ``kills`` kills
    have been delivered. Every round must end as the clean run did.

    A kill lands in the start-up one time in five, else anywhere in the clean run's work
    time after it, so that most kills leave work for the next run.
    """
    rnd = random.Random(seed)
    shown = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))
    figures = KillFigures(command=shown)
    t0 = time.perf_counter()
    if run(clean_cmd, env=env) not in (0, 4):
        raise RuntimeError(f"the clean run failed: {' '.join(clean_cmd)}")
    figures.clean_seconds = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    run(clean_cmd, env=env)
    startup = max(earliest, time.perf_counter() - t0)
    figures.startup_seconds = round(startup, 2)
    work = max(1.0, figures.clean_seconds - startup)
    want = digest(clean_out)
    same = True

    def compare() -> None:
        nonlocal same
        got = digest(out)
        figures.lost += got.lost_from(want)
        figures.extra += got.extra_over(want)
        figures.duplicated += got.duplicates
        same = same and got.event_ids == want.event_ids and got.rows_sha256 == want.rows_sha256
        figures.rounds += 1

    _remove(out)
    killed_this_round = False
    while figures.kills < kills and len(figures.attempts) < 4 * kills:
        if rnd.random() < 0.2:
            moment = rnd.uniform(earliest, startup)
        else:
            moment = startup + rnd.uniform(0, work)
        attempt = kill_at(cmd, moment, env=env)
        figures.attempts.append(attempt)
        if attempt.killed:
            figures.kills += 1
            figures.kills_with_work_left += 1  # a round ends when its job is done
            killed_this_round = True
            continue
        figures.finished_before_kill += 1
        figures.final_returncode = attempt.returncode
        compare()
        _remove(out)
        killed_this_round = False
    if killed_this_round or figures.rounds == 0:
        figures.final_returncode = run(cmd, env=env)  # the last round, to its end
        compare()
    else:
        run(cmd, env=env)  # leave the output as a finished run leaves it
    figures.same_as_clean = same
    return figures


def groundfacts_cmd(*args: str) -> list[str]:
    """The groundfacts command line of this interpreter."""
    return [sys.executable, "-m", "groundfacts.cli", *args]


# --- the cluster: a worker, then the scheduler, killed -----------------------------------

_RUNNER = """
import sys
from groundfacts.scale import extract_distributed
if __name__ == "__main__":
    kw = {"scheduler": sys.argv[4]} if len(sys.argv) > 4 else {"workers": 2}
    extract_distributed([sys.argv[1]], sys.argv[2], partition_size=int(sys.argv[3]),
                        progress=False, **kw)
"""


def extract_cmd(
    folder: Path, src: Path, out: Path, partition_size: int, scheduler: str = ""
) -> list[str]:
    """``extract --workers 2`` (or on ``scheduler``) as a script, with a partition size."""
    runner = folder / "extract_runner.py"
    if not runner.exists():
        runner.write_text(_RUNNER, encoding="utf-8")
    cmd = [sys.executable, str(runner), str(src), str(out), str(partition_size)]
    return [*cmd, scheduler] if scheduler else cmd


class SlowPipeline:
    """The real pipeline, 50 ms slower a document, so that a worker can be killed in the
    middle of a partition."""

    def __init__(self) -> None:
        from groundfacts.pipeline import Pipeline

        self.pipe = Pipeline()

    def run(self, docs: Any) -> Any:
        for r in self.pipe.run(docs):
            time.sleep(0.05)
            yield r


def slow_pipeline() -> SlowPipeline:
    return SlowPipeline()


def worker_kill(src: Path, out: Path, *, partition_size: int = 10) -> dict[str, Any]:
    """Run on a 2-worker LocalCluster; SIGKILL one worker process once the first partition
    is done (the others are then in flight). Compares with one process."""
    import threading

    from distributed import Client

    from groundfacts.ingest import read_documents
    from groundfacts.pipeline import Pipeline
    from groundfacts.scale import finished, local_cluster, read_events, run_partitions

    docs = list(read_documents([src]))
    expected = sorted(e.event_id for r in Pipeline().run(docs) for e in r.events)
    killed: list[int] = []
    running = threading.Event()
    cluster = local_cluster(2)
    client = Client(cluster)
    try:
        pids = sorted(client.run(os.getpid).values())

        def killer() -> None:
            # once a partition is done the workers are busy with the next ones
            deadline = time.monotonic() + 600
            while running.is_set() and not finished(out) and time.monotonic() < deadline:
                time.sleep(0.02)
            if running.is_set():
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        running.set()
        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        try:
            summary = run_partitions(
                docs, out, client, partition_size=partition_size, factory=slow_pipeline
            )
        finally:
            running.clear()
            thread.join(timeout=60)
    finally:
        client.close(timeout=60)
        cluster.close(timeout=60)
    got = read_events(out).column("event_id").to_pylist()
    return {
        "worker_killed": bool(killed),
        "documents": summary["documents"],
        "partitions": summary["partitions"],
        "finished": len(finished(out)),
        "lost": len(set(expected) - set(got)),
        "duplicated": len(got) - len(set(got)),
        "extra": len(set(got) - set(expected)),
    }


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(cmd: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as fh:
        return subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def _cluster(folder: Path, tag: str) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """A scheduler and a nanny of 2 one-thread workers, as separate processes."""
    port = _free_port()
    addr = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m"]
    sched = _start(
        [
            *dask,
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        folder / f"scheduler-{tag}.log",
    )
    worker = _start(
        [
            *dask,
            "distributed.cli.dask_worker",
            addr,
            "--nworkers",
            "2",
            "--nthreads",
            "1",
            "--no-dashboard",
        ],
        folder / f"workers-{tag}.log",
    )
    return addr, [sched, worker]


def scheduler_kill(
    folder: Path, src: Path, *, partition_size: int = 8, after: int = 2
) -> dict[str, Any]:
    """Extract on a cluster of separate processes and SIGKILL the scheduler once ``after``
    partitions are done; the driver must fail with a message. Then run again on a new
    scheduler and compare with a clean run there."""
    from groundfacts.scale import finished

    out, clean = folder / "out", folder / "clean"
    addr, procs = _cluster(folder, "first")
    try:
        driver = subprocess.Popen(
            extract_cmd(folder, src, out, partition_size, addr),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and driver.poll() is None and len(finished(out)) < after:
            time.sleep(0.05)
        cut_short = driver.poll() is None
        _stop(procs[0])
        _, err = driver.communicate(timeout=300)
    finally:
        for p in procs:
            _stop(p)
    done_when_killed = len(finished(out))
    addr, procs = _cluster(folder, "second")
    try:
        resumed = run(extract_cmd(folder, src, out, partition_size, addr))
        cleanrc = run(extract_cmd(folder, src, clean, partition_size, addr))
    finally:
        for p in procs:
            _stop(p)
    got, want = parquet_digest(out), parquet_digest(clean)
    lines = err.decode("utf-8", "replace").strip().splitlines()
    return {
        "scheduler_killed_mid_run": cut_short,
        "driver_exit": driver.returncode,
        "driver_said": lines[-1][:200] if lines else "",
        "partitions_done_when_killed": done_when_killed,
        "resumed_exit": resumed,
        "clean_exit": cleanrc,
        "lost": got.lost_from(want),
        "duplicated": got.duplicates,
        "extra": got.extra_over(want),
        "same_as_clean": got.event_ids == want.event_ids and got.rows_sha256 == want.rows_sha256,
    }


# --- one store, several processes -------------------------------------------------------


def two_ingests(folder: Path, a: Path, b: Path, *, batch: int = 5) -> dict[str, Any]:
    """Two ingests into one store at once, against the same inputs ingested one at a time."""
    from groundfacts.store.check import check_store

    db, clean = folder / "both.duckdb", folder / "one-by-one.duckdb"
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            groundfacts_cmd("ingest", str(p), "--db", str(db), "--batch", str(batch)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for p in (a, b)
    ]
    errs = [p.communicate(timeout=900)[1].decode("utf-8", "replace") for p in procs]
    seconds = round(time.perf_counter() - t0, 2)
    for p in (a, b):
        run(groundfacts_cmd("ingest", str(p), "--db", str(clean)))
    got = store_digest(db)
    return {
        "exits": [p.returncode for p in procs],
        "errors": [e.strip().splitlines()[-1][:200] for e in errs if e.strip()],
        "seconds": seconds,
        "check_ok": check_store(db).ok,
        "documents": got.documents,
        # a text both inputs hold is stored under the id of whichever ingest reached it first
        # (an event's id includes its document's), so events are compared text by text
        "same_events_as_one_by_one": events_by_text(db) == events_by_text(clean),
        "duplicated": got.duplicates,
    }


def readers_during_ingest(folder: Path, src: Path, *, batch: int = 10) -> dict[str, Any]:
    """``events`` run again and again while an ingest writes: every snapshot must hold whole
    documents (as many events as a clean run gives each) and grow monotonically."""
    from collections import Counter

    db, clean = folder / "live.duckdb", folder / "clean.duckdb"
    run(groundfacts_cmd("ingest", str(src), "--db", str(clean)))
    con_events = _doc_ids(clean)
    per_doc = Counter(con_events)
    writer = subprocess.Popen(
        groundfacts_cmd("ingest", str(src), "--db", str(db), "--batch", str(batch)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sizes: list[int] = []
    partial: list[str] = []
    refused: list[str] = []
    while writer.poll() is None or not sizes:
        if db.exists():
            proc = subprocess.run(
                groundfacts_cmd("events", "--db", str(db), "--wait", "120"),
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            if proc.returncode == 0:
                snap = Counter(json.loads(x)["doc_id"] for x in proc.stdout.splitlines())
                partial += [d for d, n in snap.items() if per_doc[d] != n]
                sizes.append(sum(snap.values()))
            elif "not a store yet" not in proc.stderr:  # before the writer's first commit
                refused.append(proc.stderr.strip().splitlines()[-1][:200])
        time.sleep(0.2)
    return {
        "writer_exit": writer.wait(timeout=900),
        "snapshots": len(sizes),
        "snapshot_sizes": sizes,
        "refused": refused,
        "partial_documents_seen": partial,
        "monotonic": sizes == sorted(sizes),
        "final_events": len(_doc_ids(db)),
        "clean_events": len(con_events),
    }


def _doc_ids(db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT doc_id FROM events").fetchall()]
    finally:
        con.close()
