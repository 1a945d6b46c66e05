"""How a crowd event is typed (ACLED): a demonstration that turned violent is one riot however
often the report also calls it a protest; an arrest the crowd protests against is no
intervention; a symbol burnt is the protest's gesture. Made-up reports (Lupi is made up)."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from tests.test_who_did_what import bare, events


def _types(pipe: Pipeline, text: str, country: str, lang: str) -> list[str]:
    evs = events(pipe, text, country, lang, published=dt.date(2020, 5, 5))
    return [e.sub_event_type for e in evs]


def test_a_barricade_then_the_demonstrators_told_again_is_one_riot(pipe: Pipeline) -> None:
    text = (
        "Hundreds of protesters in Lupi set up barricades on the main road on 3 May. "
        "The demonstrators demanded lower bread prices."
    )
    evs = events(pipe, text, "BF", "en", published=dt.date(2020, 5, 5))
    assert [e.sub_event_type for e in evs] == ["Violent demonstration"]
    assert bare(evs[0].actor1) == "rioters (burkina faso)"


@pytest.mark.parametrize(
    ("text", "country", "lang", "expected"),
    [
        (
            "Teachers held a protest in Lupi on 3 May against the arrest of their union leader.",
            "BF",
            "en",
            ["Peaceful protest"],
        ),
        (
            "Workers protested in Lupi on 3 May against low wages, and police arrested five "
            "of them.",
            "BF",
            "en",
            ["Protest with intervention"],
        ),
        (
            "Ratusan mahasiswa berunjuk rasa di depan kantor DPRD Lupi, Minggu (3/5/2020), "
            "memprotes penangkapan ketua BEM mereka.",
            "ID",
            "id",
            ["Peaceful protest"],
        ),
        (
            "Ratusan mahasiswa berunjuk rasa di depan kantor DPRD Lupi, Minggu (3/5/2020). "
            "Polisi menangkap lima mahasiswa.",
            "ID",
            "id",
            ["Protest with intervention"],
        ),
    ],
)
def test_an_arrest_protested_against_is_no_intervention(
    pipe: Pipeline, text: str, country: str, lang: str, expected: list[str]
) -> None:
    assert _types(pipe, text, country, lang) == expected


@pytest.mark.parametrize(
    ("text", "country", "lang", "expected"),
    [
        (
            "Students marched in Lupi on 3 May and burnt an effigy of the governor.",
            "PH",
            "en",
            "Peaceful protest",
        ),
        (
            "Students marched in Lupi on 3 May and burnt the town hall.",
            "PH",
            "en",
            "Violent demonstration",
        ),
        (
            "Ratusan mahasiswa berunjuk rasa di depan kantor DPRD Lupi, Minggu (3/5/2020), "
            "dan membakar foto gubernur.",
            "ID",
            "id",
            "Peaceful protest",
        ),
        (
            "Ratusan mahasiswa berunjuk rasa di depan kantor DPRD Lupi, Minggu (3/5/2020), "
            "dan membakar pos polisi.",
            "ID",
            "id",
            "Violent demonstration",
        ),
    ],
)
def test_a_symbol_burnt_leaves_the_protest_peaceful(
    pipe: Pipeline, text: str, country: str, lang: str, expected: str
) -> None:
    assert _types(pipe, text, country, lang) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # the killing told in a relative clause was done by no one in the crowd
        "Mourners marched in Lupi on 3 May to the grave of a teacher who was killed in 2015.",
        # "engaged" with no one to fight is no clash
        "Nurses in Lupi engaged in a silent march on 3 May to demand unpaid wages.",
    ],
)
def test_a_peaceful_march_stays_peaceful(pipe: Pipeline, text: str) -> None:
    types = _types(pipe, text, "BF", "en")
    assert "Peaceful protest" in types
    assert "Violent demonstration" not in types


@pytest.mark.parametrize(
    ("text", "country", "lang"),
    [
        ("Angry protesters stormed the prefecture of Lupi on 3 May.", "BF", "en"),
        ("Puluhan demonstran menyerang kantor camat Lupi, Minggu (3/5/2020).", "ID", "id"),
    ],
)
def test_protesters_who_attack_demonstrate_violently(
    pipe: Pipeline, text: str, country: str, lang: str
) -> None:
    # no other word of a demonstration: the crowd named as protesters says it
    assert _types(pipe, text, country, lang) == ["Violent demonstration"]


def test_forces_that_intervene_in_a_demonstration_intervene_in_it(pipe: Pipeline) -> None:
    evs = events(
        pipe,
        "Students protested in Lupi on 3 May. Police intervened.",
        "BF",
        "en",
        published=dt.date(2020, 5, 5),
    )
    assert [e.sub_event_type for e in evs] == ["Protest with intervention"]
    assert bare(evs[0].actor2) == "police forces of burkina faso"


def test_forces_that_intervene_with_no_demonstration_near_break_up_no_protest(
    pipe: Pipeline,
) -> None:
    text = "Soldiers intervened in Lupi on 3 May after a fight between two herders."
    assert "Protest with intervention" not in _types(pipe, text, "BF", "en")


@pytest.mark.parametrize(
    ("text", "country", "lang", "forces"),
    [
        (
            "Workers marched to the ministry in Lupi on 3 May. They were stopped by security "
            "forces at the gate.",
            "BF",
            "en",
            "military forces of burkina faso",
        ),
        (
            "Ratusan buruh berunjuk rasa di depan kantor bupati Lupi, Minggu (3/5/2020). Massa "
            "dihadang aparat saat hendak masuk ke halaman kantor.",
            "ID",
            "id",
            "police forces of indonesia",
        ),
    ],
)
def test_a_demonstration_stopped_by_forces_is_intervened(
    pipe: Pipeline, text: str, country: str, lang: str, forces: str
) -> None:
    evs = events(pipe, text, country, lang, published=dt.date(2020, 5, 5))
    assert [e.sub_event_type for e in evs] == ["Protest with intervention"]
    assert bare(evs[0].actor2) == forces


def test_a_rider_stopped_by_police_is_no_protest(pipe: Pipeline) -> None:
    text = "Seorang pengendara dihadang polisi di jalan raya Lupi, Minggu (3/5/2020)."
    assert "Protest with intervention" not in _types(pipe, text, "ID", "id")


@pytest.mark.parametrize(
    "text",
    [
        # what the crowd set fire to belongs to its violent protest: one event
        "Youths protested violently in Lupi on 3 May, setting fire to the town hall.",
        "Pupils burned a classroom in Lupi on 3 May during demos over school fees.",
    ],
)
def test_a_violent_protest_told_by_its_acts_is_one_riot(pipe: Pipeline, text: str) -> None:
    assert _types(pipe, text, "BF", "en") == ["Violent demonstration"]
