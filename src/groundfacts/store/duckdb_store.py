"""The DuckDB event store.

Documents are keyed by the hash of their text, so re-ingesting the same document adds
nothing. Events arrive in bulk through Arrow tables (not row-by-row inserts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundfacts.errors import StoreError
from groundfacts.records import EVENT_COLUMNS, TEXT_COLUMNS, DocResult, Event
from groundfacts.store.export import arrow_schema, events_table

if TYPE_CHECKING:
    from groundfacts.merge_across import MergeOptions

_DUCK_TYPES = {"int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE", "string": "VARCHAR"}


def doc_hash(text: str) -> str:
    """The content key of a document: whitespace-insensitive hash of its text."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None  # name or ISO2
    actor: str | None = None  # substring of actor1/actor2/assoc actors
    event_type: str | None = None
    sub_event_type: str | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.since:
            clauses.append("event_date >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append("event_date <= ?")
            params.append(self.until.isoformat())
        if self.country:
            clauses.append("(lower(country) = lower(?) OR upper(iso) = upper(?))")
            params += [self.country, self.country]
        if self.actor:
            clauses.append(
                "(actor1 ILIKE ? OR actor2 ILIKE ? OR assoc_actor_1 ILIKE ?"
                " OR assoc_actor_2 ILIKE ?)"
            )
            params += [f"%{self.actor}%"] * 4
        if self.event_type:
            clauses.append("lower(event_type) = lower(?)")
            params.append(self.event_type)
        if self.sub_event_type:
            clauses.append("lower(sub_event_type) = lower(?)")
            params.append(self.sub_event_type)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class EventStore:
    """A DuckDB file holding documents, events and non-events."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        if not read_only:
            self._schema()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _schema(self) -> None:
        cols = ", ".join(
            f"{f.name} {_DUCK_TYPES[str(f.type)]}" for f in arrow_schema() if f.name != "event_id"
        )
        self.con.execute(
            """CREATE TABLE IF NOT EXISTS documents (
                doc_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, url VARCHAR,
                published DATE, language VARCHAR, n_events INTEGER, n_non_events INTEGER,
                status VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp)"""
        )
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS events "
            f"(event_id VARCHAR PRIMARY KEY, {cols}, doc_hash VARCHAR)"
        )
        self.con.execute(
            """CREATE TABLE IF NOT EXISTS non_events (doc_hash VARCHAR, doc_id VARCHAR,
                sentence INTEGER, start_offset INTEGER, end_offset INTEGER, trigger VARCHAR,
                sub_event_type VARCHAR, reason VARCHAR, text VARCHAR)"""
        )
        # Cross-document merging: each per-document event (a report) links to one merged
        # event; merged_events holds one row per real event, with its count of reports.
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS event_links "
            "(event_id VARCHAR PRIMARY KEY, merged_id VARCHAR NOT NULL)"
        )
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS merged_events "
            f"(event_id VARCHAR PRIMARY KEY, {cols}, reports INTEGER, doc_ids VARCHAR)"
        )

    def known(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT doc_hash FROM documents WHERE doc_hash IN (SELECT unnest(?))", [list(hashes)]
        ).fetchall()
        return {r[0] for r in rows}

    def add_results(self, results: Iterable[DocResult]) -> tuple[int, int]:
        """Store results of documents not seen before; returns (documents added, events added)."""
        import pyarrow as pa

        batch = list(results)
        hashes = [doc_hash(r.doc.text) for r in batch]
        seen = self.known(hashes)
        docs_rows: list[tuple[Any, ...]] = []
        events: list[Event] = []
        ev_hashes: list[str] = []
        non_rows: list[tuple[Any, ...]] = []
        taken: set[str] = set()
        for h, r in zip(hashes, batch, strict=True):
            if h in seen or h in taken:
                continue
            taken.add(h)
            status = "error" if r.error else ("skipped" if r.language is None else "ok")
            docs_rows.append(
                (
                    h,
                    r.doc.id,
                    r.doc.source,
                    r.doc.url,
                    r.doc.published,
                    r.language,
                    len(r.events),
                    len(r.non_events),
                    status,
                )
            )
            events.extend(r.events)
            ev_hashes.extend([h] * len(r.events))
            non_rows.extend(
                (
                    h,
                    n.doc_id,
                    n.sentence,
                    n.start,
                    n.end,
                    n.trigger,
                    n.sub_event_type,
                    n.reason,
                    n.text,
                )
                for n in r.non_events
            )
        if not docs_rows:
            return 0, 0
        table = events_table(events).append_column("doc_hash", pa.array(ev_hashes, pa.string()))
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            # everything goes in through Arrow: row-by-row executemany is orders slower
            self._insert("documents", _DOC_COLUMNS, docs_rows)
            if len(table):
                con.register("_new_events", table)
                con.execute("INSERT OR IGNORE INTO events SELECT * FROM _new_events")
                con.unregister("_new_events")
            self._insert("non_events", _NON_EVENT_COLUMNS, non_rows)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(docs_rows), len(events)

    def _insert(self, table: str, columns: Sequence[tuple[str, str]], rows: list[Any]) -> None:
        """Insert row tuples through an Arrow table; ``columns`` are (name, Arrow type alias)."""
        import pyarrow as pa

        if not rows:
            return
        names = [c for c, _ in columns]
        data = pa.table(
            {
                c: pa.array([r[i] for r in rows], pa.type_for_alias(t))
                for i, (c, t) in enumerate(columns)
            }
        )
        self.con.register("_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def add_events_table(self, table: Any) -> int:
        """Bulk-load a pyarrow table with the event columns (and optionally doc_hash)."""
        import pyarrow as pa

        if "doc_hash" not in table.column_names:
            table = table.append_column("doc_hash", pa.nulls(len(table), pa.string()))
        self.con.register("_bulk", table)
        try:
            self.con.execute("INSERT OR IGNORE INTO events SELECT * FROM _bulk")
        finally:
            self.con.unregister("_bulk")
        return len(table)

    def events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        """Per-document events matching ``flt``, by date."""
        for ev, _extra in self._select("events", flt):
            yield ev

    def merged_events(self, flt: EventFilter | None = None) -> Iterator[tuple[Event, int]]:
        """Merged events (one per real event) matching ``flt``, with their number of reports.
        The event's ``source`` lists every source, ``mentions`` and ``evidence`` cover all
        reports; call :meth:`merge_new` after ingesting to bring them up to date."""
        for ev, extra in self._select("merged_events", flt, ("reports",)):
            yield ev, int(extra[0])

    def events_matching(
        self,
        flt: EventFilter | None,
        *,
        sub_event_types: Sequence[str] = (),
        actor_terms: Sequence[str] = (),
        merged: bool = False,
    ) -> Iterator[Event]:
        """Events (or merged events) matching ``flt`` whose sub-event type is one of
        ``sub_event_types`` and one of whose actors (actor1, actor2 or an associated actor,
        lower case, without accents) contains one of ``actor_terms``; an empty list puts no
        condition. By date."""
        where, params = (flt or EventFilter()).where()
        clauses = [where[len(" WHERE ") :]] if where else []
        if sub_event_types:
            clauses.append("sub_event_type IN (SELECT unnest(?))")
            params.append(list(sub_event_types))
        if actor_terms:
            folded = [
                f"lower(strip_accents(coalesce({c}, '')))"
                for c in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
            ]
            clauses.append(
                "(" + " OR ".join(f"{c} LIKE ?" for c in folded for _ in actor_terms) + ")"
            )
            params += [f"%{t}%" for _ in folded for t in actor_terms]
        table = "merged_events" if merged else "events"
        sql = (
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM {table}"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + " ORDER BY event_date, event_id"
        )
        for ev, _extra in self._fetch(sql, params):
            yield ev

    def _select(
        self, table: str, flt: EventFilter | None, extra: Sequence[str] = ()
    ) -> Iterator[tuple[Event, tuple[Any, ...]]]:
        where, params = (flt or EventFilter()).where()
        cols = ", ".join([*EVENT_COLUMNS, *extra])
        sql = f"SELECT {cols} FROM {table}{where} ORDER BY event_date, event_id"
        if flt and flt.limit:
            sql += f" LIMIT {int(flt.limit)}"
        yield from self._fetch(sql, params)

    def _fetch(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Event, tuple[Any, ...]]]:
        """Rows whose first columns are EVENT_COLUMNS, as events plus the remaining values."""
        n = len(EVENT_COLUMNS)
        cur = self.con.execute(sql, list(params))
        while True:
            rows = cur.fetchmany(10_000)
            if not rows:
                break
            for row in rows:
                d = dict(zip(EVENT_COLUMNS, row[:n], strict=True))
                d["evidence"] = json.loads(d["evidence"]) if d["evidence"] else []
                ev = Event.from_dict(
                    {k: ("" if v is None and k in TEXT_COLUMNS else v) for k, v in d.items()}
                )
                yield ev, tuple(row[n:])

    def merge_new(self, options: MergeOptions | None = None) -> tuple[int, int]:
        """Merge events not merged yet with each other and with the merged events already
        stored (reports of one real event from several documents become one merged event).
        Per-document events stay as they are. Returns (reports merged, merged events written).
        """
        from groundfacts.merge_across import CrossDocMerger, MergeOptions, merged_record

        options = options or MergeOptions()
        cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        new = [
            ev
            for ev, _ in self._fetch(
                f"SELECT {cols} FROM events e ANTI JOIN event_links l USING (event_id) "
                "ORDER BY e.event_date, e.doc_id, e.event_id",
                [],
            )
        ]
        if not new:
            return 0, 0
        merger = CrossDocMerger(options)
        dated = sorted(e.event_date for e in new if e.event_date)
        if dated:
            # only merged events within reach of the new dates can take a new report
            reach = dt.timedelta(days=merger.reach_days)
            lo = (dt.date.fromisoformat(dated[0]) - reach).isoformat()
            hi = (dt.date.fromisoformat(dated[-1]) + reach).isoformat()
            kinds = sorted({e.sub_event_type for e in new})
            members: dict[str, list[Event]] = {}
            for ev, (mid,) in self._fetch(
                f"SELECT {cols}, l.merged_id FROM events e JOIN event_links l USING (event_id) "
                "WHERE l.merged_id IN (SELECT l2.merged_id FROM events e2 JOIN event_links l2 "
                "USING (event_id) WHERE e2.event_date BETWEEN ? AND ? "
                "AND e2.sub_event_type IN (SELECT unnest(?))) ORDER BY l.merged_id, e.event_id",
                [lo, hi, kinds],
            ):
                members.setdefault(mid, []).append(ev)
            for mid, evs in members.items():
                merger.seed(mid, evs)
        links = [(e.event_id, merger.add(e)) for e in new]
        touched = sorted({mid for _, mid in links})
        clusters = [merger.clusters[mid] for mid in touched]
        import pyarrow as pa

        table = events_table([merged_record(c.merged_id, c.members) for c in clusters])
        table = table.append_column("reports", pa.array([c.reports for c in clusters], pa.int32()))
        table = table.append_column(
            "doc_ids", pa.array(["; ".join(c.doc_ids) for c in clusters], pa.string())
        )
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._insert("event_links", (("event_id", "string"), ("merged_id", "string")), links)
            con.execute("DELETE FROM merged_events WHERE event_id IN (SELECT unnest(?))", [touched])
            con.register("_merged", table)
            con.execute("INSERT INTO merged_events SELECT * FROM _merged")
            con.unregister("_merged")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(links), len(clusters)

    def count(self, flt: EventFilter | None = None, *, merged: bool = False) -> int:
        """How many events (or merged events) match ``flt``, without fetching them."""
        where, params = (flt or EventFilter()).where()
        table = "merged_events" if merged else "events"
        row = self.con.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        out = {}
        for t in ("documents", "events", "non_events"):
            row = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()
            out[t] = int(row[0]) if row else 0
        return out


_DOC_COLUMNS = (
    ("doc_hash", "string"),
    ("doc_id", "string"),
    ("source", "string"),
    ("url", "string"),
    ("published", "date32"),
    ("language", "string"),
    ("n_events", "int32"),
    ("n_non_events", "int32"),
    ("status", "string"),
)
_NON_EVENT_COLUMNS = (
    ("doc_hash", "string"),
    ("doc_id", "string"),
    ("sentence", "int32"),
    ("start_offset", "int32"),
    ("end_offset", "int32"),
    ("trigger", "string"),
    ("sub_event_type", "string"),
    ("reason", "string"),
    ("text", "string"),
)
