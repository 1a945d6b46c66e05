"""The first-level boundaries the dashboard draws: the packaged Natural Earth units, or a
user's own GeoJSON (``serve --boundaries FILE``), checked once when the service starts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from groundfacts.errors import BadInputError

PACKAGED = ("static", "basemap", "admin1-10m.json")
LINES_AND_AREAS = {"LineString", "MultiLineString", "Polygon", "MultiPolygon"}
GEOMETRIES = LINES_AND_AREAS | {"Point", "MultiPoint", "GeometryCollection"}


@dataclass(slots=True, frozen=True)
class Boundaries:
    body: bytes | None  # the user's file as checked; None: the packaged file, served from disk
    media_type: str
    source: str  # "packaged" or the user's file


def packaged_path() -> Path:
    return Path(str(resources.files("groundfacts.service").joinpath(*PACKAGED)))


def load_boundaries(path: Path | None) -> Boundaries:
    """The packaged TopoJSON when ``path`` is None, else the user's GeoJSON, read and checked;
    raises BadInputError naming the file (and the line, for broken JSON)."""
    if path is None:
        return Boundaries(None, "application/json", "packaged")
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read the boundaries file: {exc.strerror}") from exc
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadInputError(f"{path}: the boundaries file is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise BadInputError(
            f"{path}:{exc.lineno}:{exc.colno}: not JSON ({exc.msg}); --boundaries needs GeoJSON"
        ) from exc
    drawable = _drawable(data, path)
    if not drawable:
        raise BadInputError(f"{path}: no lines or polygons to draw in the boundaries file")
    return Boundaries(body, "application/geo+json", str(path))


def _drawable(data: Any, path: Path) -> int:
    """How many lines and polygons a GeoJSON object holds; BadInputError when it is not one."""
    if not isinstance(data, dict):
        raise BadInputError(f"{path}: not a GeoJSON object")
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise BadInputError(f"{path}: the FeatureCollection has no list of features")
        return sum(_feature(f, path, i) for i, f in enumerate(features))
    if kind == "Feature":
        return _feature(data, path, 0)
    if kind in GEOMETRIES:
        return _geometry(data, path, "the geometry")
    raise BadInputError(
        f"{path}: GeoJSON type {kind!r} is not one of FeatureCollection, Feature or a geometry"
    )


def _feature(feature: Any, path: Path, i: int) -> int:
    where = f"feature {i + 1}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise BadInputError(f"{path}: {where} is not a GeoJSON Feature")
    geometry = feature.get("geometry")
    return 0 if geometry is None else _geometry(geometry, path, where)


def _geometry(geometry: Any, path: Path, where: str) -> int:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in GEOMETRIES:
        raise BadInputError(f"{path}: {where} has no GeoJSON geometry type (got {kind!r})")
    if kind == "GeometryCollection":
        parts = geometry.get("geometries")
        if not isinstance(parts, list):
            raise BadInputError(f"{path}: {where} is a GeometryCollection without geometries")
        return sum(_geometry(g, path, where) for g in parts)
    if not isinstance(geometry.get("coordinates"), list):
        raise BadInputError(f"{path}: {where} ({kind}) has no coordinates")
    return int(kind in LINES_AND_AREAS)
