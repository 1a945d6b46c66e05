"""ACLED's own format: reading its files (every date format), importing them into a real
store, writing events in its export columns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from groundfacts.evaluate.acled import read_gold
from groundfacts.records import Event
from groundfacts.store import EventStore
from groundfacts.store.acled_format import (
    AcledFileError,
    acled_row,
    parse_acled_date,
    read_acled,
    tables,
    write_acled,
)
from groundfacts.store.acled_import import import_acled

FIXTURES = Path(__file__).parent / "fixtures" / "acled"
RECORD = FIXTURES / "claims-record.csv"
OLD = FIXTURES / "old-format.csv"
EXPORT_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


@pytest.mark.parametrize(
    "text",
    [
        "12 October 2015",
        "2015-10-12",
        "12-October-2015",
        "12/10/2015",
        "12 Oct 2015",
        "12-Oct-15",
        "October 12, 2015",
        "12.10.2015",
        "2015/10/12",
        "  12   October 2015 ",
        "2015-10-12T00:00:00",
    ],
)
def test_every_acled_date_format(text: str) -> None:
    assert parse_acled_date(text) == dt.date(2015, 10, 12)


def test_day_first_unless_impossible() -> None:
    assert parse_acled_date("03/04/2019") == dt.date(2019, 4, 3)
    assert parse_acled_date("10/25/2019") == dt.date(2019, 10, 25)
    with pytest.raises(ValueError):
        parse_acled_date("sometime in 2019")


def test_reader_takes_old_and_current_exports() -> None:
    old = list(read_acled(OLD))
    assert [r.event_date for r in old] == [dt.date(2015, 10, d) for d in (12, 13, 14, 15)]
    assert old[0].inter1 == 2 and old[0].interaction == 12 and old[1].inter2 is None
    current = list(read_acled(RECORD))
    assert current[0].inter1 == 1 and current[0].inter2 == 2  # "State forces", "Rebel group"
    assert current[0].interaction == 12 and current[0].iso == 760 and current[0].iso2 == "SY"
    assert current[4].assoc_actor_1 == "Military Forces of Russia (2000-)"


def test_eval_gold_reads_every_date_format() -> None:
    rows = read_gold(OLD)
    assert [r.id for r in rows] == ["SYR8001", "SYR8002", "SYR8003", "SYR8004"]
    assert rows[0].event_date == dt.date(2015, 10, 12)


def test_missing_columns_are_named_with_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "short.csv"
    bad.write_text("event_id_cnty,event_date,actor1\nX1,2020-01-01,Someone\n")
    with pytest.raises(AcledFileError) as err:
        list(read_acled(bad))
    assert f"{bad}:1" in str(err.value)
    assert "event_type, sub_event_type" in str(err.value)


def test_bad_rows_are_named_and_can_be_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    lines = OLD.read_text().splitlines()
    lines.insert(3, "SYR8999,not a date,2015,Battles,Armed clash,X,2,Y,1,12,Syria,,,,,n,0")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(AcledFileError, match=rf"{path}:4: bad ACLED row .*not a date"):
        list(read_acled(path))
    seen: list[str] = []
    rows = list(read_acled(path, on_bad=lambda e: seen.append(str(e))))
    assert len(rows) == 4 and len(seen) == 1 and ":4:" in seen[0]


def test_import_is_idempotent_and_keeps_acled_ids(tmp_path: Path) -> None:
    with EventStore(tmp_path / "s.duckdb") as store:
        first = import_acled(store, RECORD)
        again = import_acled(store, RECORD)
        assert (first.added, first.already) == (12, 0)
        assert (again.added, again.already) == (0, 12)
        assert store.count() == 12
        ev = next(e for e in store.events() if e.event_id == "IDN9004")
        assert ev.source == "ACLED" and ev.doc_id == "IDN9004" and ev.iso == "ID"
        assert (ev.inter1, ev.inter2, ev.interaction) == (6, 1, 16)
        assert ev.assoc_actor_1 == "Students (Indonesia)" and ev.event_date == "2020-10-13"
        assert [(e.doc_id, e.start, e.end) for e in ev.evidence] == [("IDN9004", 0, len(ev.notes))]
    from groundfacts.store.check import check_store

    report = check_store(tmp_path / "s.duckdb")
    assert report.ok, report.problems  # imported events are sound records of the store


def test_import_is_transactional(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    lines = RECORD.read_text().splitlines()
    lines.append(lines[1].replace("SYR9001", "SYR9999").replace("2015-10-01", "31/02/2015"))
    path.write_text("\n".join(lines) + "\n")
    with EventStore(tmp_path / "s.duckdb") as store:
        import_acled(store, OLD)
        with pytest.raises(AcledFileError, match=r":14: bad ACLED row"):
            import_acled(store, path)
        assert store.count() == 4  # nothing of the failed import, the earlier one intact
        rep = import_acled(store, path, skip_bad=True)
        assert rep.added == 12 and len(rep.bad) == 1 and store.count() == 16


def test_import_any_subset_of_countries(tmp_path: Path) -> None:
    with EventStore(tmp_path / "s.duckdb") as store:
        rep = import_acled(store, RECORD, countries=["ID"])
        assert (rep.added, rep.skipped) == (5, 7)
        assert {e.country for e in store.events()} == {"Indonesia"}


def _event(**kw: object) -> Event:
    base: dict[str, object] = {
        "event_id": "0123456789abcdef",
        "event_date": "2021-03-03",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Burkina Faso)",
        "inter1": 3,
        "actor2": "Civilians (Burkina Faso)",
        "inter2": 7,
        "interaction": 37,
        "country": "Burkina Faso",
        "iso": "BF",
        "admin1": "Sahel",
        "location": "Djibo",
        "latitude": 14.1,
        "longitude": -1.63,
        "geo_precision": 1,
        "fatalities": 4,
        "notes": "Gunmen killed four villagers.",
        "source": "wire",
    }
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_acled_columns_and_derived_values() -> None:
    out = io.StringIO()
    protest = _event(
        event_id="fedcba9876543210",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Burkina Faso)",
        inter1=6,
        actor2="",
        inter2=None,
        interaction=60,
        fatalities=0,
    )
    force = _event(
        event_type="Protests",
        sub_event_type="Excessive force against protesters",
        actor1="Police Forces of Burkina Faso",
        inter1=1,
        actor2="Protesters (Burkina Faso)",
        inter2=6,
    )
    assert write_acled([_event(), protest, force], out, timestamp=1700000000) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == EXPORT_COLUMNS
    attack = dict(zip(rows[0], rows[1], strict=True))
    assert attack["event_id_cnty"] == f"BFA{int('0123456789', 16)}"
    assert attack["year"] == "2021" and attack["iso"] == "854"
    assert attack["region"] == "Western Africa"
    assert attack["disorder_type"] == "Political violence"
    assert attack["inter1"] == "Political militia" and attack["inter2"] == "Civilians"
    assert attack["interaction"] == "Political militia-Civilians"
    assert attack["civilian_targeting"] == "Civilian targeting"
    assert attack["fatalities"] == "4" and attack["timestamp"] == "1700000000"
    assert attack["admin3"] == "" and attack["tags"] == ""
    demo = dict(zip(rows[0], rows[2], strict=True))
    assert demo["disorder_type"] == "Demonstrations" and demo["interaction"] == "Protesters only"
    assert demo["tags"] == "crowd size=no report" and demo["civilian_targeting"] == ""
    both = dict(zip(rows[0], rows[3], strict=True))
    assert both["disorder_type"] == "Political violence; Demonstrations"
    assert both["interaction"] == "State forces-Protesters"


def test_imported_acled_events_keep_their_ids_on_export() -> None:
    rec = next(iter(read_acled(RECORD)))
    from groundfacts.store.acled_import import acled_event

    row = acled_row(acled_event(rec), timestamp=0)
    assert row["event_id_cnty"] == "SYR9001" and row["iso"] == 760
    assert row["region"] == "Middle East" and row["inter1"] == "State forces"


def test_every_country_has_a_numeric_code_and_an_acled_region() -> None:
    t = tables()
    regions = {c.region for c in t.countries.values()}
    assert len(t.countries) > 240 and len(regions) == 17
    assert t.countries["ID"].numeric == 360 and t.countries["ID"].region == "Southeast Asia"
    assert t.countries["PH"].region == "Southeast Asia" and t.countries["SY"].numeric == 760


def test_cli_import_and_format_acled(tmp_path: Path, cli: Callable[..., Any]) -> None:
    db = tmp_path / "s.duckdb"
    ok = cli("import", "acled", str(RECORD), "--db", str(db))
    assert ok.returncode == 0, ok.stderr
    assert "12 added" in ok.stderr
    assert "0 added" in cli("import", "acled", str(RECORD), "--db", str(db)).stderr
    missing = tmp_path / "missing.csv"
    missing.write_text("event_id_cnty,notes\nA1,x\n")
    bad = cli("import", "acled", str(missing), "--db", str(db))
    assert bad.returncode == 3 and f"{missing}:1" in bad.stderr and "event_date" in bad.stderr
    out = cli("events", "--db", str(db), "--country", "ID", "--format", "acled")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == EXPORT_COLUMNS and len(rows) == 5
    assert {r["event_id_cnty"] for r in rows} >= {"IDN9001", "IDN9004"}
    assert all(r["iso"] == "360" for r in rows)


def test_cli_extract_format_acled_and_eval_bad_gold(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "On 3 March 2021, unidentified gunmen killed four villagers in Djibo.",
        encoding="utf-8",
    )
    out = cli(
        "extract", str(report), "--published", "2021-03-05", "--country", "BF", "--format", "acled"
    )
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == EXPORT_COLUMNS and len(rows) == 1
    row = rows[0]
    assert row["event_id_cnty"].startswith("BFA") and row["iso"] == "854"
    assert row["event_date"] == "2021-03-03" and row["year"] == "2021"
    assert row["region"] == "Western Africa" and row["fatalities"] == "4"
    assert row["disorder_type"] == "Political violence" and row["inter2"] == "Civilians"
    assert row["timestamp"].isdigit()
    gold = tmp_path / "gold.csv"
    gold.write_text("event_id_cnty,event_date,notes\nX1,12 October 2015,Something.\n")
    bad = cli("eval", "acled", str(gold))
    assert bad.returncode == 3 and f"{gold}:1" in bad.stderr and "sub_event_type" in bad.stderr


def test_reader_takes_the_api_json(tmp_path: Path) -> None:
    rows = list(csv.DictReader(RECORD.open(encoding="utf-8")))
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": 200, "count": len(rows), "data": rows}))
    got = list(read_acled(path))
    assert [r.event_id_cnty for r in got] == [r["event_id_cnty"] for r in rows]
    assert got[0].inter1 == 1 and got[0].latitude == 36.256
    bare = tmp_path / "list.json"
    bare.write_text(json.dumps([{**rows[0], "fatalities": 4, "iso": 760}]))
    assert next(read_acled(bare)).fatalities == 4
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"data": [rows[0], {**rows[1], "event_date": "soon"}]}))
    with pytest.raises(AcledFileError, match=rf"{broken}:2: bad ACLED row"):
        list(read_acled(broken))
    short = tmp_path / "short.json"
    short.write_text(json.dumps({"data": [{"event_id_cnty": "X", "notes": "n"}]}))
    with pytest.raises(AcledFileError, match="missing columns event_date"):
        list(read_acled(short))


def test_acled_events_sit_beside_ours_and_are_not_merged(tmp_path: Path) -> None:
    import datetime as dt

    from groundfacts.pipeline import Pipeline
    from groundfacts.records import Document

    text = "Russian aircraft struck Jabhat al-Nusra positions near Haritan on 1 October 2015."
    doc = Document(id="ours", text=text, published=dt.date(2015, 10, 2), lang="en")
    with EventStore(tmp_path / "s.duckdb") as store:
        import_acled(store, RECORD)
        store.add_results([Pipeline().process(doc)])
        assert store.unmerged_count() == store.count() - 12  # only our reports wait
        store.merge_new()
        merged = [ev for ev, _n in store.merged_events()]
        assert merged and all("ACLED" not in ev.source for ev in merged)
        assert store.unmerged_count() == 0
