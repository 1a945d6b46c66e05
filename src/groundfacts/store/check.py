"""Integrity of a store: versions, counts, ids and evidence references, and readable pages.

:func:`check_store` reads every table through (so a corrupt page shows) and returns what it
found wrong as :class:`Problem` records, each with a count and a few examples; an empty list
means the store is sound. It never writes to the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groundfacts.errors import StoreError
from groundfacts.records import EVENT_TYPES
from groundfacts.store import schema

EXAMPLES = 5


@dataclass(slots=True)
class Problem:
    """One kind of fault: what it is, how many rows have it, and some of them."""

    check: str
    message: str
    count: int
    examples: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        more = f" (e.g. {', '.join(self.examples)})" if self.examples else ""
        return f"{self.check}: {self.count} {self.message}{more}"


@dataclass(slots=True)
class CheckReport:
    path: str
    schema_version: int | None
    counts: dict[str, int]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "schema_version": self.schema_version,
            "counts": self.counts,
            "ok": self.ok,
            "problems": [
                {"check": p.check, "message": p.message, "count": p.count, "examples": p.examples}
                for p in self.problems
            ],
        }


# (check name, message, SQL giving one example value per offending row)
_QUERIES: tuple[tuple[str, str, str], ...] = (
    (
        "event-ids",
        "events without an id",
        "SELECT coalesce(doc_id, '?') FROM events WHERE event_id IS NULL OR event_id = ''",
    ),
    (
        "event-ids",
        "event ids stored more than once",
        "SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1",
    ),
    (
        "document-ids",
        "document hashes stored more than once",
        "SELECT doc_hash FROM documents GROUP BY doc_hash HAVING count(*) > 1",
    ),
    (
        "event-documents",
        "events whose document is not stored",
        "SELECT e.event_id FROM events e WHERE e.doc_hash IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.doc_hash = e.doc_hash)",
    ),
    (
        "non-event-documents",
        "non-events whose document is not stored",
        "SELECT n.doc_id FROM non_events n WHERE NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.doc_hash = n.doc_hash)",
    ),
    (
        "event-counts",
        "documents whose event count differs from the events stored for them",
        "SELECT d.doc_id || ' (' || d.n_events || ' recorded, ' || coalesce(e.n, 0) "
        "|| ' stored)' FROM documents d LEFT JOIN (SELECT doc_hash, count(*) AS n FROM events "
        "GROUP BY doc_hash) e USING (doc_hash) WHERE d.n_events != coalesce(e.n, 0)",
    ),
    (
        "non-event-counts",
        "documents whose non-event count differs from the non-events stored for them",
        "SELECT d.doc_id || ' (' || d.n_non_events || ' recorded, ' || coalesce(n.n, 0) "
        "|| ' stored)' FROM documents d LEFT JOIN (SELECT doc_hash, count(*) AS n "
        "FROM non_events GROUP BY doc_hash) n USING (doc_hash) "
        "WHERE d.n_non_events != coalesce(n.n, 0)",
    ),
    (
        "document-sources",
        "stored documents with no source recorded",
        "SELECT d.doc_id FROM documents d WHERE NOT EXISTS "
        "(SELECT 1 FROM document_sources s WHERE s.doc_hash = d.doc_hash)",
    ),
    (
        "document-sources",
        "sources of a document that is not stored",
        "SELECT s.doc_id FROM document_sources s WHERE NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.doc_hash = s.doc_hash)",
    ),
    (
        "event-links",
        "links from an event that is not stored",
        "SELECT l.event_id FROM event_links l WHERE NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.event_id = l.event_id)",
    ),
    (
        "event-links",
        "links to a merged event that is not stored",
        "SELECT l.event_id || ' -> ' || l.merged_id FROM event_links l WHERE NOT EXISTS "
        "(SELECT 1 FROM merged_events m WHERE m.event_id = l.merged_id)",
    ),
    (
        "event-fields",
        "events with a time precision outside 1-3",
        "SELECT event_id FROM events WHERE time_precision NOT BETWEEN 1 AND 3",
    ),
    (
        "event-fields",
        "events with coordinates outside the globe, or only one of the two",
        "SELECT event_id FROM events WHERE (latitude IS NULL) != (longitude IS NULL) "
        "OR abs(latitude) > 90 OR abs(longitude) > 180",
    ),
    (
        "event-fields",
        "events with a negative number of fatalities",
        "SELECT event_id FROM events WHERE fatalities < 0",
    ),
)


def check_store(path: str | Path, *, wait: float = 0.0) -> CheckReport:
    """Check the store at ``path`` (opened read-only). Raises :class:`StoreError` when the file
    cannot be opened as a store at all; every other fault is a :class:`Problem`."""
    import duckdb

    from groundfacts.store.duckdb_store import connect

    path = Path(path)
    if not path.exists():
        raise StoreError(f"no store at {path}")
    con = connect(path, read_only=True, wait=wait)
    try:
        version = schema.stored_version(con)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path}: not a readable store ({_line(exc)})") from exc
    problems: list[Problem] = []
    try:
        counts = _counts(con, problems)
        if version != schema.SCHEMA_VERSION:
            problems.append(
                Problem(
                    "schema-version",
                    f"store at schema version {version}, this groundfacts writes "
                    f"{schema.SCHEMA_VERSION} (open it for writing to migrate it)",
                    1,
                )
            )
        else:
            missing = _missing_columns(con)
            if missing:
                problems.append(
                    Problem("schema", "columns missing", len(missing), missing[:EXAMPLES])
                )
            else:
                for check, message, sql in _QUERIES:
                    _run(con, check, message, sql, problems)
                _check_events(con, problems)
    except duckdb.Error as exc:
        problems.append(Problem("readable", f"pages that cannot be read: {_line(exc)}", 1))
        counts = {}
    finally:
        con.close()
    return CheckReport(str(path), version, counts, problems)


def _line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


_TABLES = (
    "documents",
    "document_sources",
    "events",
    "non_events",
    "event_links",
    "merged_events",
)


def _counts(con: Any, problems: list[Problem]) -> dict[str, int]:
    import duckdb

    out: dict[str, int] = {}
    for table in _TABLES:
        try:
            # touches every column of every row, so a corrupt page anywhere shows here
            row = con.execute(f"SELECT count(*), max(hash(COLUMNS(*))) FROM {table}").fetchone()
        except duckdb.CatalogException:
            continue
        out[table] = int(row[0]) if row else 0
    return out


def _missing_columns(con: Any) -> list[str]:
    """Columns a fresh store has and this one lacks (compared with one made in memory)."""
    import duckdb

    fresh = duckdb.connect(":memory:")
    try:
        schema.create(fresh)
        want = set(_columns(fresh))
    finally:
        fresh.close()
    return sorted(want - set(_columns(con)))


def _columns(con: Any) -> list[str]:
    rows = con.execute(
        "SELECT table_name || '.' || column_name FROM information_schema.columns"
    ).fetchall()
    return [r[0] for r in rows]


def _run(con: Any, check: str, message: str, sql: str, problems: list[Problem]) -> None:
    row = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
    n = int(row[0]) if row else 0
    if n:
        examples = [str(r[0]) for r in con.execute(f"{sql} LIMIT {EXAMPLES}").fetchall()]
        problems.append(Problem(check, message, n, examples))


def _check_events(con: Any, problems: list[Problem]) -> None:
    """Per-row checks that need Python: types, and evidence that refers to its own document.
    Reading every row also reads every page of the events table."""
    bad_type: list[str] = []
    bad_evidence: list[str] = []
    n_type = n_evidence = 0
    cur = con.execute(
        "SELECT event_id, event_type, sub_event_type, doc_id, evidence FROM events "
        "ORDER BY event_id"
    )
    while rows := cur.fetchmany(10_000):
        for event_id, event_type, sub, doc_id, evidence in rows:
            if EVENT_TYPES.get(sub) != event_type:
                n_type += 1
                if len(bad_type) < EXAMPLES:
                    bad_type.append(f"{event_id} ({event_type} / {sub})")
            why = _evidence_fault(evidence, doc_id)
            if why:
                n_evidence += 1
                if len(bad_evidence) < EXAMPLES:
                    bad_evidence.append(f"{event_id} ({why})")
    if n_type:
        problems.append(
            Problem("event-fields", "events whose type is not ACLED's", n_type, bad_type)
        )
    if n_evidence:
        problems.append(
            Problem(
                "evidence",
                "events whose evidence is missing, unreadable or about another document",
                n_evidence,
                bad_evidence,
            )
        )


def _evidence_fault(raw: str | None, doc_id: str | None) -> str:
    if not raw:
        return "no evidence"
    try:
        items = json.loads(raw)
    except ValueError:
        return "not JSON"
    if not isinstance(items, list) or not items:
        return "no evidence"
    for it in items:
        if not isinstance(it, dict):
            return "not a record"
        if it.get("doc_id") != doc_id:
            return f"names document {it.get('doc_id')!r}"
        start, end, sentence = it.get("start"), it.get("end"), it.get("sentence")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end:
            return f"offsets {start}-{end}"
        if not isinstance(sentence, int) or sentence < 0:
            return f"sentence {sentence}"
    return ""
