"""Paragraphs, and the repeated paragraphs that scraped articles so often carry.

A scraper may paste the same paragraph two or three times (a teaser, a "read also" box, a
page rendered twice). Extracting from every copy would count one event several times, but
an extractor may still want to know a paragraph was said twice, so each kept paragraph
carries how many times it occurred.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from groundfacts.records import Drop
from groundfacts.text.normalise import normalise
from groundfacts.text.press import STAGE as PRESS_STAGE
from groundfacts.text.press import PressRules, strip_furniture

STAGE = "paragraphs"
REASON_REPEATED = "repeated-paragraph"

_BLOCK = re.compile(r"[^\n](?:[^\n]|\n(?!\n))*")
_ENDS_PARAGRAPH = frozenset(".!?…:;\"'”’)»]")
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")

# Below this many letters/digits a paragraph ("Advertisement", "Baca juga") is only dropped
# when it repeats exactly; fuzzy matching on short strings confuses different facts.
_FUZZY_MIN_KEY = 40
# A later paragraph that begins an earlier one (a truncated teaser) must be this long.
_PREFIX_MIN_KEY = 80
# Fuzzy comparison is quadratic; look back at no more than this many kept paragraphs.
_FUZZY_WINDOW = 500


@dataclass(slots=True)
class CleanText:
    """A document's cleaned text: offsets in every later stage point into ``text``.

    ``paragraphs`` are (start, end) spans in ``text``; ``repeats[i]`` is how many times
    paragraph ``i`` occurred in the input (1 when it was not repeated). ``drops`` record the
    repeated copies that were removed; their offsets are into ``normalise(input)``, since the
    copies no longer exist in ``text``, and their ``detail`` is the index (in ``paragraphs``)
    of the kept paragraph they repeat.
    """

    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    repeats: list[int] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)
    # the place of the dateline ("JAYAPURA, KOMPAS.com -" -> "JAYAPURA"), and a line that only
    # gives the date of publication; both removed from ``text`` (see text/press.py)
    dateline: str = ""
    published_line: str = ""

    def paragraph_text(self, index: int) -> str:
        start, end = self.paragraphs[index]
        return self.text[start:end]


def _wrapped_block(lines: list[str]) -> bool:
    """True when a block looks hard-wrapped (e-mail or plain-text style, ~40-100 columns)."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    if not all(40 <= len(line) <= 100 for line in body):
        return False
    open_ends = sum(1 for line in body if line[-1] not in _ENDS_PARAGRAPH)
    return open_ends * 2 >= len(body)


def split_paragraphs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Find paragraphs in normalised text.

    Blank lines always separate paragraphs. Inside a block, each line is its own paragraph
    (scraped text usually has one paragraph per line) unless the line breaks are hard wraps:
    then the newline becomes a space (same length, so offsets hold) and the lines join.
    """
    spans: list[tuple[int, int]] = []
    joins: list[int] = []
    for block in _BLOCK.finditer(text):
        start = block.start()
        lines = block.group().split("\n")
        if len(lines) == 1:
            spans.append((start, block.end()))
            continue
        wrapped = _wrapped_block(lines)
        para_start = start
        pos = start
        for line, nxt in itertools.pairwise(lines):
            pos += len(line)
            if wrapped or (line[-1] not in _ENDS_PARAGRAPH and nxt[:1].islower()):
                joins.append(pos)
            else:
                spans.append((para_start, pos))
                para_start = pos + 1
            pos += 1
        spans.append((para_start, block.end()))
    if joins:
        chars = list(text)
        for pos in joins:
            chars[pos] = " "
        text = "".join(chars)
    return text, spans


def _words(paragraph: str) -> list[str]:
    return _WORD.findall(paragraph.casefold())


def _near_copy(words: list[str], earlier: list[str]) -> bool:
    """Same words in the same order, but for a few one-letter typos.

    Anything more is a different paragraph: a changed number word ("dua"/"tiga"), an added
    "not", or another village with a similar name (Dedougou/Diebougou) is news, not a copy.
    """
    if len(words) != len(earlier):
        return False
    changed = [(a, b) for a, b in zip(words, earlier, strict=True) if a != b]
    if len(changed) > max(1, len(words) // 20):
        return False
    return all(
        min(len(a), len(b)) >= 5
        and Levenshtein.distance(a, b, score_cutoff=1) <= 1
        and _DIGITS.findall(a) == _DIGITS.findall(b)
        for a, b in changed
    )


class _Seen:
    """Kept paragraphs, indexed for exact and near-exact lookup."""

    __slots__ = ("exact", "long_index", "long_keys", "long_words", "prefixes")

    def __init__(self) -> None:
        self.exact: dict[str, int] = {}
        self.long_keys: list[str] = []
        self.long_words: list[list[str]] = []
        self.long_index: list[int] = []
        self.prefixes: dict[str, list[int]] = {}

    def add(self, key: str, words: list[str], index: int) -> None:
        self.exact[key] = index
        if len(key) >= _FUZZY_MIN_KEY:
            self.long_keys.append(key)
            self.long_words.append(words)
            self.long_index.append(index)
        if len(key) >= _PREFIX_MIN_KEY:
            self.prefixes.setdefault(key[:_PREFIX_MIN_KEY], []).append(len(self.long_keys) - 1)

    def find(self, key: str, words: list[str]) -> int | None:
        """Index of the kept paragraph this one repeats, or None."""
        hit = self.exact.get(key)
        if hit is not None or len(key) < _FUZZY_MIN_KEY or not self.long_keys:
            return hit
        offset = max(0, len(self.long_keys) - _FUZZY_WINDOW)
        window = self.long_keys[offset:]
        # A cheap character-level filter first, then the word-by-word check.
        for _choice, _score, i in process.extract_iter(
            key, window, scorer=fuzz.ratio, score_cutoff=95
        ):
            if _near_copy(words, self.long_words[offset + i]):
                return self.long_index[offset + i]
        if len(key) >= _PREFIX_MIN_KEY:
            for i in self.prefixes.get(key[:_PREFIX_MIN_KEY], ()):
                if self.long_keys[i].startswith(key):
                    return self.long_index[i]
        return None


def clean(doc_id: str, text: str, press: PressRules | None = None) -> CleanText:
    """Normalise ``text``, drop page furniture (with ``press`` rules) and repeated paragraphs
    (exact and near-exact copies).

    Kept paragraphs are joined with a blank line; the first copy of a paragraph is kept.
    """
    normal, spans = split_paragraphs(normalise(text))
    cut = strip_furniture(normal, spans, press or PressRules())
    spans = cut.paragraphs
    drops: list[Drop] = [
        Drop(doc_id, PRESS_STAGE, reason, detail[:200], start, end)
        for reason, detail, start, end in cut.removed
    ]
    kept: list[str] = []
    repeats: list[int] = []
    seen = _Seen()
    for start, end in spans:
        para = normal[start:end]
        words = _words(para)
        # Case, spacing and punctuation do not make a paragraph new.
        key = "".join(words) or para
        hit = seen.find(key, words)
        if hit is not None:
            repeats[hit] += 1
            drops.append(Drop(doc_id, STAGE, REASON_REPEATED, str(hit), start, end))
            continue
        seen.add(key, words, len(kept))
        kept.append(para)
        repeats.append(1)
    out = "\n\n".join(kept)
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for para in kept:
        paragraphs.append((pos, pos + len(para)))
        pos += len(para) + 2
    return CleanText(out, paragraphs, repeats, drops, cut.dateline, cut.published_line)
