"""Where, on the default gazetteer: a village named with its unit word ("Barangay X",
"Sitio Y", "Desa Z") keeps its whole name, and the chain of units written after it runs
through towns the recogniser would not take alone. The villages are made up; the towns and
provinces are real."""

from __future__ import annotations

import pytest

from groundfacts.geo import Gazetteer
from groundfacts.records import PlaceMention


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def _mentions(gaz: Gazetteer, text: str, country: str) -> list[PlaceMention]:
    return gaz.geoparse(text, "id" if country == "ID" else "en", country=country)


def _named(ms: list[PlaceMention], name: str) -> PlaceMention:
    return next(m for m in ms if m.place_name == name)


@pytest.mark.parametrize(
    "village",
    ["Santa Cruz Malinta", "Kamansi-Bato", "Rizal Kanluran"],
)
def test_whole_village_name_after_its_unit_word(gaz: Gazetteer, village: str) -> None:
    # a known first word ("Santa Cruz", "Rizal") or last part ("Bato") is no place of its
    # own: the village the gazetteer lacks falls back to the town written after it
    text = f"A suspect was shot in Barangay {village}, Lucban, Quezon on Monday."
    m = _named(_mentions(gaz, text, "PH"), village)
    assert m.place is not None
    assert m.place.feature == "fallback" and m.place.precision == 2
    assert m.place.admin2 == "Quezon" and m.place.admin1 == "Calabarzon"


def test_chain_runs_through_a_town_named_without_a_cue(gaz: Gazetteer) -> None:
    text = "Gunmen killed a farmer in Sitio Tagpuan, Barangay Mabuhay, Talipao, Sulu on Monday."
    ms = _mentions(gaz, text, "PH")
    town = _named(ms, "Talipao")
    assert town.place is not None and town.place.feature == "city"
    village = _named(ms, "Mabuhay")
    assert village.place is not None and village.place.precision == 2
    assert village.place.admin1 == "BARMM" and village.place.admin2 == "Sulu"


def test_chain_without_a_village_word_adds_no_place(gaz: Gazetteer) -> None:
    # a list of names after a plain name is no written hierarchy
    text = "Lucban, Talisay, Quezon and Tagkawayan sent delegates to the meeting."
    names = [m.place_name for m in _mentions(gaz, text, "PH")]
    assert "Talisay" not in names or names.count("Talisay") == 1
    assert "Quezon" in names


def test_indonesian_chain_runs_through_a_district_without_its_word(gaz: Gazetteer) -> None:
    text = "Warga bentrok di Desa Wanasukma, Ciwidey, Kabupaten Bandung, Jawa Barat."
    ms = _mentions(gaz, text, "ID")
    district = _named(ms, "Ciwidey")
    assert district.place is not None and district.place.admin1 == "West Java"
    village = _named(ms, "Wanasukma")
    assert village.place is not None and village.place.admin1 == "West Java"
    assert village.place.precision == 2


def test_unknown_site_falls_back_to_the_town_before_the_state(gaz: Gazetteer) -> None:
    # "Plumfield Hall" is unknown: it lies in the town the story names, not at the centre of
    # the state it names more often
    context = (
        "Firefighters from Medford were called to Plumfield Hall on Tuesday. Oregon officials "
        "said fires like it had grown rare in Oregon."
    )
    p = gaz.resolve("Plumfield Hall", context=context)
    assert p is not None and p.feature == "fallback"
    assert p.name == "Medford" and p.admin1 == "Oregon"


@pytest.mark.parametrize(
    "village",
    ["Barangay 3", "Brgy. 2", "Barangay Malinta 2nd", "Barangay 5 (Kanluran)"],
)
def test_numbered_village_lies_in_the_town_after_it(gaz: Gazetteer, village: str) -> None:
    # a village known by its number, an ordinal after its name, its other name in brackets:
    # all inside the town written after them, not at a namesake elsewhere
    text = f"Two suspects were shot in {village}, Lucban, Quezon on Monday."
    ms = _mentions(gaz, text, "PH")
    first = ms[0]
    assert first.place is not None
    assert first.place.admin2 == "Quezon" and first.place.precision == 2
    assert all(m.place is not None and m.place.admin1 == "Calabarzon" for m in ms)


def test_town_word_after_a_name_abroad_does_not_hide_the_town_at_home(gaz: Gazetteer) -> None:
    # "Laurel town" is also an alternate name of a town in the United States
    ms = _mentions(gaz, "A drug suspect was killed in Laurel town, Batangas province.", "PH")
    town = ms[0]
    assert town.place is not None and town.place.feature == "city"
    assert town.place.country_iso == "PH" and town.place.admin2 == "Batangas"


def test_state_named_like_its_capital_is_not_a_hamlet_elsewhere(gaz: Gazetteer) -> None:
    # "Oklahoma" is also a hamlet in Pennsylvania; the state (or its capital, whose other
    # name it is) is meant, not the hamlet that happens to bear it as its own name
    p = gaz.resolve("Oklahoma", context="Teachers in Oklahoma walked out over low pay.")
    assert p is not None and p.country_iso == "US" and p.admin1 == "Oklahoma"


def test_region_codes_are_compared_within_one_country(gaz: Gazetteer) -> None:
    # no San Fernando lies in Bukidnon, but towns of that name lie in regions of other
    # countries that share Northern Mindanao's code: the province named still holds the chain
    text = "Gunmen shot a farmer in Barangay Lunhawan, San Fernando town, Bukidnon province."
    ms = _mentions(gaz, text, "PH")
    village = _named(ms, "Lunhawan")
    assert village.place is not None and village.place.feature == "fallback"
    assert village.place.admin2 == "Bukidnon" and village.place.admin1 == "Northern Mindanao"


def test_small_town_opening_the_brackets_is_the_unit_around_the_village(gaz: Gazetteer) -> None:
    text = "Troops seized rifles in Barangay Lunhawan (Pantukan, Davao de Oro) on Monday."
    ms = _mentions(gaz, text, "PH")
    town = _named(ms, "Pantukan")
    assert town.place is not None and town.place.feature == "city"
    village = _named(ms, "Lunhawan")
    assert village.place is not None and village.place.precision == 2
    assert village.place.name == "Pantukan" and village.place.admin1 == "Davao Region"


def test_big_town_abroad_does_not_pull_a_name_out_of_its_province(gaz: Gazetteer) -> None:
    # "Poona" is also an old name of Pune (India): named with a Philippine province, the
    # town the gazetteer lacks there falls back to the province
    text = "A police chief was shot dead in Poona, Lanao del Sur on Monday."
    m = _named(_mentions(gaz, text, "PH"), "Poona")
    assert m.place is not None and m.place.feature == "fallback"
    assert m.place.country_iso == "PH" and m.place.admin2 == "Lanao del Sur"
