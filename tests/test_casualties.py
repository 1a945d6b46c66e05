"""Killed and injured counts, in digits and in words, in English and Indonesian."""

from __future__ import annotations

import pytest

from groundfacts.packs import Pack


@pytest.fixture(scope="module")
def en() -> Pack:
    return Pack.load("en")


@pytest.fixture(scope="module")
def id_() -> Pack:
    return Pack.load("id")


def _counts(pack: Pack, text: str) -> list[tuple[str, int]]:
    found = pack.casualties(text)
    for c in found:
        assert text[c.start : c.end] == c.text
    return [(c.kind, c.count) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast hit the market, killing six.", [("killed", 6)]),
        ("Six people were killed in the raid.", [("killed", 6)]),
        ("At least 12 dead after the attack.", [("killed", 12)]),
        ("The raid left 3 dead and 5 wounded.", [("killed", 3), ("injured", 5)]),
        ("Gunmen killed a civilian in Doru.", [("killed", 1)]),
        ("Gunmen killed two soldiers and wounded three others.", [("killed", 2), ("injured", 3)]),
        ("Militants killed at least twenty-four soldiers.", [("killed", 24)]),
        ("Dozens killed as the camp was shelled.", [("killed", 12)]),
        ("Several villagers died in the fire.", [("killed", 10)]),
        ("The attack caused no casualties.", [("killed", 0)]),
        ("Three policemen and an assailant were killed.", [("killed", 4)]),
        ("The death toll rose to 15 on Monday.", [("killed", 15)]),
        ("One hundred and five people were killed.", [("killed", 105)]),
        ("A number of people were killed.", []),
        ("In 2014 killed men were buried.", []),
    ],
)
def test_english(en: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(en, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serangan itu menewaskan 12 orang.", [("killed", 12)]),
        ("Dua warga tewas dalam bentrokan itu.", [("killed", 2)]),
        ("Tiga prajurit gugur dalam kontak senjata.", [("killed", 3)]),
        ("Sebanyak 5 orang luka-luka.", [("injured", 5)]),
        ("Seorang warga tewas ditembak.", [("killed", 1)]),
        ("Dua belas orang tewas dan tujuh orang terluka.", [("killed", 12), ("injured", 7)]),
        ("Sedikitnya dua puluh tiga orang meninggal dunia.", [("killed", 23)]),
        ("Puluhan orang tewas akibat serangan itu.", [("killed", 12)]),
        ("Ledakan itu menewaskan 1.200 orang.", [("killed", 1200)]),
        ("Korban tewas mencapai 15 orang.", [("killed", 15)]),
        ("Tidak ada korban jiwa dalam kejadian itu.", [("killed", 0)]),
        ("Sejumlah warga tewas.", []),
        ("Seratus dua puluh orang tewas.", [("killed", 120)]),
    ],
)
def test_indonesian(id_: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(id_, text) == expected


def test_the_object_number_wins_over_the_subject(en: Pack) -> None:
    # "two gunmen" are not the dead: the number after the verb is.
    assert _counts(en, "Two gunmen killed three villagers.") == [("killed", 3)]


def test_numbers_do_not_cross_clauses(en: Pack) -> None:
    assert _counts(en, "Police arrested 4 men; others died.") == []


def test_number_words_table(id_: Pack, en: Pack) -> None:
    assert id_.numbers.value_of("dua ratus dua puluh tiga") == 223
    assert id_.numbers.value_of("sebelas") == 11
    assert id_.numbers.value_of("tiga belas") == 13
    assert en.numbers.value_of("twenty-one") == 21
    assert en.numbers.value_of("two thousand five hundred") == 2500
    assert en.numbers.value_of("a dozen") == 12


def test_malay_casualties() -> None:
    ms = Pack.load("ms")
    assert _counts(ms, "Lapan orang maut dalam serangan itu.") == [("killed", 8)]
