"""Finding a table of phrases in text with one Aho-Corasick automaton, on word boundaries.

Case: a phrase written in lower case matches any case; a phrase with a capital letter must
match exactly (or in all capitals), so "IED" does not fire on Indonesian "Ied" and "May" is not
the modal "may". A leading "=" forces an exact-case match of a lower-case phrase ("=may").
Clitics (Indonesian -nya, -lah...) may follow a phrase and are included in the match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")

# Characters other than spaces that count as a space inside a phrase.
_SPACES = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\xa0": " "})


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int
    end: int
    payload: T


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def lower_same_length(text: str) -> str:
    """Lower-cased text with the same length as ``text`` (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low.translate(_SPACES)
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text).translate(_SPACES)


class PhraseMatcher(Generic[T]):
    """All phrases of a table found in a text; build once, reuse for every sentence."""

    def __init__(self, entries: Iterable[tuple[str, T]], clitics: Iterable[str] = ()) -> None:
        table: dict[str, list[tuple[str, bool, T]]] = {}
        for phrase, payload in entries:
            exact = phrase.startswith("=")
            form = " ".join(phrase.lstrip("=").split())
            if not form:
                continue
            exact = exact or form != form.lower()
            table.setdefault(form.lower(), []).append((form, exact, payload))
        self._automaton = ahocorasick.Automaton()
        for key, options in table.items():
            self._automaton.add_word(key, (len(key), options))
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()
        self._clitics = tuple(sorted(set(clitics), key=len, reverse=True))

    def __len__(self) -> int:
        return len(self._automaton)

    def _clitic_end(self, text: str, end: int) -> int:
        """``end`` moved past a clitic glued to the word, or -1 when a word character follows."""
        n = len(text)
        if end >= n or not _is_word_char(text[end]):
            return end
        low = text[end : end + 6].lower()
        for clitic in self._clitics:
            stop = end + len(clitic)
            if low.startswith(clitic) and (stop >= n or not _is_word_char(text[stop])):
                return stop
        return -1

    def find_all(self, text: str, lowered: str | None = None) -> list[Match[T]]:
        """Every occurrence on word boundaries, overlapping ones included."""
        if self._empty:
            return []
        low = lowered if lowered is not None else lower_same_length(text)
        found: list[Match[T]] = []
        for last, (length, options) in self._automaton.iter(low):
            start = last - length + 1
            end = last + 1
            if start > 0 and _is_word_char(low[start - 1]) and _is_word_char(low[start]):
                continue
            if _is_word_char(low[last]):
                end = self._clitic_end(text, end)
                if end < 0:
                    continue
            for form, exact, payload in options:
                if exact:
                    span = text[start : last + 1]
                    if span != form and not (span.isupper() and span == form.upper()):
                        continue
                found.append(Match(start, end, payload))
                break
        return found

    def find(self, text: str, lowered: str | None = None) -> list[Match[T]]:
        """Non-overlapping occurrences, the longest first, in text order."""
        found = self.find_all(text, lowered)
        if len(found) < 2:
            return found
        chosen: list[Match[T]] = []
        taken: list[tuple[int, int]] = []
        for m in sorted(found, key=lambda m: (m.start - m.end, m.start)):
            if all(m.end <= s or m.start >= e for s, e in taken):
                chosen.append(m)
                taken.append((m.start, m.end))
        chosen.sort(key=lambda m: m.start)
        return chosen
