"""Where: the hierarchy a report writes, the country hint, short forms, units and regions,
demonyms, and one resolver behind geoparse, geocode and resolve (made-up places)."""

from __future__ import annotations

import pytest
from test_geo_support import gaz, geo_index  # noqa: F401  (session fixtures)

from groundfacts.geo import Gazetteer, geocode_records
from groundfacts.geo.distance import haversine_km
from groundfacts.geo.geoparse import GEOPARSE_FIELDS, geoparse_documents
from groundfacts.records import Document

GOROM = (14.44, -0.23)
DJIBO = (14.10118, -1.62554)  # seat of Soum province


def _by_text(gaz: Gazetteer, text: str, country: str | None = None) -> dict[str, object]:  # noqa: F811
    return {m.text: m for m in gaz.geoparse(text, country=country)}


def test_written_hierarchy_falls_back_to_the_town(gaz: Gazetteer) -> None:  # noqa: F811
    ms = _by_text(gaz, "Gunmen raided Tinakof village, Gorom-Gorom commune, Oudalan province.")
    tin, gorom, oudalan = ms["Tinakof"], ms["Gorom-Gorom"], ms["Oudalan"]
    assert tin.place is not None and tin.place.feature == "fallback"  # type: ignore[attr-defined]
    assert tin.place.precision == 2  # type: ignore[attr-defined]  # a town, not the province
    assert haversine_km(tin.place.latitude, tin.place.longitude, *GOROM) < 1  # type: ignore[attr-defined]
    assert gorom.container and oudalan.container and not tin.container  # type: ignore[attr-defined]


def test_known_village_inside_the_units_resolves_itself(gaz: Gazetteer) -> None:  # noqa: F811
    ms = _by_text(gaz, "An IED hit a convoy at Sapoko village, Gorom-Gorom commune, Oudalan.")
    p = ms["Sapoko"].place  # type: ignore[attr-defined]
    assert p is not None and p.precision == 1 and p.geonameid == 900011


def test_containing_unit_beats_a_same_name_place_elsewhere(gaz: Gazetteer) -> None:  # noqa: F811
    # Greenvale exists in the US and Britain; the text puts this one in a Burkinabe province.
    ms = _by_text(gaz, "Militants burned Greenvale village (Soum province) on Friday.")
    p = ms["Greenvale"].place  # type: ignore[attr-defined]
    assert p is not None and p.country_iso == "BF" and p.precision == 3
    assert haversine_km(p.latitude, p.longitude, *DJIBO) < 1


def test_a_list_of_towns_is_no_hierarchy(gaz: Gazetteer) -> None:  # noqa: F811
    ms = _by_text(gaz, "Clashes were reported in Aleppo, Latakia and Hama.")
    assert not any(m.container for m in ms.values())  # type: ignore[attr-defined]
    assert ms["Aleppo"].place.geonameid == 170063  # type: ignore[attr-defined]


def test_country_hint_is_not_overridden(gaz: Gazetteer) -> None:  # noqa: F811
    ms = _by_text(gaz, "Students marched in Paris on Monday.", country="ID")
    p = ms["Paris"].place  # type: ignore[attr-defined]
    assert p is not None and p.country_iso == "ID"  # no Paris in Indonesia: the country
    ms = _by_text(gaz, "Students marched in Paris, France on Monday.", country="ID")
    assert ms["Paris"].place.geonameid == 2988507  # type: ignore[attr-defined]  # France named


def test_direction_word_before_a_unit_word_is_part_of_the_name(gaz: Gazetteer) -> None:  # noqa: F811
    ms = _by_text(gaz, "Protesters gathered in Central Wamenu city (Papua province).", "ID")
    assert "Central Wamenu" in ms and "Central" not in ms
    p = ms["Central Wamenu"].place  # type: ignore[attr-defined]
    assert p is not None and p.country_iso == "ID"


