"""The store's tables, its schema version, and the steps that bring an older store up to date.

A store records its schema version in the table ``store_meta`` (key ``schema_version``); a
store written before versions were recorded has no such table and is version 1. Opening a
store for writing (:func:`prepare`) creates the tables of a new one, and migrates an older one
to :data:`SCHEMA_VERSION` in one transaction: every step applies, or none does and the file
is as it was. A store of a newer version than this code knows is refused, never rewritten.

Versions:

1. documents, events, non_events, event_links, merged_events (event_date as text).
2. ``store_meta``; ``event_date`` a DATE in events and merged_events (NULL when the text
   gives no date, not ""); ``document_sources``: every source a stored text came from.
3. ``document_texts``: the cleaned text of each document (what evidence offsets point into;
   empty for documents stored before); ``merged_events.sources``; ``merge_state``: the
   options the store was merged with.

To change the schema:

1. Change :func:`create` so that a new store gets the new layout.
2. Write a step ``_to_vN(con)`` that turns a store of version N-1 into version N (ALTER
   TABLE, CREATE TABLE, INSERT ... SELECT), add it to :data:`MIGRATIONS` under N, and set
   :data:`SCHEMA_VERSION` to N. A step runs inside the migration's transaction: it must not
   COMMIT, and it raises to abandon the whole migration.
3. Add a test that builds a current store, turns it back into version N-1 and opens it
   (``tests/test_store_schema.py`` shows how), and update ``check.py`` if the new tables
   reference others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from groundfacts.errors import StoreError

SCHEMA_VERSION = 3

_ARROW_TO_DUCK = {
    "int32": "INTEGER",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "string": "VARCHAR",
    "date32[day]": "DATE",
}


def event_columns_sql() -> str:
    """The event record's columns after event_id, as DuckDB column definitions."""
    from groundfacts.store.export import arrow_schema

    return ", ".join(
        f"{f.name} {_ARROW_TO_DUCK[str(f.type)]}" for f in arrow_schema() if f.name != "event_id"
    )


def create(con: Any) -> None:
    """The tables of a store of the current version (those missing)."""
    cols = event_columns_sql()
    con.execute(
        "CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"
    )
    con.execute(
        """CREATE TABLE IF NOT EXISTS documents (
            doc_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, url VARCHAR,
            published DATE, language VARCHAR, n_events INTEGER, n_non_events INTEGER,
            status VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp)"""
    )
    con.execute(
        "CREATE TABLE IF NOT EXISTS events "
        f"(event_id VARCHAR PRIMARY KEY, {cols}, doc_hash VARCHAR)"
    )
    con.execute(
        """CREATE TABLE IF NOT EXISTS non_events (doc_hash VARCHAR, doc_id VARCHAR,
            sentence INTEGER, start_offset INTEGER, end_offset INTEGER, trigger VARCHAR,
            sub_event_type VARCHAR, reason VARCHAR, text VARCHAR)"""
    )
    # Cross-document merging: each per-document event (a report) links to one merged
    # event; merged_events holds one row per real event, with its count of reports.
    con.execute(
        "CREATE TABLE IF NOT EXISTS event_links "
        "(event_id VARCHAR PRIMARY KEY, merged_id VARCHAR NOT NULL)"
    )
    con.execute(
        "CREATE TABLE IF NOT EXISTS merged_events "
        f"(event_id VARCHAR PRIMARY KEY, {cols}, reports INTEGER, doc_ids VARCHAR, "
        "sources VARCHAR)"
    )
    _create_document_sources(con)
    _create_v3_tables(con)


def _create_document_sources(con: Any) -> None:
    # One row per place a stored text was read from: the same text from a second source is
    # recorded here, not dropped (its events are stored once, with the first document).
    con.execute(
        """CREATE TABLE IF NOT EXISTS document_sources (doc_hash VARCHAR NOT NULL,
            doc_id VARCHAR, source VARCHAR, url VARCHAR,
            seen_at TIMESTAMP DEFAULT current_timestamp)"""
    )


def _to_v2(con: Any) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"
    )
    for table in ("events", "merged_events"):
        if _has_table(con, table) and _column_type(con, table, "event_date") != "DATE":
            # strict: a stored date that is not a date stops the migration (nothing is lost)
            con.execute(
                f"ALTER TABLE {table} ALTER event_date TYPE DATE "
                "USING CAST(NULLIF(event_date, '') AS DATE)"
            )
    _create_document_sources(con)
    con.execute(
        """INSERT INTO document_sources (doc_hash, doc_id, source, url, seen_at)
           SELECT doc_hash, doc_id, source, url, ingested_at FROM documents"""
    )


def _create_v3_tables(con: Any) -> None:
    # The cleaned text of each document (what evidence offsets point into), kept apart from
    # the document rows so listing documents stays light.
    con.execute(
        "CREATE TABLE IF NOT EXISTS document_texts (doc_hash VARCHAR PRIMARY KEY, text VARCHAR)"
    )
    # the options a store was merged with, so later merges go on with the same ones
    con.execute(
        "CREATE TABLE IF NOT EXISTS merge_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"
    )


def _to_v3(con: Any) -> None:
    if _has_table(con, "merged_events"):
        con.execute("ALTER TABLE merged_events ADD COLUMN IF NOT EXISTS sources VARCHAR")
    _create_v3_tables(con)


# version -> the step that makes a store of the version before it into that version
MIGRATIONS: dict[int, Callable[[Any], None]] = {2: _to_v2, 3: _to_v3}


def _has_table(con: Any, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])


def has_tables(con: Any) -> bool:
    """Whether the database holds any table at all (a new store holds none)."""
    row = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
    return bool(row and row[0])


def _column_type(con: Any, table: str, column: str) -> str | None:
    row = con.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        [table, column],
    ).fetchone()
    return str(row[0]) if row else None


def stored_version(con: Any) -> int | None:
    """The schema version a store records; 1 for a store from before versions were recorded,
    None for an empty file (no tables yet)."""
    if _has_table(con, "store_meta"):
        row = con.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            raise StoreError("the store has a store_meta table but no schema_version in it")
        try:
            return int(row[0])
        except ValueError as exc:
            raise StoreError(f"unreadable schema version {row[0]!r}") from exc
    return 1 if _has_table(con, "documents") else None


def _set_version(con: Any, version: int) -> None:
    con.execute("INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)", [str(version)])


def check_version(version: int | None, path: object) -> None:
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this groundfacts knows "
            f"({SCHEMA_VERSION}); upgrade groundfacts to use it"
        )


def prepare(con: Any, path: object) -> int | None:
    """Make the store behind ``con`` current: create a new one, or migrate an older one in a
    transaction. Returns the version it had (None when new)."""
    version = stored_version(con)
    check_version(version, path)
    if version == SCHEMA_VERSION:
        return version
    con.execute("BEGIN TRANSACTION")
    try:
        if version is None:
            create(con)
        else:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[step](con)
            create(con)  # tables a step did not need to touch
        _set_version(con, SCHEMA_VERSION)
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        if isinstance(exc, StoreError):
            raise
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"cannot migrate {path} from schema version {version} to {SCHEMA_VERSION} "
            f"({reason}); the store is unchanged"
        ) from exc
    return version
