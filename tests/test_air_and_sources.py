"""Aircraft make air strikes, by the forces the text says own them; a speaker is a source,
not a party; a group the text does not name is not supplied from where it happened.
Made-up reports in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event

PUB = dt.date(2023, 6, 15)


def _events(pipe: Pipeline, text: str, lang: str = "en", country: str | None = None) -> list[Event]:
    return pipe.process(Document("t", text, PUB, lang, country=country)).events


# -- 6. aircraft ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "actor1"),
    [
        ("en", "Warplanes struck rebel positions near Kidal on Monday.", None),
        ("en", "Warplanes bombed villages near Kidal on Monday.", None),
        (
            "en",
            "Malian warplanes struck rebel positions near Kidal on Monday.",
            "Military Forces of Mali",
        ),
        (
            "en",
            "An army helicopter dropped barrel bombs on Kidal on Monday.",
            "Military Forces of Mali",
        ),
        (
            "en",
            "The air force bombed a rebel camp near Kidal on Monday.",
            "Military Forces of Mali",
        ),
        ("en", "Five villagers were killed by a drone near Kidal on Monday.", None),
        (
            "en",
            "The Nigerian Air Force bombed a Boko Haram camp near Gwoza on Monday.",
            "Military Forces of Nigeria",
        ),
        (
            "id",
            "Pesawat tempur TNI membombardir markas kelompok bersenjata di Sugapa pada Senin.",
            "Military Forces of Indonesia",
        ),
        (
            "id",
            "Helikopter militer menembaki permukiman warga di Sugapa pada Senin.",
            "Military Forces of Indonesia",
        ),
    ],
)
def test_aircraft_strikes_are_air_strikes(
    pipe: Pipeline, lang: str, text: str, actor1: str | None
) -> None:
    evs = _events(pipe, text, lang)
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    if actor1 is not None:
        assert evs[0].actor1.startswith(actor1)  # whose aircraft, when the text says it
    else:
        assert not evs[0].actor1.startswith("Military Forces")  # nobody said whose


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Rebels shot down an army helicopter near Kidal on Monday."),
        ("en", "Gunmen fired at a helicopter carrying the governor near Kidal on Monday."),
        ("en", "Soldiers seized two drones and clashed with rebels near Kidal on Monday."),
    ],
)
def test_aircraft_shot_at_or_seized_make_no_air_strike(
    pipe: Pipeline, lang: str, text: str
) -> None:
    assert "Air/drone strike" not in [e.sub_event_type for e in _events(pipe, text, lang)]


# -- 7. sources are not parties ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "country", "text"),
    [
        ("en", "NG", "Gunmen killed three people on Tuesday, the army said."),
        ("en", "NG", "Gunmen killed three people in Zurmi on Tuesday, according to police."),
        ("en", "NG", "Police said gunmen killed three people in Zurmi on Tuesday."),
        (
            "id",
            "ID",
            "Orang tak dikenal menembak mati tiga warga di Sugapa pada Selasa, kata Kapolres.",
        ),
        (
            "id",
            "ID",
            "Tiga warga tewas ditembak orang tak dikenal di Sugapa pada Selasa, menurut polisi.",
        ),
    ],
)
def test_the_speaker_is_a_source_not_a_party(
    pipe: Pipeline, lang: str, country: str, text: str
) -> None:
    evs = _events(pipe, text, lang, country)
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Attack", 3)]
    parties = {evs[0].actor1, evs[0].actor2}
    assert not any(p.startswith(("Military", "Police")) for p in parties), parties
    assert evs[0].actor1.startswith("Unidentified Armed Group")


def test_a_speaker_that_acts_still_acts(pipe: Pipeline) -> None:
    evs = _events(pipe, "Police said they arrested two suspects in Zurmi on Tuesday.", "en", "NG")
    assert [(e.sub_event_type, e.actor1.split(" (")[0]) for e in evs] == [
        ("Arrests", "Police Forces of Nigeria")
    ]


def test_no_group_from_a_regional_prior(pipe: Pipeline) -> None:
    evs = _events(pipe, "Terduga teroris di Poso menembak mati dua petani pada Selasa.", "id", "ID")
    assert [e.actor1 for e in evs] == ["Unidentified Armed Group (Indonesia)"]
    # named, it is the group
    evs = _events(pipe, "Anggota MIT menembak mati dua petani di Poso pada Selasa.", "id", "ID")
    assert [e.actor1 for e in evs] == ["MIT: East Indonesia Mujahideen"]
