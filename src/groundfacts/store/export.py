"""Writers for event records: JSONL, ACLED-compatible CSV, GeoJSON, Parquet, ACLED's export.

JSONL and CSV carry the same columns (EVENT_COLUMNS); in CSV the evidence list is a JSON
string. In Parquet (and the store) ``event_date`` is a date, and in Parquet and GeoJSON an
event without a date has null there (JSONL and CSV keep ""). Files are written to a
temporary name and renamed when complete, so a failed write never leaves a file that looks
finished.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from groundfacts.errors import OutputError
from groundfacts.records import EVENT_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, TEXT_COLUMNS, Event

FORMATS = ("jsonl", "csv", "geojson", "parquet", "acled")


def event_row(ev: Event) -> dict[str, Any]:
    """A flat row: evidence as a JSON string, None as empty."""
    d = ev.to_dict()
    d["evidence"] = json.dumps(d["evidence"], ensure_ascii=False)
    return d


# A row to write: an event and the values of any extra columns (merged events: reports...).
Row = tuple[Event, dict[str, Any]]


def _rows(events: Iterable[Event]) -> Iterator[Row]:
    for ev in events:
        yield ev, {}


def write_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    return _jsonl(_rows(events), out, ())


def _jsonl(rows: Iterable[Row], out: IO[str], extra: Sequence[str]) -> int:
    n = 0
    for ev, more in rows:
        out.write(json.dumps(ev.to_dict() | more, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: IO[str]) -> int:
    return _csv(_rows(events), out, ())


def _flat(value: Any) -> Any:
    """A value for one CSV cell: lists joined with '; ', None as empty."""
    if value is None:
        return ""
    return "; ".join(map(str, value)) if isinstance(value, list) else value


def _csv(rows: Iterable[Row], out: IO[str], extra: Sequence[str]) -> int:
    w = csv.DictWriter(out, fieldnames=[*EVENT_COLUMNS, *extra], lineterminator="\n")
    w.writeheader()
    n = 0
    for ev, more in rows:
        row = event_row(ev) | {k: _flat(v) for k, v in more.items()}
        w.writerow({k: ("" if v is None else v) for k, v in row.items()})
        n += 1
    return n


def write_geojson(events: Iterable[Event], out: IO[str]) -> int:
    """A FeatureCollection; events without coordinates get a null geometry."""
    return _geojson(_rows(events), out, ())


def _geojson(rows: Iterable[Row], out: IO[str], extra: Sequence[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for ev, more in rows:
        props = ev.to_dict() | more
        props["event_date"] = ev.event_date or None
        geom = (
            {"type": "Point", "coordinates": [ev.longitude, ev.latitude]}
            if ev.latitude is not None and ev.longitude is not None
            else None
        )
        feat = {"type": "Feature", "id": ev.event_id, "geometry": geom, "properties": props}
        out.write(("" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _acled(rows: Iterable[Row], out: IO[str], _extra: Sequence[str]) -> int:
    """ACLED's own export columns, exactly: neither our provenance nor extra columns."""
    from groundfacts.store.acled_format import write_acled

    return write_acled((ev for ev, _ in rows), out)


def events_table(events: Iterable[Event]) -> Any:
    """A pyarrow Table of events with the export columns (evidence as JSON text)."""
    import pyarrow as pa

    rows = [event_row(ev) for ev in events]
    schema = arrow_schema()
    cols = {c: [r[c] for r in rows] for c in EVENT_COLUMNS}
    cols["event_date"] = [_date(v) for v in cols["event_date"]]
    return pa.table(cols, schema=schema)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def event_from_row(row: dict[str, Any]) -> Event:
    """An event from a row of the store or of a Parquet file (dates as dates, evidence as
    JSON text, nulls where the record has "")."""
    d = {k: ("" if v is None and k in TEXT_COLUMNS else v) for k, v in row.items()}
    day = d.get("event_date")
    if isinstance(day, dt.date):
        d["event_date"] = day.isoformat()
    if d.get("evidence") is None:
        d["evidence"] = ""
    return Event.from_dict(d)


def conform(table: Any) -> Any:
    """An events table in the current columns' types: ``event_date`` written as text by an
    earlier version (Parquet partitions of an earlier run) becomes a date, "" a null."""
    import pyarrow as pa
    import pyarrow.compute as pc

    i = table.schema.get_field_index("event_date")
    if i < 0 or table.schema.field(i).type != pa.string():
        return table
    col = table.column(i)
    col = pc.if_else(pc.equal(col, ""), pa.scalar(None, pa.string()), col)
    return table.set_column(i, pa.field("event_date", pa.date32()), col.cast(pa.date32()))


def arrow_schema() -> Any:
    import pyarrow as pa

    fields = []
    for c in EVENT_COLUMNS:
        if c in INT_COLUMNS:
            t = pa.int32()
        elif c == "event_date":
            t = pa.date32()
        elif c == "geonameid":
            t = pa.int64()
        elif c in FLOAT_COLUMNS:
            t = pa.float64()
        else:
            t = pa.string()
        fields.append(pa.field(c, t))
    return pa.schema(fields)


@contextmanager
def atomic_text(path: Path) -> Iterator[IO[str]]:
    """Write a text file under a temporary name; rename into place only when complete."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write to {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        # mkstemp makes a private file; a finished output gets the usual permissions
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_events(events: Iterable[Event], fmt: str, out: Path | IO[str] | None) -> int:
    """Write ``events`` in ``fmt`` to a path (atomically) or an open text stream."""
    return write_rows(_rows(events), fmt, out, ())


def write_rows(
    rows: Iterable[Row], fmt: str, out: Path | IO[str] | None, extra: Sequence[str]
) -> int:
    """Write events with the extra columns ``extra`` (after the event columns; their values
    come with each row; lists are JSON lists in JSONL and GeoJSON, '; '-joined in CSV)."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise OutputError("parquet needs --out FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        got = list(rows)
        table = events_table(ev for ev, _ in got)
        for c in extra:
            values = [more.get(c) for _, more in got]
            table = table.append_column(c, pa.array(values))
        tmp = Path(str(out) + ".part")
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from exc
        return len(got)
    writer = {"jsonl": _jsonl, "csv": _csv, "geojson": _geojson, "acled": _acled}[fmt]
    if isinstance(out, (str, Path)):
        try:
            with atomic_text(Path(out)) as fh:
                return writer(rows, fh, extra)
        except OSError as exc:
            raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return writer(rows, out if out is not None else io.StringIO(), extra)
