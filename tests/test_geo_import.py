"""GeoNames dump import: village coverage, malformed lines, zip files, transactions, info."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from test_geo_support import geo_index  # noqa: F401  (session fixture)

from groundfacts.errors import GazetteerError
from groundfacts.geo import Gazetteer, import_files, info


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
