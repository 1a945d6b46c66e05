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
