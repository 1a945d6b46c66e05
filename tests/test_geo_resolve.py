"""Resolution: countries, context, qualifiers, fallbacks, geocode_records."""

from __future__ import annotations

import pytest
from test_geo_support import gaz, geo_index  # noqa: F401  (session fixtures)

from groundfacts.geo import Gazetteer, geocode_records
from groundfacts.geo.distance import haversine_km

ALEPPO = (36.20124, 37.16117)


@pytest.mark.parametrize(
    "name, cc",
    [
        ("Suriah", "SY"),
        ("Syria", "SY"),
        ("Rusia", "RU"),
        ("Irak", "IQ"),
        ("Turki", "TR"),
        ("Burkina Faso", "BF"),
        ("Amerika Serikat", "US"),
        ("AS", "US"),
        ("Inggris", "GB"),
        ("Tiongkok", "CN"),
        ("Cina", "CN"),
        ("Prancis", "FR"),
        ("Republik Arab Suriah", "SY"),
        ("Democratic Republic of the Congo", "CD"),
    ],
)
def test_country_code(gaz: Gazetteer, name: str, cc: str) -> None:  # noqa: F811
    assert gaz.country_code(name) == cc


def test_country_place_has_acled_name_and_centroid(gaz: Gazetteer) -> None:  # noqa: F811
    p = gaz.country("SY")
    assert p is not None
    assert (p.country, p.feature, p.precision) == ("Syria", "country", 3)
    assert 32 < p.latitude < 38 and 35 < p.longitude < 43
    for key in ("RU", "Iran, Islamic Republic of", "Türkiye", "Viet Nam", "CD"):
        q = gaz.country(key)
        assert q is not None and (q.latitude, q.longitude) != (0.0, 0.0)
    assert gaz.country("RU").country == "Russia"  # type: ignore[union-attr]
    assert gaz.country("Türkiye").country == "Turkey"  # type: ignore[union-attr]
    assert gaz.country("CD").country == "Democratic Republic of Congo"  # type: ignore[union-attr]
    assert gaz.country("Nowhereland") is None


@pytest.mark.parametrize("name", ["Lattakia", "Latakia", "Latakiya"])
def test_transliterations_resolve(gaz: Gazetteer, name: str) -> None:  # noqa: F811
    p = gaz.resolve(name)
    assert p is not None and p.geonameid == 173576 and p.precision == 1


def test_raqqah_and_tell_variants(gaz: Gazetteer) -> None:  # noqa: F811
    assert gaz.resolve("Raqqah").geonameid == 172955  # type: ignore[union-attr]
    assert gaz.resolve("Tel Zaytunah").geonameid == 900001  # type: ignore[union-attr]
    assert gaz.resolve("Kfar Sabuni").geonameid == 900002  # type: ignore[union-attr]
    assert gaz.resolve("Ma'arzaf").geonameid == 900003  # type: ignore[union-attr]


def test_admin1_names_from_table_and_pycountry(gaz: Gazetteer) -> None:  # noqa: F811
    p = gaz.resolve("Aleppo")  # SY 09 is named in data/admin1_names.tsv
    assert p is not None and p.admin1 == "Aleppo" and p.country == "Syria"
    bf = gaz.resolve("Djibo")
    assert bf is not None and bf.admin1 == "Sahel"  # code-paired: BF 12 = BF-12


def test_context_country_decides(gaz: Gazetteer) -> None:  # noqa: F811
    fr = gaz.resolve("Paris")
    assert fr is not None and fr.country_iso == "FR"  # the larger one by default
    us = gaz.resolve(
        "Paris", context="Storms hit Austin and Paris overnight, Texas officials said."
    )
    assert us is not None and us.country_iso == "US"
    hinted = gaz.resolve("Greenvale", country="GB")
    assert hinted is not None and hinted.country_iso == "GB"
    near = gaz.resolve("Greenvale", near=[(35.1, -90.1)])
    assert near is not None and near.country_iso == "US"


