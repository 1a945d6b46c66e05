"""Build the dashboard's first-level boundaries (provinces, states, regions) from a
Natural Earth GeoPackage. For maintainers only: the built file is committed, so neither users
nor CI need the source data or this script.

    python scripts/build_basemap.py GPKG [--out FILE] [--tolerance DEG] [--grid DEG]

``GPKG`` is ``world_map.gpkg`` as QGIS distributes it (Debian package ``qgis-common``, file
``/usr/share/qgis/resources/data/world_map.gpkg``; ``apt-get download qgis-common`` and
``dpkg -x`` give it without installing QGIS). Its layer ``states_provinces`` is Natural
Earth's 1:10m Admin 1 (public domain), already generalised with GRASS ``v.generalize``.

The script reads the layer with the standard library alone (sqlite3, and the GeoPackage
geometry header and WKB parsed here), then writes TopoJSON, the format the page already
decodes for its countries:

1. coordinates are snapped to a grid (``--grid`` degrees, 0.005 by default), so borders that
   two units share are the same points in both;
2. the rings are cut into arcs at the points where more than two units meet, and each shared
   border becomes one arc used by both units (the page draws a border once, and can tell a
   border inside a country from one on its edge);
3. every arc is simplified with Douglas-Peucker (``--tolerance`` degrees, 0.025 by default);
   a shared arc is simplified once, so neighbours never gap or overlap; rings that shrink to
   nothing (small islands) are dropped, except a unit's largest ring;
4. arcs are written delta-encoded on the grid, with each unit's ``name``, ``iso`` (ISO 3166-1
   alpha-2 of its country, empty when Natural Earth has none) and ``adm0_a3``.

The default output is ``src/groundfacts/service/static/basemap/admin1-10m.json``, beside the
country basemap; its provenance is in that folder's README.md and LICENSE-natural-earth.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sqlite3
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUT = (
    Path(__file__).resolve().parent.parent
    / "src/groundfacts/service/static/basemap/admin1-10m.json"
)
LAYER = "states_provinces"
OBJECT = "admin1"  # the object's name inside the TopoJSON

Point = tuple[int, int]  # a position on the grid
Ring = list[Point]  # closed: the last point repeats the first


@dataclass(slots=True)
class Unit:
    name: str
    iso: str
    adm0_a3: str
    polygons: list[list[Ring]]  # each polygon: its exterior ring, then its holes


# ---------- reading the GeoPackage ----------


def wkb_polygons(wkb: bytes) -> list[list[list[tuple[float, float]]]]:
    """The polygons of a WKB Polygon or MultiPolygon (2D; Z and M values are skipped)."""
    polygons: list[list[list[tuple[float, float]]]] = []

    def read(at: int) -> int:
        order = "<" if wkb[at] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", wkb, at + 1)
        at += 5
        # ISO WKB marks Z/M in the thousands, EWKB in the high bits
        dims = 2 + (kind // 1000 in (1, 2)) + (kind // 1000 == 3) * 2
        dims += bool(kind & 0x80000000) + bool(kind & 0x40000000)
        base = (kind & 0xFFFF) % 1000
        (count,) = struct.unpack_from(order + "I", wkb, at)
        at += 4
        if base == 6:  # MultiPolygon: its parts are whole WKB polygons
            for _ in range(count):
                at = read(at)
            return at
        if base != 3:
            raise ValueError(f"not a polygon: WKB type {kind}")
        rings = []
        for _ in range(count):
            (n,) = struct.unpack_from(order + "I", wkb, at)
            at += 4
            values = struct.unpack_from(order + "d" * (n * dims), wkb, at)
            at += 8 * n * dims
            rings.append([(values[i], values[i + 1]) for i in range(0, len(values), dims)])
        polygons.append(rings)
        return at

    read(0)
    return polygons


def gpkg_wkb(blob: bytes) -> bytes | None:
    """The WKB inside a GeoPackage geometry blob (None for an empty geometry)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    flags = blob[3]
    if flags & 0x10:
        return None
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    return blob[8 + envelope :]


