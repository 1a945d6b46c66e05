"""Language identification: which pack (if any) serves a text.

Indonesian and Malay are one family ("id"). A language without a pack is refused with a
reason ("unsupported-language:xx"), never guessed at; a text too short to tell is
"undetermined".
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

REASON_DETECTED = "detected"
REASON_DECLARED = "declared"
REASON_UNDETERMINED = "undetermined"
UNSUPPORTED = "unsupported-language:"
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class LanguageSettings:
    candidates: tuple[str, ...]
    family: dict[str, str]
    min_letters: int
    max_chars: int
    function_words: dict[str, frozenset[str]]
    fast_share: float
    fast_other: float
    inner: dict[str, frozenset[str]] = field(default_factory=dict)
    inner_share: float = 1.1
    inner_other: float = 0.0
    inner_min_words: int = 5

    @classmethod
    @functools.cache
    def load_default(cls) -> LanguageSettings:
        """The bundled settings, read once per process (they are immutable)."""
        return cls.load()

    @classmethod
    def load(cls) -> LanguageSettings:
        path = resources.files("groundfacts.text").joinpath("data", "languages.toml")
        try:
            data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
            return cls(
                candidates=tuple(data["candidates"]),
                family=dict(data.get("family", {})),
                min_letters=int(data["min_letters"]),
                max_chars=int(data["max_chars"]),
                function_words={
                    k: frozenset(v)
                    for k, v in data.get("function_words", {}).items()
                    if isinstance(v, list)
                },
                fast_share=float(data.get("function_words", {}).get("share", 1.1)),
                fast_other=float(data.get("function_words", {}).get("other", 0.0)),
                inner={
                    k: frozenset(v) for k, v in data.get("inner", {}).items() if isinstance(v, list)
                },
                inner_share=float(data.get("inner", {}).get("share", 1.1)),
                inner_other=float(data.get("inner", {}).get("other", 0.0)),
                inner_min_words=int(data.get("inner", {}).get("min_words", 5)),
            )
        except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: bad language settings: {exc}") from exc


def _served() -> tuple[str, ...]:
    """The languages some installed pack serves (the default answers a detector may give)."""
    from groundfacts.packs.discovery import find_packs

    return find_packs().languages


class LanguageDetector:
    """py3langid restricted to a candidate set. Create once and reuse: loading takes ~1 s."""

    def __init__(self, settings: LanguageSettings | None = None) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.settings = settings or LanguageSettings.load()
        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self._identifier.set_languages(list(self.settings.candidates))
        # code -> family, filled as codes are seen (a few dozen at most)
        self._families: dict[str, str] = {}

    @classmethod
    @functools.cache
    def default(cls) -> LanguageDetector:
        """One shared detector per process (read-only after construction)."""
        return cls()

    def family(self, code: str) -> str:
        fam = self._families.get(code)
        if fam is None:
            norm = code.strip().lower().replace("_", "-").split("-")[0]
            fam = self.settings.family.get(norm, norm)
            if len(self._families) < 1024:
                self._families[code] = fam
        return fam

    def _enough_letters(self, sample: str) -> bool:
        need = self.settings.min_letters
        # The opening usually settles it; the whole sample is counted only when it does not.
        head = 4 * need
        if sum(map(str.isalpha, sample[:head])) >= need:
            return True
        return len(sample) > head and sum(map(str.isalpha, sample)) >= need

    def detect(
        self, text: str, *, allowed: Collection[str] | None = None
    ) -> tuple[str | None, str, float]:
        """(language or None, reason, confidence).

        Confidence is the probability of the winning family among the candidates (Malay's
        share counts for Indonesian).
        """
        allowed = _served() if allowed is None else allowed
        sample = text[: self.settings.max_chars]
        if not self._enough_letters(sample):
            return None, REASON_UNDETERMINED, 0.0
        fast = self._by_function_words(sample[:600], allowed)
        if fast is not None:
            return fast, REASON_DETECTED, 0.99
        scores: dict[str, float] = {}
        for code, prob in self._identifier.rank(sample):
            fam = self.family(code)
            scores[fam] = scores.get(fam, 0.0) + float(prob)
        lang = max(scores, key=scores.__getitem__)
        confidence = round(scores[lang], 4)
        if any(self.family(a) == lang for a in allowed):
            return lang, REASON_DETECTED, confidence
        return None, UNSUPPORTED + lang, confidence

    def _by_function_words(self, sample: str, allowed: Collection[str]) -> str | None:
        """The language whose function words clearly dominate the sample, if one does."""
        st = self.settings
        if not st.function_words:
            return None
        words = _WORDS.findall(sample.lower())
        if len(words) < 8:
            return None
        shares = {
            lang: sum(w in vocab for w in words) / len(words)
            for lang, vocab in st.function_words.items()
        }
        best = max(shares, key=shares.__getitem__)
        others = [v for k, v in shares.items() if k != best]
        if (
            shares[best] >= st.fast_share
            and all(v <= st.fast_other for v in others)
            and any(self.family(a) == best for a in allowed)
        ):
            return best
        return None

    def resolve(
        self, text: str, declared: str | None = None, *, allowed: Collection[str] | None = None
    ) -> tuple[str | None, str, float]:
        """Like :meth:`detect`, but a language the document declares wins (confidence 1)."""
        allowed = _served() if allowed is None else allowed
        if declared and declared.strip().lower() not in ("", "auto"):
            lang = self.family(declared)
            if lang in {self.family(a) for a in allowed}:
                return lang, REASON_DECLARED, 1.0
            return None, UNSUPPORTED + lang, 1.0
        return self.detect(text, allowed=allowed)


def inner_language(
    paragraph: str, doc_lang: str, settings: LanguageSettings | None = None
) -> str | None:
    """The regional language (``[inner]`` in languages.toml) a paragraph of a ``doc_lang``
    document is written in ("jv" for a Javanese quotation), or None when it is the
    document's language. Function words only: a quotation is short, and a statistical model
    pulls short Javanese towards Indonesian."""
    st = settings or LanguageSettings.load_default()
    words = _WORDS.findall(paragraph.lower())
    if len(words) < st.inner_min_words or not st.inner:
        return None
    own = st.function_words.get(doc_lang, frozenset())
    if own and sum(w in own for w in words) / len(words) > st.inner_other:
        return None
    shares = {k: sum(w in v for w in words) / len(words) for k, v in st.inner.items()}
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= st.inner_share else None


def detect_language(
    text: str,
    *,
    allowed: Collection[str] | None = None,
    detector: LanguageDetector | None = None,
) -> tuple[str | None, str, float]:
    """(lang or None, reason, confidence); Malay maps to "id"; see :class:`LanguageDetector`."""
    return (detector or LanguageDetector.default()).detect(text, allowed=allowed)
