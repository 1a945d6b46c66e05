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


# Where the text puts an event, told in ways that once lost it (location, or None for a
# name of no matter, and the point it must lie near)
PLACED = {
    # "Arrests:" opens the note and names no place; the arrest it heads happened in Pikit
    "heading": (
        "Arrests: On 3 May 2021, soldiers arrested a rebel leader at a checkpoint in Pikit.",
        "PH",
        "Pikit",
        PIKIT,
    ),
    # "Sta." is no full stop: the village and its town stay in the sentence of the killing
    "abbreviated saint": (
        "On 3 May 2021, gunmen killed a farmer in Brgy. Sta. Zorbita, Pikit, Cotabato.",
        "PH",
        "Sta. Zorbita",
        PIKIT,
    ),
    # a street named after a large town elsewhere, a party named after a small one
    "street and party": (
        "On 3 May 2021, supporters of the Liberal Party clashed with police on Roxas "
        "Boulevard in Pikit, Cotabato.",
        "PH",
        None,
        PIKIT,
    ),
    # the killing names no place; the next sentence says where: not just the country
    "place told after": (
        "On 3 May 2021, a farmer was shot dead by unidentified gunmen. "
        "His body was found at Pikit, Cotabato the next morning.",
        "PH",
        "Pikit",
        PIKIT,
    ),
    # the place sits in the "while" clause, not the clause of the attack
    "place in another clause": (
        "On 3 May 2021, gunmen threw a grenade at a house while the family was asleep "
        "inside in Pikit, Cotabato.",
        "PH",
        "Pikit",
        PIKIT,
    ),
    # neither village is in the gazetteer, but the brackets place the second in Oudalan;
    # the first, placed at no more than the country, does not take the event there
    "known only as the country": (
        "On 3 May 2021, militants killed two herders including a village chief, and wounded "
        "another person between Qwibalo and Tarnuvik (Tarnuvik, Oudalan).",
        "BF",
        "Tarnuvik",
        GOROM,
    ),
    # the report names a road between two towns and says which one it puts the event at
    "coded as": (
        "On 3 May 2021, militants abducted a driver on the road between Djibo and "
        "Gorom-Gorom (coded as Gorom-Gorom at geoprecision 2).",
        "BF",
        "Gorom-Gorom",
        GOROM,
    ),
}


@pytest.mark.parametrize("case", sorted(PLACED))
def test_events_land_where_the_text_puts_them(pipe: Pipeline, case: str) -> None:
    text, country, location, point = PLACED[case]
    evs = _events(pipe, text, country=country)
    assert evs
    for e in evs:
        assert location is None or e.location == location, (e.location, e.sub_event_type)
        assert e.latitude is not None and e.longitude is not None
        assert haversine_km(e.latitude, e.longitude, *point) < 5, e.location


@pytest.mark.parametrize(
    "text",
    [
        # a named group after "a camp of the" is no place taken
        "On 3 May 2021, troops captured a hideout of the Bangsamoro Islamic Freedom Fighters "
        "in Pikit, Cotabato.",
        # a military unit's name with its nickname in brackets is no place
        "On 3 May 2021, soldiers of the 6th Infantry (Kampilan) Division clashed with rebels "
        "in Pikit, Cotabato.",
        # the group that led a rally is no place
        "On 3 May 2021, protesters led by Bayan held a rally in Pikit, Cotabato.",
    ],
)
def test_names_of_groups_and_units_are_not_where_it_happened(pipe: Pipeline, text: str) -> None:
    evs = _events(pipe, text, "PH")
    assert evs
    for ev in evs:
        assert ev.location == "Pikit"
        assert haversine_km(ev.latitude, ev.longitude, *PIKIT) < 5  # type: ignore[arg-type]
