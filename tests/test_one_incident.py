"""One incident, one event: civilians harmed in the course of a battle and the fight back
against its attacker are parts of that battle (ACLED codes one battle with the whole toll).
Made-up reports in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event

PUB = dt.date(2023, 6, 15)


def _events(pipe: Pipeline, text: str, lang: str, country: str) -> list[Event]:
    return pipe.process(Document("t", text, PUB, lang, country=country)).events


@pytest.mark.parametrize(
    ("lang", "country", "text", "toll"),
    [
        (
            "en",
            "BF",
            "Gunmen attacked a gendarmerie post in Kermi on Monday. Two civilians were killed "
            "in the crossfire.",
            2,
        ),
        (
            "en",
            "BF",
            "Militants attacked a police station in Kermi on Monday and wounded two policemen. "
            "The militants killed three civilians during their withdrawal.",
            3,
        ),
        (
            "id",
            "ID",
            "KKB menyerang pos polisi di Kermi pada Senin. Dua warga tewas terkena peluru nyasar.",
            2,
        ),
    ],
)
def test_civilians_harmed_in_a_battle_are_its_toll(
    pipe: Pipeline, lang: str, country: str, text: str, toll: int
) -> None:
    evs = _events(pipe, text, lang, country)
    assert [e.sub_event_type for e in evs] == ["Armed clash"], [
        (e.sub_event_type, e.actor2, e.fatalities) for e in evs
    ]
    assert evs[0].fatalities == toll
    assert "Police" in evs[0].actor2 or "Gendarmerie" in evs[0].actor2


def test_civilians_killed_on_another_day_stay_an_attack(pipe: Pipeline) -> None:
    text = (
        "Gunmen attacked a gendarmerie post in Kermi on Monday. On Thursday, gunmen killed "
        "two civilians in Kermi."
    )
    evs = _events(pipe, text, "en", "BF")
    assert sorted(e.sub_event_type for e in evs) == ["Armed clash", "Attack"]


@pytest.mark.parametrize(
    ("lang", "country", "text", "toll"),
    [
        (
            "en",
            "BF",
            "Rebels of the Kermi Liberation Front attacked a militia post in Kermi on Monday. "
            "The army intervened and killed four rebels.",
            4,
        ),
        (
            "en",
            "BF",
            "Militants attacked an army unit in Kermi on Monday. Two assailants were killed.",
            2,
        ),
        (
            "id",
            "ID",
            "KKB menyerang pos TNI di Kermi pada Senin. Dua anggota KKB tewas dalam kontak tembak.",
            2,
        ),
    ],
)
def test_the_fight_back_against_an_attacker_is_the_same_battle(
    pipe: Pipeline, lang: str, country: str, text: str, toll: int
) -> None:
    evs = _events(pipe, text, lang, country)
    assert len(evs) == 1, [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in evs]
    assert evs[0].sub_event_type == "Armed clash"
    assert evs[0].fatalities == toll


@pytest.mark.parametrize(
    ("lang", "country", "text"),
    [
        (
            "en",
            "BF",
            "Soldiers defused an IED in Kermi on Monday. The bomb had been planted by rebels.",
        ),
        (
            "id",
            "ID",
            "Polisi menjinakkan sebuah bom di Kermi pada Senin. Bom itu dirakit oleh kelompok "
            "teroris.",
        ),
    ],
)
def test_a_bomb_made_safe_is_one_disrupted_weapons_use(
    pipe: Pipeline, lang: str, country: str, text: str
) -> None:
    evs = _events(pipe, text, lang, country)
    assert [e.sub_event_type for e in evs] == ["Disrupted weapons use"], [
        (e.sub_event_type, e.actor1, e.actor2) for e in evs
    ]
    # whoever planted the device is the other side
    assert evs[0].actor2 and "Forces" not in evs[0].actor2


def test_a_bomb_that_went_off_before_another_was_found_stays_a_bombing(pipe: Pipeline) -> None:
    text = "A bomb exploded in Kermi on Monday. Another bomb was defused by soldiers nearby."
    evs = _events(pipe, text, "en", "BF")
    assert sorted(e.sub_event_type for e in evs) == [
        "Disrupted weapons use",
        "Remote explosive/landmine/IED",
    ]


@pytest.mark.parametrize(
    ("lang", "country", "text", "toll"),
    [
        (
            "en",
            "BF",
            "Militants attacked the village of Kermi on Monday, killed two militiamen and "
            "seized livestock.",
            2,
        ),
        (
            "id",
            "ID",
            "Kelompok bersenjata menyerang pos polisi di Kermi pada Senin, menembak mati seorang "
            "polisi dan membakar pos itu.",
            1,
        ),
    ],
)
def test_goods_taken_in_the_breath_of_a_deadly_attack_are_the_attacks(
    pipe: Pipeline, lang: str, country: str, text: str, toll: int
) -> None:
    evs = _events(pipe, text, lang, country)
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Armed clash", toll)]


def test_an_attack_that_hurt_no_one_and_burnt_is_the_burning(pipe: Pipeline) -> None:
    text = "Rebels attacked a plantation in Kermi on Monday and burned a warehouse."
    evs = _events(pipe, text, "en", "BF")
    assert "Looting/property destruction" in [e.sub_event_type for e in evs]


@pytest.mark.parametrize(
    ("lang", "country", "text"),
    [
        ("en", "PH", "Soldiers arrested six rebels after a brief firefight in Kermi on Monday."),
        (
            "id",
            "ID",
            "Prajurit TNI menangkap enam anggota KKB setelah kontak tembak singkat di Kermi pada "
            "Senin.",
        ),
    ],
)
def test_arrests_in_the_course_of_a_battle_are_the_battle(
    pipe: Pipeline, lang: str, country: str, text: str
) -> None:
    evs = _events(pipe, text, lang, country)
    assert [e.sub_event_type for e in evs] == ["Armed clash"], [
        (e.sub_event_type, e.actor1, e.actor2) for e in evs
    ]


def test_arrests_on_another_day_stay_arrests(pipe: Pipeline) -> None:
    text = (
        "Soldiers clashed with rebels in Kermi on Monday. On Friday, police arrested two "
        "rebels in Kermi."
    )
    evs = _events(pipe, text, "en", "PH")
    assert sorted(e.sub_event_type for e in evs) == ["Armed clash", "Arrests"]