def read_units(gpkg: Path, grid: float) -> list[Unit]:
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    try:
        (column,) = con.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (LAYER,)
        ).fetchone()
        rows = con.execute(
            f'SELECT name, iso_a2, adm0_a3, "{column}" FROM {LAYER} ORDER BY adm0_a3, name, fid'
        ).fetchall()
    finally:
        con.close()
    units = []
    for name, iso, adm0, blob in rows:
        wkb = gpkg_wkb(blob) if blob else None
        polygons = []
        for poly in wkb_polygons(wkb) if wkb else []:
            exterior = snap(poly[0], grid)
            if exterior:  # else the polygon is smaller than the grid
                polygons.append([exterior, *(r for r in (snap(h, grid) for h in poly[1:]) if r)])
        iso = iso if iso and len(iso) == 2 and iso.isalpha() else ""
        units.append(Unit(name or "", iso, adm0 or "", polygons))
    return units


def snap(ring: list[tuple[float, float]], grid: float) -> Ring:
    """The ring on the grid, without repeated points; empty when it collapses."""
    out: Ring = []
    for x, y in ring:
        p = (round((x + 180) / grid), round((y + 90) / grid))
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(set(out)) >= 3 else []


# ---------- topology ----------


def junctions(rings: list[Ring]) -> set[Point]:
    """Points where rings part: seen with different neighbours in different places."""
    seen: dict[Point, tuple[Point, Point]] = {}
    found: set[Point] = set()
    for ring in rings:
        n = len(ring) - 1
        for i in range(n):
            p, a, b = ring[i], ring[i - 1 if i else n - 1], ring[i + 1]
            pair = (a, b) if a <= b else (b, a)
            if p in seen:
                if seen[p] != pair:
                    found.add(p)
            else:
                seen[p] = pair
    return found


class Arcs:
    """Unique arcs: one entry per border, found again when walked either way."""

    def __init__(self) -> None:
        self.lines: list[list[Point]] = []
        self.index: dict[tuple[Point, ...], int] = {}

    def add(self, line: list[Point]) -> int:
        key = tuple(line)
        if key in self.index:
            return self.index[key]
        back = key[::-1]
        if back in self.index:
            return ~self.index[back]
        self.index[key] = len(self.lines)
        self.lines.append(line)
        return len(self.lines) - 1

    def add_ring(self, ring: Ring, cuts: set[Point]) -> list[int]:
        body = ring[:-1]
        at = [i for i, p in enumerate(body) if p in cuts]
        if not at:
            # a ring no other ring touches, or one shared whole (an enclave and its hole):
            # start it at its smallest point so both copies give the same arc
            k = body.index(min(body))
            forward = body[k:] + body[:k]
            forward.append(forward[0])
            backward = forward[::-1]
            if tuple(backward) in self.index:
                return [~self.index[tuple(backward)]]
            return [self.add(forward)]
        k = at[0]
        rotated = body[k:] + body[:k]
        rotated.append(rotated[0])
        marks = [i - k if i >= k else i - k + len(body) for i in at] + [len(body)]
        return [self.add(rotated[a : b + 1]) for a, b in itertools.pairwise(marks)]


# ---------- simplification ----------


