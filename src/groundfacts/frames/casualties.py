"""Numbers of people killed or injured: "killing six", "at least 12 dead", "dua warga tewas".

The pack lists casualty words (``casualties.tsv``) with the side their number stands on, and
number words (``numbers.tsv``). Each casualty word takes at most one number and each number
serves one word. Conservative rules, after ACLED's practice:
  * vague quantities take the pack's conservative value (dozens 12, several 10, puluhan 12);
  * "a"/"the"/"seorang" count as one only before a singular person noun ("killed a civilian");
  * "no casualties", "tidak ada korban jiwa" give 0; "a number of", "sejumlah" give nothing;
    "an unspecified number of" is coded low (3), as ACLED does;
  * groups joined by "and" or a comma list add up ("three soldiers, two VDP and a civilian");
    a subset ("including a child", "termasuk dua anak") is not counted again;
  * ranges count their low end ("between 11 and 20 people" = 11);
  * animals are not people ("killed several sheep");
  * four-digit numbers that look like years are never counts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from groundfacts.errors import PackDataError
from groundfacts.packs import tables
from groundfacts.packs.matcher import PhraseMatcher
from groundfacts.packs.numbers import Number, NumberReader, tokenize
from groundfacts.records import Casualties

ROLES = frozenset({"verb", "state", "both", "noun", "toll", "zero"})
KINDS = frozenset({"killed", "injured"})
# Tokens a number never reaches across.
_HARD_STOPS = frozenset({".", ";", ":", "!", "?", ",", "(", ")", "[", "]", '"', "“", "”"})


@dataclass(frozen=True, slots=True)
class _Word:
    kind: str
    role: str


class CasualtyFinder:
    def __init__(
        self, lang: str, numbers: NumberReader, rows: list[tuple[str, _Word]], conf: dict[str, Any]
    ):
        self.lang = lang
        self.numbers = numbers
        self._matcher = PhraseMatcher(rows)
        name = "casualties.toml"

        def words(key: str) -> frozenset[str]:
            value = tables.toml_section(conf, key, lang, name)
            return frozenset(w.lower() for w in tables.str_list(value, key, lang, name))

        self.approximators = words("approximators")
        self.singular = words("person_singular")
        self.state_stops = words("state_stops")
        self.conjunctions = words("conjunctions")
        self.possessives = words("possessives")
        self.non_persons = words("non_persons")
        self.person_compounds = words("person_compounds")
        self.group_stops = words("group_stops")
        self.auxiliaries = words("auxiliaries")
        self.range_openers = words("range_openers")
        self.range_joiners = words("range_joiners")
        self.subset_markers = tuple(
            tuple(m.split()) for m in sorted(words("subset_markers"), key=lambda m: -len(m))
        )
        self.state_window = int(conf.get("state_window", 5))
        self.toll_window = int(conf.get("toll_window", 5))

    @classmethod
    def load(cls, lang: str, numbers: NumberReader) -> CasualtyFinder:
        name = "casualties.tsv"
        rows: list[tuple[str, _Word]] = []
        for line, (phrase, kind, role) in tables.read_tsv(lang, name, 3):
            if kind not in KINDS or role not in ROLES:
                raise PackDataError(
                    f"packs/{lang}/{name}:{line}: kind must be one of {sorted(KINDS)} and role "
                    f"one of {sorted(ROLES)}, found {kind!r}, {role!r}"
                )
            rows.append((phrase, _Word(kind, role)))
        conf = tables.toml_section(
            tables.read_toml(lang, "casualties.toml"), "casualties", lang, "casualties.toml"
        )
        return cls(lang, numbers, rows, conf)

    def find(self, text: str) -> list[Casualties]:
        hits = self._matcher.find(text)
        if not hits:
            return []
        # Numbers stand within a few words of their casualty word: tokenise only around them.
        reach = 12 * (max(self.state_window, self.toll_window) + 2)
        toks = tokenize(text, max(0, hits[0].start - reach), hits[-1].end + reach)
        starts = [t[0] for t in toks]
        numbers = self._numbers(toks)
        used: set[int] = set()  # first token index of numbers already claimed
        out: list[Casualties] = []
        spans = [
            (bisect.bisect_left(starts, h.start), bisect.bisect_left(starts, h.end) - 1)
            for h in hits
        ]
        for h, (first, last) in zip(hits, spans, strict=True):
            word = h.payload
            if word.role == "zero":
                out.append(Casualties(h.start, h.end, text[h.start : h.end], word.kind, 0))
                continue
            num: Number | None = None
            if word.role in ("verb", "both", "toll"):
                window = self.toll_window if word.role == "toll" else 4
                num = self._after(toks, numbers, last + 1, window, used, free=word.role == "toll")
            if num is None and word.role in ("state", "both", "noun"):
                window = 2 if word.role == "noun" else self.state_window
                lo = max((s[1] + 1 for s in spans if s[1] < first), default=0)
                num = self._before(toks, numbers, first - 1, max(lo, first - window), used)
            if num is None or num.value is None:
                continue
            used.add(num.first)
            group = [num, *self._coordinated(toks, numbers, num, used, after=num.first > last)]
            first_tok = min(n.first for n in group)
            last_tok = max(n.last for n in group)
            s = min(h.start, toks[first_tok][0])
            e = max(h.end, toks[last_tok][1])
            count = sum(n.value or 0 for n in group)
            out.append(Casualties(s, e, text[s:e], word.kind, count))
        return out

    def _coordinated(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        num: Number,
        used: set[int],
        after: bool,
    ) -> list[Number]:
        """Numbers joined to ``num`` by a conjunction: "three policemen and an assailant"."""
        found: list[Number] = []
        current = num
        for _ in range(3):
            nxt = self._next_coordinated(toks, numbers, current, after)
            if nxt is None or nxt.first in used or nxt.value is None:
                break
            used.add(nxt.first)
            found.append(nxt)
            current = nxt
        return found

    def _next_coordinated(
        self, toks: list[tuple[int, int, str]], numbers: dict[int, Number], num: Number, after: bool
    ) -> Number | None:
        if after:
            # "two soldiers and a civilian": up to 3 words, a conjunction, then the number.
            for j in range(num.last + 1, min(len(toks) - 1, num.last + 5)):
                tok = toks[j][2]
                if tok in _HARD_STOPS or j in numbers:
                    return None
                if tok in self.conjunctions:
                    return numbers.get(j + 1)
            return None
        # Before: the token before ``num`` is a conjunction, the number within 4 words before it.
        j = num.first - 1
        if j < 1 or toks[j][2] not in self.conjunctions:
            return None
        for k in range(j - 1, max(-1, j - 5), -1):
            if toks[k][2] in _HARD_STOPS:
                return None
            for start, n in numbers.items():
                if n.last == k:
                    return n if start == n.first else None
        return None

    def _numbers(self, toks: list[tuple[int, int, str]]) -> dict[int, Number]:
        found: dict[int, Number] = {}
        may_start = self.numbers.may_start
        i = 0
        while i < len(toks):
            # most tokens are plain words: skip them without a full read
            n = self.numbers.read(toks, i) if may_start(toks[i][2]) else None
            if n is None:
                i += 1
                continue
            tok = toks[i][2]
            year_like = tok.isdigit() and len(tok) == 4 and 1900 <= int(tok) <= 2100
            if n.kind == "article" and not self._person_follows(toks, n.last + 1):
                n = None
            if n is not None and not year_like:
                found[i] = n
                i = n.last + 1
            else:
                i += 1
        return found

    def _person_follows(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        # A singular person noun right after the article, or after up to three modifiers.
        for j in range(i, i + 4):
            if j >= len(toks) or toks[j][2] in _HARD_STOPS:
                return False
            if toks[j][2] in self.singular:
                return True
            if j + 1 < len(toks) and f"{toks[j][2]} {toks[j + 1][2]}" in self.singular:
                return True
        return False

    def _after(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        i: int,
        window: int,
        used: set[int],
        free: bool,
    ) -> Number | None:
        """The number after a verb, across approximators only (any words when ``free``)."""
        for j in range(i, min(len(toks), i + window + 1)):
            n = numbers.get(j)
            if n is not None and j not in used:
                return n
            tok = toks[j][2]
            if tok in _HARD_STOPS and not (free and tok in (":", ",")):
                return None
            if not free and tok not in self.approximators:
                return None
        return None

    def _before(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        i: int,
        lo: int,
        used: set[int],
    ) -> Number | None:
        """The nearest number before a state word, within the window and the clause."""
        for j in range(i, lo - 1, -1):
            tok = toks[j][2]
            if tok in _HARD_STOPS or tok in self.state_stops:
                return None
            for start, n in numbers.items():
                if n.last == j:
                    return n if start not in used else None
        return None
