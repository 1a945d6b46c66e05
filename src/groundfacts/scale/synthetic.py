"""Synthetic event tables for volume tests and benchmarks of the store.

The values are made up (countries "Country 00".."Country 39", groups "Group 000"...), drawn
with a seeded generator and built column by column with Arrow, so a million rows take a
second or two, not minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from groundfacts.records import EVENT_TYPES

_START = dt.date(2015, 1, 1)


def synthetic_events(
    n: int, *, seed: int = 0, first: int = 0, days: int = 3650, countries: int = 40
) -> Any:
    """A pyarrow Table of ``n`` events with the export schema; ids are ``s<first + i>``."""
    import numpy as np
    import pyarrow as pa

    from groundfacts.store.export import arrow_schema

    rng = np.random.default_rng(seed)
    subs = list(EVENT_TYPES)
    sub_idx = rng.integers(0, len(subs), n)
    day = rng.integers(0, days, n)
    dates = pa.array((np.datetime64(_START.isoformat()) + day).astype("datetime64[D]"))
    cty = rng.integers(0, countries, n)
    groups = [f"Group {i:03d} ({c})" for i in range(200) for c in ("Rebels", "Militia")]
    a1 = rng.integers(0, len(groups), n)
    a2 = rng.integers(0, len(groups), n)
    inter1 = rng.integers(1, 9, n).astype("int32")
    inter2 = rng.integers(1, 9, n).astype("int32")
    lat = rng.uniform(-30, 30, n)
    lon = rng.uniform(-20, 60, n)
    ids = [f"s{first + i}" for i in range(n)]
    loc = rng.integers(0, 5000, n)

    def pick(pool: list[str], idx: Any) -> Any:
        return pa.array(pool, pa.string()).take(pa.array(idx))

    cols: dict[str, Any] = {
        "event_id": pa.array(ids, pa.string()),
        "event_date": dates.cast(pa.date32()),
        "time_precision": pa.array(rng.integers(1, 4, n).astype("int32")),
        "event_type": pick([EVENT_TYPES[s] for s in subs], sub_idx),
        "sub_event_type": pick(subs, sub_idx),
        "actor1": pick(groups, a1),
        "assoc_actor_1": pa.array([""] * n, pa.string()),
        "inter1": pa.array(inter1),
        "actor2": pick(groups, a2),
        "assoc_actor_2": pa.array([""] * n, pa.string()),
        "inter2": pa.array(inter2),
        "interaction": pa.array(np.minimum(inter1, inter2) * 10 + np.maximum(inter1, inter2)),
        "country": pick([f"Country {i:02d}" for i in range(countries)], cty),
        "iso": pick([chr(65 + i // 26 % 26) + chr(65 + i % 26) for i in range(countries)], cty),
        "admin1": pick([f"Province {i}" for i in range(50)], loc % 50),
        "admin2": pa.array([""] * n, pa.string()),
        "location": pick([f"Town {i}" for i in range(5000)], loc),
        "latitude": pa.array(lat),
        "longitude": pa.array(lon),
        "geonameid": pa.array(loc.astype("int64") + 1_000_000),
        "geo_precision": pa.array(rng.integers(1, 4, n).astype("int32")),
        "fatalities": pa.array(rng.poisson(1.5, n).astype("int32")),
        "notes": pick([f"Synthetic report number {i}." for i in range(1000)], day % 1000),
        "source": pick([f"Source {i}" for i in range(300)], a1 % 300),
        "doc_id": pa.array([f"doc-{first + i}" for i in range(n)], pa.string()),
        "language": pick(["en", "id"], day % 2),
        "mentions": pa.array(np.ones(n, dtype="int32")),
        "evidence": pa.array(["[]"] * n, pa.string()),
        "confidence": pa.array(rng.uniform(0.3, 0.99, n)),
    }
    return pa.table(cols, schema=arrow_schema())