def douglas_peucker(line: list[Point], tolerance: float) -> list[Point]:
    """The line's points kept by Douglas-Peucker (``tolerance`` in grid units); ends kept."""
    if len(line) < 3:
        return line
    if line[0] == line[-1]:
        # a closed arc: split at its farthest point, so neither half is a loop
        far = max(range(len(line)), key=lambda i: _d2(line[i], line[0]))
        if far == 0:
            return line[:1]
        return douglas_peucker(line[: far + 1], tolerance)[:-1] + douglas_peucker(
            line[far:], tolerance
        )
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    t2 = tolerance * tolerance
    while stack:
        a, b = stack.pop()
        best, at = -1.0, -1
        for i in range(a + 1, b):
            d = _segment_d2(line[i], line[a], line[b])
            if d > best:
                best, at = d, i
        if at > 0 and best > t2:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def _d2(p: Point, q: Point) -> float:
    return float((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2)


def _segment_d2(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return _d2(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return _d2(p, (round(a[0] + t * dx), round(a[1] + t * dy)))


# ---------- output ----------


def ring_points(ring: list[int], lines: list[list[Point]]) -> list[Point]:
    out: list[Point] = []
    for i in ring:
        arc = lines[i] if i >= 0 else lines[~i][::-1]
        out.extend(arc if not out else arc[1:])
    return out


def ring_area(points: list[Point]) -> float:
    return abs(
        sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1], strict=True))
        / 2
    )


def build(units: list[Unit], grid: float, tolerance: float) -> dict[str, object]:
    rings = [ring for u in units for poly in u.polygons for ring in poly]
    cuts = junctions(rings)
    arcs = Arcs()
    shapes = [[[arcs.add_ring(ring, cuts) for ring in poly] for poly in u.polygons] for u in units]
    simple = [douglas_peucker(line, tolerance / grid) for line in arcs.lines]

    used: dict[int, int] = {}  # old arc index -> new, for the arcs the output keeps
    geometries = []
    for unit, polys in zip(units, shapes, strict=True):
        kept: list[list[list[int]]] = []
        for poly in polys:
            rings_kept = [r for r in poly if ring_area(ring_points(r, simple)[:-1]) > 0]
            if rings_kept and rings_kept[0] is poly[0]:
                kept.append(rings_kept)
        if not kept and polys:
            # everything shrank away: keep the largest ring, as simplified as it allows
            largest = max(
                polys,
                key=lambda p: ring_area(ring_points(p[0], arcs.lines)[:-1]),
            )
            for i in largest[0]:
                simple[i if i >= 0 else ~i] = arcs.lines[i if i >= 0 else ~i]
            kept = [[largest[0]]]
        coded = [[[_renumber(i, used) for i in r] for r in p] for p in kept]
        geometry: dict[str, object] = {
            "properties": {"name": unit.name, "iso": unit.iso, "adm0_a3": unit.adm0_a3}
        }
        if len(coded) == 1:
            geometry.update(type="Polygon", arcs=coded[0])
        elif coded:
            geometry.update(type="MultiPolygon", arcs=coded)
        else:
            geometry["type"] = None
        geometries.append(geometry)

    order = sorted(used, key=used.__getitem__)
    return {
        "type": "Topology",
        "transform": {"scale": [grid, grid], "translate": [-180, -90]},
        "objects": {OBJECT: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": [_delta(simple[i]) for i in order],
    }


def _renumber(i: int, used: dict[int, int]) -> int:
    j = i if i >= 0 else ~i
    if j not in used:
        used[j] = len(used)
    return used[j] if i >= 0 else ~used[j]


def _delta(line: list[Point]) -> list[list[int]]:
    out, x, y = [], 0, 0
    for px, py in line:
        out.append([px - x, py - y])
        x, y = px, py
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gpkg", type=Path, help="world_map.gpkg (layer states_provinces)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--tolerance", type=float, default=0.025, help="Douglas-Peucker, degrees")
    ap.add_argument("--grid", type=float, default=0.005, help="coordinate grid, degrees")
    args = ap.parse_args(argv)
    if not args.gpkg.is_file():
        print(f"{args.gpkg}: no such file", file=sys.stderr)
        return 2
    units = read_units(args.gpkg, args.grid)
    topology = build(units, args.grid, args.tolerance)
    text = json.dumps(topology, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    n_arcs = len(topology["arcs"])  # type: ignore[arg-type]
    points = sum(len(a) for a in topology["arcs"])  # type: ignore[attr-defined]
    print(
        f"{args.out}: {len(units)} units, {n_arcs} arcs, {points} points, "
        f"{math.ceil(len(text.encode()) / 1024)} KiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
