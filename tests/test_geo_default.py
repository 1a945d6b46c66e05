"""A few checks on the real default gazetteer (GeoNames cities500 + pycountry).

Skipped when the default index has not been built yet (building takes about a minute:
``python -c "from groundfacts.geo import Gazetteer; Gazetteer.open()"``)."""

from __future__ import annotations

import pytest

from groundfacts.geo import Gazetteer
from groundfacts.geo.distance import haversine_km
from groundfacts.geo.store import default_index_path, read_meta, source_version

pytestmark = pytest.mark.slow

ALEPPO = (36.20124, 37.16117)


@pytest.fixture(scope="module")
def real() -> Gazetteer:
    if read_meta(default_index_path()).get("source_version") != source_version():
        pytest.skip("default gazetteer index not built yet")
    return Gazetteer.open()


@pytest.mark.parametrize(
    "name, gid",
    [
        ("Lattakia", 173576),
        ("Raqqah", 172955),
        ("Hasakah", 173811),
        ("Deir Ezzor", 170794),
        ("Dayr az Zawr", 170794),
        ("Hama", 170017),
        ("Ouagadougou", 2357048),
    ],
)
def test_real_transliterations(real: Gazetteer, name: str, gid: int) -> None:
    p = real.resolve(name, country="SY" if gid != 2357048 else None)
    assert p is not None and p.geonameid == gid


def test_real_document_about_syria(real: Gazetteer) -> None:
    # Made-up report in the style of Indonesian conflict news.
    text = (
        "Pesawat tempur Rusia membombardir kota Hama dan pesisir Lattakia, sementara pasukan "
        "pemberontak bertahan di Aleppo utara. Kelompok itu merebut Tal Jibrin, Kafr Naya "
        "dan Tell Sheikh Isa, menurut laporan dari Suriah."
    )
    ms = {m.text: m.place for m in real.geoparse(text, "id")}
    assert ms["Rusia"] is not None and ms["Rusia"].country_iso == "RU"
    assert ms["Hama"] is not None and ms["Hama"].geonameid == 170017
    assert ms["Lattakia"] is not None and ms["Lattakia"].geonameid == 173576
    for village in ("Tal Jibrin", "Kafr Naya", "Tell Sheikh Isa"):
        p = ms[village]
        assert p is not None and p.country_iso == "SY"
        assert haversine_km(p.latitude, p.longitude, *ALEPPO) < 60
