"""Dates in text: explicit ("13 November 2020", "Senin (3/3/2019)") and relative to the
published date ("yesterday", "dua hari lalu", "Sabtu lalu", "last month").

Fast paths are regular expressions built once from the pack's ``dates.toml``; dateparser is
consulted only for a month name that none of them explains, and its answers are cached on the
finder. Conventions:
  * a date without a year takes the published year, or the year before when that would put it
    after the published date; without a published date it is skipped, as are relative dates;
  * a bare weekday is the latest such day on or before the published date; with "last"/"lalu"
    it is the latest one strictly before it;
  * week precision (2) dates are the published date moved by whole weeks; month precision (3)
    dates are the first day of the month.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from groundfacts.errors import PackDataError
from groundfacts.packs import tables
from groundfacts.packs.matcher import Match, PhraseMatcher, lower_same_length
from groundfacts.packs.numbers import NumberReader
from groundfacts.records import DateMention

_ORD = r"(?:st|nd|rd|th)?"
_DIGIT = re.compile(r"\d")
_NUMERIC_HINT = re.compile(r"\d[/.\-]\d")
# How far a date can reach before and after its month name ("between 12 and 13 ", ", 2020").
_BEFORE_MONTH = 24
_AFTER_MONTH = 12
_UNITS = frozenset({"day", "week", "month"})
_FALLBACK_CACHE_SIZE = 2048


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    date: dt.date
    precision: int
    rank: int  # explicit dates (2) beat weekdays and relative phrases (1)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!x)x"


def _cased(words: list[str], lower: bool) -> list[str]:
    """Spellings to match case-sensitively (faster than IGNORECASE over long alternations):
    Capitalised and UPPER, plus lower case for function words."""
    out = [v for w in words for v in (w.capitalize(), w.upper())]
    return out + [w.lower() for w in words] if lower else out


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2200):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _no_year(month: int, day: int, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    d = _safe_date(published.year, month, day)
    if d is not None and d > published:
        d = _safe_date(published.year - 1, month, day)
    return d


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


# ACLED dates an event known only to the month to the middle of that month.
MID_MONTH = 15


def month_start(published: dt.date, offset: int) -> dt.date:
    """The date of the month ``offset`` months from ``published`` (its middle, ACLED's rule)."""
    index = published.year * 12 + published.month - 1 + offset
    return dt.date(index // 12, index % 12 + 1, MID_MONTH)


def shift(published: dt.date, unit: str, offset: int) -> dt.date:
    if unit == "day":
        return published + dt.timedelta(days=offset)
    if unit == "week":
        return published + dt.timedelta(days=7 * offset)
    # "earlier this month" cannot lie after the report
    return min(month_start(published, offset), published)


class DateFinder:
    """Finds dates in sentences of one language; build once per pack and reuse."""

    def __init__(self, lang: str, numbers: NumberReader, table: dict[str, Any]) -> None:
        self.lang = lang
        self.numbers = numbers
        name = "dates.toml"
        conf = tables.toml_section(table, "dates", lang, name)

        def words(key: str) -> list[str]:
            return list(
                tables.str_list(tables.toml_section(conf, key, lang, name), key, lang, name)
            )

        self.order = str(conf.get("numeric_order", "dmy"))
        if self.order not in ("dmy", "mdy"):
            raise PackDataError(f"packs/{lang}/{name}: numeric_order must be 'dmy' or 'mdy'")
        self.joiners = words("day_month_joiners")
        self.last_before = tuple(w.lower() for w in words("last_before"))
        self.last_after = tuple(w.lower() for w in words("last_after"))
        self.ago = words("ago")
        self.month_preps = words("month_preps")
        self.range_joiners = words("range_joiners")
        self.months = {
            k.lower(): int(v) for k, v in tables.toml_section(table, "months", lang, name).items()
        }
        self.weekdays = {
            k.lower(): int(v) for k, v in tables.toml_section(table, "weekdays", lang, name).items()
        }
        self.units = {
            k.lower(): str(v) for k, v in tables.toml_section(table, "units", lang, name).items()
        }
        self.relative: dict[str, tuple[str, int, int]] = {}
        for phrase, row in tables.toml_section(table, "relative", lang, name).items():
            ok = isinstance(row, list) and len(row) == 3 and row[0] in _UNITS
            if not ok or not isinstance(row[1], int) or row[2] not in (1, 2, 3):
                raise PackDataError(
                    f"packs/{lang}/{name}: relative {phrase!r} must be "
                    "[day|week|month, offset, precision 1-3]"
                )
            self.relative[phrase.lower()] = (row[0], row[1], row[2])
        bad = [u for u in self.units.values() if u not in _UNITS]
        if bad or any(not 1 <= m <= 12 for m in self.months.values()):
            raise PackDataError(f"packs/{lang}/{name}: bad month number or unit {bad}")
        self._fallback_cache: dict[tuple[str, dt.date | None], tuple[str, dt.date, int] | None] = {}

    @classmethod
    def load(cls, lang: str, numbers: NumberReader) -> DateFinder:
        return cls(lang, numbers, tables.read_toml(lang, "dates.toml"))

    def check(self) -> None:
        _ = self._regexes, self._phrases

    @cached_property
    def _regexes(self) -> dict[str, re.Pattern[str]]:
        month = _alternation(_cased(list(self.months), lower=False))
        joiners = _alternation(_cased(self.joiners, lower=True))
        preps = _alternation(_cased(self.month_preps, lower=True))
        ranges = _alternation(_cased(self.range_joiners, lower=True))
        # A bare month after a preposition must be spelt in full ("in March", not "in Mar").
        longest: dict[int, str] = {}
        for name, number in self.months.items():
            if len(name) > len(longest.get(number, "")):
                longest[number] = name
        full = _alternation(_cased(list(longest.values()), lower=False))
        num_words = _alternation(
            [w for w, (_, kind) in self.numbers.words.items() if kind in ("add", "mul", "teen")]
        )
        flags = re.NOFLAG
        return {
            "dmy": re.compile(
                rf"(?<![\w/.])(?P<d>\d{{1,2}}){_ORD}(?:\s+(?:{joiners}))*(?:\s+|-)(?P<m>{month})\.?"
                rf"(?:(?:,?\s+|-)(?P<y>\d{{4}}))?(?!\w)",
                flags,
            ),
            "mdy": re.compile(
                rf"(?<!\w)(?P<m>{month})(?:\.\s*|\s+)(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}(?![\d\w])"
                rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?",
                flags,
            ),
            "my": re.compile(rf"(?<!\w)(?P<m>{month})\.?,?\s+(?P<y>\d{{4}})(?!\d)", flags),
            "month": re.compile(rf"(?<!\w)(?:{preps})[\s-]+(?P<m>{full})(?!\w)", flags),
            "range": re.compile(
                rf"(?<![\w/.])(?P<d>\d{{1,2}}){_ORD}\s*(?:{ranges})\s*(?P<d2>\d{{1,2}}){_ORD}\s+"
                rf"(?P<m>{month})\.?(?:,?\s+(?P<y>\d{{4}}))?(?!\w)",
                flags,
            ),
            "numeric": re.compile(
                r"(?<![\w/.])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                r"(?![\w/])"
            ),
            "paren": re.compile(r"\((?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\)"),
            "iso": re.compile(r"(?<![\d\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-])"),
            "ago": re.compile(
                rf"(?<!\w)(?P<n>\d{{1,3}}|(?:{num_words})(?:[\s-](?:{num_words}))?)\s+"
                rf"(?P<u>{_alternation(list(self.units))})\s+(?:{_alternation(self.ago)})(?!\w)",
                re.IGNORECASE,
            ),
        }

    @cached_property
    def _phrases(self) -> PhraseMatcher[tuple[str, int, int]]:
        """One automaton for every date word: relative phrases, weekdays, month names (which
        gate the month regexes) and "ago" words (which gate the "N days ago" regex)."""
        rows: list[tuple[str, tuple[str, int, int]]] = list(self.relative.items())
        # Weekdays and months are capitalised in running text: match them exactly.
        rows += [(w.capitalize(), ("weekday", n, 1)) for w, n in self.weekdays.items()]
        rows += [(w.capitalize(), ("=month", n, 0)) for w, n in self.months.items()]
        rows += [(w.lower(), ("=ago", 0, 0)) for w in self.ago]
        return PhraseMatcher(rows)

    # -- finding ----------------------------------------------------------------------------

    def find(self, text: str, published: dt.date | None) -> list[DateMention]:
        """Date mentions in ``text``, in text order, none overlapping; never raises on text."""
        low = lower_same_length(text)
        hits = self._phrases.find_all(text, low)
        months = [h for h in hits if h.payload[0] == "=month"]
        has_digit = _DIGIT.search(text) is not None
        cands = self._explicit(text, published, months, has_digit) if hits or has_digit else []
        if published is not None and hits:
            cands += self._relative(text, low, hits, published)
        chosen = _longest(cands)
        chosen = self._merge_weekdays(text, chosen)
        if months:
            chosen += self._fallback(text, published, chosen, months)
        chosen.sort(key=lambda c: c.start)
        return [
            DateMention(c.start, c.end, text[c.start : c.end], c.date, c.precision) for c in chosen
        ]

    def _month(self, word: str) -> int | None:
        # Month names must be capitalised: "march" and "may" are ordinary words.
        if not word[:1].isupper():
            return None
        return self.months.get(word.lower())

    def _end(self, text: str, m: re.Match[str]) -> int:
        """The match end, without a full stop that ends the sentence rather than an
        abbreviated month ("on 3 March." vs "on 3 Mar. 2020")."""
        end = m.end()
        if text[end - 1] == "." and m.end("m") == end - 1 and len(m["m"]) > 4:
            return end - 1
        return end

    def _scan(self, key: str, text: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
        """Matches of one regex inside the windows only (scanning whole sentences costs more
        than the automaton that found the month names)."""
        rx = self._regexes[key]
        found: list[re.Match[str]] = []
        for lo, hi in windows:
            found.extend(rx.finditer(text, lo, hi))
        return found

    def _explicit(
        self,
        text: str,
        published: dt.date | None,
        months: list[Match[tuple[str, int, int]]],
        has_digit: bool,
    ) -> list[_Candidate]:
        rx = self._regexes
        out: list[_Candidate] = []
        windows: list[tuple[int, int]] = []
        for h in months:
            lo, hi = max(0, h.start - _BEFORE_MONTH), min(len(text), h.end + _AFTER_MONTH)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
        dated = windows if has_digit else []
        for key in ("dmy", "mdy", "range"):
            for m in self._scan(key, text, dated):
                month = self._month(m["m"])
                if month is None:
                    continue
                day = int(m["d"])
                d = (
                    _safe_date(int(m["y"]), month, day)
                    if m["y"]
                    else _no_year(month, day, published)
                )
                if d is None:
                    continue
                # A range of days ("between 2 and 3 March") is dated by its first day; a range
                # longer than two days only to the week.
                precision = 1 if key != "range" or 0 <= int(m["d2"]) - day <= 1 else 2
                out.append(_Candidate(m.start(), self._end(text, m), d, precision, 2))
        for m in self._scan("my", text, dated):
            month = self._month(m["m"])
            if month is not None and (d := _safe_date(int(m["y"]), month, MID_MONTH)) is not None:
                out.append(_Candidate(m.start(), m.end(), d, 3, 2))
        for m in self._scan("month", text, windows):
            month = self._month(m["m"])
            if month is None or published is None:
                continue
            year = published.year if month <= published.month else published.year - 1
            out.append(_Candidate(m.start("m"), m.end(), dt.date(year, month, MID_MONTH), 3, 2))
        numeric = has_digit and _NUMERIC_HINT.search(text) is not None
        for key in ("numeric", "paren") if numeric else ():
            for m in rx[key].finditer(text):
                a, b = int(m["a"]), int(m["b"])
                day, month = (a, b) if self.order == "dmy" else (b, a)
                if month > 12 and day <= 12:
                    day, month = month, day
                if m["y"]:
                    d = _safe_date(_year(m["y"]), month, day)
                else:
                    d = _no_year(month, day, published)
                if d is not None:
                    out.append(_Candidate(m.start(), m.end(), d, 1, 2))
        for m in rx["iso"].finditer(text) if numeric else ():
            if (d := _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))) is not None:
                out.append(_Candidate(m.start(), m.end(), d, 1, 2))
        return out

    def _relative(
        self, text: str, low: str, hits: list[Match[tuple[str, int, int]]], published: dt.date
    ) -> list[_Candidate]:
        out: list[_Candidate] = []
        for m in hits:
            unit, n, precision = m.payload
            if unit in ("=month", "=ago"):
                continue
            if unit != "weekday":
                out.append(_Candidate(m.start, m.end, shift(published, unit, n), precision, 1))
                continue
            start, end, strict = m.start, m.end, False
            before = low[max(0, start - 20) : start]
            for word in self.last_before:
                if before.endswith(word + " "):
                    start, strict = start - len(word) - 1, True
                    break
            after = low[end : end + 20]
            for word in self.last_after:
                if (
                    after.startswith(" " + word)
                    and not after[len(word) + 1 : len(word) + 2].isalnum()
                ):
                    end, strict = end + len(word) + 1, True
                    break
            back = (published.weekday() - n) % 7
            if strict and back == 0:
                back = 7
            out.append(_Candidate(start, end, published - dt.timedelta(days=back), 1, 1))
        has_ago = any(h.payload[0] == "=ago" for h in hits)
        for ago in self._regexes["ago"].finditer(text) if has_ago else ():
            count = int(ago["n"]) if ago["n"].isdigit() else self.numbers.value_of(ago["n"])
            ago_unit = self.units.get(ago["u"].lower())
            if count is None or ago_unit is None or count > 400:
                continue
            precision = {"day": 1, "week": 2, "month": 3}[ago_unit]
            when = shift(published, ago_unit, -count)
            out.append(_Candidate(ago.start(), ago.end(), when, precision, 1))
        return out

    def _merge_weekdays(self, text: str, chosen: list[_Candidate]) -> list[_Candidate]:
        """ "Senin (3/3/2019)", "Monday, March 3": the weekday and the date are one mention."""
        chosen.sort(key=lambda c: c.start)
        out: list[_Candidate] = []
        i = 0
        while i < len(chosen):
            c = chosen[i]
            if c.rank == 1 and i + 1 < len(chosen) and chosen[i + 1].rank == 2:
                gap = text[c.end : chosen[i + 1].start]
                if len(gap) <= 3 and gap.strip(" ,(") == "":
                    nxt = chosen[i + 1]
                    out.append(_Candidate(c.start, nxt.end, nxt.date, nxt.precision, 2))
                    i += 2
                    continue
            out.append(c)
            i += 1
        return out

    def _fallback(
        self,
        text: str,
        published: dt.date | None,
        chosen: list[_Candidate],
        months: list[Match[tuple[str, int, int]]],
    ) -> list[_Candidate]:
        """dateparser, only for capitalised month names that no fast path explained."""
        out: list[_Candidate] = []
        for m in months:
            if any(c.start <= m.start < c.end for c in chosen):
                continue
            lo = max(0, m.start - 12)
            hi = min(len(text), m.end + 12)
            window = text[lo:hi]
            if not _DIGIT.search(window):
                continue  # a bare month name: the "in March" rule has had its say
            found = self._parse_cached(window, published)
            if found is None:
                continue
            phrase, date, precision = found
            at = window.find(phrase)
            if at < 0 or not lo + at <= m.start < lo + at + len(phrase):
                continue
            if published is None and not re.search(r"\d{4}", phrase):
                continue  # without a year, dateparser would guess one from today's date
            out.append(_Candidate(lo + at, lo + at + len(phrase), date, precision, 2))
        return _longest(out)

    def _parse_cached(
        self, window: str, published: dt.date | None
    ) -> tuple[str, dt.date, int] | None:
        key = (window, published)
        if key in self._fallback_cache:
            return self._fallback_cache[key]
        result = self._parse_with_dateparser(window, published)
        if len(self._fallback_cache) >= _FALLBACK_CACHE_SIZE:
            self._fallback_cache.clear()
        self._fallback_cache[key] = result
        return result

    def _parse_with_dateparser(
        self, window: str, published: dt.date | None
    ) -> tuple[str, dt.date, int] | None:
        from dateparser.search import search_dates

        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month"]}
        if published is not None:
            settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
        try:
            found = search_dates(window, languages=[self.lang], settings=settings)
        except Exception:  # dateparser raises many kinds on odd input; a date is optional
            return None
        for phrase, when in found or []:
            if any(self._month(w) for w in re.findall(r"[^\W\d_]+", phrase)):
                precision = (
                    1
                    if re.search(r"\d", phrase) and not re.fullmatch(r"\D*\d{4}\D*", phrase)
                    else 3
                )
                day = when.date() if precision == 1 else when.date().replace(day=MID_MONTH)
                if published is not None and day > published and precision == 1:
                    continue
                return phrase, day, precision
        return None


def _longest(cands: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.rank, c.start - c.end, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return chosen
