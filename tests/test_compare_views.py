"""compare on a constructed pair of datasets, and the views (trends, hotspots, dyads by
period) over a real DuckDB store, from the library and from the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from groundfacts.analyse.compare import CompareOptions, compare_events, compare_store
from groundfacts.analyse.dyads import dyads, store_dyads
from groundfacts.analyse.hotspots import grid_cell, hotspots
from groundfacts.analyse.trends import trends
from groundfacts.records import EVENT_TYPES, Event
from groundfacts.store import EventStore
from groundfacts.store.acled_format import write_acled
from groundfacts.store.duckdb_store import EventFilter
from groundfacts.store.export import events_table

# Places in Burkina Faso (approximate coordinates); the events are made up.
PLACES = {
    "Djibo": ("Sahel", "Soum", 14.10, -1.63),
    "Kaya": ("Centre-Nord", "Sanmatenga", 13.09, -1.08),
    "Dori": ("Sahel", "Seno", 14.03, -0.03),
    "Arbinda": ("Sahel", "Soum", 14.23, -0.87),
    "Ouagadougou": ("Centre", "Kadiogo", 12.37, -1.52),
    "Fada N'Gourma": ("Est", "Gourma", 12.06, 0.36),
    "Gorom-Gorom": ("Sahel", "Oudalan", 14.44, -0.23),
    "Bobo-Dioulasso": ("Hauts-Bassins", "Houet", 11.18, -4.30),
}
KM = 1 / 111.2  # one km of latitude, in degrees


def ev(
    eid: str,
    day: int,
    sub: str,
    place: str,
    *,
    north_km: float = 0.0,
    actor1: str = "Unidentified Armed Group (Burkina Faso)",
    actor2: str = "Civilians (Burkina Faso)",
    fatalities: int = 0,
    located: bool = True,
    source: str = "wire",
) -> Event:
    admin1, admin2, lat, lon = PLACES[place]
    return Event(
        event_id=eid,
        event_date=f"2021-03-{day:02d}",
        event_type=EVENT_TYPES[sub],
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        inter1=3,
        inter2=7,
        country="Burkina Faso",
        iso="BF",
        admin1=admin1,
        admin2=admin2,
        location=place,
        latitude=lat + north_km * KM if located else None,
        longitude=lon if located else None,
        fatalities=fatalities,
        source=source,
    )


GOLD = [
    ev("g1", 1, "Attack", "Djibo"),
    ev("g2", 2, "Attack", "Kaya"),
    ev("g3", 3, "Armed clash", "Dori"),
    ev("g4", 4, "Air/drone strike", "Arbinda"),
    ev("g5", 5, "Peaceful protest", "Ouagadougou"),
    ev("g6", 6, "Arrests", "Ouagadougou"),
    ev("g7", 7, "Abduction/forced disappearance", "Djibo"),
    ev("g8", 8, "Armed clash", "Fada N'Gourma"),
    ev("g9", 9, "Attack", "Gorom-Gorom"),
    ev("g10", 10, "Peaceful protest", "Bobo-Dioulasso"),
]
# Planned: e1-e7 match (recall 7/10); e8 is 3 days off, e9 40 km off, e10 another event type,
# e11 a second report of g1 a day later (one-to-one: e1 keeps g1). Precision 7/11.
EXTRACTED = [
    ev("e1", 1, "Attack", "Djibo", north_km=5),
    ev("e2", 4, "Attack", "Kaya"),
    ev("e3", 3, "Government regains territory", "Dori"),
    ev("e4", 4, "Air/drone strike", "Arbinda", north_km=20),
    ev("e5", 5, "Peaceful protest", "Ouagadougou"),
    ev("e6", 7, "Arrests", "Ouagadougou", located=False),
    ev("e7", 7, "Abduction/forced disappearance", "Djibo"),
    ev("e8", 11, "Armed clash", "Fada N'Gourma"),
    ev("e9", 9, "Attack", "Gorom-Gorom", north_km=40),
    ev("e10", 10, "Violent demonstration", "Bobo-Dioulasso"),
    ev("e11", 2, "Attack", "Djibo", north_km=1),
]


def _row(rows: list, key: str):  # type: ignore[no-untyped-def]
    return next(r for r in rows if r.key == key)


def test_compare_gives_the_planned_recall_and_precision() -> None:
    c = compare_events(GOLD, EXTRACTED, CompareOptions(days=2, km=25))
    assert (c.total.matched_gold, c.total.recall, c.total.precision) == (7, 0.7, round(7 / 11, 4))
    assert sorted((g.event_id, e.event_id) for g, e in c.pairs) == sorted(
        [(f"g{i}", f"e{i}") for i in range(1, 8)]
    )
    assert sorted(g.event_id for g in c.missed) == ["g10", "g8", "g9"]
    assert sorted(e.event_id for e in c.unmatched) == ["e10", "e11", "e8", "e9"]
    vac = _row(c.by_event_type, "Violence against civilians")
    assert (vac.gold, vac.extracted, vac.recall, vac.precision) == (4, 5, 0.75, 0.6)
    battles = _row(c.by_event_type, "Battles")
    assert (battles.recall, battles.precision) == (0.5, 0.5)
    riots = _row(c.by_event_type, "Riots")
    assert (riots.gold, riots.recall, riots.precision) == (0, None, 0.0)
    clash = _row(c.by_sub_event_type, "Armed clash")  # g3's match has another sub-event type
    assert (clash.gold, clash.matched_gold, clash.recall) == (2, 0, 0.0)
    sahel = _row(c.by_admin1, "Sahel")
    assert (sahel.gold, sahel.matched_gold, sahel.recall) == (5, 4, 0.8)


def test_compare_windows_are_options() -> None:
    wide = compare_events(GOLD, EXTRACTED, CompareOptions(days=3, km=50))
    assert wide.total.matched_gold == 9  # e8 (3 days) and e9 (40 km) now match
    strict = compare_events(GOLD, EXTRACTED, CompareOptions(days=0, km=25))
    assert strict.total.matched_gold == 5  # e2 and e6 are off by days; e11 takes nothing


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("views") / "events.duckdb"
    with EventStore(path) as s:
        s.add_events_table(events_table(EXTRACTED))
        # an ACLED import in the same store is not compared with itself
        s.add_events_table(events_table([ev("acled1", 5, "Attack", "Kaya", source="ACLED")]))
    return path


def test_compare_store_leaves_out_acled_imports(store_path: Path) -> None:
    with EventStore(store_path, read_only=True) as s:
        c = compare_store(s, GOLD, EventFilter(country="BF"))
        assert (c.total.gold, c.total.extracted, c.total.matched_gold) == (10, 11, 7)
        early = compare_store(s, GOLD, EventFilter(until=dt.date(2021, 3, 5)))
        assert (early.total.gold, early.total.matched_gold) == (5, 5)


def test_trends_by_period_and_group(store_path: Path) -> None:
    with EventStore(store_path, read_only=True) as s:
        monthly = trends(s, EventFilter(), by="event_type", every="month")
        assert {(r.period, r.key): r.events for r in monthly}[
            ("2021-03", "Violence against civilians")
        ] == 6
        weekly = trends(s, by="none", every="week")
        assert [(r.period, r.start, r.events) for r in weekly] == [
            ("2021-W09", "2021-03-01", 9),
            ("2021-W10", "2021-03-08", 3),
        ]
        by_admin = {r.key: r.events for r in trends(s, by="admin1")}
        assert by_admin == {"Sahel": 6, "Centre-Nord": 2, "Centre": 2, "Est": 1, "Hauts-Bassins": 1}
        actors = {r.key: r.events for r in trends(s, by="actor")}
        assert actors["Civilians (Burkina Faso)"] == 12
        sahel = EventFilter(since=dt.date(2021, 3, 2), country="BF", event_type="Battles")
        assert [(r.key, r.events) for r in trends(s, sahel, by="actor")] == [
            ("Civilians (Burkina Faso)", 2),
            ("Unidentified Armed Group (Burkina Faso)", 2),
        ]
        with pytest.raises(ValueError):
            trends(s, every="fortnight")


def test_hotspots_by_area_and_grid(store_path: Path) -> None:
    with EventStore(store_path, read_only=True) as s:
        top = hotspots(s, by="admin1", top=1)
        assert (top[0].area, top[0].events) == ("Sahel", 6)
        assert top[0].top_actors == [("Civilians (Burkina Faso)", 6)]
        battles = hotspots(s, EventFilter(country="BF", event_type="Battles"), top=1)
        assert [(r.area, r.events, r.top_actors) for r in battles] == [
            ("Est", 1, [("Civilians (Burkina Faso)", 1)]),
            ("Sahel", 1, [("Civilians (Burkina Faso)", 1)]),
        ]
        soum = next(r for r in hotspots(s, by="admin2") if r.admin2 == "Soum")
        assert soum.area == "Sahel / Soum" and soum.events == 4
        cells = hotspots(s, by="grid", cell_km=25)
        djibo = grid_cell(14.10, -1.63, 25)
        assert sum(r.events for r in cells) == 11  # e6 has no coordinates
        first = cells[0]
        assert grid_cell(first.latitude or 0, first.longitude or 0, 25) == djibo
        assert first.events == 3  # e1, e7 and e11 (1 and 5 km from Djibo)


def test_dyads_by_month(store_path: Path) -> None:
    with EventStore(store_path, read_only=True) as s:
        rows = store_dyads(s, by="month")
        assert {d.period for d in rows} == {"2021-03"}
        assert rows[0].to_dict()["period"] == "2021-03"
        assert sum(d.events for d in rows) == 12
        battles = store_dyads(s, EventFilter(event_type="Battles"), by="month")
        assert sum(d.events for d in battles) == 2  # e3 and e8, not the ten others
        assert store_dyads(s, EventFilter(actor="Nobody at all")) == []
        for by in (None, "week", "month"):
            for sub in (False, True):
                # the store's count and the one over event files agree
                assert store_dyads(s, by=by, by_sub_type=sub) == dyads(
                    list(s.events()), by=by, by_sub_type=sub
                )


def test_cli_compare_and_views(store_path: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    gold = tmp_path / "gold.csv"
    with open(gold, "w", encoding="utf-8", newline="") as fh:
        write_acled(GOLD, fh, timestamp=0)
    missed = tmp_path / "missed.csv"
    r = cli(
        "compare", "--db", str(store_path), "--gold", str(gold), "--format", "json",
        "--missed", str(missed),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["total"]["recall"] == 0.7 and report["missed"] == 3
    assert len(list(csv.DictReader(missed.open()))) == 3
    table = cli("compare", "--db", str(store_path), "--gold", str(gold))
    assert "70.0%" in table.stdout
    t = cli("trends", "--db", str(store_path), "--per", "week", "--format", "csv")
    assert t.returncode == 0, t.stderr
    assert next(csv.DictReader(io.StringIO(t.stdout)))["period"] == "2021-W09"
    h = cli("hotspots", "--db", str(store_path), "--by", "admin2", "--format", "json")
    first = json.loads(h.stdout.splitlines()[0])
    assert first["area"] == "Sahel / Soum" and first["top_actors"][0][1] == 4
    d = cli("dyads", "--db", str(store_path), "--by", "month")
    assert d.returncode == 0 and d.stdout.startswith("period")
    dc = cli(
        "dyads", "--db", str(store_path), "--by", "month", "--event-type", "Battles",
        "--format", "csv",
    )  # fmt: skip
    assert dc.returncode == 0, dc.stderr
    dyad_rows = list(csv.DictReader(io.StringIO(dc.stdout)))
    assert sum(int(r["events"]) for r in dyad_rows) == 2 and dyad_rows[0]["period"] == "2021-03"
    dj = cli("dyads", "--db", str(store_path), "--actor", "Unidentified", "--json")
    assert sum(json.loads(x)["events"] for x in dj.stdout.splitlines()) == 12
    assert cli("dyads", "--db", str(store_path), "--format", "xml").returncode == 2
    bad = cli("trends", "--db", str(store_path), "--per", "fortnight")
    assert bad.returncode == 2


def test_eval_compare_extracts_the_notes_and_matches(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    gold = tmp_path / "gold.csv"
    rows = [
        ev("n1", 3, "Attack", "Djibo", fatalities=4),
        ev("n2", 5, "Arrests", "Kaya", actor1="Police Forces of Burkina Faso", actor2=""),
    ]
    rows[0].notes = "On 3 March 2021, unidentified gunmen killed four villagers in Djibo."
    rows[1].notes = "On 5 March 2021, police arrested two suspected smugglers in Kaya."
    with open(gold, "w", encoding="utf-8", newline="") as fh:
        write_acled(rows, fh, timestamp=0)
    report = tmp_path / "report.json"
    r = cli("eval", "compare", str(gold), "--report", str(report))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[2].split()[:2] == ["total", "all"]
    figures = json.loads(report.read_text())
    assert figures["total"]["gold"] == 2 and figures["total"]["matched_gold"] == 2
