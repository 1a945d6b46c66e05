"""Name normalisation: folding that keeps offsets, and keys that survive transliteration.

Three levels, from strict to loose:

* :meth:`Normaliser.fold` maps every character to exactly one character (lower case, accents
  off, quote marks and dashes unified) so that offsets in the folded text are offsets in the
  original; recognition runs on it.
* :meth:`Normaliser.key` (the *name key*) also drops apostrophes and splits on punctuation:
  ``Ma'arata`` and ``Ma`arata`` meet.
* :meth:`Normaliser.loose` (the *loose key*) applies the variant rules of
  ``data/variants.toml``: token variants (Tel/Tall/Tell), articles (al-/ar-/ez-), letter
  substitutions and doubled letters, so ``Lattakia``/``Latakia`` and ``Raqqah``/``Raqqa`` meet.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cached_property
from importlib import resources
from typing import Any

from groundfacts.errors import GazetteerError

_SPLIT = re.compile(r"[^\w]+")


def load_data(name: str) -> dict[str, Any]:
    """Read one TOML table shipped in ``groundfacts/geo/data``; fail loudly naming the file."""
    path = resources.files("groundfacts.geo") / "data" / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise GazetteerError(f"missing data file {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerError(f"bad TOML in {path}: {exc}") from exc


def cue_languages(cues: dict[str, Any] | None = None) -> tuple[str, ...]:
    """The languages geo data serves: the tables of ``cues.toml`` that hold "strong" cues
    (a new language is a new table, no code)."""
    table = load_data("cues.toml") if cues is None else cues
    return tuple(k for k, v in table.items() if isinstance(v, dict) and "strong" in v)


class Normaliser:
    """Folding and keys; create once and reuse (tables are built on first use)."""

    def __init__(self, variants: dict[str, Any] | None = None) -> None:
        self._v = variants if variants is not None else load_data("variants.toml")
        self._tokens: dict[str, str] = dict(self._v.get("tokens", {}))
        self._articles = frozenset(self._v.get("articles", ()))
        self._attached_min = int(self._v.get("attached_article_min_len", 5))
        self._subs: list[tuple[str, str]] = [(a, b) for a, b in self._v.get("substitutions", ())]
        self._attached = re.compile(r"^[ae]([tdrzsnl])\1(\w{2,})$")
        self._double = re.compile(r"(\w)\1+")
        self._final_h = re.compile(r"(?<=[aeiou])h\b")

    @cached_property
    def _table(self) -> dict[int, str]:
        apos = self._v.get("apostrophes", "'")
        hyph = self._v.get("hyphens", "-")
        extra: dict[str, str] = self._v.get("fold", {})
        table: dict[int, str] = {}
        ranges = [(0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00), (0x370, 0x530)]
        for lo, hi in ranges:
            for cp in range(lo, hi):
                ch = chr(cp)
                base = unicodedata.normalize("NFD", ch)[0].lower()
                if len(base) == 1 and base != ch:
                    table[cp] = base
        for ch, to in extra.items():
            if len(ch) == 1 and len(to) == 1:
                table[ord(ch)] = to
        for ch in apos:
            table[ord(ch)] = "'"
        for ch in hyph:
            table[ord(ch)] = "-"
        return table

    def fold(self, text: str) -> str:
        """Lower case, accents off, one character per character (offsets are preserved)."""
        return text.translate(self._table)

    def key(self, name: str) -> str:
        """Name key: folded, combining marks and apostrophes dropped, words single-spaced."""
        s = self.fold(name)
        if not s.isascii():
            s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
        s = s.replace("'", "")
        return " ".join(t for t in _SPLIT.split(s) if t and t != "_")

    def loose(self, name: str) -> str:
        """Loose key (see module doc); equal loose keys mean "the same name, spelt differently"."""
        return self.loose_from_key(self.key(name))

    def loose_from_key(self, key: str) -> str:
        toks = key.split()
        out: list[str] = []
        n = len(toks)
        for i, tok in enumerate(toks):
            tok = self._tokens.get(tok, tok)
            if tok in self._articles and i < n - 1:
                continue
            if i > 0 and len(tok) >= self._attached_min:
                m = self._attached.match(tok)
                if m:
                    tok = m.group(1) + m.group(2)
            out.append(tok)
        s = " ".join(out)
        for a, b in self._subs:
            if a in s:
                s = s.replace(a, b)
        s = self._double.sub(r"\1", s)
        return self._final_h.sub("", s)
