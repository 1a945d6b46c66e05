"""The DuckDB store at volume: bulk ingest of synthetic events, filtered queries, merging.

    python benchmarks/bench_store.py [--events 1000000] [--incremental 10000] [--quick]
                                     [--json FILE]

Loads ``--events`` synthetic events through Arrow in batches, then times the queries a user
runs (date range, country, actor, event type, and all together): the count of matches and
the first 1,000 events as records. Then times cross-document merging of a slice of them,
batch and incremental, and the incremental merge of ``--incremental`` new reports into a
store of ``--events`` merged events (half of the new ones further reports of stored events).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from groundfacts.scale.synthetic import synthetic_events
from groundfacts.store import EventStore
from groundfacts.store.duckdb_store import EventFilter

QUERIES = {
    "date range (1 month)": EventFilter(since=dt.date(2020, 3, 1), until=dt.date(2020, 3, 31)),
    "country": EventFilter(country="Country 07"),
    "country by iso": EventFilter(country="AH"),
    "actor substring": EventFilter(actor="Group 042"),
    "event type": EventFilter(event_type="Riots"),
    "sub-event type": EventFilter(sub_event_type="Air/drone strike"),
    "all together": EventFilter(
        since=dt.date(2018, 1, 1),
        until=dt.date(2019, 12, 31),
        country="Country 07",
        actor="Group 04",
        event_type="Battles",
    ),
}


def _timed(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def bench(n_events: int, batch: int, merge_n: int, folder: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"events": n_events, "batch": batch}
    db = folder / "volume.duckdb"
    gen = load = 0.0
    with EventStore(db) as store:
        for first in range(0, n_events, batch):
            t = time.perf_counter()
            table = synthetic_events(min(batch, n_events - first), seed=first, first=first)
            gen += time.perf_counter() - t
            t = time.perf_counter()
            store.add_events_table(table)
            load += time.perf_counter() - t
        out["generate_s"] = round(gen, 2)
        out["ingest_s"] = round(load, 2)
        out["ingest_events_per_s"] = round(n_events / load)
        out["stored"] = store.count()
        queries: dict[str, Any] = {}
        for name, flt in QUERIES.items():
            count_s, count = _timed(lambda flt=flt: store.count(flt))
            first_s, rows = _timed(
                lambda flt=flt: list(store.events(EventFilter(**{**_fields(flt), "limit": 1000})))
            )
            queries[name] = {
                "matches": count,
                "count_ms": round(count_s * 1000, 1),
                "first_1000_ms": round(first_s * 1000, 1),
                "returned": len(rows),
            }
        out["queries"] = queries
    out["db_mb"] = round(db.stat().st_size / 1e6, 1)
    if merge_n:
        out["merge"] = bench_merge(merge_n, folder)
    return out


def _fields(flt: EventFilter) -> dict[str, Any]:
    return {f: getattr(flt, f) for f in flt.__slots__}


def bench_merge(n: int, folder: Path) -> dict[str, Any]:
    """Merge ``n`` events in one go, then a further tenth incrementally."""
    db = folder / "merge.duckdb"
    extra = max(1, n // 10)
    with EventStore(db) as store:
        store.add_events_table(synthetic_events(n, seed=1, days=365))
        t = time.perf_counter()
        linked, written = store.merge_new()
        batch_s = time.perf_counter() - t
        store.add_events_table(synthetic_events(extra, seed=2, first=n, days=365))
        t = time.perf_counter()
        linked2, _ = store.merge_new()
        incr_s = time.perf_counter() - t
    return {
        "events": n,
        "batch_s": round(batch_s, 2),
        "batch_events_per_s": round(linked / batch_s),
        "merged_events": written,
        "incremental_events": linked2,
        "incremental_s": round(incr_s, 2),
    }


def _reports_of(table: Any, n: int, seed: int, first: int) -> Any:
    """``n`` new reports of stored events: other documents telling the same events a few
    km away and up to a day apart (so merging has real work), with the export schema."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = np.random.default_rng(seed)
    picked = table.take(pa.array(rng.choice(len(table), n, replace=False)))
    shift = pa.array(rng.integers(-1, 2, n).astype("int32"))
    days = pc.add(pc.cast(picked["event_date"], pa.int32()), shift)
    cols = {c: picked[c] for c in picked.column_names}
    cols["event_id"] = pa.array([f"r{first + i}" for i in range(n)], pa.string())
    cols["doc_id"] = pa.array([f"doc-r{first + i}" for i in range(n)], pa.string())
    cols["event_date"] = pc.cast(days, pa.date32())
    cols["latitude"] = pc.add(picked["latitude"], pa.array(rng.normal(0, 0.02, n)))
    cols["longitude"] = pc.add(picked["longitude"], pa.array(rng.normal(0, 0.02, n)))
    return pa.table(cols, schema=table.schema)


