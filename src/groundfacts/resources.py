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
    from groundfacts.text import SentenceSplitter

# Languages a pack exists for, and the pack that serves each detected language.
PACK_FOR_LANGUAGE = {"en": "en", "id": "id", "ms": "id"}


@dataclass
class Resources:
    gazetteer_path: Path | None = None
    _packs: dict[str, Pack] = field(default_factory=dict, repr=False)
    _splitters: dict[str, SentenceSplitter] = field(default_factory=dict, repr=False)
    _actors: ActorRegistry | None = field(default=None, repr=False)
    _gazetteer: Gazetteer | None = field(default=None, repr=False)

    def pack(self, lang: str) -> Pack:
        from groundfacts.packs import Pack

        key = PACK_FOR_LANGUAGE.get(lang, lang)
        if key not in self._packs:
            self._packs[key] = Pack.load(key)
        return self._packs[key]

    def splitter(self, lang: str) -> SentenceSplitter:
        from groundfacts.text import SentenceSplitter

        key = PACK_FOR_LANGUAGE.get(lang, lang)
        if key not in self._splitters:
            self._splitters[key] = SentenceSplitter.for_language(key)
        return self._splitters[key]

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

    def warm(self, languages: tuple[str, ...] = ("en", "id")) -> None:
        """Load everything now (before timing, or before forking workers)."""
        for lang in languages:
            self.pack(lang)
            self.splitter(lang)
        _ = self.actors
        _ = self.gazetteer
