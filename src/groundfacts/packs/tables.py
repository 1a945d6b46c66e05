"""Reading a pack's data files (TSV, TOML, plain lists) with errors that name the file and line."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from groundfacts.errors import PackDataError
from groundfacts.packs.discovery import find_packs


def node(lang: str, name: str) -> Traversable:
    """``name`` in the folder of pack ``lang`` (found by :func:`discovery.find_packs`)."""
    source = find_packs().packs.get(lang)
    if source is not None:
        return source.file(name)
    return resources.files("groundfacts.packs").joinpath(lang, name)


def read_text(lang: str, name: str) -> str:
    """The text of ``packs/<lang>/<name>``; a PackDataError naming the file when it is missing."""
    try:
        return node(lang, name).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise PackDataError(f"pack {lang!r}: table packs/{lang}/{name} is missing") from exc


def exists(lang: str, name: str) -> bool:
    return node(lang, name).is_file()


def read_toml(lang: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(read_text(lang, name))
    except tomllib.TOMLDecodeError as exc:
        raise PackDataError(f"packs/{lang}/{name}: malformed TOML: {exc}") from exc


def read_lines(lang: str, name: str) -> Iterator[tuple[int, str]]:
    """Non-blank, non-comment lines with their 1-based line numbers (``#`` starts a comment)."""
    for number, raw in enumerate(read_text(lang, name).splitlines(), start=1):
        line = raw.rstrip("\n\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, line


def read_tsv(lang: str, name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a TSV table with exactly ``columns`` tab-separated fields (stripped)."""
    for number, line in read_lines(lang, name):
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != columns:
            raise PackDataError(
                f"packs/{lang}/{name}:{number}: expected {columns} tab-separated fields, "
                f"found {len(fields)}: {line!r}"
            )
        yield number, fields


def toml_section(table: dict[str, Any], key: str, lang: str, name: str) -> Any:
    """``table[key]``, or a PackDataError naming the file and the missing key."""
    if key not in table:
        raise PackDataError(f"packs/{lang}/{name}: missing table or key {key!r}")
    return table[key]


def str_list(value: Any, key: str, lang: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackDataError(f"packs/{lang}/{name}: {key!r} must be a list of strings")
    return tuple(value)
