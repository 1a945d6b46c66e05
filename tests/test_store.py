"""The DuckDB store and the exports, on a real DuckDB file in a temporary directory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from groundfacts.errors import OutputError, StoreError
from groundfacts.records import EVENT_COLUMNS, DocResult, Document, Event, Evidence
from groundfacts.store import EventStore, write_events
from groundfacts.store.duckdb_store import EventFilter


def _event(i: int, country: str = "Lormia", actor: str = "Zarvian Liberation Front") -> Event:
    return Event(
        event_id=f"e{i}",
        event_date=f"2021-05-{i + 1:02d}",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=actor,
        inter1=2,
        actor2="Military Forces of Lormia",
        inter2=1,
        interaction=12,
        country=country,
        iso="LM",
        location="Tessa",
        latitude=10.5,
        longitude=1.25,
        geo_precision=1,
        fatalities=i,
        notes="note",
        doc_id=f"d{i}",
        evidence=[Evidence(f"d{i}", 0, 3, 11, "attacked")],
    )


def _result(i: int, text: str) -> DocResult:
    doc = Document(id=f"d{i}", text=text, published=dt.date(2021, 5, 9))
    return DocResult(doc, "en", events=[_event(i)])


def test_reingesting_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with EventStore(db) as store:
        assert store.add_results([_result(1, "one"), _result(2, "two")]) == (2, 2)
        # same texts (modulo whitespace) again: nothing new
        assert store.add_results([_result(1, "one "), _result(2, "two")]) == (0, 0)
        assert store.counts() == {"documents": 2, "events": 2, "non_events": 0}
    with EventStore(db, read_only=True) as store:
        got = list(store.events())
    assert [e.event_id for e in got] == ["e1", "e2"]
    assert got[0].evidence[0].trigger == "attacked"
    assert got[1].fatalities == 2 and got[1].latitude == 10.5


def test_filters(tmp_path: Path) -> None:
    with EventStore(tmp_path / "s.duckdb") as store:
        store.add_results([_result(i, f"text {i}") for i in range(5)])
        flt = EventFilter(since=dt.date(2021, 5, 2), until=dt.date(2021, 5, 3))
        assert [e.event_id for e in store.events(flt)] == ["e1", "e2"]
        assert len(list(store.events(EventFilter(country="lm")))) == 5
        assert len(list(store.events(EventFilter(actor="liberation")))) == 5
        assert list(store.events(EventFilter(event_type="Protests"))) == []


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        EventStore(tmp_path / "absent.duckdb", read_only=True)


def test_csv_and_jsonl_carry_the_same_columns() -> None:
    evs = [_event(1), _event(2)]
    buf = io.StringIO()
    write_events(evs, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == EVENT_COLUMNS
    assert json.loads(rows[0]["evidence"])[0]["trigger"] == "attacked"
    buf = io.StringIO()
    write_events(evs, "jsonl", buf)
    first = json.loads(buf.getvalue().splitlines()[0])
    assert tuple(first.keys()) == EVENT_COLUMNS
    assert Event.from_dict(first) == evs[0]


def test_geojson_points(tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    write_events([_event(1)], "geojson", out)
    fc = json.loads(out.read_text())
    assert fc["features"][0]["geometry"]["coordinates"] == [1.25, 10.5]


def test_parquet_roundtrip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    assert write_events([_event(1), _event(2)], "parquet", out) == 2
    t = pq.read_table(out)
    assert t.num_rows == 2 and t.column_names == list(EVENT_COLUMNS)


def test_unwritable_output_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.jsonl"
    with pytest.raises(OutputError):
        write_events([_event(1)], "jsonl", target)
    assert not target.exists()
