"""Where, on the default gazetteer: the units a report writes around a place, as Indonesian
and international reports write them (regencies by their seat, provinces since split, a name
read in two parts, a loose spelling in the country the text names, "Wilayah X")."""

from __future__ import annotations

import pytest

from groundfacts.geo import Gazetteer
from groundfacts.geo.distance import haversine_km
from groundfacts.records import PlaceMention

ILAGA = 11012575  # seat of Kabupaten Puncak (regencies.tsv)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def _place(gaz: Gazetteer, text: str, name: str, country: str | None = "ID") -> PlaceMention:
    ms = [m for m in gaz.geoparse(text, "id" if country == "ID" else "en", country=country)]
    return next(m for m in ms if m.place_name == name)


def test_regency_in_a_written_chain_is_placed_at_its_seat(gaz: Gazetteer) -> None:
    m = _place(gaz, "Baku tembak pecah di Distrik Ilaga, Kabupaten Puncak, Papua Tengah.", "Ilaga")
    assert m.place is not None and m.place.country_iso == "ID"
    seat = gaz.coordinates(ILAGA)
    assert seat is not None
    assert haversine_km(m.place.latitude, m.place.longitude, *seat) < 25  # not West Java


def test_old_province_still_holds_its_towns(gaz: Gazetteer) -> None:
    # written before Central Papua was carved out of Papua
    text = "Warga mengungsi dari Sugapa, Kabupaten Intan Jaya, Papua, setelah baku tembak."
    m = _place(gaz, text, "Sugapa")
    assert m.place is not None and m.place.feature == "city" and m.place.precision == 1
    assert m.place.admin1 == "Central Papua"


def test_name_read_in_two_parts_is_no_unit_for_the_village(gaz: Gazetteer) -> None:
    text = "Polisi membubarkan bentrokan di Kelurahan Oesapa, Kecamatan Kelapa Lima, Kota Kupang."
    m = _place(gaz, text, "Oesapa")
    assert m.place is not None and m.place.admin1 == "East Nusa Tenggara"


def test_loose_spelling_in_the_country_named(gaz: Gazetteer) -> None:
    text = "Militants attacked the town of Hawija, in Kirkuk province, Iraq, on Friday."
    m = _place(gaz, text, "Hawija", country=None)
    assert m.place is not None and m.place.country_iso == "IQ" and m.place.precision == 1


def test_wilayah_names_a_first_level_unit(gaz: Gazetteer) -> None:
    m = _place(gaz, "Bom rakitan meledak di Wilayah Mopti, Mali, pada Jumat.", "Mopti", None)
    assert m.place is not None and m.place.feature == "admin1" and m.place.country_iso == "ML"


def test_town_area_is_a_unit_word_that_keeps_the_chain(gaz: Gazetteer) -> None:
    # "X town area, P" as reports write it: the province still holds the chain, so the
    # village the gazetteer lacks falls back inside it, not at a same-name town elsewhere
    text = "Gunmen shot a farmer in Barangay Lunhawan in San Pablo town area, Isabela."
    m = _place(gaz, text, "Lunhawan", "PH")
    assert m.place is not None and m.place.feature == "fallback"
    assert m.place.admin2 == "Isabela" and m.place.admin1 == "Cagayan Valley"
    assert gaz.units.word_after(text, text.index(" town area")).word == "town area"  # type: ignore[union-attr]
