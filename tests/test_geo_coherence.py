"""Document country coherence, ACLED-style "X (commune, province)" and nearest_km."""

from __future__ import annotations

import math
import random

import pytest
from test_geo_support import gaz, geo_index  # noqa: F401  (session fixtures)

from groundfacts.geo import Gazetteer
from groundfacts.geo.distance import haversine_km
from groundfacts.geo.nearest import PointGrid

DJIBO = (14.10118, -1.62554)  # seat of Soum province
GOROM = (14.44, -0.23)


def _places(gaz: Gazetteer, text: str) -> dict[str, tuple[str, int, float, float]]:  # noqa: F811
    out = {}
    for m in gaz.geoparse(text):
        assert m.place is not None, m.text
        out[m.text] = (m.place.country_iso, m.place.precision, m.place.latitude, m.place.longitude)
    return out


def test_unknown_village_falls_back_to_province_seat(gaz: Gazetteer) -> None:  # noqa: F811
    got = _places(gaz, "On 2 June, gunmen attacked Kelbouri (Tamboro, Soum), killing two.")
    cc, prec, lat, lon = got["Kelbouri"]
    assert (cc, prec) == ("BF", 3)
    assert haversine_km(lat, lon, *DJIBO) < 1  # the province sits at its seat
    assert got["Soum"][0] == "BF"  # the province, not the Senegalese town


def test_commune_in_parenthesis_stays_in_the_country(gaz: Gazetteer) -> None:  # noqa: F811
    # "Pensa" is also a German name of Penza (Russia): the province pins it to Burkina Faso.
    got = _places(gaz, "On 8 May, militants raided the village of Yarbogo (Pensa, Soum).")
    assert got["Yarbogo"][0] == "BF" and got["Pensa"][0] == "BF"
    assert got["Yarbogo"][1] == 3


def test_known_commune_gives_precision_two(gaz: Gazetteer) -> None:  # noqa: F811
    got = _places(gaz, "Soldiers clashed with militants at Wendou (Gorom-Gorom, Oudalan).")
    cc, prec, lat, lon = got["Wendou"]
    assert (cc, prec) == ("BF", 2)
    assert haversine_km(lat, lon, *GOROM) < 1


def test_known_village_is_found_within_the_province(gaz: Gazetteer) -> None:  # noqa: F811
    got = _places(gaz, "An IED hit a convoy at Sapoko (Gorom-Gorom, Oudalan).")
    assert got["Sapoko"][:2] == ("BF", 1)


def test_province_word_prefers_the_unit(gaz: Gazetteer) -> None:  # noqa: F811
    got = _places(gaz, "Looting was reported near the village of Bangrema, Soum Province.")
    assert got["Soum"][0] == "BF"
    assert got["Bangrema"][:2] == ("BF", 3)


def test_demonym_weighs_in_with_a_province(gaz: Gazetteer) -> None:  # noqa: F811
    alone = gaz.geoparse("Gunmen killed a herder in the village of Tanwelgo.")
    assert alone[0].place is not None and alone[0].place.country_iso == "CI"
    text = "Burkinabe soldiers killed a herder in the village of Tanwelgo, Soum Province."
    pinned = {m.text: m.place for m in gaz.geoparse(text)}
    assert pinned["Tanwelgo"] is not None and pinned["Tanwelgo"].country_iso == "BF"
    assert gaz.demonym_countries(text) == {"BF": 1}


def test_country_in_parenthesis_is_not_a_commune_list(gaz: Gazetteer) -> None:  # noqa: F811
    ms = gaz.geoparse("ISGS (Mali) attacked Djibo (Djibo, Soum).")
    assert all(m.text != "ISGS" for m in ms)
    by = {m.text: m.place for m in ms}
    assert by["Mali"] is not None and by["Mali"].feature == "country"


def test_big_town_abroad_still_resolves_in_pinned_document(gaz: Gazetteer) -> None:  # noqa: F811
    ms = gaz.geoparse("Protesters marched in Djibo (Djibo, Soum) and later in Paris.")
    by = {m.text: m.place for m in ms}
    assert by["Paris"] is not None and by["Paris"].country_iso == "FR"


def test_nearest_km_on_fixture(gaz: Gazetteer) -> None:  # noqa: F811
    d = gaz.nearest_km(14.2, -1.6)
    assert d is not None and abs(d - haversine_km(14.2, -1.6, *DJIBO)) < 1e-6
    far = gaz.nearest_km(-45.0, -140.0)  # South Pacific
    assert far is not None and far > 3000


def test_point_grid_matches_brute_force() -> None:
    rng = random.Random(7)
    pts = [(rng.uniform(-80, 80), rng.uniform(-180, 180)) for _ in range(400)]
    grid = PointGrid(pts)
    for _ in range(200):
        la, lo = rng.uniform(-89, 89), rng.uniform(-180, 180)
        want = min(haversine_km(la, lo, a, b) for a, b in pts)
        got = grid.nearest_km(la, lo)
        assert got is not None and math.isclose(got, want, rel_tol=1e-9)
    assert PointGrid([]).nearest_km(0, 0) is None


@pytest.mark.parametrize("lon", [179.9, -179.9])
def test_point_grid_wraps_the_date_line(lon: float) -> None:
    grid = PointGrid([(0.0, -lon)])
    got = grid.nearest_km(0.0, lon)
    assert got is not None and got < 30
