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
    from groundfacts.store.merged import Explanation, MergedRow

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
        # The cleaned text of each document (what evidence offsets point into), kept apart
        # from the document rows so listing documents stays light.
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS document_texts (doc_hash VARCHAR PRIMARY KEY, text VARCHAR)"
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
        from groundfacts.store.merged import ensure_merge_schema

        ensure_merge_schema(self.con)

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
        text_rows: list[tuple[str, str]] = []
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
            text_rows.append((h, r.text or r.doc.text))
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
            self._insert("document_texts", (("doc_hash", "string"), ("text", "string")), text_rows)
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

    # ---- merged events (one per real event): groundfacts.store.merged ------------------

    def merge_new(self, options: MergeOptions | None = None) -> tuple[int, int]:
        """Merge events not merged yet with each other and with the merged events already
        stored (reports of one real event from several documents become one merged event).
        Per-document events stay as they are. Returns (reports merged, merged events written).
        """
        from groundfacts.store.merged import merge_new

        return merge_new(self, options)

    def rebuild_merged(self, options: MergeOptions | None = None) -> tuple[int, int]:
        """Forget every merge and merge all events again (e.g. with other options)."""
        from groundfacts.store.merged import clear_merged, merge_new

        clear_merged(self)
        return merge_new(self, options)

    def merged_rows(
        self, flt: EventFilter | None = None, *, min_reports: int = 1
    ) -> Iterator[MergedRow]:
        """Merged events matching ``flt`` (on the merged record's fields), by date: each
        with its number of reports, their document ids and their sources; ``min_reports``
        keeps only events told by at least that many documents."""
        from groundfacts.store.merged import merged_rows

        return merged_rows(self, flt, min_reports)

    def unmerged_count(self) -> int:
        """How many events no merge has taken in yet (ingested with --no-merge)."""
        from groundfacts.store.merged import unmerged_count

        return unmerged_count(self)

    def explain_merge(self, some_id: str, options: MergeOptions | None = None) -> Explanation:
        """Why the reports of a merged event (its id, or a report's id) were joined."""
        from groundfacts.store.merged import explain

        return explain(self, some_id, options)

    def count(self, flt: EventFilter | None = None, *, merged: bool = False) -> int:
        """How many events (or merged events) match ``flt``, without fetching them."""
        where, params = (flt or EventFilter()).where()
        table = "merged_events" if merged else "events"
        row = self.con.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()
        return int(row[0]) if row else 0

    def reader(self) -> EventStore:
        """This store on a cursor of its own, for use in another thread (a DuckDB connection
        must not be shared between threads; its cursors may)."""
        other = object.__new__(EventStore)
        other.path, other.con = self.path, self.con.cursor()
        return other

    def page(
        self, flt: EventFilter | None, *, offset: int = 0, limit: int = 100, newest: bool = False
    ) -> list[Event]:
        """One page of per-document events matching ``flt``, by date (newest first if asked)."""
        where, params = (flt or EventFilter()).where()
        order = "event_date DESC, event_id DESC" if newest else "event_date, event_id"
        # choose the page's ids first, then read their rows: sorting whole rows of every
        # match costs several times more on a large store
        ids = [
            r[0]
            for r in self.con.execute(
                f"SELECT event_id FROM events{where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, int(limit), int(offset)],
            ).fetchall()
        ]
        if not ids:
            return []
        cols = ", ".join(EVENT_COLUMNS)
        marks = ", ".join("?" * len(ids))
        sql = f"SELECT {cols} FROM events WHERE event_id IN ({marks}) ORDER BY {order}"
        return [ev for ev, _ in self._fetch(sql, ids)]

    def event(self, event_id: str) -> tuple[Event, str | None] | None:
        """A per-document event (or else a merged one) by id, with its document's hash."""
        cols = ", ".join(EVENT_COLUMNS)
        for sql in (
            f"SELECT {cols}, doc_hash FROM events WHERE event_id = ?",
            f"SELECT {cols}, NULL FROM merged_events WHERE event_id = ?",
        ):
            for ev, (h,) in self._fetch(sql, [event_id]):
                return ev, h
        return None

    def document(self, key: str) -> dict[str, Any] | None:
        """A document's row by its hash or, failing that, its id (the latest ingested)."""
        cols = ("doc_hash", "doc_id", "source", "url", "published", "language", "n_events")
        row = self.con.execute(
            f"SELECT {', '.join(cols)} FROM documents WHERE doc_hash = ? OR doc_id = ? "
            "ORDER BY doc_hash = ? DESC, ingested_at DESC LIMIT 1",
            [key, key, key],
        ).fetchone()
        if row is None:
            return None
        doc = dict(zip(cols, row, strict=True))
        if doc["published"] is not None:
            doc["published"] = doc["published"].isoformat()
        return doc

    def document_text(self, doc_hash: str) -> str | None:
        """The stored text of a document (None when the store has none for it)."""
        if not self._has_table("document_texts"):
            return None  # a store written before texts were kept
        row = self.con.execute(
            "SELECT text FROM document_texts WHERE doc_hash = ?", [doc_hash]
        ).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def _has_table(self, name: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(row and row[0])

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
