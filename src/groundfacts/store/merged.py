"""Merged events in the store: one row per real event, kept up to date as reports arrive.

Tables (all derived from ``events``; ``merge --rebuild`` makes them again):

- ``event_links(event_id, merged_id)``: each merged report and the merged event it is in;
- ``merged_events``: the event columns of each merged record, then ``reports`` (documents
  that reported it), ``doc_ids`` ('; '-joined) and ``sources`` ('; '-joined, added here);
- ``merge_state(key, value)``: the options and rules the merged events were made with
  (added here), so a later merge can say when they differ.

The schema additions of this module are made by :func:`ensure_merge_schema`, kept apart from
the base schema.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from groundfacts.errors import StoreError
from groundfacts.records import EVENT_COLUMNS, Event

if TYPE_CHECKING:
    from groundfacts.merge_across import MergeOptions, PairScore
    from groundfacts.store.duckdb_store import EventFilter, EventStore

MERGED_EXTRA = ("reports", "doc_ids", "sources")


def ensure_merge_schema(con: Any) -> None:
    """Columns and tables this module adds to the base schema (idempotent)."""
    con.execute("ALTER TABLE merged_events ADD COLUMN IF NOT EXISTS sources VARCHAR")
    con.execute(
        "CREATE TABLE IF NOT EXISTS merge_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"
    )


@dataclass(slots=True)
class MergedRow:
    """One real event as stored: the merged record and who reported it."""

    event: Event
    reports: int
    doc_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def extra(self) -> dict[str, Any]:
        return {"reports": self.reports, "doc_ids": self.doc_ids, "sources": self.sources}


@dataclass(slots=True)
class Explanation:
    """Why the reports of one merged event were joined: every pair's comparison."""

    merged_id: str
    reports: list[Event]
    pairs: list[tuple[str, str, PairScore]]
    threshold: float


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("; ") if v]


def merged_rows(
    store: EventStore, flt: EventFilter | None = None, min_reports: int = 1
) -> Iterator[MergedRow]:
    from groundfacts.store.duckdb_store import EventFilter

    flt = flt or EventFilter()
    where, params = flt.where()
    if min_reports > 1:
        where = f"{where} AND reports >= ?" if where else " WHERE reports >= ?"
        params = [*params, int(min_reports)]
    cols = ", ".join([*EVENT_COLUMNS, *MERGED_EXTRA])
    sql = f"SELECT {cols} FROM merged_events{where} ORDER BY event_date, event_id"
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    for ev, (reports, doc_ids, sources) in store._fetch(sql, params):
        sources = _split(sources) or _split(ev.source)
        yield MergedRow(ev, int(reports or 0), _split(doc_ids), sources)


def _options_state(options: MergeOptions) -> dict[str, Any]:
    rules = options.resolved()
    return {"km": rules.km, "days": rules.days, "rules": rules.source, "version": rules.version}


def stored_options(store: EventStore) -> dict[str, Any] | None:
    """The options the stored merged events were made with (None before any merge)."""
    row = store.con.execute("SELECT value FROM merge_state WHERE key = 'options'").fetchone()
    return json.loads(row[0]) if row else None


def stored_merge_options(store: EventStore) -> MergeOptions:
    """The options to merge new reports with: those the store was merged with, else the
    defaults (rules read from the file named, when they were not the package's own)."""
    from groundfacts.merge_across import MergeOptions, load_rules

    state = stored_options(store) or {}
    rules = None
    if state.get("rules") not in (None, "rules.toml"):
        rules = load_rules(state["rules"])
    return MergeOptions(max_km=state.get("km"), max_days=state.get("days"), rules=rules)


def unmerged_count(store: EventStore) -> int:
    row = store.con.execute(
        "SELECT count(*) FROM events e ANTI JOIN event_links l USING (event_id)"
    ).fetchone()
    return int(row[0]) if row else 0


def options_differ(store: EventStore, options: MergeOptions) -> bool:
    """Whether merged events are stored and were made with other options than these."""
    stored = stored_options(store)
    return stored is not None and stored != _options_state(options)


def _new_reports(store: EventStore) -> list[Event]:
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    return [
        ev
        for ev, _ in store._fetch(
            f"SELECT {cols} FROM events e ANTI JOIN event_links l USING (event_id) "
            "ORDER BY e.event_date, e.doc_id, e.event_id",
            [],
        )
    ]


