"""Reliability, the long form: hostile inputs, kills, concurrency; prints the figures.

    python benchmarks/reliability.py [--kills 20] [--seed 1] [--quick] [--only hostile,kills,...]

1. hostile: the seeded hostile corpus at full size (a 50 MB single line, a million one-word
   lines, ...) through the reader and the pipeline in a child process: documents tried,
   crashes, inputs refused with a reason, the slowest document (CPU seconds), peak memory;
   then ``ingest`` of the same folder (exit code, peak memory, ``store check``).
2. kills: ``ingest`` into DuckDB and ``extract`` on a 2-worker LocalCluster, each SIGKILLed
   ``--kills`` times at seeded random moments and run again; events lost, duplicated and
   extra against a clean run (sorted ids and a hash of their rows). Then a worker killed
   mid-partition, and the scheduler of a separate-process cluster.
3. concurrency: two ingests into one store at once; readers (``events``) during an ingest.

The short form of the same runs in the test suite (tests/test_reliability.py). Results go to
benchmarks/results/reliability.json. ``--quick`` uses the CI sizes and 3 kills.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def _peak(cmd: list[str]) -> tuple[int, float, float, str, str]:
    """Run ``cmd``; (exit code, peak memory in MB, wall s, stdout, stderr tail)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return proc.returncode, usage.ru_maxrss / 1024, time.perf_counter() - t0, stdout, stderr[-3000:]


def hostile_part(work: Path, seed: int, scale: str) -> dict[str, Any]:
    from groundfacts.evaluate import hostile
    from groundfacts.evaluate.faults import groundfacts_cmd
    from groundfacts.store.check import check_store

    folder = work / "hostile"
    cases = hostile.write_corpus(folder, seed=seed, scale=scale)
    size_mb = sum(c.path.stat().st_size for c in cases) / 1e6
    rc, peak, wall, stdout, stderr = _peak(
        [sys.executable, "-m", "groundfacts.evaluate.hostile", str(folder)]
    )
    if rc != 0:
        return {"error": f"hostile run exited {rc}: {stderr}"}
    figures: dict[str, Any] = json.loads(stdout.splitlines()[-1])
    figures.update(cases=len(cases), corpus_mb=round(size_mb, 1), peak_memory_mb=round(peak))
    db = work / "hostile.duckdb"
    rc, peak, wall, _, stderr = _peak(
        groundfacts_cmd("ingest", str(folder), "--db", str(db), "--skip-bad")
    )
    figures["ingest"] = {
        "exit": rc,
        "peak_memory_mb": round(peak),
        "seconds": round(wall, 1),
        "traceback": "Traceback" in stderr,
        "store_check_ok": check_store(db).ok if db.exists() else False,
    }
    return figures


def kills_part(work: Path, seed: int, kills: int) -> dict[str, Any]:
    from groundfacts.evaluate import hostile
    from groundfacts.evaluate.faults import (
        extract_cmd,
        groundfacts_cmd,
        kill_and_resume,
        parquet_digest,
        scheduler_kill,
        store_digest,
        worker_kill,
    )

    out: dict[str, Any] = {}
    src = hostile.write_reports(work / "reports.jsonl", 300, seed=seed)
    db, clean = work / "killed.duckdb", work / "clean.duckdb"
    out["ingest"] = kill_and_resume(
        groundfacts_cmd("ingest", str(src), "--db", str(db), "--batch", "10"),
        groundfacts_cmd("ingest", str(src), "--db", str(clean), "--batch", "10"),
        store_digest,
        db,
        clean,
        kills=kills,
        seed=seed,
    ).to_dict()
    print(json.dumps({"ingest kills": _short(out["ingest"])}), file=sys.stderr, flush=True)
    small = hostile.write_reports(work / "cluster.jsonl", 120, seed=seed + 1)
    pout, pclean = work / "parts", work / "parts-clean"
    out["extract_workers_2"] = kill_and_resume(
        extract_cmd(work, small, pout, 10),
        extract_cmd(work, small, pclean, 10),
        parquet_digest,
        pout,
        pclean,
        kills=kills,
        seed=seed,
        earliest=2.0,
    ).to_dict()
    print(json.dumps({"extract kills": _short(out["extract_workers_2"])}), file=sys.stderr)
    out["worker_killed"] = worker_kill(small, work / "worker-out", partition_size=10)
    sched = work / "scheduler"
    sched.mkdir()
    out["scheduler_killed"] = scheduler_kill(sched, small, partition_size=10, after=2)
    return out


def _short(f: dict[str, Any]) -> dict[str, Any]:
    keys = ("kills", "kills_with_work_left", "lost", "duplicated", "extra", "same_as_clean")
    return {k: f[k] for k in keys}


