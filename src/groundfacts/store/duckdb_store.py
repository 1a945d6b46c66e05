"""The DuckDB event store.

Documents are keyed by the hash of their text, so re-ingesting the same document adds
nothing (a second source of the same text is recorded in ``document_sources``). Events arrive
in bulk through Arrow tables (not row-by-row inserts). The tables and their versions are in
``schema.py``; ``check.py`` verifies a store.

One process at a time may write a DuckDB file, and none may read it meanwhile: open the
store for one batch or one query and close it (``wait`` retries while another process holds
it), so that writers and readers take turns and each reader sees committed batches only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundfacts.errors import StoreError, first_line
from groundfacts.records import EVENT_COLUMNS, DocResult, Event
from groundfacts.store import schema
from groundfacts.store.export import event_from_row, events_table

if TYPE_CHECKING:
    from groundfacts.merge_across import MergeOptions
    from groundfacts.store.merged import Explanation, MergedRow

# DuckDB's message when another process holds the file
_LOCKED = "Could not set lock"


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
            params.append(self.since)
        if self.until:
            clauses.append("event_date <= ?")
            params.append(self.until)
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
    """A DuckDB file holding documents, events and non-events.

    Opening for writing creates a new store or migrates an older one (in a transaction);
    opening read-only refuses an older one (open it for writing once). A file that is not a
    store, or is truncated or corrupt, raises :class:`StoreError` (GF004) and is left as it
    is. ``wait`` is how many seconds to keep trying while another process holds the file.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, wait: float = 0.0) -> None:
        import duckdb

        self.path = Path(path)
        self.migrated_from: int | None = None  # the version an older store had, once migrated
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}")
        self.con = connect(self.path, read_only=read_only, wait=wait)
        try:
            if schema.stored_version(self.con) is None and schema.has_tables(self.con):
                raise StoreError(f"{self.path} is not a groundfacts store (it has other tables)")
            if read_only:
                version = schema.stored_version(self.con)
                if version is None:
                    raise StoreError(f"{self.path} is not a groundfacts store (it has no tables)")
                schema.check_version(version, self.path)
                if version is None:
                    raise StoreError(f"{self.path} is an empty database, not a store yet")
                if version != schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {version}, older than this "
                        f"groundfacts writes ({schema.SCHEMA_VERSION}): run "
                        f"`groundfacts store migrate --db {self.path}` once"
                    )
            else:
                before = schema.prepare(self.con, self.path)
                if before is not None and before < schema.SCHEMA_VERSION:
                    self.migrated_from = before
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(f"{self.path}: unreadable store ({first_line(exc)})") from exc
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int | None:
        return schema.stored_version(self.con)

    def known(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT doc_hash FROM documents WHERE doc_hash IN (SELECT unnest(?))", [list(hashes)]
        ).fetchall()
        return {r[0] for r in rows}

    def add_results(self, results: Iterable[DocResult]) -> tuple[int, int]:
        """Store results of documents not seen before; returns (documents added, events added).
        A text already stored gets the result's source recorded beside the first one."""
        import pyarrow as pa

        batch = list(results)
        hashes = [doc_hash(r.doc.text) for r in batch]
        seen = self.known(hashes)
        docs_rows: list[tuple[Any, ...]] = []
        events: list[Event] = []
        ev_hashes: list[str] = []
        non_rows: list[tuple[Any, ...]] = []
        text_rows: list[tuple[str, str]] = []
        source_rows = [
            (h, r.doc.id, r.doc.source, r.doc.url) for h, r in zip(hashes, batch, strict=True)
        ]
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
        if not source_rows:
            return 0, 0
        self._distinct_ids(events, ev_hashes)
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
            self._add_sources(source_rows)
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, _duck_error()):
                raise StoreError(f"{self.path}: cannot write ({first_line(exc)})") from exc
            raise
        return len(docs_rows), len(events)

    def _distinct_ids(self, events: list[Event], hashes: list[str]) -> None:
        """An event whose id another document's event already has (two inputs that share a
        document id and an event) gets an id of its own, rather than being dropped."""
        ids = [e.event_id for e in events]
        if not ids:
            return
        rows = self.con.execute(
            "SELECT event_id, doc_hash FROM events WHERE event_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        owner: dict[str, str | None] = {r[0]: r[1] for r in rows}
        for ev, h in zip(events, hashes, strict=True):
            first = owner.setdefault(ev.event_id, h)
            if first != h:
                ev.event_id = hashlib.blake2b(
                    f"{ev.event_id}\x1f{h}".encode(), digest_size=10
                ).hexdigest()
                owner.setdefault(ev.event_id, h)

    def _add_sources(self, rows: list[tuple[Any, ...]]) -> None:
        """Record where each text came from, once per (text, id, source, url)."""
        import pyarrow as pa

        distinct = list(dict.fromkeys(rows))
        data = pa.table(
            {
                c: pa.array([r[i] for r in distinct], pa.string())
                for i, c in enumerate(("doc_hash", "doc_id", "source", "url"))
            }
        )
        self.con.register("_sources", data)
        try:
            self.con.execute(
                """INSERT INTO document_sources (doc_hash, doc_id, source, url)
                   SELECT n.* FROM _sources n WHERE NOT EXISTS (
                     SELECT 1 FROM document_sources s WHERE s.doc_hash = n.doc_hash
                     AND s.doc_id IS NOT DISTINCT FROM n.doc_id
                     AND s.source IS NOT DISTINCT FROM n.source
                     AND s.url IS NOT DISTINCT FROM n.url)"""
            )
        finally:
            self.con.unregister("_sources")

    def sources(self, text_hash: str) -> list[tuple[str | None, str | None, str | None]]:
        """(doc_id, source, url) of every reading of a stored text, first seen first."""
        rows = self.con.execute(
            "SELECT doc_id, source, url FROM document_sources WHERE doc_hash = ? "
            "ORDER BY seen_at, doc_id, source, url",
            [text_hash],
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

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

        from groundfacts.store.export import conform

        table = conform(table)
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
        try:
            cur = self.con.execute(sql, list(params))
            while True:
                rows = cur.fetchmany(10_000)
                if not rows:
                    break
                for row in rows:
                    ev = event_from_row(dict(zip(EVENT_COLUMNS, row[:n], strict=True)))
                    yield ev, tuple(row[n:])
        except _duck_error() as exc:
            raise StoreError(f"{self.path}: unreadable store ({first_line(exc)})") from exc

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
        self,
        flt: EventFilter | None,
        *,
        offset: int = 0,
        limit: int = 100,
        newest: bool = False,
        merged: bool = False,
    ) -> list[Event]:
        """One page of per-document events (or merged events) matching ``flt``, by date
        (newest first if asked)."""
        table = "merged_events" if merged else "events"
        where, params = (flt or EventFilter()).where()
        order = "event_date DESC, event_id DESC" if newest else "event_date, event_id"
        # choose the page's ids first, then read their rows: sorting whole rows of every
        # match costs several times more on a large store
        ids = [
            r[0]
            for r in self.con.execute(
                f"SELECT event_id FROM {table}{where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, int(limit), int(offset)],
            ).fetchall()
        ]
        if not ids:
            return []
        cols = ", ".join(EVENT_COLUMNS)
        marks = ", ".join("?" * len(ids))
        sql = f"SELECT {cols} FROM {table} WHERE event_id IN ({marks}) ORDER BY {order}"
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


def _duck_error() -> type[Exception]:
    import duckdb

    return duckdb.Error


def connect(path: Path, *, read_only: bool, wait: float) -> Any:
    """A connection, retrying for ``wait`` seconds while another process holds the file."""
    import duckdb

    deadline = time.monotonic() + max(0.0, wait)
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            msg = first_line(exc)
            if _LOCKED not in msg:
                raise StoreError(f"cannot open store {path}: {msg}") from exc
            if time.monotonic() >= deadline:
                holder = msg.split("Conflicting lock is held in", 1)[-1].strip(" .")
                raise StoreError(
                    f"store {path} is in use by another process ({holder}); try again when "
                    "it is done, or give it time with --wait SECONDS"
                ) from exc
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


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
