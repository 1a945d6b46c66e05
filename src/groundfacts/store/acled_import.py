"""Loading an ACLED export into the store, beside the events groundfacts extracted.

ACLED events keep their own ids (``event_id_cnty``) as ``event_id`` and carry ``source``
"ACLED", so claims can be checked against either and the two compared. Importing is
idempotent (a re-import of the same file adds nothing; a newer export of an event replaces
the older row) and transactional (a bad row stops the import and nothing is written, unless
bad rows are to be skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from groundfacts.records import Event, Evidence
from groundfacts.store.acled_format import BASE_COLUMNS, AcledFileError, AcledRecord, read_acled
from groundfacts.store.duckdb_store import EventStore
from groundfacts.store.export import events_table

ACLED_SOURCE = "ACLED"

# Columns an export must have to become events in the store.
IMPORT_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "latitude",
    "longitude",
)

_BATCH = 50_000


@dataclass(slots=True)
class ImportReport:
    rows: int = 0  # rows read and kept
    added: int = 0  # events new to the store
    already: int = 0  # events already stored (rewritten from this file: a newer export wins)
    skipped: int = 0  # rows of other countries than those asked for
    bad: list[str] = field(default_factory=list)  # "file:line: reason" of rows skipped as bad

    def to_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "added": self.added,
            "already": self.already,
            "skipped": self.skipped,
            "bad": len(self.bad),
        }


def acled_event(rec: AcledRecord) -> Event:
    """An ACLED row as an event record (source "ACLED", its own id)."""
    interaction = rec.interaction
    if interaction is None and (rec.inter1 or rec.inter2):
        codes = sorted(c for c in (rec.inter1, rec.inter2) if c)
        interaction = codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)
    location = rec.location or rec.admin3
    return Event(
        event_id=rec.event_id_cnty,
        event_date=rec.event_date.isoformat(),
        time_precision=rec.time_precision or 1,
        event_type=rec.event_type,
        sub_event_type=rec.sub_event_type,
        actor1=rec.actor1,
        assoc_actor_1=rec.assoc_actor_1,
        inter1=rec.inter1,
        actor2=rec.actor2,
        assoc_actor_2=rec.assoc_actor_2,
        inter2=rec.inter2,
        interaction=interaction,
        country=rec.country,
        iso=rec.iso2,
        admin1=rec.admin1,
        admin2=rec.admin2,
        location=location,
        latitude=rec.latitude,
        longitude=rec.longitude,
        geo_precision=rec.geo_precision,
        fatalities=rec.fatalities,
        notes=rec.notes,
        source=ACLED_SOURCE,
        doc_id=rec.event_id_cnty,
        language="en" if rec.notes else "",
        mentions=1,
        # the evidence of an ACLED event is its own note (offsets into ``notes``)
        evidence=[Evidence(rec.event_id_cnty, 0, 0, len(rec.notes), "")],
        confidence=1.0,
    )


def acled_events(path: Path | str, *, required: Collection[str] = BASE_COLUMNS) -> list[Event]:
    """The events of an ACLED file, for comparing with (a gold dataset) without storing them."""
    return [acled_event(r) for r in read_acled(path, required=required)]


def import_acled(
    store: EventStore,
    path: Path | str,
    *,
    countries: Collection[str] | None = None,
    skip_bad: bool = False,
    on_bad: Callable[[str], None] | None = None,
) -> ImportReport:
    """Load the ACLED CSV at ``path`` into ``store``; ``countries`` (names or ISO2 codes)
    keeps only those. Raises :class:`AcledFileError` (nothing written) on a missing column,
    or on a bad row unless ``skip_bad``."""
    rep = ImportReport()
    wanted = {c.casefold() for c in countries} if countries else None

    def bad(err: AcledFileError) -> None:
        rep.bad.append(str(err))
        if on_bad is not None:
            on_bad(str(err))

    rows = read_acled(path, required=IMPORT_COLUMNS, on_bad=bad if skip_bad else None)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        batch: list[Event] = []
        for rec in rows:
            if wanted is not None and not (
                rec.country.casefold() in wanted or rec.iso2.casefold() in wanted
            ):
                rep.skipped += 1
                continue
            batch.append(acled_event(rec))
            if len(batch) >= _BATCH:
                _write(store, batch, rep)
                batch = []
        _write(store, batch, rep)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return rep


def _write(store: EventStore, events: Iterable[Event], rep: ImportReport) -> None:
    import pyarrow as pa

    # one row per id: a file that lists an event twice keeps its last row
    unique = list({ev.event_id: ev for ev in events}.values())
    if not unique:
        return
    ids = [ev.event_id for ev in unique]
    rows = store.con.execute(
        "SELECT count(*) FROM events WHERE event_id IN (SELECT unnest(?))", [ids]
    ).fetchall()
    known = int(rows[0][0])
    table = events_table(unique)
    table = table.append_column("doc_hash", pa.nulls(len(table), pa.string()))
    store.con.register("_acled", table)
    try:
        store.con.execute("INSERT OR REPLACE INTO events SELECT * FROM _acled")
    finally:
        store.con.unregister("_acled")
    rep.rows += len(unique)
    rep.already += known
    rep.added += len(unique) - known
