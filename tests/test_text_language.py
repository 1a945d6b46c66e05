"""Language identification with a refusal for languages without a pack."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groundfacts.text import LanguageDetector, detect_language


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector.default()


def test_english_and_indonesian(detector: LanguageDetector) -> None:
    lang, reason, conf = detector.detect(
        "Soldiers clashed with rebels near the town on Monday, officials said."
    )
    assert (lang, reason) == ("en", "detected") and conf > 0.8
    lang, reason, conf = detector.detect(
        "Polisi menangkap dua orang yang diduga membakar pos ronda pada Selasa malam."
    )
    assert (lang, reason) == ("id", "detected") and conf > 0.8


def test_malay_counts_as_indonesian(detector: LanguageDetector) -> None:
    malay = (
        "Kerajaan negeri akan menyiasat kejadian itu dengan segera, kata jurucakap polis "
        "kepada pemberita semalam selepas mesyuarat kabinet."
    )
    lang, _reason, _conf = detector.detect(malay)
    assert lang == "id"
    assert detector.family("ms") == "id" and detector.family("ms-MY") == "id"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Les soldats ont attaqué le village lundi matin, selon les autorités locales.", "fr"),
        ("Los soldados atacaron la aldea el lunes por la mañana, según las autoridades.", "es"),
        ("Солдаты атаковали деревню в понедельник утром, сообщили местные власти.", "ru"),
        ("هاجم الجنود القرية صباح يوم الاثنين بحسب السلطات المحلية", "ar"),
    ],
)
def test_foreign_text_is_refused_with_a_reason(
    detector: LanguageDetector, text: str, code: str
) -> None:
    lang, reason, conf = detector.detect(text)
    assert lang is None
    assert reason == f"unsupported-language:{code}"
    assert conf > 0.5


def test_short_text_is_undetermined(detector: LanguageDetector) -> None:
    assert detector.detect("Serangan!") == (None, "undetermined", 0.0)
    assert detector.detect("12 345 ... !!") == (None, "undetermined", 0.0)


def test_allowed_restricts_the_answer(detector: LanguageDetector) -> None:
    text = "Soldiers clashed with rebels near the town on Monday, officials said."
    assert detector.detect(text, allowed=("id",))[:2] == (None, "unsupported-language:en")
    assert detect_language(text, allowed=("en",), detector=detector)[0] == "en"


def test_declared_language_wins(detector: LanguageDetector) -> None:
    text = "Soldiers clashed with rebels near the town on Monday, officials said."
    assert detector.resolve(text, "ms") == ("id", "declared", 1.0)
    assert detector.resolve("Serangan!", "id") == ("id", "declared", 1.0)
    assert detector.resolve(text, "fr") == (None, "unsupported-language:fr", 1.0)
    assert detector.resolve(text, "auto")[:2] == ("en", "detected")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_detect_never_crashes(text: str) -> None:
    lang, reason, conf = detect_language(text)
    assert lang in (None, "en", "id")
    assert 0.0 <= conf <= 1.0001
    assert (lang is None) == (reason != "detected")
