"""Heavy, read-only resources (packs, actor registry, gazetteer), loaded once per process.

A :class:`Resources` object is created by the caller and passed to the stages; nothing is
loaded at import time and nothing here is mutated after loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundfacts.actors import ActorRegistry
    from groundfacts.geo import Gazetteer
    from groundfacts.packs import Pack
    from groundfacts.packs.discovery import PackIndex
    from groundfacts.text import SentenceSplitter
    from groundfacts.text.press import PressRules


@dataclass
class Resources:
    gazetteer_path: Path | None = None
    _packs: dict[str, Pack] = field(default_factory=dict, repr=False)
    _splitters: dict[str, SentenceSplitter] = field(default_factory=dict, repr=False)
    _actors: ActorRegistry | None = field(default=None, repr=False)
    _press: PressRules | None = field(default=None, repr=False)
    _gazetteer: Gazetteer | None = field(default=None, repr=False)

    @property
    def packs(self) -> PackIndex:
        """The packs installed and the languages each serves (read from the packs)."""
        from groundfacts.packs.discovery import find_packs

        return find_packs()

    def pack_for(self, lang: str | None) -> str | None:
        """The code of the pack serving ``lang``, or None when no pack serves it."""
        return self.packs.pack_for(lang)

    def pack(self, lang: str) -> Pack:
        from groundfacts.packs import Pack

        key = self.pack_for(lang) or lang
        if key not in self._packs:
            self._packs[key] = Pack.load(key)
        return self._packs[key]

    def splitter(self, lang: str) -> SentenceSplitter:
        from groundfacts.text import SentenceSplitter

        key = self.pack_for(lang) or lang
        if key not in self._splitters:
            self._splitters[key] = SentenceSplitter.for_language(key)
        return self._splitters[key]

    @property
    def press(self) -> PressRules:
        """The page-furniture rules of every pack (``press.toml``), merged: cleaning runs
        before the language is known."""
        if self._press is None:
            from groundfacts.packs import tables
            from groundfacts.text.press import PressRules

            self._press = PressRules.merge(
                tables.read_toml(code, "press.toml")
                for code in self.packs.codes
                if tables.exists(code, "press.toml")
            )
        return self._press

    @property
    def actors(self) -> ActorRegistry:
        if self._actors is None:
            from groundfacts.actors import ActorRegistry

            self._actors = ActorRegistry.load()
        return self._actors

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from groundfacts.geo import Gazetteer

            self._gazetteer = Gazetteer.open(self.gazetteer_path)
        return self._gazetteer

    def warm(self, languages: tuple[str, ...] | None = None) -> None:
        """Load everything now (before timing, or before forking workers); every pack by default."""
        for lang in self.packs.codes if languages is None else languages:
            self.pack(lang)
            self.splitter(lang)
        _ = self.press
        _ = self.actors
        _ = self.gazetteer
