"""The extractor held to the team's hand-written reports: every figure at or above its floor.

The floors are those of the quality gate (quality/floors.toml), so this check runs with the
test suite itself, without the development data.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from groundfacts.evaluate.fixtures import evaluate_fixtures
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event

ROOT = Path(__file__).resolve().parents[1]
FLOORS = tomllib.loads((ROOT / "quality" / "floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("name", ["id_reports", "en_reports", "id_press"])
def test_reports_meet_their_floors(pipeline: Pipeline, name: str) -> None:
    def run(doc: Document) -> list[Event]:
        return pipeline.process(doc).events

    coords = pipeline.resources.gazetteer.coordinates
    path = ROOT / "tests" / "fixtures" / f"{name}.jsonl"
    figures = evaluate_fixtures(path, run, coords).figures()
    below = {
        metric: (figures[metric], floor)
        for metric, floor in FLOORS[name].items()
        if figures[metric] < floor
    }
    assert not below, below


def test_no_event_items_give_no_events(pipeline: Pipeline) -> None:
    """Reports whose only mentions are negated, denied, threatened or planned give nothing."""
    import json

    items = [
        json.loads(line)
        for line in (ROOT / "tests" / "fixtures" / "id_reports.jsonl").read_text().splitlines()
        if line.strip()
    ]
    empty = [it for it in items if not it["events"]]
    assert len(empty) >= 5
    leaked = {}
    for it in empty:
        evs = pipeline.process(Document(id=it["id"], text=it["text"])).events
        if evs:
            leaked[it["id"]] = [e.sub_event_type for e in evs]
    assert not leaked, leaked


def test_parallel_pairs_meet_their_floors_and_gap_ceilings(pipeline: Pipeline) -> None:
    from groundfacts.evaluate.fixtures import evaluate_pairs
    from groundfacts.evaluate.gate import _flatten, compare

    def run(doc: Document) -> list[Event]:
        return pipeline.process(doc).events

    path = ROOT / "tests" / "fixtures" / "parallel.jsonl"
    figures = _flatten(
        evaluate_pairs(path, run, pipeline.resources.gazetteer.coordinates).figures()
    )
    floors = {k: float(v) for k, v in FLOORS["parallel"].items()}
    assert not compare({"parallel": figures}, {"parallel": floors})
    assert figures["pairs"] == 60


def test_a_district_without_an_id_is_scored_near_its_seat() -> None:
    from groundfacts.evaluate.fixtures import FixtureReport, score_item

    seat = (-3.92, 136.38)

    def coords(gid: int) -> tuple[float, float] | None:
        return seat if gid == 1 else None

    want = {
        "sub_event_type": "Grenade",
        "event_type": "Explosions/Remote violence",
        "actor1": "Unidentified Armed Group (Indonesia)",
        "actor2": "",
        "location": "Paniai Timur",
        "country": "Indonesia",
        "event_date": "2023-03-19",
        "fatalities": 0,
        "geonameid": None,
        "seat_geonameid": 1,
    }
    base = {k: want[k] for k in ("sub_event_type", "event_type", "actor1", "country")}

    def scored(location: str, lat: float) -> tuple[int, int]:
        ev = Event(**base, location=location, latitude=lat, longitude=136.38)
        rep = FixtureReport()
        score_item({"events": [want]}, [ev], rep, coords)
        return rep.correct["location"], rep.correct["location_25km"]

    assert scored("Paniai Timur", -3.93) == (1, 1)
    assert scored("East Paniai", -3.93) == (0, 1)  # another name, placed at the seat
    assert scored("Paniai Timur", -2.5) == (1, 0)  # the right name, placed far away
