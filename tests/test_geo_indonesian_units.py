"""Where, on the default gazetteer: Indonesian unit names as the press writes them. A district
the gazetteer lacks falls back up the hierarchy written around it and never to a look-alike
abroad; a multi-word name after a unit word is read whole ("Kecamatan Tanjung Priok",
"Distrik Sinak Barat"), a reduplicated one too ("Distrik Suru-suru"); a regency named in
several words needs no "Kabupaten" ("di Intan Jaya")."""

from __future__ import annotations

import pytest

from groundfacts.geo import Gazetteer
from groundfacts.records import PlaceMention

SUGAPA = 11011788  # seat of Kabupaten Intan Jaya (regencies.tsv)
ILAGA = 11012575  # seat of Kabupaten Puncak
TANAH_MERAH = 2082430  # seat of Kabupaten Boven Digoel


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def _mention(gaz: Gazetteer, text: str, starts: str, country: str | None = None) -> PlaceMention:
    found = gaz.geoparse(text, "id", country=country)
    return next(m for m in found if m.text.startswith(starts))


@pytest.mark.parametrize("country", [None, "ID"])
def test_unknown_district_with_a_direction_falls_back_to_its_regency(
    gaz: Gazetteer, country: str | None
) -> None:
    # a made-up district whose first word alone is a town abroad ("Sinak" ~ Singac, US)
    text = "Kontak tembak pecah di Distrik Sinak Barat, Kabupaten Puncak, Papua Tengah, Senin."
    m = _mention(gaz, text, "Distrik", country)
    assert m.text == "Distrik Sinak Barat"
    assert m.place is not None and m.place.country_iso == "ID"
    assert m.place.feature == "fallback" and m.place.precision == 2
    assert m.place.geonameid == ILAGA


def test_unknown_district_alone_stays_in_indonesia(gaz: Gazetteer) -> None:
    # no country hint, no other place: the unit word says Indonesia, honestly (precision 3)
    m = _mention(gaz, "Kontak tembak pecah di Distrik Sinak Barat pada Senin pagi.", "Distrik")
    assert m.place is not None and m.place.country_iso == "ID"
    assert m.place.precision == 3


def test_unknown_village_is_no_evidence_of_a_foreign_country(gaz: Gazetteer) -> None:
    # "Wuloni" alone loosely spells Boulogne: the document is not thereby French
    m = _mention(gaz, "Warga Kampung Wuloni mengungsi ke Jayapura.", "Kampung")
    assert m.place is not None and m.place.country_iso == "ID"


def test_whole_multiword_name_after_a_unit_word(gaz: Gazetteer) -> None:
    text = "Polisi menangkap dua pencuri di Kecamatan Tanjung Priok, Jakarta Utara, Senin."
    m = _mention(gaz, text, "Kecamatan", "ID")
    assert m.text == "Kecamatan Tanjung Priok"
    # not "Tanjung" in South Kalimantan: the city the district lies in
    assert m.place is not None and m.place.admin1 == "Jakarta"


def test_unit_word_inside_a_longer_name_opens_no_place(gaz: Gazetteer) -> None:
    # "Negeri" names a village in Maluku, but a state university is no village
    m = _mention(gaz, "Mahasiswa berdemo di kampus Universitas Negeri Makassar, Senin.", "Makas")
    assert m.text == "Makassar"
    assert m.place is not None and m.place.precision == 1


@pytest.mark.parametrize("country", [None, "ID"])
def test_reduplicated_name_is_one_word(gaz: Gazetteer, country: str | None) -> None:
    text = "KKB membakar sekolah di Distrik Suru-suru, Kabupaten Yahukimo, Papua Pegunungan."
    m = _mention(gaz, text, "Distrik", country)
    assert m.text == "Distrik Suru-suru"
    assert m.place is not None and m.place.country_iso == "ID"
    assert m.place.admin1 == "Highland Papua" and m.place.precision == 3
    alone = _mention(gaz, "KKB membakar sekolah di Distrik Kobe-kobe, Senin.", "Distrik", country)
    assert alone.text == "Distrik Kobe-kobe"
    assert alone.place is None or alone.place.country_iso == "ID"


def test_bare_multiword_regency(gaz: Gazetteer) -> None:
    m = _mention(gaz, "Seorang guru ditembak KKB di Intan Jaya, Senin.", "Intan")
    assert m.text == "Intan Jaya"
    assert m.place is not None and m.place.geonameid == SUGAPA and m.place.precision == 2
    south = _mention(gaz, "Seorang prajurit tewas ditembak di Boven Digoel, Senin.", "Boven")
    assert south.place is not None and south.place.geonameid == TANAH_MERAH
    # inside a longer capitalised run it is a title or a body, not the place
    found = gaz.geoparse("Bupati Intan Jaya Natalis Tabuni menjenguk korban.", "id")
    assert not any(f.text == "Intan Jaya" for f in found)


def test_hyphenated_word_is_not_taken_as_a_name_in_english(gaz: Gazetteer) -> None:
    # only a repeated word joins its hyphen: "Kabul-based" is no name of a place
    found = gaz.geoparse("A Kabul-based group claimed the attack near Herat.", "en")
    assert [m.text for m in found] == ["Herat"]
