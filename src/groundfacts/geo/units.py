"""Unit words ("X village", "Kabupaten Y", "Z province") and short forms ("US", "Calif.").

Both are data (``data/units.toml``, ``data/abbreviations.toml``); this module reads them and
finds them around place names, with their positions, so a hierarchy written in a report
("barangay X, M town, P province") can be read and the unit words kept out of the names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from groundfacts.errors import GazetteerError
from groundfacts.geo.normalize import load_data

_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*)?)\s+$")
_WORD_AFTER = re.compile(r"\s*([^\W\d_][\w'’-]*\.?)(?: ([^\W\d_][\w'’-]*))?")
_KINDS = ("country", "admin1", "region", "town")
# a capitalised word with its dots and ampersands ("U.S.", "Calif.", "T&T", "W.Va.")
_TOKEN = re.compile(r"[A-Z][A-Za-z&]*(?:\.[A-Za-z&]+)*\.?")


@dataclass(frozen=True, slots=True)
class UnitWord:
    word: str  # as written
    level: int  # 1 village, 2 town/district/regency, 3 province/region/state
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ShortForm:
    """What an abbreviation stands for: ``kind`` country/admin1/region/town and its key."""

    kind: str
    code: str  # ISO2, ISO 3166-2 code, region name, or "XX-YY" for a town's unit
    name: str = ""  # the town's name (kind "town")


class Units:
    """Unit words by side, direction words, and the short forms table."""

    def __init__(self) -> None:
        table = load_data("units.toml")
        self.before: dict[str, int] = {k.lower(): int(v) for k, v in table["before"].items()}
        self.after: dict[str, int] = {k.lower(): int(v) for k, v in table["after"].items()}
        self.directions = frozenset(d.lower() for d in table.get("directions", []))
        # (country, admin1 code) -> codes of the units since carved out of it
        self.former: dict[tuple[str, str], frozenset[str]] = {}
        for key, parts in table.get("former", {}).items():
            cc, _, code = str(key).partition(".")
            self.former[(cc, code)] = frozenset(str(p) for p in parts)
        self.short: dict[str, ShortForm] = {}
        for key, value in load_data("abbreviations.toml").get("names", {}).items():
            kind, _, rest = str(value).partition(":")
            if kind not in _KINDS or not rest:
                raise GazetteerError(f"abbreviations.toml: bad target {value!r} for {key!r}")
            code, _, name = rest.partition(":") if kind == "town" else (rest, "", "")
            self.short[key] = ShortForm(kind, code, name)
        # by the first word, longest first, so "Washington, D.C." wins over "Washington"
        self._short_by_head: dict[str, list[str]] = {}
        for k in sorted(self.short, key=len, reverse=True):
            head = _TOKEN.match(k)
            if head is None:
                raise GazetteerError(f"abbreviations.toml: {k!r} must start with a capital")
            self._short_by_head.setdefault(head.group().rstrip("."), []).append(k)

    def word_before(self, text: str, start: int) -> UnitWord | None:
        """The unit word right before ``start`` ("Barangay |X", "province of |Y")."""
        m = _WORD_BEFORE.search(text, max(0, start - 24), start)
        if m is None:
            return None
        phrase = m.group(1)
        words = phrase.split(" ")
        for k in (2, 1):
            if len(words) < k:
                continue
            w = " ".join(words[-k:])
            level = self.before.get(w.lower())
            if level is not None:
                s = m.start(1) + len(phrase) - len(w)
                return UnitWord(w, level, s, s + len(w))
        return None

    def word_after(self, text: str, end: int) -> UnitWord | None:
        """The unit word right after ``end`` ("X| village", "Y| Province")."""
        m = _WORD_AFTER.match(text, end)
        if m is None or m.start(1) == end:
            return None
        w = m.group(1)
        if m.group(2) is not None:
            # two-word unit words first ("X town area")
            pair = f"{w} {m.group(2)}"
            level = self.after.get(pair.lower())
            if level is not None:
                return UnitWord(pair, level, m.start(1), m.end(2))
        level = self.after.get(w.lower()) or self.after.get(w.lower().rstrip("."))
        if level is None:
            return None
        e = m.end(1) - (1 if w.endswith(".") and w.lower() not in self.after else 0)
        return UnitWord(text[m.start(1) : e], level, m.start(1), e)

    def short_forms(self, text: str) -> list[tuple[int, int, ShortForm]]:
        """Abbreviations written in ``text``, with their case ("US", not "us")."""
        out: list[tuple[int, int, ShortForm]] = []
        n = len(text)
        last = 0
        for m in _TOKEN.finditer(text):
            s = m.start()
            keys = self._short_by_head.get(m.group().rstrip("."))
            if (
                keys is None
                or s < last
                or (s > 0 and (text[s - 1].isalnum() or text[s - 1] in ".&"))
            ):
                continue
            for k in keys:
                e = s + len(k)
                if text.startswith(k, s) and (e >= n or not (text[e].isalnum() or text[e] == "&")):
                    out.append((s, e, self.short[k]))
                    last = e
                    break
        return out