@pytest.mark.parametrize("name", ["northern Aleppo", "north of Aleppo", "Aleppo utara"])
def test_qualified_region_is_precision_2(gaz: Gazetteer, name: str) -> None:  # noqa: F811
    p = gaz.resolve(name)
    assert p is not None and p.precision == 2
    assert haversine_km(p.latitude, p.longitude, *ALEPPO) < 60


def test_parenthesised_district_fallback(gaz: Gazetteer) -> None:  # noqa: F811
    p = gaz.resolve("Tin-Akoff (Gorom-Gorom, Oudalan)")
    assert p is not None and p.feature == "fallback" and p.precision == 2
    assert p.name == "Gorom-Gorom"
    # The region alone (ISO province Oudalan, under Sahel) gives precision 3 in the region.
    q = gaz.resolve("Tin-Akoff (Oudalan)")
    assert q is not None and q.precision == 3 and q.country_iso == "BF"
    # When the place is known, the hint disambiguates instead.
    r = gaz.resolve("Sapoko (Gorom-Gorom)")
    assert r is not None and r.geonameid == 900011 and r.precision == 1


def test_unknown_gives_none_never_zero(gaz: Gazetteer) -> None:  # noqa: F811
    assert gaz.resolve("Qwxzvplk") is None
    assert gaz.resolve("") is None


def test_geoparse_falls_back_to_qualified_anchor(gaz: Gazetteer) -> None:  # noqa: F811
    text = (
        "Pasukan pemerintah Suriah menyerang pos-pos pemberontak di Aleppo utara. "
        "Kelompok itu kemudian merebut Khirbat Nurayn, Tall Zaytunah dan Umm Qalaa."
    )
    ms = gaz.geoparse(text, "id")
    by_text = {m.text: m for m in ms}
    assert by_text["Aleppo"].qualifier == "north"
    assert by_text["Tall Zaytunah"].place.geonameid == 900001  # type: ignore[union-attr]
    for unknown in ("Khirbat Nurayn", "Umm Qalaa"):
        p = by_text[unknown].place
        assert p is not None and p.feature == "fallback" and p.precision == 2
        assert haversine_km(p.latitude, p.longitude, *ALEPPO) < 60
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_geocode_records(gaz: Gazetteer) -> None:  # noqa: F811
    recs = [
        {"id": 1, "name": "Hama"},
        {"id": 2, "name": "Paris", "context": "Austin and Paris in Texas", "country": "US"},
        {"id": 3, "name": ""},
        {"id": 4, "name": "A"},
        {"id": 5, "name": "Qwxzvplk"},
    ]
    out = list(geocode_records(recs, gaz))
    assert [o["id"] for o in out] == [1, 2, 3, 4, 5]
    assert out[0]["geonameid"] == 163345 and out[0]["country"] == "Syria"
    assert out[0]["feature"] == "city" and out[0]["admin1"]
    assert out[1]["geonameid"] == 4717560
    assert "error" in out[2] and out[2]["latitude"] is None
    assert "error" in out[3] and out[3]["longitude"] is None
    assert out[4]["latitude"] is None and "error" not in out[4]
    keys = {"id", "name", "geonameid", "latitude", "longitude", "country", "admin1", "feature"}
    assert all(keys <= set(o) for o in out)


@pytest.mark.parametrize("name", ["Papua", "Provinsi Papua", "Papua Province"])
def test_admin1_from_table_resolves(gaz: Gazetteer, name: str) -> None:  # noqa: F811
    p = gaz.resolve(name)
    assert p is not None and p.feature == "admin1" and p.country == "Indonesia"
    assert p.name == "Papua" and p.precision == 3
    town = gaz.resolve("Wamenu")
    assert town is not None and town.admin1 == "Papua"


def test_display_name_drops_transliteration_marks(gaz: Gazetteer) -> None:  # noqa: F811
    p = gaz.resolve("Hamah")
    assert p is not None and p.geonameid == 163345 and p.name == "Hama"
    bf = gaz.resolve("Ouagadougou")
    assert bf is not None and bf.name == "Ouagadougou"
