"""Display names: how analysts write a place, not how GeoNames transliterates it.

GeoNames' primary names of Arabic, Persian and similar places carry scholarly
transliteration marks ("Ḩamāh", "Khān Shaykhūn", "Ar Raqqah"); the press and ACLED write
"Hama", "Khan Shaykhun", "Raqqa". Latin names whose accents the local language uses
("Téra", "Diébougou") are kept as they are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from groundfacts.geo.normalize import Normaliser

# Letters and marks that only transliteration uses: dotted/underlined consonants, macrons,
# ayn/hamza signs, breves. Acute/grave/circumflex/diaeresis are local spelling, not these.
_TRANSLIT_MARKS = frozenset("\u0304\u0323\u0331\u0327\u0306\u030c\u0307\u0332")
_TRANSLIT_CHARS = frozenset("‘’ʼʻʿʾ`´ıḨḩḑḐţŢşŞāĀīĪūŪẕẒẓḏḎṯṮḥḤṣṢṭṬẖ")
_ARTICLES = ("al ", "ar ", "as ", "ash ", "ad ", "an ", "at ", "az ", "adh ", "ath ", "el ")


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
    same = [a for a in altnames if _plain(a) and norm.loose(a) == target]
    if not same:
        return folded
    if folded in same:
        # Attested as written; drop a leading article when an attested form lacks it
        # ("Ar Raqqah" -> "Raqqa" only if some alternate says so).
        pass
    # Fewest words first (articles off), then the form most alternates share, then shortest.
    counts: dict[str, int] = {}
    for a in same:
        counts[a] = counts.get(a, 0) + 1
    lowered = folded.lower()
    has_article = lowered.startswith(_ARTICLES)

    def rank(a: str) -> tuple[int, int, int, int]:
        drops_article = has_article and not a.lower().startswith(_ARTICLES)
        return (0 if drops_article else 1, len(a.split()), -counts[a], len(a))

    best = min(same, key=rank)
    if folded in same and len(best.split()) == len(folded.split()):
        return folded
    return best
