"""Misses of the ACLED evaluation sorted by cause: what limits each figure, by counts."""

from __future__ import annotations

import datetime as dt

from groundfacts.evaluate.acled import AcledReport, GoldRow, score_note
from groundfacts.records import Event

# what a right event shares with its gold note
_RIGHT: dict[str, object] = {
    "sub_event_type": "Armed clash",
    "actor1": "Red Hand Militia",
    "actor2": "Military Forces of Veldor (2019-)",
    "admin1": "North",
    "location": "Ostrava Nova",
    "latitude": 10.0,
    "longitude": 20.0,
    "fatalities": 4,
}


def _gold(**kw: object) -> GoldRow:
    base: dict[str, object] = {
        **_RIGHT,
        "id": "XYZ1",
        "notes": "On 3 March 2021, the army fought the Red Hand militia near Ostrava Nova.",
        "event_date": dt.date(2021, 3, 3),
        "event_type": "Battles",
        **kw,
    }
    return GoldRow(**base)  # type: ignore[arg-type]


def _event(**kw: object) -> Event:
    base = {**_RIGHT, "event_date": "2021-03-03", "event_type": "Battles", **kw}
    return Event(**base)  # type: ignore[arg-type]


def test_a_right_note_has_no_miss() -> None:
    rep = AcledReport()
    assert score_note(_gold(), [_event()], rep) == 0
    assert rep.misses == {}


def test_swapped_sides_a_far_point_and_a_missing_toll_are_told_apart() -> None:
    rep = AcledReport()
    ev = _event(
        actor1="Military Forces of Veldor (2019-)",
        actor2="Red Hand Militia",
        latitude=11.0,  # about 110 km north
        fatalities=0,
    )
    score_note(_gold(), [ev], rep)
    assert rep.misses["actor1"] == {"sides swapped": 1}
    assert rep.misses["location_25km"] == {"same name, point more than 25 km off": 1}
    assert rep.misses["fatalities"] == {"no toll attached": 1}
    assert rep.confusion == {("Armed clash", "Armed clash"): 1}


def test_a_toll_on_the_notes_other_event_and_a_wrong_type() -> None:
    rep = AcledReport()
    first = _event(sub_event_type="Attack", event_type="Violence against civilians", fatalities=1)
    second = _event(
        sub_event_type="Looting/property destruction",
        event_type="Strategic developments",
        fatalities=4,
    )
    score_note(_gold(), [first, second], rep)
    assert rep.confusion == {("Armed clash", "Attack"): 1}
    assert rep.misses["fatalities"] == {"toll on another event of the note": 1}


def test_no_event_counts_against_every_field() -> None:
    rep = AcledReport()
    score_note(_gold(), [], rep)
    assert {f: dict(c) for f, c in rep.misses.items()} == {
        f: {"no event found": 1} for f in ("actor1", "location_25km", "fatalities")
    }


def test_a_named_group_given_as_unidentified_and_deaths_where_none() -> None:
    rep = AcledReport()
    ev = _event(actor1="Unidentified Armed Group (Veldor)", location="Kamenec", fatalities=2)
    score_note(_gold(fatalities=0), [ev], rep)
    assert rep.misses["actor1"] == {"a named actor given as unidentified": 1}
    assert rep.misses["fatalities"] == {"deaths where the note counts none": 1}
