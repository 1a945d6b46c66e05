"""Strict reader for the registry's TSV data files.

Lines starting with ``#`` and blank lines are comments; the first other line is the header.
Every row must have exactly the header's columns, so a stray tab or a missing cell is reported
with its file and line instead of silently shifting fields.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path


class RegistryDataError(ValueError):
    """A registry data file is missing or malformed; the message names file and line."""


def read_tsv(path: Traversable | Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Read a TSV file into dicts keyed by the header; each dict carries ``_line``."""
    name = getattr(path, "name", str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RegistryDataError(f"{path}: data file is missing") from exc
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise RegistryDataError(f"{name}:{lineno}: header lacks columns {missing}")
            continue
        if len(cells) != len(header):
            raise RegistryDataError(
                f"{name}:{lineno}: expected {len(header)} tab-separated cells, got {len(cells)}"
            )
        row = dict(zip(header, cells, strict=True))
        row["_line"] = str(lineno)
        rows.append(row)
    if header is None:
        raise RegistryDataError(f"{name}: file has no header row")
    return rows
