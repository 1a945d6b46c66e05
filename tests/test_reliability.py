"""Reliability, the short form (the long form with its figures: benchmarks/reliability.py).

Hostile inputs through the reader, the pipeline and ``ingest``; ``ingest`` and a 2-worker
Dask extraction killed with SIGKILL at seeded random moments and run again, compared with a
clean run; a worker and the scheduler killed mid-run; two ingests at once and readers during
an ingest. Everything runs for real: subprocesses, a DuckDB file, LocalCluster and dask
scheduler/worker processes on loopback. The inputs are made up (hostile.py writes them).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from groundfacts.evaluate import hostile
from groundfacts.evaluate.faults import (
    extract_cmd,
    groundfacts_cmd,
    kill_and_resume,
    parquet_digest,
    readers_during_ingest,
    scheduler_kill,
    store_digest,
    two_ingests,
    worker_kill,
)
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document
from groundfacts.store.check import check_store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
KILLS = 3  # the long form kills 20 times
HERE = Path(__file__).parent


# --- hostile inputs ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    cases = hostile.write_corpus(folder, seed=11, scale="ci")
    assert len(cases) >= 40
    return folder


def test_hostile_inputs_never_crash_and_every_refusal_names_its_file(corpus: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "groundfacts.evaluate.hostile", str(corpus)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    figures = json.loads(proc.stdout.splitlines()[-1])
    assert figures["crashes"] == 0, figures["crash_examples"]
    assert figures["unclear"] == []
    assert figures["documents_tried"] >= 80 and figures["documents_done"] >= 80
    assert figures["bad_lines"] >= 12  # the hostile JSONL records, each refused with a reason
    assert figures["reasons"] >= 30
    assert figures["events"] > 0  # the readable ones still give their events


def test_ingest_of_a_hostile_folder_goes_on_and_names_file_and_line(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "h.duckdb"
    proc = subprocess.run(
        groundfacts_cmd("ingest", str(corpus), "--db", str(db), "--skip-bad", "--batch", "16"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 4, proc.stderr[-2000:]  # partial: some inputs were refused
    assert "Traceback" not in proc.stderr
    notes = [ln for ln in proc.stderr.splitlines() if ln.startswith(("warning:", "error:"))]
    assert notes and all(str(corpus) in ln for ln in notes)
    assert any(re.search(r"hostile\.jsonl:\d+: bad line skipped", ln) for ln in notes)
    assert check_store(db).ok
    stored = store_digest(db)
    assert stored.documents >= 60 and stored.duplicates == 0


def test_lone_surrogates_utf16_and_cp1252_reach_the_store(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    text = "Soldiers clashed with militants near Kaya on Sunday."
    (src / "a.jsonl").write_text(json.dumps({"id": "s", "text": "\ud800 " + text}) + "\n")
    (src / "b.txt").write_bytes(("Résumé. " + text).encode("utf-16-le"))
    (src / "c.txt").write_bytes(("Résumé. " + text + " Déjà.").encode("cp1252"))
    db = tmp_path / "s.duckdb"
    proc = subprocess.run(
        groundfacts_cmd("ingest", str(src), "--db", str(db)), capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert store_digest(db).documents == 3


def test_time_budget_gives_a_reason_and_the_batch_goes_on() -> None:
    docs = [
        Document("a", "Gunmen killed three villagers in Djibo on Tuesday."),
        Document("b", "Soldiers clashed with militants near Kaya on Sunday."),
    ]
    results = list(Pipeline(time_budget=0.0).run(docs))
    assert [r.doc.id for r in results] == ["a", "b"]
    assert all("time budget" in r.error and r.drops[0].reason == "time-budget" for r in results)
    assert all(r.events for r in Pipeline().run(docs))


# --- kills ------------------------------------------------------------------------------


def test_ingest_killed_at_random_moments_ends_as_a_clean_run(tmp_path: Path) -> None:
    src = hostile.write_reports(tmp_path / "in.jsonl", 100, seed=3)
    db, clean = tmp_path / "k.duckdb", tmp_path / "clean.duckdb"
    figures = kill_and_resume(
        groundfacts_cmd("ingest", str(src), "--db", str(db), "--batch", "10"),
        groundfacts_cmd("ingest", str(src), "--db", str(clean), "--batch", "10"),
        store_digest,
        db,
        clean,
        kills=KILLS,
        seed=7,
    )
    assert figures.kills >= 1, figures.attempts  # at least one run really was cut short
    assert figures.final_returncode == 0
    assert (figures.lost, figures.duplicated, figures.extra) == (0, 0, 0)
    assert figures.same_as_clean
    assert check_store(db).ok


def test_distributed_extract_killed_at_random_moments_ends_as_a_clean_run(
    tmp_path: Path,
) -> None:
    src = hostile.write_reports(tmp_path / "in.jsonl", 60, seed=4)
    out, clean = tmp_path / "out", tmp_path / "clean"
    figures = kill_and_resume(
        extract_cmd(tmp_path, src, out, 8),
        extract_cmd(tmp_path, src, clean, 8),
        parquet_digest,
        out,
        clean,
        kills=KILLS,
        seed=5,
        earliest=2.0,
    )
    assert figures.kills >= 1, figures.attempts
    assert figures.final_returncode == 0
    assert (figures.lost, figures.duplicated, figures.extra) == (0, 0, 0)
    assert figures.same_as_clean
    assert not list(out.glob(".*.tmp"))


def test_scheduler_killed_mid_run_then_resumed(tmp_path: Path) -> None:
    """A cluster of separate processes (a scheduler, a nanny with 2 workers): the scheduler
    is killed while partitions are in flight; the driver fails with a message, and a run on
    a new scheduler finishes the job without loss or duplicates."""
    src = hostile.write_reports(tmp_path / "in.jsonl", 80, seed=6)
    figures = scheduler_kill(tmp_path, src, partition_size=8, after=2)
    assert figures["scheduler_killed_mid_run"] and figures["driver_exit"] != 0
    assert "GF005" in figures["driver_said"], figures["driver_said"]  # our error, not a trace
    assert 0 < figures["partitions_done_when_killed"] < 10
    assert figures["resumed_exit"] == figures["clean_exit"] == 0
    assert (figures["lost"], figures["duplicated"], figures["extra"]) == (0, 0, 0)
    assert figures["same_as_clean"]


def test_worker_killed_with_sigkill_mid_partition(tmp_path: Path) -> None:
    src = hostile.write_reports(tmp_path / "in.jsonl", 90, seed=8)
    figures = worker_kill(src, tmp_path / "out", partition_size=10)
    assert figures["worker_killed"]
    assert figures["documents"] == 90 and figures["partitions"] == figures["finished"] == 9
    assert (figures["lost"], figures["duplicated"], figures["extra"]) == (0, 0, 0)


# --- concurrency ------------------------------------------------------------------------


def test_two_ingests_at_once_take_turns_and_corrupt_nothing(tmp_path: Path) -> None:
    a = hostile.write_reports(tmp_path / "a.jsonl", 40, seed=9, prefix="a", shared=10)
    b = hostile.write_reports(tmp_path / "b.jsonl", 40, seed=10, prefix="b", shared=10)
    figures = two_ingests(tmp_path, a, b, batch=5)
    assert figures["exits"] == [0, 0], figures["errors"]
    assert figures["check_ok"] and figures["same_events_as_one_by_one"]
    assert figures["duplicated"] == 0
    assert figures["documents"] == 90  # the 10 texts both inputs share are stored once


def test_a_busy_store_is_a_clear_error_when_waiting_is_not_allowed(tmp_path: Path) -> None:
    from groundfacts.errors import StoreError
    from groundfacts.store import EventStore

    db = tmp_path / "busy.duckdb"
    EventStore(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from groundfacts.store import EventStore; "
            f"s = EventStore({str(db)!r}); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match=r"\[GF004\].*in use by another process.*--wait"):
            EventStore(db, wait=0.5)
        proc = subprocess.run(
            groundfacts_cmd("events", "--db", str(db), "--wait", "0"),
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 1 and "in use by another process" in proc.stderr
    finally:
        holder.kill()
        holder.wait()


def test_readers_during_an_ingest_see_whole_batches(tmp_path: Path) -> None:
    src = hostile.write_reports(tmp_path / "in.jsonl", 100, seed=12)
    figures = readers_during_ingest(tmp_path, src, batch=10)
    assert figures["writer_exit"] == 0 and figures["snapshots"] >= 1
    assert figures["refused"] == []  # readers wait their turn
    assert figures["partial_documents_seen"] == []  # never half a document
    assert figures["monotonic"]  # each reader sees at least what the one before saw
    assert figures["final_events"] == figures["clean_events"]
