"""The set-wide figures of fixture scoring: weighted F1 over sub-event types, and the share of
no-event items that still give an event. Hand-made items and events, scored as any set is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from groundfacts.evaluate.fixtures import FixtureReport, evaluate_fixtures, score_item
from groundfacts.records import Document, Event


def _want(sub: str, etype: str, location: str) -> dict[str, object]:
    return {
        "sub_event_type": sub,
        "event_type": etype,
        "actor1": "Military Forces of Kalmeria",
        "actor2": "",
        "location": location,
        "country": "Kalmeria",
        "event_date": "",
        "fatalities": 0,
    }


def _event(sub: str, etype: str, location: str) -> Event:
    return Event(sub_event_type=sub, event_type=etype, location=location, country="Kalmeria")


CLASH = ("Armed clash", "Battles")
ATTACK = ("Attack", "Violence against civilians")
ARREST = ("Arrests", "Strategic developments")


def test_weighted_f1_weights_each_type_by_its_expected_events() -> None:
    rep = FixtureReport()
    # two clashes expected and found; one attack expected, read as a clash; one arrest predicted
    # in an item that expects none
    score_item({"events": [_want(*CLASH, "Vostrel")]}, [_event(*CLASH, "Vostrel")], rep)
    score_item({"events": [_want(*CLASH, "Orlam")]}, [_event(*CLASH, "Orlam")], rep)
    score_item({"events": [_want(*ATTACK, "Orlam")]}, [_event(*CLASH, "Orlam")], rep)
    score_item({"events": []}, [_event(*ARREST, "Orlam")], rep)
    table = rep.by_sub_event()
    assert table["Armed clash"]["recall"] == 1.0
    assert table["Armed clash"]["precision"] == round(2 / 3, 4)
    assert table["Attack"]["recall"] == 0.0 and table["Attack"]["support"] == 1
    assert table["Arrests"]["support"] == 0 and table["Arrests"]["predicted"] == 1
    clash_f1 = 2 * (2 / 3) * 1.0 / (2 / 3 + 1.0)
    figs = rep.figures()
    # (2 x clash F1 + 1 x attack F1 of 0) / 3 expected events; the arrest weighs nothing
    assert figs["sub_event_f1_weighted"] == round(2 * clash_f1 / 3, 4)
    assert figs["false_event_rate"] == 1.0 and figs["no_event_items"] == 1


def test_false_event_rate_counts_items_not_events() -> None:
    rep = FixtureReport()
    score_item({"events": []}, [], rep)
    score_item({"events": []}, [_event(*ATTACK, "Orlam"), _event(*CLASH, "Orlam")], rep)
    score_item({"events": [_want(*CLASH, "Orlam")]}, [], rep)
    figs = rep.figures()
    assert figs["no_event_items"] == 2
    assert figs["false_event_rate"] == 0.5
    # the figures users had stay, with the same meaning
    assert figs["found"] == 0.0 and figs["predicted_events"] == 2


def test_a_set_without_no_event_items_has_a_zero_rate() -> None:
    rep = FixtureReport()
    score_item({"events": [_want(*CLASH, "Orlam")]}, [_event(*CLASH, "Orlam")], rep)
    assert rep.figures()["false_event_rate"] == 0.0
    assert rep.figures()["sub_event_f1_weighted"] == 1.0


def test_evaluate_fixtures_reports_the_figures_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    items = [
        {"id": "k-1", "text": "x", "published": "2024-05-03", "events": [_want(*CLASH, "Orlam")]},
        {"id": "k-2", "text": "y", "published": "2024-05-03", "events": []},
    ]
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")

    def extract(doc: Document) -> list[Event]:
        # every document gives one clash at Orlam: right for k-1, a false event for k-2
        return [_event(*CLASH, "Orlam")]

    figs = evaluate_fixtures(path, extract).figures()
    assert figs["false_event_rate"] == 1.0
    assert figs["sub_event_f1_weighted"] == pytest.approx(round(2 * 0.5 / 1.5, 4))
