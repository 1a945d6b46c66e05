"""ACLED's own file format: its columns, reading its files, writing events in its columns.

Everything ACLED defines (column order, region of each country, numeric ISO codes, disorder
types, actor-type labels, the date formats its files use) is data in ``store/data/``; this
module only applies it. One reader serves every verb that takes an ACLED file (``import
acled``, ``eval acled``, ``compare --gold``), so every ACLED date format is read everywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
import tomllib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from groundfacts.errors import BadInputError
from groundfacts.records import EVENT_TYPES, Event


class AcledFileError(BadInputError):
    """An ACLED file that cannot be read: the message names the file and line."""


@dataclass(frozen=True, slots=True)
class AcledCountry:
    iso2: str
    iso3: str
    numeric: int
    region: str
    name: str


@dataclass(frozen=True, slots=True)
class AcledTables:
    """ACLED's format knowledge, read once from ``store/data``."""

    columns: tuple[str, ...]
    integers: frozenset[str]
    decimals: frozenset[str]
    disorder: dict[str, str]
    disorder_sub: dict[str, str]
    inter: dict[int, str]
    interaction_single: str
    interaction_pair: str
    interaction_exceptions: dict[int, str]
    civilian_value: str
    civilian_inter: int
    crowd_tag: str
    crowd_event_types: frozenset[str]
    date_formats: tuple[str, ...]
    countries: dict[str, AcledCountry]  # by ISO2

    @property
    def by_numeric(self) -> dict[int, AcledCountry]:
        return {c.numeric: c for c in self.countries.values()}

    def disorder_type(self, event_type: str, sub_event_type: str) -> str:
        return self.disorder_sub.get(sub_event_type) or self.disorder.get(event_type, "")

    def inter_label(self, code: int | None) -> str:
        return self.inter.get(code, "") if code else ""

    def inter_code(self, value: str) -> int | None:
        """A numeric actor-type code from either spelling ("2" or "Rebel group")."""
        value = (value or "").strip()
        if not value:
            return None
        if value.isdigit():
            return int(value) or None  # 0: no second actor
        low = value.casefold()
        for code, label in self.inter.items():
            if label.casefold() == low or label.casefold().rstrip("s") == low.rstrip("s"):
                return code
        return None

    def interaction_label(self, inter1: int | None, inter2: int | None) -> str:
        codes = sorted(c for c in (inter1, inter2) if c)
        if not codes:
            return ""
        if len(codes) == 1:
            return self.interaction_single.format(a=self.inter_label(codes[0]))
        number = codes[0] * 10 + codes[1]
        if number in self.interaction_exceptions:
            return self.interaction_exceptions[number]
        return self.interaction_pair.format(
            a=self.inter_label(codes[0]), b=self.inter_label(codes[1])
        )

    def interaction_code(self, value: str) -> int | None:
        """The two-digit interaction from either spelling ("27" or "Rebel group-Civilians")."""
        value = (value or "").strip()
        if not value:
            return None
        if value.isdigit():
            return int(value)
        low = value.casefold()
        for number, label in self.interaction_exceptions.items():
            if label.casefold() == low:
                return number
        for a in self.inter:
            if self.interaction_single.format(a=self.inter[a]).casefold() == low:
                return a * 10
            for b in self.inter:
                if b >= a and self.interaction_label(a, b).casefold() == low:
                    return a * 10 + b
        return None


