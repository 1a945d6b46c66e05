"""Which language packs exist and which languages each serves, read from the packs themselves.

A pack is a folder holding ``pack.toml`` (``[pack] lang = "xx"``, ``serves = ["xx", ...]``)
and its tables. Packs are found in three places, in this order:

1. the folders inside ``groundfacts/packs`` (the packs that ship with groundfacts);
2. installed distributions that declare an entry point in the group ``groundfacts.packs``
   whose value is an importable package holding a pack (``xx = "mypackage.packs.xx"``);
3. the folders on the search path ``GROUNDFACTS_PACKS`` (paths joined by the platform's
   path separator). A path is either a pack itself or a folder of packs.

A new language therefore needs no code change: drop its folder into one of these places.
A pack whose code or served language is already taken by an earlier pack is an error, so
that which pack serves a language never depends on the order of a directory listing.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from groundfacts.errors import PackDataError

ENV_PATH = "GROUNDFACTS_PACKS"
ENTRY_POINT_GROUP = "groundfacts.packs"


@dataclass(frozen=True, slots=True)
class PackSource:
    """One pack found on disk: its code, the languages it serves, and its folder."""

    code: str
    serves: tuple[str, ...]
    name: str
    root: Traversable
    origin: str  # "builtin", "entry point NAME", or the search-path folder

    def file(self, name: str) -> Traversable:
        return self.root.joinpath(name)


def language_key(lang: str) -> str:
    """ "id-ID", "ID_id", " Id " -> "id": the part of a language tag that picks a pack."""
    return lang.strip().lower().replace("_", "-").split("-")[0]


@dataclass(frozen=True, slots=True)
class PackIndex:
    """The packs found, by code, and the pack serving each language code."""

    packs: dict[str, PackSource] = field(default_factory=dict)
    serves: dict[str, str] = field(default_factory=dict)

    def pack_for(self, lang: str | None) -> str | None:
        """The code of the pack serving ``lang`` (a language tag), or None."""
        if not lang:
            return None
        return self.serves.get(language_key(lang))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.packs)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language code some pack serves (what language identification may answer)."""
        return tuple(self.serves)


def _read_meta(root: Traversable, where: str) -> tuple[str, tuple[str, ...], str]:
    try:
        table = tomllib.loads(root.joinpath("pack.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PackDataError(f"{where}/pack.toml: malformed TOML: {exc}") from exc
    meta = table.get("pack")
    if not isinstance(meta, dict) or not isinstance(meta.get("lang"), str) or not meta["lang"]:
        raise PackDataError(f'{where}/pack.toml: needs a [pack] table with lang = "xx"')
    code = language_key(meta["lang"])
    serves = meta.get("serves", [code])
    if not isinstance(serves, list) or not all(isinstance(s, str) and s for s in serves):
        raise PackDataError(f"{where}/pack.toml: serves must be a list of language codes")
    keys = tuple(dict.fromkeys([code, *(language_key(s) for s in serves)]))
    return code, keys, str(meta.get("name", code))


def _builtin() -> Iterator[tuple[Traversable, str]]:
    base = resources.files("groundfacts.packs")
    for child in sorted(base.iterdir(), key=lambda c: c.name):
        if child.is_dir() and child.joinpath("pack.toml").is_file():
            yield child, "builtin"


def _entry_points() -> Iterator[tuple[Traversable, str]]:
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            root = resources.files(ep.value)
        except (ModuleNotFoundError, TypeError) as exc:
            raise PackDataError(f"entry point {ep.name} = {ep.value!r}: {exc}") from exc
        if not root.joinpath("pack.toml").is_file():
            raise PackDataError(f"entry point {ep.name} = {ep.value!r}: no pack.toml there")
        yield root, f"entry point {ep.name}"


def _search_path(paths: Iterable[str]) -> Iterator[tuple[Traversable, str]]:
    for raw in paths:
        path = Path(raw).expanduser()
        if (path / "pack.toml").is_file():
            yield path, str(path)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if (child / "pack.toml").is_file():
                    yield child, str(child)
        else:
            raise PackDataError(f"pack search path {raw!r}: no such folder")


@functools.cache
def _index(paths: tuple[str, ...]) -> PackIndex:
    packs: dict[str, PackSource] = {}
    serves: dict[str, str] = {}
    found = [*_builtin(), *_entry_points(), *_search_path(paths)]
    for root, origin in found:
        where = f"packs/{root.name}" if origin == "builtin" else origin
        code, keys, name = _read_meta(root, where)
        if code in packs:
            raise PackDataError(
                f"{where}: pack {code!r} is already provided by {packs[code].origin}"
            )
        taken = [k for k in keys if k in serves]
        if taken:
            raise PackDataError(
                f"{where}: language {taken[0]!r} is already served by pack {serves[taken[0]]!r}"
            )
        packs[code] = PackSource(code, keys, name, root, origin)
        for k in keys:
            serves[k] = code
    return PackIndex(packs, serves)


def find_packs() -> PackIndex:
    """Every pack in the built-in folder, the entry points and on ``GROUNDFACTS_PACKS``.

    The result is cached per search path, so calling this for every document costs nothing.
    """
    env = [p for p in os.environ.get(ENV_PATH, "").split(os.pathsep) if p.strip()]
    return _index(tuple(env))
