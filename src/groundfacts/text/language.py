"""Language identification: which pack (if any) serves a text.

Indonesian and Malay are one family ("id"). A language without a pack is refused with a
reason ("unsupported-language:xx"), never guessed at; a text too short to tell is
"undetermined".
"""

from __future__ import annotations

import functools
import math
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from operator import itemgetter
from typing import Any

REASON_DETECTED = "detected"
REASON_DECLARED = "declared"
REASON_UNDETERMINED = "undetermined"
UNSUPPORTED = "unsupported-language:"

# Bound on the detector's memo of DFA walks over words (entries; cleared when full).
_WALK_CACHE_SIZE = 100_000


@dataclass(frozen=True, slots=True)
class LanguageSettings:
    candidates: tuple[str, ...]
    family: dict[str, str]
    min_letters: int
    max_chars: int

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
            )
        except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: bad language settings: {exc}") from exc


class LanguageDetector:
    """py3langid restricted to a candidate set. Create once and reuse: loading takes ~1 s."""

    def __init__(self, settings: LanguageSettings | None = None) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.settings = settings or LanguageSettings.load()
        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self._identifier.set_languages(list(self.settings.candidates))
        self._families: dict[str, str] = {}
        # (DFA state, word bytes) -> (state after, features seen): the walk is deterministic,
        # and words recur, so a memo gives the same counts as the byte-by-byte walk.
        self._walks: dict[tuple[int, bytes], tuple[int, tuple[int, ...]]] = {}
        self._fast = all(
            hasattr(self._identifier, name)
            for name in ("tk_nextmove", "_rowbase", "tk_output", "_sparse_score", "nb_ptc")
        )

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
        # the opening usually settles it; count the whole sample only when it does not
        return sum(map(str.isalpha, sample[: 4 * need])) >= need or (
            len(sample) > 4 * need and sum(map(str.isalpha, sample)) >= need
        )

    def _walk(self, data: bytes) -> Counter[int] | None:
        """py3langid's feature counts of ``data``, word by word through the memo."""
        ident = self._identifier
        nm, rowbase, out = ident.tk_nextmove, ident._rowbase, ident.tk_output
        memo = self._walks
        state = 0
        indexes: list[int] = []
        words = data.split(b" ")
        last = len(words) - 1
        for i, word in enumerate(words):
            chunk = word if i == last else word + b" "
            key = (state, chunk)
            hit = memo.get(key)
            if hit is None:
                s, seen = state, []
                for letter in chunk:
                    s = nm[rowbase[s] + letter]
                    f = out[s]
                    if f >= 0:
                        seen.append(f)
                hit = (s, tuple(seen))
                if len(memo) >= _WALK_CACHE_SIZE:
                    memo.clear()
                memo[key] = hit
            state = hit[0]
            indexes.extend(hit[1])
        return Counter(indexes) if indexes else None

    def _rank(self, text: str) -> list[tuple[str, float]]:
        """The same ranking as py3langid's ``rank``, with the DFA walk memoised by word."""
        ident = self._identifier
        if not self._fast:
            return [(c, float(p)) for c, p in ident.rank(text)]
        import numpy as np

        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        visits = self._walk(data)
        if visits:
            scores = ident._sparse_score(visits, ident.nb_ptc)
        else:
            scores = np.full(len(ident.nb_classes), 0.0, dtype=np.float32)
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for i, j in ident._alias_pairs:
            scores[i] += scores[j]
            scores[j] = 0.0
        merged: dict[str, float] = {}
        for lang, score in zip(ident.nb_classes, scores.tolist(), strict=True):
            merged.setdefault(lang, score)
        return sorted(merged.items(), key=itemgetter(1), reverse=True)

    def detect(
        self, text: str, *, allowed: Collection[str] = ("en", "id")
    ) -> tuple[str | None, str, float]:
        """(language or None, reason, confidence).

        Confidence is the probability of the winning family among the candidates (Malay's
        share counts for Indonesian).
        """
        sample = text[: self.settings.max_chars]
        if not self._enough_letters(sample):
            return None, REASON_UNDETERMINED, 0.0
        scores: dict[str, float] = {}
        for code, prob in self._rank(sample):
            fam = self.family(code)
            scores[fam] = scores.get(fam, 0.0) + prob
        lang = max(scores, key=scores.__getitem__)
        confidence = round(scores[lang], 4)
        if lang in {self.family(a) for a in allowed}:
            return lang, REASON_DETECTED, confidence
        return None, UNSUPPORTED + lang, confidence

    def resolve(
        self, text: str, declared: str | None = None, *, allowed: Collection[str] = ("en", "id")
    ) -> tuple[str | None, str, float]:
        """Like :meth:`detect`, but a language the document declares wins (confidence 1)."""
        if declared and declared.strip().lower() not in ("", "auto"):
            lang = self.family(declared)
            if lang in {self.family(a) for a in allowed}:
                return lang, REASON_DECLARED, 1.0
            return None, UNSUPPORTED + lang, 1.0
        return self.detect(text, allowed=allowed)


def detect_language(
    text: str,
    *,
    allowed: Collection[str] = ("en", "id"),
    detector: LanguageDetector | None = None,
) -> tuple[str | None, str, float]:
    """(lang or None, reason, confidence); Malay maps to "id"; see :class:`LanguageDetector`."""
    return (detector or LanguageDetector.default()).detect(text, allowed=allowed)
