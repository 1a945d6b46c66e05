"""Where events land, through the whole pipeline on the default gazetteer: the hierarchy a
report writes gives one event at its most specific place, and a country hint holds
(made-up villages in real units)."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.geo.distance import haversine_km
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event

PIKIT = (7.054, 124.672)  # a real town of Cotabato province
GOROM = (14.4433, -0.2353)  # a real commune seat of Oudalan province


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _events(pipe: Pipeline, text: str, country: str | None = None) -> list[Event]:
    doc = Document(id="w", text=text, published=dt.date(2021, 5, 5), country=country)
    r = next(iter(pipe.run([doc])))
    assert not r.error
    return r.events


def test_barangay_town_province_is_one_event_at_the_town(pipe: Pipeline) -> None:
    text = (
        "On 3 May 2021, gunmen killed two farmers in Barangay Zorbatang, Pikit town, "
        "Cotabato province."
    )
    (ev,) = _events(pipe, text)
    assert ev.location == "Zorbatang" and ev.geo_precision == 2
    assert (ev.country, ev.admin1, ev.admin2) == ("Philippines", "Soccsksargen", "Cotabato")
    assert haversine_km(ev.latitude, ev.longitude, *PIKIT) < 5  # type: ignore[arg-type]


def test_village_commune_province_in_brackets(pipe: Pipeline) -> None:
    text = (
        "On 3 May 2021, militants attacked Zorbogo village, Gorom-Gorom commune "
        "(Oudalan province), killing three civilians."
    )
    (ev,) = _events(pipe, text)
    assert ev.location == "Zorbogo" and ev.geo_precision == 2 and ev.admin2 == "Oudalan"
    assert haversine_km(ev.latitude, ev.longitude, *GOROM) < 5  # type: ignore[arg-type]


def test_country_hint_holds_for_places_and_actors(pipe: Pipeline) -> None:
    text = (
        "On 3 May 2021, hundreds of students protested in Central Jakarta city "
        "(Jakarta province) against a new law."
    )
    evs = _events(pipe, text, country="ID")
    assert evs and all(e.country == "Indonesia" for e in evs)
    assert all("Zambia" not in e.actor1 for e in evs)
    assert evs[0].location == "Central Jakarta"


def test_a_heading_takes_the_place_of_the_event_it_heads(pipe: Pipeline) -> None:
    # "Arrests:" opens the note and names no place; the arrest it heads happened in Pikit
    text = "Arrests: On 3 May 2021, soldiers arrested a rebel leader at a checkpoint in Pikit."
    evs = [e for e in _events(pipe, text, country="PH") if e.sub_event_type == "Arrests"]
    assert evs and all(e.geo_precision == 1 and e.location == "Pikit" for e in evs)


def test_an_abbreviated_saint_does_not_end_the_sentence(pipe: Pipeline) -> None:
    # "Sta." is no full stop: the village and its town stay in the sentence of the killing
    text = "On 3 May 2021, gunmen killed a farmer in Brgy. Sta. Zorbita, Pikit, Cotabato."
    (ev,) = _events(pipe, text, country="PH")
    assert ev.location == "Sta. Zorbita" and ev.geo_precision == 2
    assert haversine_km(ev.latitude, ev.longitude, *PIKIT) < 5  # type: ignore[arg-type]


def test_a_street_named_after_a_town_is_not_that_town(pipe: Pipeline) -> None:
    # a street named after a large town elsewhere, and a party named after a small one
    text = (
        "On 3 May 2021, supporters of the Liberal Party clashed with police on Roxas "
        "Boulevard in Pikit, Cotabato."
    )
    evs = _events(pipe, text, country="PH")
    assert evs and all(e.admin2 == "Cotabato" for e in evs)
    assert all(haversine_km(e.latitude, e.longitude, *PIKIT) < 5 for e in evs)  # type: ignore[arg-type]


def test_an_event_told_before_its_place_happened_there(pipe: Pipeline) -> None:
    # the killing names no place; the next sentence says where: not just the country
    text = (
        "On 3 May 2021, a farmer was shot dead by unidentified gunmen. "
        "His body was found at Pikit, Cotabato the next morning."
    )
    evs = _events(pipe, text, country="PH")
    assert evs and all(e.location == "Pikit" for e in evs)


def test_a_place_in_another_clause_of_the_sentence(pipe: Pipeline) -> None:
    # the place sits in the "while" clause, not the clause of the attack
    text = (
        "On 3 May 2021, gunmen threw a grenade at a house while the family was asleep "
        "inside in Pikit, Cotabato."
    )
    evs = _events(pipe, text, country="PH")
    assert evs and all(e.location == "Pikit" and e.geo_precision == 1 for e in evs)


def test_a_name_known_only_as_the_country_yields_to_a_placed_one(pipe: Pipeline) -> None:
    # neither village is in the gazetteer, but the brackets place the second in Oudalan;
    # the first, placed at no more than the country, does not take the event there
    text = (
        "On 3 May 2021, militants killed two herders including a village chief, and wounded "
        "another person between Qwibalo and Tarnuvik (Tarnuvik, Oudalan)."
    )
    evs = _events(pipe, text, country="BF")
    assert evs and all(e.admin2 == "Oudalan" and e.location == "Tarnuvik" for e in evs)


def test_the_place_a_report_says_it_coded_wins(pipe: Pipeline) -> None:
    # the report names a road between two towns and says which one it puts the event at
    text = (
        "On 3 May 2021, militants abducted a driver on the road between Djibo and "
        "Gorom-Gorom (coded as Gorom-Gorom at geoprecision 2)."
    )
    evs = _events(pipe, text, country="BF")
    assert evs and all(e.location == "Gorom-Gorom" for e in evs)
    assert all(haversine_km(e.latitude, e.longitude, *GOROM) < 5 for e in evs)  # type: ignore[arg-type]
