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
from typing import Any

from groundfacts.errors import StoreError
from groundfacts.records import EVENT_COLUMNS, DocResult, Event
from groundfacts.store.export import arrow_schema, events_table

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
            con.executemany(
                "INSERT INTO documents (doc_hash, doc_id, source, url, published, language, "
                "n_events, n_non_events, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                docs_rows,
            )
            if len(table):
                con.register("_new_events", table)
                con.execute("INSERT OR IGNORE INTO events SELECT * FROM _new_events")
                con.unregister("_new_events")
            if non_rows:
                con.executemany(
                    "INSERT INTO non_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", non_rows
                )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(docs_rows), len(events)

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
        where, params = (flt or EventFilter()).where()
        cols = ", ".join(EVENT_COLUMNS)
        sql = f"SELECT {cols} FROM events{where} ORDER BY event_date, event_id"
        if flt and flt.limit:
            sql += f" LIMIT {int(flt.limit)}"
        cur = self.con.execute(sql, params)
        while True:
            rows = cur.fetchmany(10_000)
            if not rows:
                break
            for row in rows:
                d = dict(zip(EVENT_COLUMNS, row, strict=True))
                d["evidence"] = json.loads(d["evidence"]) if d["evidence"] else []
                yield Event.from_dict(
                    {k: ("" if v is None and k in _TEXT else v) for k, v in d.items()}
                )

    def counts(self) -> dict[str, int]:
        out = {}
        for t in ("documents", "events", "non_events"):
            row = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()
            out[t] = int(row[0]) if row else 0
        return out


_TEXT = frozenset(
    c
    for c in EVENT_COLUMNS
    if c
    not in {
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "geo_precision",
        "fatalities",
        "mentions",
        "geonameid",
        "latitude",
        "longitude",
        "confidence",
        "evidence",
    }
)
