"""Actors as ACLED names them in one theatre, from the context the report gives (made-up
places): in the Philippines' drug war, vigilantes who kill drug suspects are ACLED's
anti-drug vigilantes; vigilantes elsewhere, or beating a thief, stay a communal militia."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from tests.test_who_did_what import bare, events


@pytest.mark.parametrize(
    ("text", "country", "actor1"),
    [
        (
            "A drug suspect was shot dead by suspected vigilantes in Barangay Lupi on May 9.",
            "PH",
            "anti-drug vigilantes (philippines)",
        ),
        (
            "Vigilantes beat up a suspected thief in Barangay Lupi on May 9.",
            "PH",
            "unidentified communal militia (philippines)",
        ),
        (
            "A drug dealer was shot dead by vigilantes in Lupi on May 9.",
            "BF",
            "unidentified communal militia (burkina faso)",
        ),
    ],
)
def test_drug_war_vigilantes(pipe: Pipeline, text: str, country: str, actor1: str) -> None:
    evs = events(pipe, text, country, "en", published=dt.date(2020, 5, 11))
    assert evs and bare(evs[0].actor1) == actor1


@pytest.mark.parametrize(
    ("text", "lang", "actor2"),
    [
        # a defence volunteer is an armed militiaman, not an aid worker or a civilian
        (
            "Orang-orang bersenjata menyerang anggota relawan pertahanan (VDP) di Kera pada Senin.",
            "id",
            "vdp: volunteer for defense of homeland",
        ),
        (
            "Kelompok bersenjata menyerang relawan pertahanan di Kera pada Senin.",
            "id",
            "unidentified communal militia (burkina faso)",
        ),
        (
            "Gunmen attacked defence volunteers in Kera on Monday.",
            "en",
            "unidentified communal militia (burkina faso)",
        ),
    ],
)
def test_defence_volunteers_are_a_militia_they_fight(
    pipe: Pipeline, text: str, lang: str, actor2: str
) -> None:
    ev = events(pipe, text, "BF", lang, published=dt.date(2020, 5, 11))[0]
    assert ev.sub_event_type == "Armed clash"
    assert bare(ev.actor2) == actor2
