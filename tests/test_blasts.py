"""Bombs, their harm and their disruption, as ACLED codes them: a blast that wounds soldiers is
a remote explosive, not a battle, unless a fight follows it. Made-up reports in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document

PUB = dt.date(2023, 6, 15)


def _subs(pipe: Pipeline, text: str, lang: str, country: str = "ID") -> list[str]:
    return [
        e.sub_event_type
        for e in pipe.process(Document("t", text, PUB, lang, country=country)).events
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Rebels detonated a roadside device that injured three soldiers by Kermi on Monday.",
        ),
        (
            "en",
            "Militants set off an IED targeting an army column by Kermi on Monday and wounded "
            "two soldiers.",
        ),
        ("id", "KKB meledakkan bom rakitan yang melukai tiga prajurit TNI di Kermi pada Senin."),
    ],
)
def test_a_blast_that_wounds_soldiers_is_a_remote_explosive(
    pipe: Pipeline, lang: str, text: str
) -> None:
    assert _subs(pipe, text, lang) == ["Remote explosive/landmine/IED"]


def test_an_ambush_opened_by_a_bomb_stays_a_battle(pipe: Pipeline) -> None:
    text = (
        "Rebels detonated a landmine under an army truck near Kermi on Monday and then "
        "ambushed the soldiers."
    )
    assert _subs(pipe, text, "en") == ["Armed clash"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "A bus carrying traders was struck by an IED near Kermi on Monday, killing four."),
        ("id", "Truk yang membawa pedagang terkena bom rakitan di Kermi pada Senin."),
    ],
)
def test_a_vehicle_carrying_people_struck_by_a_bomb_is_a_bombing(
    pipe: Pipeline, lang: str, text: str
) -> None:
    # the device hit what was carried: no weapons held
    assert _subs(pipe, text, lang) == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Soldiers retrieved two IEDs planted by rebels near Kermi on Monday."),
        (
            "en",
            "Police recovered a bomb near Kermi on Monday. The rebels had intended the device "
            "for an imminent attack on the market.",
        ),
        ("id", "Tentara menemukan dua bom rakitan yang dipasang KKB di Kermi pada Senin."),
    ],
)
def test_a_bomb_found_before_it_was_used_is_a_disrupted_weapons_use(
    pipe: Pipeline, lang: str, text: str
) -> None:
    assert _subs(pipe, text, lang) == ["Disrupted weapons use"]


def _events(pipe: Pipeline, text: str, lang: str) -> list[tuple[str, str]]:
    evs = pipe.process(Document("t", text, PUB, lang, country="ID")).events
    return [(e.sub_event_type, e.actor1) for e in evs]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Hundreds of families evacuated to safer areas in Kalo on Monday following clashes "
            "between the army and rebels.",
        ),
        (
            "en",
            "Following clashes between the army and rebels in Kalo on Monday, hundreds of "
            "families were displaced.",
        ),
        (
            "id",
            "Ratusan warga mengungsi dari Desa Kalo pada Senin setelah kontak tembak antara TNI "
            "dan KKB.",
        ),
    ],
)
def test_a_report_that_centres_on_a_flight_is_a_development_of_its_own(
    pipe: Pipeline, lang: str, text: str
) -> None:
    evs = _events(pipe, text, lang)
    assert ("Other", "Civilians (Indonesia)") in evs, evs
    assert "Armed clash" in [s for s, _ in evs]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Rebels attacked Kalo village on Monday, and hundreds of families fled their homes.",
        ),
        ("en", "Rebels attacked Kalo village on Monday. Hundreds of families fled to Mera."),
        ("id", "KKB menyerang Desa Kalo pada Senin. Ratusan warga mengungsi ke Mera."),
    ],
)
def test_a_flight_told_after_the_attack_is_its_consequence(
    pipe: Pipeline, lang: str, text: str
) -> None:
    r = pipe.process(Document("t", text, PUB, lang, country="ID"))
    assert [e.sub_event_type for e in r.events] == ["Attack"]
    assert any("displacement" in n.reason for n in r.non_events)


@pytest.mark.parametrize(
    ("lang", "text", "sub"),
    [
        (
            "en",
            "A grenade planted under a car wounded a trader in Kalo on Monday.",
            "Remote explosive/landmine/IED",
        ),
        (
            "id",
            "Sebuah granat yang dipasang di bawah mobil melukai dua warga di Kalo pada Senin.",
            "Remote explosive/landmine/IED",
        ),
        ("en", "Gunmen threw a grenade at a police post in Kalo on Monday.", "Grenade"),
    ],
)
def test_a_planted_grenade_is_a_remote_device(
    pipe: Pipeline, lang: str, text: str, sub: str
) -> None:
    assert _subs(pipe, text, lang) == [sub]


def test_intercepted_and_killed_is_a_killing_not_a_foiled_one(pipe: Pipeline) -> None:
    text = "Militants intercepted and killed two soldiers near Kalo on Monday."
    assert _subs(pipe, text, "en") == ["Armed clash"]
