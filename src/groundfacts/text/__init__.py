"""Text stages: normalisation, repeated paragraphs, language identification, sentences."""

from __future__ import annotations

from groundfacts.text.language import LanguageDetector, detect_language
from groundfacts.text.normalise import normalise
from groundfacts.text.paragraphs import CleanText, clean, split_paragraphs
from groundfacts.text.sentences import SentenceSplitter, sentences

__all__ = [
    "CleanText",
    "LanguageDetector",
    "SentenceSplitter",
    "clean",
    "detect_language",
    "normalise",
    "sentences",
    "split_paragraphs",
]
