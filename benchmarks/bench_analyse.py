"""The analysis views and claims at volume, over a store of synthetic events.

    python benchmarks/bench_analyse.py [--events 200000] [--json FILE]

Times trends (per month by event type; per week by actor), hotspots (per admin1, per 50 km
cell), dyads per month, a claim with no place or time (the whole record is its scope) and a
scoped one, and compare of a tenth of the store against itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from groundfacts.analyse.claims import ClaimChecker
from groundfacts.analyse.compare import compare_events
from groundfacts.analyse.dyads import store_dyads
from groundfacts.analyse.hotspots import hotspots
from groundfacts.analyse.trends import trends
from groundfacts.scale.synthetic import synthetic_events
from groundfacts.store import EventStore
from groundfacts.store.duckdb_store import EventFilter


def _timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return round(time.perf_counter() - t, 3), value


def bench(n_events: int, folder: Path) -> dict[str, Any]:
    db = folder / "analyse.duckdb"
    with EventStore(db) as store:
        for first in range(0, n_events, 100_000):
            store.add_events_table(
                synthetic_events(min(100_000, n_events - first), seed=first, first=first)
            )
        out: dict[str, Any] = {"events": store.count()}
        year = EventFilter(since=dt.date(2020, 1, 1), until=dt.date(2020, 12, 31))
        checker = ClaimChecker(store)
        checker.check("Russia attacked ISIS")  # load the resources before timing
        runs = {
            "trends month x event type": lambda: trends(store),
            "trends week x actor (1 year)": lambda: trends(store, year, by="actor", every="week"),
            "hotspots admin1": lambda: hotspots(store),
            "hotspots grid 50 km": lambda: hotspots(store, by="grid"),
            "dyads per month (1 year)": lambda: store_dyads(store, year, by="month"),
            "claim, whole record": lambda: checker.check("Russia did not attack ISIS"),
            "claim, one month": lambda: checker.check("There were protests in October 2020"),
        }
        for name, fn in runs.items():
            seconds, value = _timed(fn)
            size = len(value) if isinstance(value, list) else value.actor1_events
            out[name] = {"s": seconds, "rows": size}
        sample = [ev for i, ev in enumerate(store.events(year)) if i % 10 == 0]
        seconds, cmp = _timed(lambda: compare_events(sample, sample))
        out["compare a tenth of a year with itself"] = {"s": seconds, "rows": cmp.total.gold}
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        res = bench(args.events, Path(tmp))
    for name, r in res.items():
        if isinstance(r, dict):
            print(f"{name:<40} {r['s']:>8} s  {r['rows']:>8,} rows")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n")
    return res


if __name__ == "__main__":
    main()
