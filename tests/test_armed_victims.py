"""Armed victims and unarmed ones, end to end on made-up reports (Lupi is made up): killing
militiamen, rangers or bodyguards is a fight between armed groups (ACLED's Armed clash), while
police or soldiers struck off duty are civilians, and a post burned without a fight is property
destruction."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from tests.test_who_did_what import bare, events


def first(pipe: Pipeline, text: str, country: str, lang: str) -> tuple[str, str, str]:
    found = events(pipe, text, country, lang, published=dt.date(2020, 5, 6))
    assert found, "no event"
    e = found[0]
    return e.sub_event_type, bare(e.actor1), bare(e.actor2)


@pytest.mark.parametrize(
    ("text", "lang", "country", "sub", "actor2"),
    [
        (
            "On 5 May, unknown gunmen killed a militiaman in Lupi.",
            "en",
            "BF",
            "Armed clash",
            "unidentified communal militia (burkina faso)",
        ),
        (
            "On 5 May, suspected militants stormed the rangers' station at Lupi.",
            "en",
            "BF",
            "Armed clash",
            "police forces of burkina faso forest guards",
        ),
        (
            "On 5 May, gunmen shot dead a ranger on patrol near Lupi.",
            "en",
            "BF",
            "Armed clash",
            "police forces of burkina faso forest guards",
        ),
        (
            "On 5 May, gunmen killed the bodyguard of a local trader in Lupi.",
            "en",
            "PH",
            "Armed clash",
            "private security forces (philippines)",
        ),
        # a Philippine militiaman is the army's auxiliary
        (
            "On 5 May, New People's Army rebels killed a militiaman in Lupi.",
            "en",
            "PH",
            "Armed clash",
            "military forces of the philippines citizen armed force geographical unit",
        ),
        (
            "On 5 May, a Barangay Peacekeeping Action Team member was wounded by gunmen in Lupi.",
            "en",
            "PH",
            "Armed clash",
            "police forces of the philippines barangay peacekeeping action team",
        ),
        (
            "Orang tak dikenal menembak mati seorang pengawal pribadi pengusaha di Desa Lupi, "
            "Senin (4/5/2020).",
            "id",
            "ID",
            "Armed clash",
            "private security forces (indonesia)",
        ),
    ],
)
def test_armed_victims_fight(
    pipe: Pipeline, text: str, lang: str, country: str, sub: str, actor2: str
) -> None:
    got_sub, _a1, got_a2 = first(pipe, text, country, lang)
    assert (got_sub, got_a2) == (sub, actor2)


@pytest.mark.parametrize(
    ("text", "lang", "country", "civilians"),
    [
        (
            "On 5 May, gunmen shot dead an off-duty policeman in Lupi.",
            "en",
            "BF",
            "civilians (burkina faso)",
        ),
        # the report says so in the sentence after the killing
        (
            "On 5 May, unknown gunmen shot dead a police officer at Lupi. "
            "The officer was off duty at the time.",
            "en",
            "PH",
            "civilians (philippines)",
        ),
        (
            "Seorang polisi yang sedang libur ditembak mati oleh orang tak dikenal di Desa Lupi, "
            "Senin (4/5/2020).",
            "id",
            "ID",
            "civilians (indonesia)",
        ),
        (
            "Seorang anggota TNI ditembak mati oleh orang tak dikenal di Desa Lupi, Senin "
            "(4/5/2020). Korban saat itu sedang cuti.",
            "id",
            "ID",
            "civilians (indonesia)",
        ),
    ],
)
def test_off_duty_forces_are_civilians(
    pipe: Pipeline, text: str, lang: str, country: str, civilians: str
) -> None:
    assert first(pipe, text, country, lang)[::2] == ("Attack", civilians)


def test_on_duty_police_still_fight(pipe: Pipeline) -> None:
    text = "On 5 May, unknown gunmen shot dead a police officer at Lupi."
    sub, _a1, a2 = first(pipe, text, "PH", "en")
    assert (sub, a2) == ("Armed clash", "police forces of the philippines")


@pytest.mark.parametrize(
    ("text", "lang", "country", "actor2"),
    [
        (
            "On 5 May, suspected JNIM militants burned a ranger station in Lupi.",
            "en",
            "BF",
            "police forces of burkina faso forest guards",
        ),
        (
            "On 5 May, Ansaroul Islam militants burned the empty gendarmerie post in Lupi.",
            "en",
            "BF",
            "police forces of burkina faso gendarmerie",
        ),
    ],
)
def test_posts_burned_without_a_fight(
    pipe: Pipeline, text: str, lang: str, country: str, actor2: str
) -> None:
    sub, _a1, a2 = first(pipe, text, country, lang)
    assert (sub, a2) == ("Looting/property destruction", actor2)


@pytest.mark.parametrize(
    ("text", "sub", "actor2"),
    [
        # an ambush is an assault by one side: on a family it is an attack on civilians
        (
            "On 5 May, gunmen ambushed a trader and his sons near Lupi, the trader was shot dead.",
            "Attack",
            "civilians (burkina faso)",
        ),
        (
            "On 5 May, militants ambushed a military convoy near Lupi.",
            "Armed clash",
            "military forces of burkina faso",
        ),
        (
            "On 5 May, two soldiers were killed in an ambush near Lupi.",
            "Armed clash",
            "military forces of burkina faso",
        ),
    ],
)
def test_ambush_victims(pipe: Pipeline, text: str, sub: str, actor2: str) -> None:
    assert first(pipe, text, "BF", "en")[::2] == (sub, actor2)


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "On 5 May, militants raided Lupi and shot two men described as Koglweogo militiamen.",
            "koglweogo militia",
        ),
        (
            "On 5 May, gunmen killed three men identified as members of Ansaroul Islam in Lupi.",
            "ansaroul islam",
        ),
    ],
)
def test_victims_described_as_members(pipe: Pipeline, text: str, actor2: str) -> None:
    assert first(pipe, text, "BF", "en")[::2] == ("Armed clash", actor2)


@pytest.mark.parametrize(
    "text",
    [
        "On 5 May, soldiers beat a trader accused of being an informer for rebels at Lupi.",
        "On 5 May, soldiers executed nine men in Lupi, claiming they were militants.",
    ],
)
def test_people_only_accused_of_membership_are_civilians(pipe: Pipeline, text: str) -> None:
    assert first(pipe, text, "BF", "en")[::2] == ("Attack", "civilians (burkina faso)")


def test_nationals_are_civilians_of_their_country(pipe: Pipeline) -> None:
    text = "On 5 May, gunmen shot dead two Czech nationals near Lupi."
    assert first(pipe, text, "BF", "en")[::2] == ("Attack", "civilians (czech republic)")


def test_exchanges_of_gunfire_are_a_fight(pipe: Pipeline) -> None:
    text = (
        "On 5 May, suspected Ansaroul Islam militants exchange gunfire with a police patrol "
        "near Lupi, no casualties reported."
    )
    assert first(pipe, text, "BF", "en") == (
        "Armed clash",
        "ansaroul islam",
        "police forces of burkina faso",
    )


def test_a_group_destroying_a_rival_groups_posts_fights_it(pipe: Pipeline) -> None:
    # a rival armed group's posts are held positions: destroying them is a battle, unlike a
    # police or army post burned without a fight
    text = "On 5 May, Islamic State fighters destroyed the posts of Jabhat al-Nusra in Lupi."
    sub, a1, _a2 = first(pipe, text, "SY", "en")
    assert sub == "Armed clash" and "islamic state" in a1