def test_unit_words_stay_out_of_names(gaz: Gazetteer) -> None:  # noqa: F811
    # the span is the text as written; the name looked up (and kept as the location) is not
    ms = _by_text(gaz, "A farmer was shot in Barangay Tinakof, Gorom-Gorom town, Oudalan.")
    m = ms["Barangay Tinakof"]
    assert m.place_name == "Tinakof" and m.cue == "barangay"  # type: ignore[attr-defined]
    assert m.place.feature == "fallback"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "name, iso, feature",
    [
        ("US", "US", "country"),
        ("UK", "GB", "country"),
        ("UAE", "AE", "country"),
        ("DRC", "CD", "country"),
        ("Tex.", "US", "admin1"),
        ("EU", None, "region"),
        ("Texas", "US", "admin1"),  # the state, not the hamlet in England
        ("Middle East", None, "region"),  # the region, not the hamlet in Texas
        ("Korean Peninsula", None, "region"),
        ("African", None, "region"),
        ("Syrian", "SY", "demonym"),
    ],
)
def test_geocode_short_forms_units_regions_demonyms(
    gaz: Gazetteer,  # noqa: F811
    name: str,
    iso: str | None,
    feature: str,
) -> None:
    out = next(geocode_records([{"id": 1, "name": name}], gaz))
    assert "error" not in out
    assert (out["iso"], out["feature"]) == (iso, feature)
    assert out["latitude"] is not None


def test_unit_with_a_town_of_its_name_inside_means_the_town(gaz: Gazetteer) -> None:  # noqa: F811
    p = gaz.resolve("Aleppo")
    assert p is not None and p.geonameid == 170063


def test_loose_match_abroad_is_not_taken_when_the_document_is_elsewhere(
    gaz: Gazetteer,  # noqa: F811
) -> None:
    # "Tanouelgo" meets an Ivorian village only by the loose key; the story is in Burkina Faso.
    text = "Gunmen attacked Djibo and then Tanouelgo on Monday."
    assert any(c.cc == "CI" for c in gaz.lookup("Tanouelgo"))
    p = gaz.resolve("Tanouelgo", context=text)
    assert p is None or p.country_iso == "BF"


def test_same_answer_whichever_way_it_comes_in(gaz: Gazetteer) -> None:  # noqa: F811
    text = "Fighting near Greenvale spread to Austin and Paris, in Texas."
    s = text.index("Paris")
    recs = [
        {"id": "a", "name": "Paris", "context": text, "start": s, "end": s + 5},
        {"id": "b", "name": "Greenvale", "context": text},
    ]
    joint = list(geocode_records(recs, gaz))
    alone = next(geocode_records([{"id": "c", "name": "Paris", "context": text}], gaz))
    parsed = {m.text: m.place for m in gaz.geoparse(text)}
    via_resolve = gaz.resolve("Paris", context=text)
    assert joint[0]["geonameid"] == alone["geonameid"] == 4717560  # Paris, Texas
    assert parsed["Paris"] is not None and parsed["Paris"].geonameid == 4717560
    assert via_resolve is not None and via_resolve.geonameid == 4717560
    assert joint[1]["iso"] == "US"  # Greenvale of Tennessee, in an American story


def test_geocode_rejects_offsets_outside_the_context(gaz: Gazetteer) -> None:  # noqa: F811
    out = next(
        geocode_records([{"id": 1, "name": "Paris", "context": "x", "start": 5, "end": 9}], gaz)
    )
    assert "error" in out and out["latitude"] is None