def _cpu() -> float:
    """CPU seconds of this process, all its threads (DuckDB's too)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def bench_merge_incremental(stored: int, new: int, folder: Path) -> dict[str, Any]:
    """A store of ``stored`` merged events takes ``new`` reports, merged incrementally:
    half are further reports of stored events, half are events of their own. Only the
    stored reports near the new ones in place and date are read (blocking in SQL)."""
    import pyarrow as pa

    db = folder / "incremental.duckdb"
    out: dict[str, Any] = {"stored": stored, "new": new}
    with EventStore(db) as store:
        t = time.perf_counter()
        base = synthetic_events(stored, seed=11, days=3650)
        store.add_events_table(base)
        # the stored events as merged already (one merged event each), written in bulk
        store.con.register("_base", base.select(["event_id"]))
        store.con.execute("INSERT INTO event_links SELECT event_id, 'm-' || event_id FROM _base")
        store.con.unregister("_base")
        store.con.execute(
            "INSERT INTO merged_events BY NAME SELECT * EXCLUDE (doc_hash, event_id), "
            "'m-' || event_id AS event_id, 1 AS reports, doc_id AS doc_ids, source AS sources "
            "FROM events"
        )
        out["setup_s"] = round(time.perf_counter() - t, 1)
        half = new // 2
        fresh = synthetic_events(new - half, seed=12, first=stored, days=3650)
        table = pa.concat_tables([_reports_of(base, half, 13, stored), fresh])
        store.add_events_table(table)
        t, cpu = time.perf_counter(), _cpu()
        linked, written = store.merge_new()
        out["incremental_s"] = round(time.perf_counter() - t, 2)
        # on a shared machine the wall time says more about the neighbours than about us
        out["incremental_cpu_s"] = round(_cpu() - cpu, 2)
        out["linked"] = linked
        out["merged_events_written"] = written
        row = store.con.execute("SELECT count(*) FROM merged_events WHERE reports > 1").fetchone()
        out["joined_stored"] = int(row[0]) if row else 0
        out["merged_total"] = store.count(merged=True)
    return out


def table(res: dict[str, Any]) -> str:
    lines = [
        f"store: {res['events']:,} events ingested in {res['ingest_s']} s "
        f"({res['ingest_events_per_s']:,}/s), file {res['db_mb']} MB",
        f"{'query':<22} {'matches':>9} {'count ms':>9} {'first 1000 ms':>14}",
    ]
    for name, q in res["queries"].items():
        lines.append(f"{name:<22} {q['matches']:>9,} {q['count_ms']:>9} {q['first_1000_ms']:>14}")
    if "incremental" in res:
        m = res["incremental"]
        lines.append(
            f"incremental merge: {m['new']:,} new reports into {m['stored']:,} stored merged "
            f"events in {m['incremental_s']} s ({m['incremental_cpu_s']} s of CPU); "
            f"{m['joined_stored']:,} stored events took a "
            f"report, {m['merged_total']:,} merged events in all"
        )
    if "merge" in res:
        m = res["merge"]
        lines.append(
            f"merge: {m['events']:,} events in {m['batch_s']} s ({m['batch_events_per_s']:,}/s)"
            f" -> {m['merged_events']:,}; +{m['incremental_events']:,} incrementally in "
            f"{m['incremental_s']} s"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=100_000)
    ap.add_argument("--merge", type=int, default=100_000, help="events to merge (0: skip)")
    ap.add_argument(
        "--incremental",
        type=int,
        default=10_000,
        help="new reports merged into --events stored merged events (0: skip)",
    )
    ap.add_argument("--quick", action="store_true", help="50,000 events, 10,000 merged")
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args(argv)
    if args.quick:
        args.events, args.merge, args.incremental = 50_000, 10_000, 1_000
    with tempfile.TemporaryDirectory(prefix="gf-bench-store-") as tmp:
        res = bench(args.events, args.batch, args.merge, Path(tmp))
        if args.incremental:
            res["incremental"] = bench_merge_incremental(args.events, args.incremental, Path(tmp))
    print(table(res))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    return res


if __name__ == "__main__":
    main()