def _wanted(new: Sequence[Event], reach: int, radius_km: float) -> dict[str, list[tuple[Any, ...]]]:
    """Where stored reports that new ones could join may be: grid cells (for town-level
    stored reports), provinces and countries (for region-level ones), each with a day range.
    """
    from groundfacts.merge_across.cluster import cells_around
    from groundfacts.merge_across.score import TOWN, day_of, place_level

    cells: list[tuple[Any, ...]] = []
    regions: list[tuple[Any, ...]] = []
    countries: list[tuple[Any, ...]] = []
    for e in new:
        day = day_of(e)
        if day is None:
            continue
        lo = dt.date.fromordinal(day - reach).isoformat()
        hi = dt.date.fromordinal(day + reach).isoformat()
        iso = e.iso or ""
        if place_level(e) == TOWN and e.latitude is not None and e.longitude is not None:
            around = cells_around(e.latitude, e.longitude, radius_km)
            cells.extend((ci, cj, lo, hi) for ci, cj in around)
            if e.admin1:
                regions.append((iso, e.admin1, lo, hi, True))
                regions.append((iso, "", lo, hi, True))
            else:
                countries.append((iso, lo, hi, True))
        else:
            if e.admin1:
                regions.append((iso, e.admin1, lo, hi, False))
                regions.append((iso, "", lo, hi, False))
            else:
                countries.append((iso, lo, hi, False))
    return {"cells": cells, "regions": regions, "countries": countries}


def _stored_clusters(
    store: EventStore, new: Sequence[Event], reach: int, radius_km: float, kinds: Sequence[str]
) -> dict[str, list[Event]]:
    """Stored clusters with a report that a new report could be merged with (blocked by
    place and date in SQL, so a large store is not read whole)."""
    import pyarrow as pa

    from groundfacts.merge_across.cluster import CELL_DEG

    dated = sorted(e.event_date for e in new if e.event_date)
    if not dated:
        return {}
    want = _wanted(new, reach, radius_km)
    lo = (dt.date.fromisoformat(dated[0]) - dt.timedelta(days=reach)).isoformat()
    hi = (dt.date.fromisoformat(dated[-1]) + dt.timedelta(days=reach)).isoformat()
    con = store.con
    tables = {
        "_want_cells": pa.table(
            {
                "ci": pa.array([r[0] for r in want["cells"]], pa.int64()),
                "cj": pa.array([r[1] for r in want["cells"]], pa.int64()),
                "lo": pa.array([r[2] for r in want["cells"]], pa.string()),
                "hi": pa.array([r[3] for r in want["cells"]], pa.string()),
            }
        ),
        "_want_regions": pa.table(
            {
                "iso": pa.array([r[0] for r in want["regions"]], pa.string()),
                "admin1": pa.array([r[1] for r in want["regions"]], pa.string()),
                "lo": pa.array([r[2] for r in want["regions"]], pa.string()),
                "hi": pa.array([r[3] for r in want["regions"]], pa.string()),
                "town": pa.array([r[4] for r in want["regions"]], pa.bool_()),
            }
        ),
        "_want_countries": pa.table(
            {
                "iso": pa.array([r[0] for r in want["countries"]], pa.string()),
                "lo": pa.array([r[1] for r in want["countries"]], pa.string()),
                "hi": pa.array([r[2] for r in want["countries"]], pa.string()),
                "town": pa.array([r[3] for r in want["countries"]], pa.bool_()),
            }
        ),
    }
    for name, table in tables.items():
        con.register(name, table)
    try:
        # the stored reports in reach: linked, of a compatible type, in the new dates' span;
        # "coarse" ones are placed only at a region (what a new town-level report may be in)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _near AS SELECT l.merged_id, e.event_date AS d, "
            "coalesce(e.iso, '') AS iso, coalesce(e.admin1, '') AS admin1, "
            "CAST(floor(e.latitude / ?) AS BIGINT) AS ci, "
            "CAST(floor(e.longitude / ?) AS BIGINT) AS cj, "
            "(e.latitude IS NULL OR coalesce(e.geo_precision, 1) >= 3) AS coarse "
            "FROM events e JOIN event_links l USING (event_id) "
            "WHERE e.event_date BETWEEN ? AND ? AND e.sub_event_type IN (SELECT unnest(?))",
            [CELL_DEG, CELL_DEG, lo, hi, list(kinds)],
        )
        rows = con.execute(
            "SELECT DISTINCT n.merged_id FROM _near n JOIN _want_cells w "
            "ON n.ci = w.ci AND n.cj = w.cj WHERE NOT n.coarse AND n.d BETWEEN w.lo AND w.hi "
            "UNION SELECT n.merged_id FROM _near n JOIN _want_regions w "
            "ON n.iso = w.iso AND n.admin1 = w.admin1 "
            "WHERE (n.coarse OR NOT w.town) AND n.d BETWEEN w.lo AND w.hi "
            "UNION SELECT n.merged_id FROM _near n JOIN _want_countries w ON n.iso = w.iso "
            "WHERE (n.coarse OR NOT w.town) AND n.d BETWEEN w.lo AND w.hi"
        ).fetchall()
        con.execute("DROP TABLE IF EXISTS _near")
    finally:
        for name in tables:
            con.unregister(name)
    ids = [r[0] for r in rows]
    members: dict[str, list[Event]] = {}
    if not ids:
        return members
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    for ev, (mid,) in store._fetch(
        f"SELECT {cols}, l.merged_id FROM events e JOIN event_links l USING (event_id) "
        "WHERE l.merged_id IN (SELECT unnest(?)) ORDER BY l.merged_id, e.event_id",
        [ids],
    ):
        members.setdefault(mid, []).append(ev)
    return members