@cache
def tables() -> AcledTables:
    data_dir = resources.files("groundfacts.store").joinpath("data")
    try:
        raw = tomllib.loads(data_dir.joinpath("acled.toml").read_text("utf-8"))
        countries: dict[str, AcledCountry] = {}
        text = data_dir.joinpath("acled_countries.tsv").read_text("utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            iso2, iso3, numeric, region, name = line.split("\t")
            countries[iso2] = AcledCountry(iso2, iso3, int(numeric), region, name)
        inter = {int(k): str(v) for k, v in raw["inter"].items()}
        act = raw["interaction"]
        return AcledTables(
            columns=tuple(raw["columns"]),
            integers=frozenset(raw["integers"]),
            decimals=frozenset(raw["decimals"]),
            disorder=dict(raw["disorder"]),
            disorder_sub=dict(raw["disorder_sub"]),
            inter=inter,
            interaction_single=act["single"],
            interaction_pair=act["pair"],
            interaction_exceptions={int(k): v for k, v in act.get("exceptions", {}).items()},
            civilian_value=raw["civilian_targeting"]["value"],
            civilian_inter=int(raw["civilian_targeting"]["target_inter"]),
            crowd_tag=raw["tags"]["crowd_size_unknown"],
            crowd_event_types=frozenset(raw["tags"]["crowd_event_types"]),
            date_formats=tuple(raw["dates"]["formats"]),
            countries=countries,
        )
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise BadInputError(f"store/data: ACLED format tables unreadable ({exc})") from exc


def parse_acled_date(value: str) -> dt.date:
    """A date in any format ACLED files use ("2015-10-12", "12 October 2015",
    "12-October-2015", "12/10/2015" day first...); ValueError when none fits."""
    text = " ".join((value or "").split())
    if not text:
        raise ValueError("empty date")
    for fmt in tables().date_formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date {value!r}")


# ---- reading ------------------------------------------------------------------------------


@dataclass(slots=True)
class AcledRecord:
    """One row of an ACLED file, typed. Columns the file lacks are empty."""

    line: int
    event_id_cnty: str
    event_date: dt.date
    event_type: str
    sub_event_type: str
    year: int | None = None
    time_precision: int | None = None
    disorder_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    iso: int | None = None
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int | None = None

    @property
    def iso2(self) -> str:
        """ISO 3166-1 alpha-2 code from the numeric ``iso`` column, else from the country name."""
        t = tables()
        if self.iso is not None and self.iso in t.by_numeric:
            return t.by_numeric[self.iso].iso2
        return country_iso2(self.country)


_TEXT_FIELDS = tuple(
    f.name
    for f in fields(AcledRecord)
    if f.type in ("str",) and f.name not in ("event_id_cnty", "event_type", "sub_event_type")
)

# Columns every reader needs; a verb may ask for more (notes for scoring, places for comparing).
BASE_COLUMNS: tuple[str, ...] = ("event_date", "event_type", "sub_event_type")


def country_iso2(name: str) -> str:
    """ISO2 of a country as ACLED names it ("" when unknown)."""
    key = " ".join((name or "").split()).casefold()
    if not key:
        return ""
    for c in tables().countries.values():
        if c.name.casefold() == key:
            return c.iso2
    return _country_table().iso_of(name) or ""


@cache
def _country_table() -> Any:
    from groundfacts.actors.countries import CountryTable

    return CountryTable.load()


def _int(value: str, what: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError as exc:
        raise ValueError(f"{what} is not a number: {value!r}") from exc


def _float(value: str, what: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise ValueError(f"{what} is not a number: {value!r}") from exc


def _record(row: dict[str, str], line: int) -> AcledRecord:
    t = tables()

    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    date = parse_acled_date(get("event_date"))
    rec = AcledRecord(
        line=line,
        event_id_cnty=get("event_id_cnty") or get("data_id") or f"row{line}",
        event_date=date,
        event_type=get("event_type"),
        sub_event_type=get("sub_event_type"),
    )
    for name in _TEXT_FIELDS:
        setattr(rec, name, get(name))
    rec.year = _int(get("year"), "year") or date.year
    rec.time_precision = _int(get("time_precision"), "time_precision")
    rec.inter1 = t.inter_code(get("inter1"))
    rec.inter2 = t.inter_code(get("inter2"))
    rec.interaction = t.interaction_code(get("interaction"))
    rec.iso = _int(get("iso"), "iso")
    rec.latitude = _float(get("latitude"), "latitude")
    rec.longitude = _float(get("longitude"), "longitude")
    rec.geo_precision = _int(get("geo_precision"), "geo_precision")
    rec.fatalities = _int(get("fatalities"), "fatalities") or 0
    rec.timestamp = _int(get("timestamp"), "timestamp")
    if rec.event_type and rec.sub_event_type and rec.sub_event_type not in EVENT_TYPES:
        raise ValueError(f"unknown sub_event_type {rec.sub_event_type!r}")
    if not rec.event_type and rec.sub_event_type in EVENT_TYPES:
        rec.event_type = EVENT_TYPES[rec.sub_event_type]
    return rec


def read_acled(
    path: Path | str,
    *,
    required: Collection[str] = BASE_COLUMNS,
    on_bad: Callable[[AcledFileError], None] | None = None,
) -> Iterator[AcledRecord]:
    """Rows of an ACLED file: its CSV export, or the API's CSV or JSON (``{"data": [...]}``
    or a list of records), with any subset of columns that has ``required``. A missing column
    stops at once, naming the columns and line 1; a bad row raises :class:`AcledFileError`
    naming ``file:line`` (for JSON, the record's number), or is passed to ``on_bad`` and
    skipped when given."""
    path = Path(path)
    try:
        fh: IO[str] = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise AcledFileError(f"{path}: {exc.strerror or exc}") from exc
    with fh:
        rows = _json_rows(path, fh) if _is_json(fh) else _csv_rows(path, fh)
        header = next(rows)
        missing = [c for c in required if c not in header]
        if missing:
            raise AcledFileError(
                f"{path}:1: not an ACLED file: missing column{'s' if len(missing) > 1 else ''} "
                + ", ".join(missing)
            )
        for line, row in rows:
            try:
                if isinstance(row, AcledFileError):
                    raise row
                if None in row or any(v is None for k, v in row.items() if k in required):
                    raise ValueError("wrong number of fields")
                empty = [c for c in required if not (row.get(c) or "").strip()]
                if empty:
                    raise ValueError(f"empty {', '.join(empty)}")
                yield _record(row, line)
            except (ValueError, AcledFileError) as exc:
                err = (
                    exc
                    if isinstance(exc, AcledFileError)
                    else AcledFileError(f"{path}:{line}: bad ACLED row ({exc})")
                )
                if on_bad is None:
                    raise err from exc
                on_bad(err)


def _is_json(fh: IO[str]) -> bool:
    head = fh.read(64).lstrip()
    fh.seek(0)
    return head[:1] in ("{", "[")


def _csv_rows(path: Path, fh: IO[str]) -> Iterator[Any]:
    """The header (a list of names), then (line, row or the error that row raised)."""
    reader = csv.DictReader(fh)
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except (csv.Error, UnicodeDecodeError) as exc:
        raise AcledFileError(f"{path}:1: not a CSV file ({exc})") from exc
    reader.fieldnames = header
    yield header
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield (
                reader.line_num,
                AcledFileError(f"{path}:{reader.line_num}: unreadable row ({exc})"),
            )
            continue
        yield reader.line_num, row


def _json_rows(path: Path, fh: IO[str]) -> Iterator[Any]:
    """The API's JSON: the first record's keys as the header, then (record number, row)."""
    import json

    try:
        doc = json.load(fh)
    except (ValueError, UnicodeDecodeError) as exc:
        raise AcledFileError(f"{path}:1: not ACLED JSON ({exc})") from exc
    records = doc.get("data") if isinstance(doc, dict) else doc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise AcledFileError(f"{path}:1: not ACLED JSON (no list of records under 'data')")
    yield list(records[0]) if records else []
    for n, rec in enumerate(records, 1):
        yield n, {str(k): ("" if v is None else str(v)) for k, v in rec.items()}


# ---- writing ------------------------------------------------------------------------------


def event_id_cnty(ev: Event) -> str:
    """ACLED's id (country acronym and number) for an event: an imported ACLED event keeps its
    own; ours get the country's ISO alpha-3 and a number taken from our stable event id."""
    if ev.source == "ACLED" and ev.event_id:
        return ev.event_id
    c = tables().countries.get((ev.iso or "").upper())
    prefix = c.iso3 if c else "XXX"
    try:
        number = int(ev.event_id[:10], 16)
    except ValueError:
        number = int.from_bytes(ev.event_id.encode()[:8], "big")
    return f"{prefix}{number}"


def acled_row(ev: Event, *, timestamp: int) -> dict[str, Any]:
    """One event in ACLED's columns, each derived as ACLED defines it."""
    t = tables()
    c = t.countries.get((ev.iso or "").upper())
    date = ev.event_date or ""
    disorder = t.disorder_type(ev.event_type, ev.sub_event_type)
    civilian = (
        t.civilian_value
        if ev.inter2 == t.civilian_inter and "Political violence" in disorder
        else ""
    )
    row: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(ev),
        "event_date": date,
        "year": int(date[:4]) if date[:4].isdigit() else None,
        "time_precision": ev.time_precision,
        "disorder_type": disorder,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "assoc_actor_1": ev.assoc_actor_1,
        "inter1": t.inter_label(ev.inter1),
        "actor2": ev.actor2,
        "assoc_actor_2": ev.assoc_actor_2,
        "inter2": t.inter_label(ev.inter2),
        "interaction": t.interaction_label(ev.inter1, ev.inter2),
        "civilian_targeting": civilian,
        "iso": c.numeric if c else None,
        "region": c.region if c else "",
        "country": ev.country,
        "admin1": ev.admin1,
        "admin2": ev.admin2,
        "admin3": "",
        "location": ev.location,
        "latitude": ev.latitude,
        "longitude": ev.longitude,
        "geo_precision": ev.geo_precision,
        "source": ev.source,
        "source_scale": "",
        "notes": ev.notes,
        "fatalities": int(ev.fatalities or 0),
        "tags": t.crowd_tag if ev.event_type in t.crowd_event_types else "",
        "timestamp": timestamp,
    }
    return {k: row[k] for k in t.columns}


def write_acled(events: Iterable[Event], out: IO[str], *, timestamp: int | None = None) -> int:
    """ACLED's export: exactly its columns, in its order; ``timestamp`` (when the rows were
    written, Unix seconds, as ACLED stamps its uploads) defaults to now."""
    stamp = int(time.time()) if timestamp is None else timestamp
    cols = list(tables().columns)
    w = csv.DictWriter(out, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    n = 0
    for ev in events:
        row = acled_row(ev, timestamp=stamp)
        w.writerow({k: ("" if v is None else v) for k, v in row.items()})
        n += 1
    return n