def concurrency_part(work: Path, seed: int) -> dict[str, Any]:
    from groundfacts.evaluate import hostile
    from groundfacts.evaluate.faults import readers_during_ingest, two_ingests

    a = hostile.write_reports(work / "a.jsonl", 150, seed=seed, prefix="a", shared=30)
    b = hostile.write_reports(work / "b.jsonl", 150, seed=seed + 1, prefix="b", shared=30)
    both = work / "two"
    both.mkdir()
    readers = work / "readers"
    readers.mkdir()
    src = hostile.write_reports(work / "live.jsonl", 300, seed=seed + 2)
    return {
        "two_ingests": two_ingests(both, a, b, batch=10),
        "readers_during_ingest": readers_during_ingest(readers, src, batch=10),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="CI sizes and 3 kills")
    ap.add_argument("--only", default="hostile,kills,concurrency")
    ap.add_argument("--out", type=Path, default=RESULTS / "reliability.json")
    args = ap.parse_args()
    kills = 3 if args.quick else args.kills
    scale = "ci" if args.quick else "long"
    parts = args.only.split(",")
    work = Path(tempfile.mkdtemp(prefix="gf-reliability-"))
    results: dict[str, Any] = {"seed": args.seed, "kill_count": kills, "scale": scale}
    t0 = time.perf_counter()
    try:
        if "hostile" in parts:
            (work / "h").mkdir()
            results["hostile"] = hostile_part(work / "h", args.seed, scale)
            print(json.dumps({"hostile": results["hostile"]}), file=sys.stderr, flush=True)
        if "kills" in parts:
            (work / "k").mkdir()
            results["kills"] = kills_part(work / "k", args.seed, kills)
        if "concurrency" in parts:
            (work / "c").mkdir()
            results["concurrency"] = concurrency_part(work / "c", args.seed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(summary(results))
    return 0


def summary(r: dict[str, Any]) -> str:
    lines = [f"reliability (seed {r['seed']}, {r['scale']} sizes, {r['kill_count']} kills each)"]
    h = r.get("hostile")
    if h and "error" not in h:
        lines.append(
            f"hostile inputs: {h['cases']} cases, {h['corpus_mb']} MB; documents tried "
            f"{h['documents_tried']}, crashes {h['crashes']}, refused or skipped with a reason "
            f"{h['reasons']} (bad lines {h['bad_lines']}), unclear messages {len(h['unclear'])}; "
            f"peak memory {h['peak_memory_mb']} MB; {h['seconds']} s ({h['cpu_seconds']} CPU s); "
            f"slowest document {h['slowest_cpu_seconds']} CPU s ({h['slowest_document']})"
        )
        i = h["ingest"]
        lines.append(
            f"  ingest of that folder: exit {i['exit']}, traceback {i['traceback']}, peak "
            f"memory {i['peak_memory_mb']} MB, {i['seconds']} s, "
            f"store check ok {i['store_check_ok']}"
        )
    elif h:
        lines.append(f"hostile inputs: {h['error']}")
    k = r.get("kills")
    if k:
        for name in ("ingest", "extract_workers_2"):
            f = k[name]
            lines.append(
                f"{name}: {f['kills']} SIGKILLs survived, each with work left, over "
                f"{f['rounds']} rounds from an empty output to a finished job, each compared "
                f"with the clean run; clean run {f['clean_seconds']} s; lost "
                f"{f['lost']}, duplicated {f['duplicated']}, extra {f['extra']}; same as a "
                f"clean run: {f['same_as_clean']}"
            )
        w, s = k["worker_killed"], k["scheduler_killed"]
        lines.append(
            f"worker SIGKILLed mid-partition: lost {w['lost']}, duplicated {w['duplicated']}, "
            f"{w['finished']}/{w['partitions']} partitions"
        )
        lines.append(
            f"scheduler SIGKILLed: driver exit {s['driver_exit']} ({s['driver_said']!r}); "
            f"resumed on a new scheduler: lost {s['lost']}, duplicated {s['duplicated']}, "
            f"same as clean {s['same_as_clean']}"
        )
    c = r.get("concurrency")
    if c:
        t, rd = c["two_ingests"], c["readers_during_ingest"]
        lines.append(
            f"two ingests at once: exits {t['exits']}, store check ok {t['check_ok']}, "
            f"same events as one by one {t['same_events_as_one_by_one']}, duplicated "
            f"{t['duplicated']}"
        )
        lines.append(
            f"readers during an ingest: {rd['snapshots']} snapshots, refused "
            f"{len(rd['refused'])}, partial documents seen {len(rd['partial_documents_seen'])}, "
            f"monotonic {rd['monotonic']}"
        )
    lines.append(f"total {r['seconds']} s")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