def test_geoparse_records(gaz: Gazetteer) -> None:  # noqa: F811
    text = "Syrian troops entered Aleppo; talks went on in Paris, France."
    docs = [Document(id="d1", text=text, lang="en"), Document(id="empty", text="  ")]
    recs = list(geoparse_documents(docs, gaz))
    assert all(tuple(r) == GEOPARSE_FIELDS for r in recs)
    by_name = {r["name"]: r for r in recs}
    assert by_name["Aleppo"]["geonameid"] == 170063
    assert text[by_name["Aleppo"]["start"] : by_name["Aleppo"]["end"]] == "Aleppo"
    assert by_name["Syrian"]["feature"] == "demonym" and by_name["Syrian"]["iso"] == "SY"
    assert by_name["France"]["feature"] == "country"
    # the pipeline's call finds no demonyms: they are no place of an event
    assert "Syrian" not in {m.text for m in gaz.geoparse(text)}


def test_geoparse_goes_on_after_a_bad_document(gaz: Gazetteer) -> None:  # noqa: F811
    bad = Document(id="bad", text="Aleppo")
    bad.text = 123  # type: ignore[assignment]  # not text: fails inside the batch
    good = Document(id="good", text="Troops entered Aleppo.", lang="en")
    seen: list[str] = []
    recs = list(geoparse_documents([bad, good], gaz, on_error=lambda d, e: seen.append(d.id)))
    assert [r["doc_id"] for r in recs] == ["good"]


def test_a_bracketed_village_stays_in_the_region_named(gaz: Gazetteer) -> None:  # noqa: F811
    # the only Cawili the gazetteer holds lies in another region: the village falls back
    # to the town the brackets put it in
    ms = _by_text(gaz, "An IED hit police in Barangay Cawili (Malvarez, Albay, Bicol Region).")
    p = ms["Barangay Cawili"].place  # type: ignore[attr-defined]
    assert p is not None and p.feature == "fallback" and p.precision == 2
    assert haversine_km(p.latitude, p.longitude, 13.12, 123.87) < 1


def test_in_joins_a_barangay_to_its_town(gaz: Gazetteer) -> None:  # noqa: F811
    # "Barangay X in M town": the town holds the village, not a same-name place elsewhere
    ms = _by_text(gaz, "Gunmen threw a grenade in Barangay Poblar in Malvarez town, Albay.")
    p = next(m.place for t, m in ms.items() if "Poblar" in t)  # type: ignore[attr-defined]
    assert p is not None and p.feature == "fallback"
    assert haversine_km(p.latitude, p.longitude, 13.12, 123.87) < 1


def test_a_written_chain_passes_a_big_town_elsewhere(gaz: Gazetteer) -> None:  # noqa: F811
    # "barangay X, M, P": M's only known namesake is a big town in another region; the
    # province written around it wins, and M falls back to it
    ms = _by_text(gaz, "Residents blocked trucks in Barangay Tubod, Sanvalle, Albay on Monday.")
    p = ms["Sanvalle"].place  # type: ignore[attr-defined]
    assert p is not None and p.feature == "fallback" and p.admin2 == "Albay"


def test_a_bare_province_name_is_the_province_in_its_country(gaz: Gazetteer) -> None:  # noqa: F811
    # with the document's country given, "in Albay" is the province, not a hamlet of the
    # same name in another region
    ms = _by_text(gaz, "Police arrested twelve suspects in Albay on Monday.", country="PH")
    p = ms["Albay"].place  # type: ignore[attr-defined]
    assert p is not None and p.feature == "admin2" and p.admin1 == "Bicol Region"


def test_a_numbered_part_of_a_village_stays_in_its_town(gaz: Gazetteer) -> None:  # noqa: F811
    # "Poblar 2" and "Poblar West" are parts of a village of Malvarez, not the Poblar of
    # another region
    for text in (
        "Police raided Barangay Poblar 2, Malvarez town, Albay province.",
        "Police raided Barangay Poblar West, Malvarez town, Albay province.",
    ):
        ms = _by_text(gaz, text)
        p = next(m.place for t, m in ms.items() if "Poblar" in t)  # type: ignore[attr-defined]
        assert p is not None and p.feature == "fallback", text
        assert haversine_km(p.latitude, p.longitude, 13.12, 123.87) < 1, text
