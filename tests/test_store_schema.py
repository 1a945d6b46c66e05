"""The store's schema version, migrations, integrity check and damaged files, on real DuckDB
files. Older stores are made here: a current store built in the test, then altered to look
like the older version."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from groundfacts.cli import app
from groundfacts.errors import StoreError
from groundfacts.records import DocResult, Document, Event, Evidence, NonEvent
from groundfacts.store import EventStore, write_events
from groundfacts.store.check import check_store
from groundfacts.store.schema import SCHEMA_VERSION


def _event(i: int, date: str) -> Event:
    return Event(
        event_id=f"e{i}",
        event_date=date,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Zarvian Liberation Front",
        inter1=2,
        country="Lormia",
        iso="LM",
        location="Tessa",
        latitude=10.5,
        longitude=1.25,
        geo_precision=1,
        fatalities=i,
        doc_id=f"d{i}",
        evidence=[Evidence(f"d{i}", 0, 3, 11, "attacked")],
    )


def _result(i: int, date: str = "", source: str | None = None) -> DocResult:
    doc = Document(
        id=f"d{i}", text=f"Report {i} from Tessa.", published=dt.date(2021, 5, 9), source=source
    )
    non = NonEvent(f"d{i}", 1, 0, 5, "attack", "Attack", "negated", "No attack.")
    return DocResult(doc, "en", events=[_event(i, date)], non_events=[non])


def _store(path: Path) -> Path:
    with EventStore(path) as store:
        store.add_results([_result(1, "2021-05-02", "Radio Tessa"), _result(2, "")])
    return path


def _make_v1(path: Path) -> None:
    """Turn a current store into what version 1 wrote: no version table, no sources, dates
    as text ("" for none)."""
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE store_meta")
    con.execute("DROP TABLE document_sources")
    for table in ("events", "merged_events"):
        con.execute(
            f"ALTER TABLE {table} ALTER event_date TYPE VARCHAR "
            "USING coalesce(CAST(event_date AS VARCHAR), '')"
        )
    con.close()


def _column_type(path: Path, table: str, column: str) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_name = ? "
            "AND column_name = ?",
            [table, column],
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return str(row[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_store_records_its_version_and_dates_as_dates(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    with EventStore(db, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION
        dates = sorted(e.event_date for e in store.events())
    assert dates == ["", "2021-05-02"]  # records keep "" for no date
    assert _column_type(db, "events", "event_date") == "DATE"
    con = duckdb.connect(str(db), read_only=True)
    nulls = con.execute("SELECT count(*) FROM events WHERE event_date IS NULL").fetchone()
    con.close()
    assert nulls == (1,)  # and the store holds NULL, not ""


def test_an_older_store_is_migrated_on_open(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    with EventStore(db, read_only=True) as store:
        before = [e.to_dict() for e in store.events()]
    _make_v1(db)
    assert _column_type(db, "events", "event_date") == "VARCHAR"
    with pytest.raises(StoreError, match=r"\[GF004\].*older.*store migrate"):
        EventStore(db, read_only=True)  # a reader does not rewrite the file
    with EventStore(db) as store:
        assert store.migrated_from == 1
        assert store.schema_version == SCHEMA_VERSION
        assert [e.to_dict() for e in store.events()] == before
        # the sources of version 1's documents were carried over
        assert [s[:2] for s in _all_sources(store)] == [("d1", "Radio Tessa"), ("d2", None)]
    assert _column_type(db, "events", "event_date") == "DATE"
    assert check_store(db).ok
    with EventStore(db) as store:  # a current store is left alone
        assert store.migrated_from is None


def _all_sources(store: EventStore) -> list[tuple[str | None, str | None, str | None]]:
    rows = store.con.execute("SELECT doc_hash FROM documents ORDER BY doc_id").fetchall()
    return [s for (h,) in rows for s in store.sources(h)]


def test_a_failed_migration_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    _make_v1(db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET event_date = 'sometime in May' WHERE event_id = 'e1'")
    con.close()
    with pytest.raises(StoreError, match=r"\[GF004\] cannot migrate .*date.* unchanged"):
        EventStore(db)
    assert _column_type(db, "events", "event_date") == "VARCHAR"
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    tables = {r[0] for r in rows}
    kept = con.execute("SELECT event_date FROM events WHERE event_id = 'e1'").fetchone()
    con.close()
    assert "store_meta" not in tables and "document_sources" not in tables
    assert kept == ("sometime in May",)  # nothing lost


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    con = duckdb.connect(str(db))
    con.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    for read_only in (True, False):
        with pytest.raises(StoreError, match="schema version 99, newer"):
            EventStore(db, read_only=read_only)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "text"])
def test_a_damaged_file_is_an_error_and_is_never_recreated(tmp_path: Path, damage: str) -> None:
    db = _store(tmp_path / "s.duckdb")
    data = db.read_bytes()
    if damage == "truncated":
        db.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        db.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        db.write_bytes(b"")
    else:
        db.write_text("not a database\n" * 100, encoding="utf-8")
    digest = _digest(db)
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"\[GF004\]"):
            EventStore(db, read_only=read_only)
    with pytest.raises(StoreError, match=r"\[GF004\]"):
        check_store(db)
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", "-", "--db", str(db), "--wait", "0"], input="")
    assert res.exit_code == 1 and "GF004" in res.output
    res = runner.invoke(app, ["events", "--db", str(db), "--wait", "0"])
    assert res.exit_code == 1 and "GF004" in res.output
    assert _digest(db) == digest  # left exactly as found, for the user to rescue
    assert not Path(str(db) + ".wal").exists()


def test_a_corrupt_page_is_reported_by_check(tmp_path: Path) -> None:
    from groundfacts.scale.synthetic import synthetic_events

    db = tmp_path / "s.duckdb"
    with EventStore(db) as store:
        store.add_events_table(synthetic_events(20_000, seed=3))
    size = db.stat().st_size
    with db.open("r+b") as fh:  # overwrite a block among the table's data
        fh.seek(size // 3)
        fh.write(os.urandom(8192))
    report = check_store(db)
    assert not report.ok
    assert any(p.check == "readable" and "Corrupt" in p.message for p in report.problems)


def test_check_names_what_is_wrong(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    assert check_store(db).ok
    con = duckdb.connect(str(db))
    # an event whose document is gone, evidence about another document, a lost event
    con.execute("UPDATE events SET doc_hash = 'feed' WHERE event_id = 'e2'")
    bad = json.dumps([{"doc_id": "elsewhere", "sentence": 0, "start": 1, "end": 2, "trigger": "x"}])
    con.execute("UPDATE events SET evidence = ? WHERE event_id = 'e1'", [bad])
    con.execute("INSERT INTO event_links VALUES ('e1', 'm-missing')")
    con.execute("DELETE FROM non_events WHERE doc_id = 'd1'")
    con.close()
    report = check_store(db)
    checks = {p.check for p in report.problems}
    assert {
        "event-documents",
        "evidence",
        "event-links",
        "event-counts",
        "non-event-counts",
    } <= checks
    evidence = next(p for p in report.problems if p.check == "evidence")
    assert evidence.count == 1 and "e1" in evidence.examples[0]
    runner = CliRunner()
    res = runner.invoke(app, ["store", "check", "--db", str(db), "--json"])
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert doc["ok"] is False and doc["counts"]["events"] == 2


def test_store_check_and_migrate_commands(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    _make_v1(db)
    runner = CliRunner()
    res = runner.invoke(app, ["store", "check", "--db", str(db)])
    assert res.exit_code == 1 and "schema-version" in res.output
    res = runner.invoke(app, ["store", "migrate", "--db", str(db)])
    assert res.exit_code == 0 and "migrated from schema version 1" in res.output
    res = runner.invoke(app, ["store", "check", "--db", str(db)])
    assert res.exit_code == 0 and "ok:" in res.output


def test_the_same_text_from_another_source_is_recorded(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    text = "Gunmen attacked the market of Tessa."
    first = DocResult(Document("wire-1", text, source="Tessa Wire"), "en")
    again = DocResult(Document("paper-9", text + "  ", source="Lormia Daily"), "en")
    with EventStore(db) as store:
        assert store.add_results([first]) == (1, 0)
        assert store.add_results([again]) == (0, 0)  # no second document
        assert store.add_results([again]) == (0, 0)  # and the source once
        (h,) = [r[0] for r in store.con.execute("SELECT doc_hash FROM documents").fetchall()]
        assert store.sources(h) == [
            ("wire-1", "Tessa Wire", None),
            ("paper-9", "Lormia Daily", None),
        ]
        assert store.counts()["documents"] == 1


def test_missing_dates_are_null_in_parquet_and_geojson(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    evs = [_event(1, "2021-05-02"), _event(2, "")]
    write_events(evs, "parquet", tmp_path / "e.parquet")
    t = pq.read_table(tmp_path / "e.parquet")
    assert t.schema.field("event_date").type == pa.date32()
    assert t.column("event_date").to_pylist() == [dt.date(2021, 5, 2), None]
    write_events(evs, "geojson", tmp_path / "e.geojson")
    feats = json.loads((tmp_path / "e.geojson").read_text())["features"]
    assert [f["properties"]["event_date"] for f in feats] == ["2021-05-02", None]


def test_tables_with_dates_as_text_still_load(tmp_path: Path) -> None:
    """Parquet partitions written before dates were dates (text, "" for none) load into the
    store and read alongside new ones."""
    import pyarrow as pa

    from groundfacts.store.export import conform, events_table

    new = events_table([_event(1, "2021-05-02")])
    old = new.set_column(
        new.schema.get_field_index("event_date"),
        pa.field("event_date", pa.string()),
        pa.array(["2021-05-03"], pa.string()),
    )
    old_empty = old.set_column(
        old.schema.get_field_index("event_date"), "event_date", pa.array([""], pa.string())
    )
    old_empty = old_empty.set_column(0, "event_id", pa.array(["e9"], pa.string()))
    both = pa.concat_tables([new, conform(old).set_column(0, "event_id", pa.array(["e8"]))])
    assert both.column("event_date").to_pylist() == [dt.date(2021, 5, 2), dt.date(2021, 5, 3)]
    with EventStore(tmp_path / "s.duckdb") as store:
        assert store.add_events_table(old_empty) == 1
        (ev,) = list(store.events())
    assert ev.event_id == "e9" and ev.event_date == ""
