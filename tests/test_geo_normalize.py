"""Name keys that survive transliteration, and offset-preserving folding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundfacts.geo.normalize import Normaliser


@pytest.fixture(scope="module")
def norm() -> Normaliser:
    return Normaliser()


@pytest.mark.parametrize(
    "a, b",
    [
        ("Tel Zaytun", "Tall Zaytun"),
        ("Tell Zaytun", "Tal Zaytun"),
        ("Kafr Nabl", "Kfar Nabl"),
        ("Kafar Nabl", "Kafr Nabl"),
        ("Ma'arata", "Maarata"),
        ("Ma`arata", "Ma’arata"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Lattakia", "Latakia"),
        ("Raqqah", "Ar Raqqah"),
        ("Raqqa", "ar-Raqqah"),
        ("Hasakah", "Al Ḩasakah"),
        ("Ḩamāh", "Hama"),
        ("al-Bab", "Al Bab"),
        ("el-Bab", "as-Bab"),
        ("Ouagadougou", "Wagadugu"),
    ],
)
def test_variants_meet(norm: Normaliser, a: str, b: str) -> None:
    if "Zawr" in b:
        # Zor/Zawr differ by a vowel: the loose keys are close, fuzzy matching closes the gap.
        from rapidfuzz import fuzz

        assert fuzz.ratio(norm.loose(a), norm.loose(b)) >= 80
    else:
        assert norm.loose(a) == norm.loose(b)


@pytest.mark.parametrize("a, b", [("Paris", "Parma"), ("Hama", "Homs"), ("Tel Aviv", "Tel Abyad")])
def test_different_names_stay_apart(norm: Normaliser, a: str, b: str) -> None:
    assert norm.loose(a) != norm.loose(b)


def test_key_drops_apostrophes_and_punctuation(norm: Normaliser) -> None:
    assert norm.key("Ma’arat al-Nu'man") == "maarat al numan"
    assert norm.key("St. Louis") == "st louis"
    assert norm.key("São Tomé") == "sao tome"


def test_article_kept_when_alone(norm: Normaliser) -> None:
    # "Al" as a whole name is not an article to drop.
    assert norm.loose("Al") == "al"


@given(st.text(max_size=60))
def test_fold_keeps_length(text: str) -> None:
    n = Normaliser()
    assert len(n.fold(text)) == len(text)


@pytest.mark.parametrize(
    "name, alts, shown",
    [
        ("Khān Shaykhūn", ["Khan Sheikhoun", "Khan Shaykhun"], "Khan Shaykhun"),
        ("Ḩamāh", ["Hamah", "Hama", "Hamath"], "Hama"),
        ("Ţarţūs", [], "Tartus"),
        ("Dar‘ā", ["Deraa"], "Dara"),
        ("Al Bāb", ["Bab", "Al-Bab"], "Al-Bab"),
        ("Téra", ["Tera"], "Téra"),
        ("Diébougou", [], "Diébougou"),
    ],
)
def test_display_name(name: str, alts: list[str], shown: str) -> None:
    from groundfacts.geo.display import display_name

    assert display_name(name, alts, Normaliser()) == shown
