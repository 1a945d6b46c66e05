"""Merged events in the store: one row per real event, kept up to date as reports arrive.

Tables (all derived from ``events``; ``merge --rebuild`` makes them again):

- ``event_links(event_id, merged_id)``: each merged report and the merged event it is in;
- ``merged_events``: the event columns of each merged record, then ``reports`` (documents
  that reported it), ``doc_ids`` ('; '-joined) and ``sources`` ('; '-joined);
- ``merge_state(key, value)``: the options and rules the merged events were made with, so a
  later merge can say when they differ.

The tables are made, and migrated, with the rest of the schema (``store/schema.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from groundfacts.errors import StoreError
from groundfacts.records import EVENT_COLUMNS, Event, Evidence

if TYPE_CHECKING:
    from groundfacts.merge_across import MergeOptions, MergeRules, PairScore
    from groundfacts.store.duckdb_store import EventFilter, EventStore

MERGED_EXTRA = ("reports", "doc_ids", "sources")


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
    """Why the reports of one merged event were joined: every pair's comparison; and the
    reports of other merged events nearest to it in place and date, with why they were not
    (report of this event, other report, its merged event, the comparison), best first."""

    merged_id: str
    reports: list[Event]
    pairs: list[tuple[str, str, PairScore]]
    threshold: float
    others: list[tuple[str, str, str, PairScore]] = field(default_factory=list)


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


# Events imported from another dataset (ACLED's) sit beside ours to be compared with, not
# merged with: only reports are merged.
_REPORTS = "e.source IS DISTINCT FROM ?"


def _not_reports() -> str:
    from groundfacts.store.acled_import import ACLED_SOURCE

    return ACLED_SOURCE


def unmerged_count(store: EventStore) -> int:
    row = store.con.execute(
        f"SELECT count(*) FROM events e ANTI JOIN event_links l USING (event_id) WHERE {_REPORTS}",
        [_not_reports()],
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
            f"WHERE {_REPORTS} ORDER BY e.event_date, e.doc_id, e.event_id",
            [_not_reports()],
        )
    ]


def _wanted(new: Sequence[Event], rules: MergeRules) -> dict[str, Any]:
    """Where, when and of what type stored reports that new ones could join may be, as
    Arrow tables keyed by the new report's number ``i``: ``cells`` (grid cells, for
    town-level stored reports), ``regions`` and ``countries`` (for region-level stored
    reports, or any when the new one is region-level), ``kinds`` (compatible sub-event types)
    and ``days``: ``lo``/``hi`` for stored reports dated to the day, ``wlo``/``whi`` for
    loosely dated ones (a report dated to a week or a month reaches further)."""
    import pyarrow as pa

    from groundfacts.merge_across.cluster import cells_around
    from groundfacts.merge_across.score import TOWN, day_of, place_level

    wide = rules.reach_days()
    radius = rules.km * rules.near_factor
    cols: dict[str, dict[str, list[Any]]] = {
        "cells": {"i": [], "key1": [], "key2": []},
        "regions": {"i": [], "kind": [], "key1": [], "key2": []},
        "countries": {"i": [], "kind": [], "key1": []},
        "kinds": {"i": [], "kind": []},
        "days": {"i": [], "lo": [], "hi": [], "wlo": [], "whi": [], "town": []},
    }
    partners: dict[str, list[str]] = {}
    for i, e in enumerate(new):
        day = day_of(e)
        if day is None:
            continue
        exact = rules.days if (e.time_precision or 1) == 1 else wide
        town = place_level(e) == TOWN
        d = cols["days"]
        d["i"].append(i)
        d["town"].append(town)
        for name, delta in (("lo", -exact), ("hi", exact), ("wlo", -wide), ("whi", wide)):
            d[name].append(dt.date.fromordinal(day + delta))
        kinds = partners.get(e.sub_event_type)
        if kinds is None:
            kinds = partners[e.sub_event_type] = sorted(rules.type_partners(e.sub_event_type))
        cols["kinds"]["i"] += [i] * len(kinds)
        cols["kinds"]["kind"] += kinds
        iso = e.iso or ""
        if town and e.latitude is not None and e.longitude is not None:
            around = cells_around(e.latitude, e.longitude, radius)
            c = cols["cells"]
            c["i"] += [i] * len(around)
            c["key1"] += [a for a, _ in around]
            c["key2"] += [b for _, b in around]
        # regions are many reports wide: their rows carry the type, to join on it
        if e.admin1:
            r = cols["regions"]
            for admin1 in (e.admin1, ""):
                r["i"] += [i] * len(kinds)
                r["kind"] += kinds
                r["key1"] += [iso] * len(kinds)
                r["key2"] += [admin1] * len(kinds)
        else:
            r = cols["countries"]
            r["i"] += [i] * len(kinds)
            r["kind"] += kinds
            r["key1"] += [iso] * len(kinds)
    types = {
        "i": pa.int64(),
        "town": pa.bool_(),
        **{k: pa.date32() for k in ("lo", "hi", "wlo", "whi")},
    }
    cell_types = {"key1": pa.int64(), "key2": pa.int64()}
    return {
        table: pa.table(
            {
                k: pa.array(v, (cell_types if table == "cells" else types).get(k, pa.string()))
                if k != "i"
                else pa.array(v, pa.int64())
                for k, v in c.items()
            }
        )
        for table, c in cols.items()
    }


def _stored_clusters(
    store: EventStore, new: Sequence[Event], rules: MergeRules, kinds: Sequence[str]
) -> dict[str, list[Event]]:
    """Stored clusters with a report that a new report could be merged with (blocked by
    place and date in SQL, so a large store is not read whole). Their reports come without
    their evidence (read only for the merged events rewritten)."""
    from groundfacts.merge_across.cluster import CELL_DEG

    dated = sorted(e.event_date for e in new if e.event_date)
    if not dated:
        return {}
    wide = dt.timedelta(days=rules.reach_days())
    lo = dt.date.fromisoformat(dated[0]) - wide
    hi = dt.date.fromisoformat(dated[-1]) + wide
    want = _wanted(new, rules)
    con = store.con
    names = {f"_want_{t}": table for t, table in want.items()}
    for name, table in names.items():
        con.register(name, table)
    # a stored report in reach: of a compatible type, within the day window that fits its
    # own precision; "coarse" ones are placed only at a region (a town may be in them).
    # Reports are matched first and joined to their merged events after, as few are.
    day_ok = (
        "(CASE WHEN cand.loose THEN cand.d BETWEEN w.wlo AND w.whi "
        "ELSE cand.d BETWEEN w.lo AND w.hi END)"
    )
    try:
        rows = con.execute(
            "WITH n AS (SELECT e.event_id, e.event_date AS d, "
            "coalesce(e.time_precision, 1) > 1 AS loose, "
            "coalesce(e.iso, '') AS iso, coalesce(e.admin1, '') AS admin1, "
            "CAST(floor(e.latitude / ?) AS BIGINT) AS ci, "
            "CAST(floor(e.longitude / ?) AS BIGINT) AS cj, e.sub_event_type AS kind, "
            "(e.latitude IS NULL OR coalesce(e.geo_precision, 1) >= 3) AS coarse "
            "FROM events e "
            "WHERE e.event_date BETWEEN ? AND ? AND e.sub_event_type IN (SELECT unnest(?))), "
            # the stored reports at a place a new one may be, of its types, in its dates
            "cand AS (SELECT n.event_id, n.d, n.loose, c.i FROM n JOIN _want_cells c "
            "ON n.ci = c.key1 AND n.cj = c.key2 "
            "JOIN _want_kinds k ON k.i = c.i AND k.kind = n.kind WHERE NOT n.coarse "
            "UNION ALL SELECT n.event_id, n.d, n.loose, r.i FROM n JOIN _want_regions r "
            "ON n.iso = r.key1 AND n.admin1 = r.key2 AND n.kind = r.kind "
            "JOIN _want_days w0 ON w0.i = r.i WHERE n.coarse OR NOT w0.town "
            "UNION ALL SELECT n.event_id, n.d, n.loose, r.i FROM n JOIN _want_countries r "
            "ON n.iso = r.key1 AND n.kind = r.kind "
            "JOIN _want_days w0 ON w0.i = r.i WHERE n.coarse OR NOT w0.town) "
            # only then their merged events (the new reports have none yet)
            "SELECT DISTINCT l.merged_id FROM (SELECT DISTINCT cand.event_id FROM cand "
            f"JOIN _want_days w ON w.i = cand.i WHERE {day_ok}) x "
            "JOIN event_links l USING (event_id)",
            [CELL_DEG, CELL_DEG, lo, hi, list(kinds)],
        ).fetchall()
    finally:
        for name in names:
            con.unregister(name)
    ids = [r[0] for r in rows]
    members: dict[str, list[Event]] = {}
    if not ids:
        return members
    cols = ", ".join("'' AS evidence" if c == "evidence" else f"e.{c}" for c in EVENT_COLUMNS)
    for ev, (mid,) in store._fetch(
        f"SELECT {cols}, l.merged_id FROM events e JOIN event_links l USING (event_id) "
        "WHERE l.merged_id IN (SELECT unnest(?)) ORDER BY l.merged_id, e.event_id",
        [ids],
    ):
        members.setdefault(mid, []).append(ev)
    return members


def _with_evidence(store: EventStore, events: Sequence[Event]) -> None:
    """Read the evidence of stored reports fetched without it."""
    ids = [e.event_id for e in events if not e.evidence]
    if not ids:
        return
    found = dict(
        store.con.execute(
            "SELECT event_id, evidence FROM events WHERE event_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
    )
    for e in events:
        text = found.get(e.event_id)
        if text and not e.evidence:
            e.evidence = [Evidence(**x) for x in json.loads(text)]


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
    stored = _stored_clusters(store, new, rules, kinds)
    for mid, evs in stored.items():
        merger.seed(mid, evs)
    cids = merger.extend(new)
    links = list(zip((e.event_id for e in new), cids, strict=True))
    touched = sorted(set(cids))
    clusters = [merger.clusters[mid] for mid in touched]
    # the stored reports of the merged events rewritten need their evidence back
    _with_evidence(store, [m for c in clusters if c.merged_id in stored for m in c.members])
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


def explain(
    store: EventStore, some_id: str, options: MergeOptions | None = None, near: int = 5
) -> Explanation:
    """Why the reports of a merged event (given by its id or one report's id) were joined,
    under the options the store was merged with (or ``options``), and why the ``near``
    nearest reports of other merged events were not."""
    from groundfacts.merge_across import score_pair

    rules = (options or stored_merge_options(store)).resolved()
    mid = _cluster_of(store, some_id)
    reports = _reports_of(store, mid)
    pairs = [
        (a.event_id, b.event_id, score_pair(a, b, rules))
        for i, a in enumerate(reports)
        for b in reports[i + 1 :]
    ]
    kinds = sorted({k for e in reports for k in rules.type_partners(e.sub_event_type)})
    others: list[tuple[str, str, str, PairScore]] = []
    for other, members in _stored_clusters(store, reports, rules, kinds).items():
        if other == mid:
            continue
        for m in members:
            best = max(
                ((r, score_pair(r, m, rules)) for r in reports),
                key=lambda t: (not t[1].veto, t[1].score),
            )
            others.append((best[0].event_id, m.event_id, other, best[1]))
    others.sort(key=lambda t: (bool(t[3].veto), -t[3].score, t[1]))
    return Explanation(mid, reports, pairs, rules.threshold, others[:near])
