"""GeoNames dump import: village coverage, malformed lines, zip files, transactions, info."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from test_geo_support import geo_index  # noqa: F401  (session fixture)

from groundfacts.errors import GazetteerError
from groundfacts.geo import Gazetteer, geocode_records, import_files, info


def row(
    gid: int,
    name: str,
    lat: float,
    lon: float,
    fclass: str,
    fcode: str,
    cc: str,
    a1: str,
    a2: str = "",
    pop: int = 0,
    alts: str = "",
) -> str:
    cols = [
        str(gid),
        name,
        name,
        alts,
        str(lat),
        str(lon),
        fclass,
        fcode,
        cc,
        "",
        a1,
        a2,
        "",
        "",
        str(pop),
        "",
        "300",
        "Asia/Damascus",
        "2024-01-01",
    ]
    return "\t".join(cols)


DUMP = (
    "\n".join(
        [
            row(
                910001,
                "Tall Shaʿir",
                36.41,
                37.12,
                "P",
                "PPL",
                "SY",
                "09",
                "",
                0,
                "Tell Shair,Tal Sha'ir",
            ),
            "this line is not a geoname row",
            row(910002, "Khirbat Dummy", 36.30, 37.30, "P", "PPL", "SY", "09"),
            row(910003, "Halab Governorate", 36.2, 37.5, "A", "ADM1", "SY", "09", "", 4800000),
            "910004\tBroken\tBroken\t\tnot-a-number\t37.0\tP\tPPL\tSY\t\t09\t\t\t\t0\t\t\t\t",
            row(910005, "Jabal Fictus", 36.1, 36.9, "T", "MT", "SY", "09"),
        ]
    )
    + "\n"
)

ALTNAMES = (
    "\n".join(
        [
            "1\t910002\tar\tخربة دمي\t\t\t\t\t\t",
            "2\t910002\ten\tKhirbet Dummi\t\t\t\t\t\t",
            "3\t910002\tlink\thttps://example.org/x\t\t\t\t\t\t",
            "4\t999999999\ten\tNowhere Place\t\t\t\t\t\t",
            "short line",
        ]
    )
    + "\n"
)


@pytest.fixture
def index(tmp_path: Path, geo_index: Path) -> Path:  # noqa: F811
    target = tmp_path / "gazetteer.sqlite"
    shutil.copy(geo_index, target)
    return target


def test_import_dump_and_altnames(index: Path, tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(ALTNAMES, encoding="utf-8")
    reports = import_files([alt, dump], index_path=index, log=io.StringIO())
    by_kind = {r["kind"]: r for r in reports}
    geo = by_kind["geonames"]
    assert geo["places"] == 4 and geo["skipped"] == 2 and geo["first_bad_lines"] == [2, 5]
    assert by_kind["alternatenames"]["skipped"] == 1
    gaz = Gazetteer.open(index)
    p = gaz.resolve("Tel Shair")
    assert p is not None and p.geonameid == 910001 and p.precision == 1
    q = gaz.resolve("Khirbet Dummi")
    assert q is not None and q.geonameid == 910002
    assert gaz.resolve("خربة دمي").geonameid == 910002  # type: ignore[union-attr]
    # The real ADM1 name replaces the pycountry guess for SY 09.
    assert gaz.resolve("Aleppo").admin1 == "Halab Governorate"  # type: ignore[union-attr]
    # Imported villages are recognised in text.
    assert [m.text for m in gaz.find_places("Shelling hit Tall Shaʿir at dawn.")] == ["Tall Shaʿir"]
    stats = info(index)
    assert stats["exists"] and stats["generation"] == 2
    assert [s["kind"] for s in stats["sources"]] == ["bundled", "geonames", "alternatenames"]
    assert stats["sources"][1]["first_bad_lines"] == [2, 5]
    assert stats["size_bytes"] > 0 and stats["places_by_kind"]["city"] >= 20


def test_import_zip(index: Path, tmp_path: Path) -> None:
    z = tmp_path / "SY.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "not data")
        zf.writestr("SY.txt", DUMP)
    reports = import_files([z], index_path=index, log=io.StringIO())
    assert reports[0]["places"] == 4
    assert Gazetteer.open(index).resolve("Khirbat Dummy") is not None


def test_failed_import_leaves_index_untouched(index: Path, tmp_path: Path) -> None:
    good = tmp_path / "SY.txt"
    good.write_text(DUMP, encoding="utf-8")
    bad = tmp_path / "XX.zip"
    bad.write_bytes(b"this is not a zip archive")
    before = info(index)
    with pytest.raises(GazetteerError, match=r"XX\.zip"):
        import_files([good, bad], index_path=index, log=io.StringIO())
    after = info(index)
    assert after["places"] == before["places"] and after["generation"] == before["generation"]
    assert Gazetteer.open(index).resolve("Khirbat Dummy") is None


def test_missing_file_is_a_clear_error(index: Path, tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such file"):
        import_files([tmp_path / "nope.txt"], index_path=index, log=io.StringIO())


def test_info_of_missing_index(tmp_path: Path) -> None:
    assert info(tmp_path / "none.sqlite") == {
        "path": str(tmp_path / "none.sqlite"),
        "exists": False,
    }


def test_interrupted_write_rolls_back(index: Path) -> None:
    import subprocess
    import sys

    before = info(index)["places"]
    # A process that dies in the middle of a write transaction (no commit, no cleanup).
    code = (
        "import os, sqlite3, sys; con = sqlite3.connect(sys.argv[1]); "
        "con.execute('PRAGMA cache_size = 1'); con.execute('BEGIN IMMEDIATE'); "
        "con.execute('DELETE FROM names'); con.execute('DELETE FROM places'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(index)], check=True)
    gaz = Gazetteer.open(index)
    assert info(index)["places"] == before
    assert gaz.resolve("Aleppo") is not None


def test_gazetteer_pickles_by_path(index: Path) -> None:
    import pickle

    gaz = Gazetteer.open(index)
    again = pickle.loads(pickle.dumps(gaz))
    assert again.path == gaz.path and again.resolve("Djibo") is not None


def _made_up_country_file(n: int = 3000) -> tuple[str, str, list[tuple[int, str, float, float]]]:
    """A GeoNames-format country file of ``n`` made-up places around Gorom-Gorom (the
    fixture's Burkinabe town) with their alternate names, and an alternateNamesV2 file."""
    import random

    rnd = random.Random(7)
    syll = ["ba", "go", "ti", "ka", "lo", "se", "mou", "da", "ni", "kou", "ya", "re", "fa"]
    rows = [row(920000, "Oudalan Made-up Department", 14.4, -0.3, "A", "ADM2", "BF", "12", "OU")]
    alt_lines = []
    places = []
    seen = set()
    gid = 920001
    while len(places) < n:
        name = "".join(rnd.choice(syll) for _ in range(rnd.randint(2, 4))).capitalize()
        if name in seen:
            continue
        seen.add(name)
        lat = 14.44 + rnd.uniform(-0.6, 0.6)
        lon = -0.23 + rnd.uniform(-0.6, 0.6)
        alts = f"{name}-Peulh,{name}e"
        fclass, fcode = ("P", "PPL") if len(places) % 10 else ("H", "WLL")
        rows.append(row(gid, name, lat, lon, fclass, fcode, "BF", "12", "OU", 0, alts))
        alt_lines.append(f"{gid + 5_000_000}\t{gid}\tfr\t{name} Village\t\t\t\t\t\t")
        places.append((gid, name, lat, lon))
        gid += 1
    rows.insert(len(rows) // 2, "a line that is not a GeoNames row")
    return "\n".join(rows) + "\n", "\n".join(alt_lines) + "\n", places


def test_realistic_country_import_reaches_village_level(index: Path, tmp_path: Path) -> None:
    from groundfacts.geo.distance import haversine_km

    dump_text, alt_text, places = _made_up_country_file()
    # a village (every tenth place is a well) close to its commune's seat
    gid, name, lat, lon = next(
        p for i, p in enumerate(places) if i % 10 and haversine_km(p[2], p[3], 14.44, -0.23) < 15
    )
    text = f"Gunmen raided {name} village, Gorom-Gorom commune (Oudalan province)."
    before = {m.text: m.place for m in Gazetteer.open(index).geoparse(text)}[name]
    assert before is not None and before.feature == "fallback" and before.precision == 2
    dump = tmp_path / "BF.zip"
    with zipfile.ZipFile(dump, "w") as zf:
        zf.writestr("BF.txt", dump_text)
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(alt_text, encoding="utf-8")
    reports = import_files([dump, alt], index_path=index, log=io.StringIO())
    geo = next(r for r in reports if r["kind"] == "geonames")
    assert geo["places"] == len(places) + 1 and geo["skipped"] == 1
    gaz = Gazetteer.open(index)
    after = {m.text: m.place for m in gaz.geoparse(text)}[name]
    assert after is not None and after.geonameid == gid and after.precision == 1
    # alternate names from both files resolve, through the public verb's path
    out = list(
        geocode_records(
            [
                {"id": 1, "name": f"{name}-Peulh", "country": "BF"},
                {"id": 2, "name": f"{name} Village", "country": "BF"},
            ],
            gaz,
        )
    )
    assert [o["geonameid"] for o in out] == [gid, gid]
    assert haversine_km(out[0]["latitude"], out[0]["longitude"], lat, lon) < 0.01
    assert info(index)["places_by_kind"]["city"] >= len(places) * 9 // 10
