"""The map's first-level boundaries: the packaged Natural Earth units (read independently
here), a user's own GeoJSON instead (``serve --boundaries``, over real HTTP), and the
maintainers' script that builds the packaged file. The page drawing them is tested in
test_service_browser.py, the packaged file's serving in test_service_api.py."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from service_support import USER_BOUNDARIES, FixtureStore, build_store, groundfacts_command, serve

from groundfacts.errors import BadInputError
from groundfacts.service.boundaries import load_boundaries, packaged_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> FixtureStore:
    return build_store(tmp_path_factory.mktemp("boundaries") / "events.duckdb")


@pytest.fixture(scope="module")
def user_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("user") / "districts.geojson"
    path.write_text(json.dumps(USER_BOUNDARIES), encoding="utf-8")
    return path


# ---------- a TopoJSON reader of the test's own, to check the file independently ----------


def decode(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def rings(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> Iterator[list[Any]]:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for i in ring:
                arc = arcs[i] if i >= 0 else arcs[~i][::-1]
                if points:
                    assert points[-1] == arc[0], "arcs of a ring must join end to start"
                points.extend(arc if not points else arc[1:])
            yield points


def units_of(topology: dict[str, Any], iso: str) -> list[dict[str, Any]]:
    return [g for g in topology["objects"]["admin1"]["geometries"] if g["properties"]["iso"] == iso]


# ---------- the packaged file over HTTP ----------


@pytest.mark.parametrize(
    ("iso", "at_least", "known", "box"),
    [
        # (country, units at least, one unit's name, a box around the country: lon, lat)
        ("ID", 30, "Aceh", (94, -12, 142, 7)),
        ("PH", 80, "Cebu", (116, 4, 127, 22)),
        ("BF", 45, "Kadiogo", (-6, 9, 3, 16)),
    ],
)
def test_the_file_holds_each_countrys_first_level_units(
    iso: str, at_least: int, known: str, box: tuple[float, float, float, float]
) -> None:
    topology = json.loads(packaged_path().read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    arcs = decode(topology)
    units = units_of(topology, iso)
    assert len(units) >= at_least
    assert known in {u["properties"]["name"] for u in units}
    x0, y0, x1, y1 = box
    for unit in units:
        assert unit["type"] in ("Polygon", "MultiPolygon")
        for ring in rings(unit, arcs):
            assert ring[0] == ring[-1] and len(ring) >= 4  # closed, not collapsed
            assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in ring), unit["properties"]


def test_neighbouring_units_share_their_borders() -> None:
    """A border between two units is one arc both use, so the page can draw it once."""
    topology = json.loads(packaged_path().read_text(encoding="utf-8"))
    users: dict[int, set[str]] = {}
    for g in units_of(topology, "BF"):
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        for ring in (r for p in polygons for r in p):
            for i in ring:
                users.setdefault(i if i >= 0 else ~i, set()).add(g["properties"]["name"])
    shared = [names for names in users.values() if len(names) == 2]
    assert len(shared) >= 45  # every province of a land-locked country borders another
    assert any("Kadiogo" in names for names in shared)


# ---------- a user's own file ----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"type": "FeatureCollection",\n "features": [}', ":2:"),  # the line of the error
        ('{"type": "Topology", "arcs": []}', "'Topology'"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', "no lines"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": 3}]}', "1"),
        ('{"type": "Polygon"}', "no coordinates"),
        ("[1, 2]", "not a GeoJSON object"),
    ],
)
def test_a_bad_boundaries_file_is_refused_by_name(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "mine.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInputError) as err:
        load_boundaries(path)
    assert str(path) in str(err.value) and expected in str(err.value)
    assert "GF001" in str(err.value)


def test_a_good_boundaries_file_is_kept_as_it_is(user_file: Path) -> None:
    loaded = load_boundaries(user_file)
    assert loaded.body == user_file.read_bytes()
    assert loaded.media_type == "application/geo+json" and loaded.source == str(user_file)


def test_serve_stops_at_start_on_a_missing_or_broken_boundaries_file(
    fixture: FixtureStore, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.geojson"
    broken.write_text("{\n  nope\n}", encoding="utf-8")
    for path, words in ((tmp_path / "none.geojson", "cannot read"), (broken, ":2:")):
        run = subprocess.run(
            [*groundfacts_command(), "serve", "--db", str(fixture.path), "--boundaries", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 3, run.stderr  # bad input
        assert str(path) in run.stderr and words in run.stderr and "GF001" in run.stderr


def test_serve_gives_the_users_boundaries(fixture: FixtureStore, user_file: Path) -> None:
    with serve(fixture.path, "--boundaries", str(user_file)) as s:
        reply = s.get("/api/boundaries")
        assert reply.status == 200
        assert reply.headers["content-type"].startswith("application/geo+json")
        assert reply.json() == USER_BOUNDARIES
        assert s.get("/api/health").json()["boundaries"] == str(user_file)


# ---------- the maintainers' script, on a made-up GeoPackage ----------


def build_script() -> ModuleType:
    path = ROOT / "scripts" / "build_basemap.py"
    spec = importlib.util.spec_from_file_location("build_basemap", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def gpkg_polygon(rings: list[list[tuple[float, float]]]) -> bytes:
    """A GeoPackage geometry: the header (no envelope), then a little-endian WKB polygon."""
    wkb = struct.pack("<BII", 1, 3, len(rings))
    for ring in rings:
        wkb += struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", *p) for p in ring)
    return b"GP\x00\x01" + struct.pack("<i", 4326) + wkb


def test_the_script_builds_shared_simplified_borders(tmp_path: Path) -> None:
    gpkg = tmp_path / "made-up.gpkg"
    con = sqlite3.connect(gpkg)
    con.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT)")
    con.execute("INSERT INTO gpkg_geometry_columns VALUES ('states_provinces', 'geom')")
    con.execute(
        "CREATE TABLE states_provinces (fid INTEGER PRIMARY KEY, geom BLOB, iso_a2 TEXT, "
        "name TEXT, adm0_a3 TEXT)"
    )
    # two invented provinces side by side; their border wiggles a little (below the
    # tolerance) and has many points; the west one has a hole the east one does not share
    border = [(10.0, 0.0)] + [(10.0 + 0.01 * (i % 2), i / 10) for i in range(1, 50)]
    border.append((10.0, 5.0))
    west = [(0.0, 0.0), *border, (0.0, 5.0), (0.0, 0.0)]
    hole = [(2.0, 2.0), (3.0, 2.0), (3.0, 3.0), (2.0, 3.0), (2.0, 2.0)]
    east = [*border[::-1], (20.0, 0.0), (20.0, 5.0), (10.0, 5.0)]
    rows = [(gpkg_polygon([west, hole]), "XA", "West", "XAA")]
    rows.append((gpkg_polygon([east]), "XA", "East", "XAA"))
    con.executemany(
        "INSERT INTO states_provinces (geom, iso_a2, name, adm0_a3) VALUES (?, ?, ?, ?)", rows
    )
    con.commit()
    con.close()

    out = tmp_path / "admin1.json"
    assert build_script().main([str(gpkg), "--out", str(out)]) == 0
    topology = json.loads(out.read_text(encoding="utf-8"))
    arcs = decode(topology)
    units = {g["properties"]["name"]: g for g in topology["objects"]["admin1"]["geometries"]}
    assert set(units) == {"West", "East"}
    assert units["West"]["properties"] == {"name": "West", "iso": "XA", "adm0_a3": "XAA"}
    west_arcs = {i if i >= 0 else ~i for r in units["West"]["arcs"] for i in r}
    east_arcs = {i if i >= 0 else ~i for r in units["East"]["arcs"] for i in r}
    (shared,) = west_arcs & east_arcs  # the border: one arc, used by both
    assert [(round(x, 6), round(y, 6)) for x, y in arcs[shared]] in (
        [(10, 0), (10, 5)],
        [(10, 5), (10, 0)],
    )  # its wiggle simplified away
    assert len(units["West"]["arcs"]) == 2  # the hole survived
    for g in units.values():
        for ring in rings(g, arcs):
            assert ring[0] == ring[-1] and len(ring) >= 4
