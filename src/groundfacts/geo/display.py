"""Display names: how analysts write a place, not how GeoNames transliterates it.

GeoNames' primary names of Arabic, Persian and similar places carry scholarly
transliteration marks ("Ḩamāh", "Khān Shaykhūn", "Ar Raqqah"); the press and ACLED write
"Hama", "Khan Shaykhun", "Raqqa". Latin names whose accents the local language uses
("Téra", "Diébougou") are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from groundfacts.geo.normalize import Normaliser

# Letters and marks that only transliteration uses: dotted/underlined consonants, macrons,
# ayn/hamza signs, breves. Acute/grave/circumflex/diaeresis are local spelling, not these.
_TRANSLIT_MARKS = frozenset("\u0304\u0323\u0331\u0327\u0306\u030c\u0307\u0332")
_TRANSLIT_CHARS = frozenset("‘’ʼʻʿʾ`´ıḨḩḑḐţŢşŞāĀīĪūŪẕẒẓḏḎṯṮḥḤṣṢṭṬẖ")
_WORD_SPLIT = re.compile(r"[ -]+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


def has_translit(name: str) -> bool:
    """Does ``name`` carry transliteration marks (not plain local accents)?"""
    if any(c in _TRANSLIT_CHARS for c in name):
        return True
    if name.isascii():
        return False
    return any(c in _TRANSLIT_MARKS for c in unicodedata.normalize("NFD", name))


def ascii_fold(name: str) -> str:
    """Marks off, ayn/hamza signs dropped ("Dar‘ā" -> "Dara", "‘Amrān" -> "Amran")."""
    s = unicodedata.normalize("NFD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i")
    s = "".join(c for c in s if c not in "‘’ʼʻʿʾ`´")
    return " ".join(s.split())


def _plain(alt: str) -> bool:
    return (
        len(alt) >= 3
        and alt.isascii()
        and alt[:1].isupper()
        and not alt.isupper()
        and all(c.isalpha() or c in " -'" for c in alt)
    )


def display_name(name: str, altnames: Sequence[str], norm: Normaliser) -> str:
    """The name to show for a place: ``name`` itself unless it is transliterated; then the
    plainest common ASCII alternate spelling of the same name, else ``name`` folded."""
    if not has_translit(name):
        return name
    folded = ascii_fold(name)
    target = norm.loose(name)
    words = len(_WORD_SPLIT.split(folded))
    # Same name (loose key), same number of words: "Hama" for "Ḩamāh", "Ar Raqqa" for
    # "Ar Raqqah", never a different name or a form that drops or adds an article.
    same = [
        a
        for a in altnames
        if _plain(a) and len(_WORD_SPLIT.split(a)) == words and norm.loose(a) == target
    ]
    if not same:
        return folded
    # The spelling closest to the transliteration, where a word-final "h" after a vowel
    # costs nothing ("Hama" for "Hamah": the press drops it), then the shortest.
    base = _soft(folded)
    return min(same, key=lambda a: (Levenshtein.distance(_soft(a), base), len(a), a))


def _soft(name: str) -> str:
    return _FINAL_H.sub("", name.lower().replace("-", " "))
