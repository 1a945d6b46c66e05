"""Attacks on property, on made-up reports (Lupi is made up): an attack on a building, a plant
or machinery with no one reported hurt destroys property (ACLED's Looting/property
destruction); an attack that hurts people, or strikes a vehicle that carries them, stays an
attack on civilians."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from tests.test_who_did_what import events


@pytest.mark.parametrize(
    ("text", "lang", "country", "sub"),
    [
        (
            "About 15 New People's Army rebels attacked a power plant in Lupi on 25 February.",
            "en",
            "PH",
            "Looting/property destruction",
        ),
        (
            "Kelompok KKB menyerang alat berat milik perusahaan di Distrik Lupi, Senin (4/5/2020).",
            "id",
            "ID",
            "Looting/property destruction",
        ),
        (
            "New People's Army rebels attacked a construction site in Lupi on 25 February, "
            "killing a guard.",
            "en",
            "PH",
            "Attack",
        ),
        (
            "Gunmen opened fire on a vehicle of a road construction company near Lupi on "
            "25 February. The driver escaped unharmed.",
            "en",
            "BF",
            "Attack",
        ),
    ],
)
def test_attacks_on_property(pipe: Pipeline, text: str, lang: str, country: str, sub: str) -> None:
    found = events(pipe, text, country, lang, published=dt.date(2020, 5, 6))
    assert [e.sub_event_type for e in found] == [sub]