def merge_new(store: EventStore, options: MergeOptions | None = None) -> tuple[int, int]:
    """Merge the reports not merged yet with each other and with the stored merged events.
    Returns (reports merged, merged events written)."""
    import pyarrow as pa

    from groundfacts.merge_across import CrossDocMerger, MergeOptions
    from groundfacts.store.export import events_table

    options = options or MergeOptions()
    new = _new_reports(store)
    if not new:
        return 0, 0
    merger = CrossDocMerger(options)
    rules = merger.rules
    kinds = sorted({k for e in new for k in rules.type_partners(e.sub_event_type)})
    stored = _stored_clusters(store, new, rules.reach_days(), rules.km * rules.near_factor, kinds)
    for mid, evs in stored.items():
        merger.seed(mid, evs)
    cids = merger.extend(new)
    links = list(zip((e.event_id for e in new), cids, strict=True))
    touched = sorted(set(cids))
    clusters = [merger.clusters[mid] for mid in touched]
    table = events_table([c.event(rules) for c in clusters])
    table = table.append_column("reports", pa.array([c.reports for c in clusters], pa.int32()))
    table = table.append_column(
        "doc_ids", pa.array(["; ".join(c.doc_ids) for c in clusters], pa.string())
    )
    table = table.append_column(
        "sources", pa.array(["; ".join(c.sources) for c in clusters], pa.string())
    )
    names = ", ".join(table.column_names)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        store._insert("event_links", (("event_id", "string"), ("merged_id", "string")), links)
        con.execute("DELETE FROM merged_events WHERE event_id IN (SELECT unnest(?))", [touched])
        con.register("_merged", table)
        con.execute(f"INSERT INTO merged_events ({names}) SELECT {names} FROM _merged")
        con.unregister("_merged")
        # the options the bulk of the merged events was made with: the first merge's (a
        # rebuild starts afresh); later merges with other options do not change them
        con.execute(
            "INSERT OR IGNORE INTO merge_state VALUES ('options', ?)",
            [json.dumps(_options_state(options))],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(links), len(clusters)


def clear_merged(store: EventStore) -> None:
    """Forget every merge (the per-document events stay), for a rebuild."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM event_links")
        con.execute("DELETE FROM merged_events")
        con.execute("DELETE FROM merge_state")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _cluster_of(store: EventStore, some_id: str) -> str:
    row = store.con.execute(
        "SELECT merged_id FROM event_links WHERE merged_id = ? OR event_id = ? LIMIT 1",
        [some_id, some_id],
    ).fetchone()
    if row is None:
        raise StoreError(f"no merged event or merged report with id {some_id!r}")
    return str(row[0])


def _reports_of(store: EventStore, merged_id: str) -> list[Event]:
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    return [
        ev
        for ev, _ in store._fetch(
            f"SELECT {cols} FROM events e JOIN event_links l USING (event_id) "
            "WHERE l.merged_id = ? ORDER BY e.event_date, e.doc_id, e.event_id",
            [merged_id],
        )
    ]


def explain(store: EventStore, some_id: str, options: MergeOptions | None = None) -> Explanation:
    """Why the reports of a merged event (given by its id or one report's id) were joined,
    under the options the store was merged with (or ``options``)."""
    from groundfacts.merge_across import score_pair

    rules = (options or stored_merge_options(store)).resolved()
    mid = _cluster_of(store, some_id)
    reports = _reports_of(store, mid)
    pairs = [
        (a.event_id, b.event_id, score_pair(a, b, rules))
        for i, a in enumerate(reports)
        for b in reports[i + 1 :]
    ]
    return Explanation(mid, reports, pairs, rules.threshold)
