"""Wire phrasings from many theatres (made-up reports; Lupi and Orlam are made up): the less
common ways of telling an event, and reports of deaths and damage that are no ACLED event."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def events(pipe: Pipeline, text: str) -> list[Event]:
    doc = Document(id="t", text=text, published=dt.date(2024, 5, 8), lang="en")
    return pipe.process(doc).events


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Government aircraft dropped canisters of chlorine barrels on Lupi on Monday, "
            "and doctors treated dozens of residents for choking.",
            "Chemical weapon",
        ),
        (
            "The army fired artillery rounds filled with a blister agent at rebel trenches "
            "east of Orlam on Sunday, a monitor said.",
            "Chemical weapon",
        ),
        (
            "Barrel bombs dropped by army helicopters destroyed a bakery in Lupi on Monday, "
            "killing four people.",
            "Air/drone strike",
        ),
        (
            "A suicide truck bomber drove into the gate of a police academy in Orlam on "
            "Tuesday, killing six recruits.",
            "Suicide bomb",
        ),
        (
            "Soldiers opened fire on mourners marching behind a coffin in Lupi on Monday, "
            "killing three people.",
            "Excessive force against protesters",
        ),
        (
            "Nurses formed a human chain around the main hospital in Orlam on Monday to demand "
            "overdue salaries.",
            "Peaceful protest",
        ),
        (
            "Al Shabaab fighters set up an outpost on a ridge above the town of Bardera on "
            "Sunday, villagers said.",
            "Headquarters or base established",
        ),
        (
            "The defence ministry brought in reinforcements to the border town of Orlam on "
            "Tuesday after weeks of tension.",
            "Change to group/activity",
        ),
        (
            "Army officers seized power in Orlam on Monday and dissolved parliament in a "
            "televised address.",
            "Other",
        ),
        (
            "Militants of the Lupi Liberation Front imposed a blockade on the market town of "
            "Orlam on Sunday, halting food deliveries.",
            "Other",
        ),
        (
            "Troops launched an offensive against rebels near Orlam on Tuesday, the army said.",
            "Armed clash",
        ),
        (
            "Government forces mounted ground assaults on militant positions in Lupi on Monday.",
            "Armed clash",
        ),
    ],
)
def test_less_common_phrasings_give_their_type(pipe: Pipeline, text: str, sub: str) -> None:
    assert sub in [e.sub_event_type for e in events(pipe, text)]


@pytest.mark.parametrize(
    "text",
    [
        # nature
        "The volcano above Lupi erupted overnight, burying two farms under ash and killing a "
        "shepherd, officials said.",
        "Extreme heat killed eleven elderly people in Orlam over the weekend, doctors said.",
        # accidents and accidental blasts
        "A minibus plunged off a bridge into a river near Lupi on Monday, killing nine passengers.",
        "A boiler exploded at a textile mill in Orlam on Tuesday, killing four workers.",
        "An oil tanker caught in traffic exploded near Lupi on Sunday, killing seven people.",
        # fires nobody set
        "A fire at a shoe factory in Orlam killed 13 workers on Monday night.",
        # courts and ordinary crime
        "A man was sentenced to 20 years in prison in Lupi on Monday for shooting his cousin "
        "in 2021.",
        "A shopkeeper was killed in Orlam on Sunday after a row over an unpaid debt, police said.",
        # sport
        "Lupi crushed Orlam 4-1 in the cup final on Sunday, the striker scoring twice.",
        # talks without a deal
        "Negotiators from both sides met in Orlam on Monday to discuss a draft agreement on "
        "prisoner releases, but talks collapsed.",
    ],
)
def test_deaths_and_damage_of_no_acled_kind_give_no_event(pipe: Pipeline, text: str) -> None:
    assert events(pipe, text) == []


def test_riot_police_are_a_force_not_a_riot(pipe: Pipeline) -> None:
    text = (
        "Riot police used water cannon to break up a crowd of traders protesting outside the "
        "town hall in Kumasi on Friday."
    )
    subs = [e.sub_event_type for e in events(pipe, text)]
    assert "Violent demonstration" not in subs
    assert "Protest with intervention" in subs


@pytest.mark.parametrize(
    "text",
    [
        "The police arrested two burglars in Cebu City on Monday after a chase.",
        "A woman was convicted in Kano on Monday of stabbing her husband to death in 2022.",
        "Two brothers were charged in Nakuru on Friday with beating a neighbour over an unpaid "
        "debt.",
    ],
)
def test_arrests_and_trials_of_ordinary_crime_are_no_event(pipe: Pipeline, text: str) -> None:
    assert events(pipe, text) == []


def test_arrests_of_armed_group_members_stay_arrests(pipe: Pipeline) -> None:
    text = "Police arrested two suspected New People's Army rebels in Cebu City on Monday."
    assert [e.sub_event_type for e in events(pipe, text)] == ["Arrests"]


def test_a_scuffle_with_police_is_a_violent_demonstration(pipe: Pipeline) -> None:
    text = (
        "Farmers protesting over maize prices scuffled with police outside the agriculture "
        "ministry in Nairobi on Monday."
    )
    assert "Violent demonstration" in [e.sub_event_type for e in events(pipe, text)]


def test_protesters_who_block_vehicles_stay_a_violent_demonstration(pipe: Pipeline) -> None:
    # a later sentence naming "the protesters" again does not make the riot peaceful
    text = (
        "Taxi drivers burned tyres at a roundabout in Lusaka on Monday against a fuel price "
        "rise. The protesters blocked trucks heading for the border."
    )
    assert "Violent demonstration" in [e.sub_event_type for e in events(pipe, text)]
