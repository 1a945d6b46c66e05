"""Numbers in digits and in words ("12", "1,200", "twenty-four", "dua puluh tiga", "puluhan").

Number words are data (``packs/<lang>/numbers.tsv``: word, value, kind). Kinds:
  add      a value that adds up (one, twenty, satu, sebelas, seratus)
  mul      multiplies the word before it (hundred, puluh, ratus): "dua puluh" = 20
  teen     adds ten to the word before it (belas): "dua belas" = 12
  big      multiplies everything before it (thousand, ribu, juta)
  conj     may join number words ("one hundred and five")
  vague    a conservative value for a vague quantity (dozens = 12, puluhan = 12)
  article  one, but only before a singular person noun ("a civilian", "seorang warga")
  pronoun  one person ("killed him", "he was found dead"); never joined to another count
  anaphor  as many as the people counted before it in the sentence ("arrested five men and
           executed them"); no value of its own
  unknown  a quantity with no usable value ("a number of", "sejumlah")
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from groundfacts.errors import PackDataError
from groundfacts.packs import tables

KINDS = frozenset(
    {"add", "mul", "teen", "big", "conj", "vague", "article", "pronoun", "anaphor", "unknown"}
)
_ALONE = ("vague", "article", "pronoun", "anaphor", "unknown")  # never part of a longer number

# Words, digit groups with thousands separators, and single punctuation marks.
TOKEN = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?!\d)|[^\W_]+(?:[-‐][^\W_]+)*|[^\w\s]")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased token) for words, numbers and punctuation marks, optionally
    only between ``start`` and ``end`` (moved out to whitespace so no word is cut)."""
    stop = len(text) if end is None else end
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    if stop < len(text):
        space = text.find(" ", stop)
        stop = space if space >= 0 else len(text)
    return [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text, start, stop)]


@dataclass(frozen=True, slots=True)
class Number:
    """A number found at tokens ``first``..``last`` (inclusive); ``value`` None when unknown."""

    first: int
    last: int
    value: int | None
    kind: str  # "exact" | "vague" | "article" | "pronoun" | "unknown"


class NumberReader:
    def __init__(
        self, words: dict[str, tuple[int, str]], phrases: dict[tuple[str, ...], tuple[int, str]]
    ):
        self.words = words
        self.phrases = phrases
        # Multiword phrases by their first word, longest first: most tokens start none.
        self._by_first: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
        for key, (value, kind) in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
            self._by_first.setdefault(key[0], []).append((key, value, kind))
        # Words that can begin a number; any other token without a digit or a hyphen cannot.
        self.starters = frozenset(words) | frozenset(self._by_first)

    def may_start(self, tok: str) -> bool:
        """False only when :meth:`read` certainly finds no number at this token."""
        return tok[:1].isdigit() or tok in self.starters or "-" in tok

    @classmethod
    def load(cls, lang: str) -> NumberReader:
        name = "numbers.tsv"
        words: dict[str, tuple[int, str]] = {}
        phrases: dict[tuple[str, ...], tuple[int, str]] = {}
        for line, (word, value, kind) in tables.read_tsv(lang, name, 3):
            if kind not in KINDS:
                raise PackDataError(f"packs/{lang}/{name}:{line}: unknown kind {kind!r}")
            try:
                v = int(value)
            except ValueError as exc:
                raise PackDataError(
                    f"packs/{lang}/{name}:{line}: value {value!r} is not an integer"
                ) from exc
            key = tuple(word.lower().split())
            if len(key) == 1:
                words[key[0]] = (v, kind)
            else:
                phrases[key] = (v, kind)
        return cls(words, phrases)

    def value_of(self, text: str) -> int | None:
        """The value of a whole number expression ("twenty-three", "12"), or None."""
        toks = tokenize(text)
        n = self.read(toks, 0)
        if n is None or n.last != len(toks) - 1:
            return None
        return n.value

    def read(self, toks: list[tuple[int, int, str]], i: int) -> Number | None:
        """The number that starts at token ``i``, or None."""
        tok = toks[i][2]
        if tok[0].isdigit():
            return _digits(tok, i)
        for key, value, kind in self._by_first.get(tok, ()):
            size = len(key)
            if tuple(t[2] for t in toks[i : i + size]) == key:
                return _special(i, i + size - 1, value, kind)
        parts = self._parts(tok)
        if parts is None:
            return None
        first = parts[0]
        if first[1] == "conj":
            return None  # "and nine" is the number nine, joined to something before it
        if first[1] in _ALONE:
            return _special(i, i, first[0], first[1]) if len(parts) == 1 else None
        # Gather consecutive number words into one value.
        seq = list(parts)
        last = i
        j = i + 1
        while j < len(toks):
            nxt = self._parts(toks[j][2])
            if nxt is None or nxt[0][1] in _ALONE:
                break
            if nxt[0][1] == "conj":
                after = self._parts(toks[j + 1][2]) if j + 1 < len(toks) else None
                if after is None or after[0][1] not in ("add",):
                    break
            seq.extend(nxt)
            last = j
            j += 1
        total = _combine(seq)
        return Number(i, last, total, "exact") if total is not None else None

    def _parts(self, tok: str) -> list[tuple[int, str]] | None:
        if tok in self.words:
            return [self.words[tok]]
        if "-" in tok:
            pieces = [self.words.get(p) for p in tok.split("-")]
            if all(p is not None and p[1] in ("add", "mul", "teen", "big") for p in pieces):
                return [p for p in pieces if p is not None]
        return None


def _special(first: int, last: int, value: int, kind: str) -> Number:
    if kind in ("unknown", "anaphor"):
        return Number(first, last, None, kind)
    if kind in ("article", "pronoun"):
        return Number(first, last, 1, kind)
    return Number(first, last, value, "vague" if kind == "vague" else "exact")


def _digits(tok: str, i: int) -> Number | None:
    if not tok.isdigit():
        if len(tok) > 4 and tok[-4] in ".," and tok.replace(".", "").replace(",", "").isdigit():
            return Number(i, i, int(tok.replace(".", "").replace(",", "")), "exact")
        return None
    return Number(i, i, int(tok), "exact")


def _combine(seq: list[tuple[int, str]]) -> int | None:
    """Add up number words: "dua ratus dua puluh tiga" = 223, "one hundred and five" = 105."""
    total = 0
    current = 0
    last = 0  # the last added value, which a following mul/teen word applies to
    seen = False
    for value, kind in seq:
        if kind == "add":
            current += value
            last = value
            seen = True
        elif kind == "mul":
            base = last or 1
            current += base * value - last
            last = 0
            seen = True
        elif kind == "teen":
            current += 10
            last = 0
            seen = True
        elif kind == "big":
            total += (current or 1) * value
            current = 0
            last = 0
            seen = True
    return total + current if seen else None
