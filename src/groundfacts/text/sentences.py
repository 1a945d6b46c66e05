"""Sentence splitting, one splitter per language pack.

A regular expression proposes every terminal punctuation mark followed by a space; a few
cheap checks then reject the ones that do not end a sentence: abbreviations from the pack
(Kol., Prov., dkk., Jl., No., Dr.), initials (J. Smith), dotted acronyms (U.S. Army),
an ellipsis inside an open quotation, and anything followed by a lower-case word.
Decimals (3.5), dates (13.11.2020) and times (10.30) never qualify, since no space follows
their dots. Cost is a few microseconds per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable

from groundfacts.errors import PackDataError
from groundfacts.records import Sentence
from groundfacts.text.paragraphs import CleanText

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
_CANDIDATE = re.compile(r"(?:\.{2,}|…|[.!?])[.!?…]*[\"'”’»)\]]*(?=\s)|\n[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")
# Letters-and-dots tokens such as U.S, a.n, S.H, Ph.D (the final dot is the candidate).
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
# After a full stop, these cannot start a new sentence.
_CONTINUES = frozenset(",;:)]}")


def _read_list(path: Traversable) -> list[str]:
    entries = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if any(ch.isspace() for ch in line):
            raise PackDataError(f"{path}:{lineno}: an abbreviation must be one token: {line!r}")
        entries.append(line)
    return entries


def default_abbreviation_file(lang: str) -> Traversable:
    """This module's own list for ``lang`` (it may not exist)."""
    return resources.files("groundfacts").joinpath("text", "data", f"abbreviations-{lang}.txt")


def abbreviation_file(lang: str) -> Traversable:
    """The pack's abbreviations.txt if the pack has one, else this module's default list."""
    from groundfacts.packs import tables

    pack = tables.node(lang, "abbreviations.txt")
    if pack.is_file():
        return pack
    fallback = default_abbreviation_file(lang)
    if fallback.is_file():
        return fallback
    raise PackDataError(f"no abbreviation list for language {lang!r}: looked for {pack}")


class SentenceSplitter:
    """Splits text into sentence spans. Immutable after construction; share it freely."""

    __slots__ = ("_exact", "_folded", "lang", "max_chars")

    def __init__(self, abbreviations: Iterable[str] = (), *, lang: str = "", max_chars: int = 2000):
        exact: set[str] = set()
        folded: set[str] = set()
        for entry in abbreviations:
            word = entry.strip().rstrip(".")
            if not word:
                continue
            exact.add(word)
            # A lower-case entry ("dkk.") also covers "Dkk." at a sentence start and "DKK.".
            if word == word.lower():
                folded.add(word)
        self._exact = frozenset(exact)
        self._folded = frozenset(folded)
        self.lang = lang
        self.max_chars = max_chars

    @classmethod
    def for_language(cls, lang: str) -> SentenceSplitter:
        """The splitter for a pack: its abbreviations.txt, or this module's default list."""
        return cls.from_file(abbreviation_file(lang), lang=lang)

    @classmethod
    def from_file(cls, path: Traversable, *, lang: str = "") -> SentenceSplitter:
        """Abbreviations from a file: one per line, "#" starts a comment."""
        return cls(_read_list(path), lang=lang)

    def is_abbreviation(self, token: str) -> bool:
        word = token.rstrip(".")
        return word in self._exact or word.lower() in self._folded

    def split(self, text: str, *, start: int = 0) -> list[tuple[int, int]]:
        """Sentence spans of ``text``, shifted by ``start``.

        Pass ``start`` when ``text`` is a slice of a document that begins at that offset; the
        spans are then document offsets. A blank line always ends a sentence.
        """
        spans: list[tuple[int, int]] = []
        n = len(text)
        begin = _skip_space(text, 0)
        quotes = _QuoteCount(text)
        for m in _CANDIDATE.finditer(text):
            end = m.end()
            if m.group()[0] == "\n":
                _add(spans, text, begin, m.start(), start, self.max_chars)
                begin = end
                continue
            nxt_at = _skip_space(text, end)
            if nxt_at >= n:
                break
            if begin >= m.start() or not self._ends_sentence(text, m, begin, text[nxt_at], quotes):
                continue
            _add(spans, text, begin, end, start, self.max_chars)
            begin = nxt_at
        _add(spans, text, begin, n, start, self.max_chars)
        return spans

    def _ends_sentence(
        self, text: str, m: re.Match[str], begin: int, nxt: str, quotes: _QuoteCount
    ) -> bool:
        if nxt.islower() or nxt in _CONTINUES:
            return False
        mark = m.group()
        core = mark.rstrip(_CLOSERS)
        if core == ".":
            space = max(text.rfind(" ", begin, m.start()), text.rfind("\n", begin, m.start()))
            token = text[max(space + 1, begin) : m.start()].lstrip(_OPENERS)
            if not token:
                return True
            if len(token) == 1 and token.isalpha():
                return False  # an initial: J. Smith
            if token.isdigit() and (space < begin or nxt.isdigit()):
                return False  # a list number ("1. Polisi ...") or a spaced number ("18. 620")
            return not (self.is_abbreviation(token) or _DOTTED.fullmatch(token))
        if ("…" in core or ".." in core) and core == mark:
            # An ellipsis inside a quotation that is still open is a pause, not an end.
            straight, opening, closing = quotes.between(begin, m.start())
            if straight % 2 or opening > closing:
                return False
        return True


class _QuoteCount:
    """Quotation marks from a sentence's start to a position, counted on from the last
    question (not from the start each time: a long run of pauses would be quadratic)."""

    __slots__ = ("_begin", "_counts", "_pos", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._begin = self._pos = -1
        self._counts = (0, 0, 0)

    def between(self, begin: int, end: int) -> tuple[int, int, int]:
        if begin != self._begin or end < self._pos:
            self._begin, self._pos, self._counts = begin, begin, (0, 0, 0)
        piece = self._text[self._pos : end]
        a, b, c = self._counts
        self._counts = (a + piece.count('"'), b + piece.count("“"), c + piece.count("”"))
        self._pos = end
        return self._counts


def _skip_space(text: str, pos: int) -> int:
    # Cleaned text has single spaces: check that case before paying for a regex call.
    if text[pos : pos + 1] == " " and not text[pos + 1 : pos + 2].isspace():
        return pos + 1
    m = _SPACE.match(text, pos)
    return m.end() if m else pos


def _add(
    spans: list[tuple[int, int]], text: str, begin: int, end: int, shift: int, max_chars: int
) -> None:
    while end > begin and text[end - 1].isspace():
        end -= 1
    # A run-on "sentence" (a table, a list without stops) is cut at spaces to bound the cost
    # of later stages.
    while end - begin > max_chars:
        cut = text.rfind(" ", begin + 1, begin + max_chars)
        if cut <= begin:
            cut = begin + max_chars
        spans.append((begin + shift, cut + shift))
        begin = _skip_space(text, cut)
    if end > begin:
        spans.append((begin + shift, end + shift))


def sentences(doc_id: str, clean: CleanText, splitter: SentenceSplitter) -> list[Sentence]:
    """Sentences of a cleaned document, numbered in order; none crosses a paragraph."""
    out: list[Sentence] = []
    text = clean.text
    for para, (p_start, p_end) in enumerate(clean.paragraphs):
        for start, end in splitter.split(text[p_start:p_end], start=p_start):
            out.append(Sentence(doc_id, len(out), start, end, text[start:end], para))
    return out
