"""Dates in text: explicit ("13 November 2020", "Senin (3/3/2019)"), relative to the
published date ("yesterday", "dua hari lalu", "Sabtu lalu", "last month") and relative to the
date the story stated before ("two days later", "keesokan harinya", "a week later").

Fast paths are regular expressions built once from the pack's ``dates.toml``; dateparser is
consulted only for a month name that none of them explains, and its answers are cached on the
finder. Conventions:
  * a date without a year takes the published year, or the year before when that would put it
    after the published date; without a published date it is skipped;
  * a bare weekday is the latest such day on or before the published date; with "last"/"lalu"
    it is the latest one strictly before it; without a published date it is found but left
    undated (``date`` None), so the event is not given an earlier sentence's date;
  * a chained expression ("two days later") is counted from the date stated before it in the
    document (see :func:`chain_dates`), or from the published date when none was; its
    precision is never finer than its anchor's;
  * numeric dates follow the document's convention (:meth:`DateFinder.document_order`), and a
    reading that would fall after publication gives way to the other one;
  * week precision (2) dates are the published date moved by whole weeks; "last weekend" is the
    Saturday of the weekend before; month precision (3) dates are the middle of the month, or the
    day a month part names ("early June", "akhir bulan lalu"), never after the published date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from groundfacts.errors import PackDataError
from groundfacts.packs import tables
from groundfacts.packs.matcher import Match, PhraseMatcher, lower_same_length
from groundfacts.packs.numbers import NumberReader
from groundfacts.records import DATE_PUBLISHED, DATE_STATED, DATE_STORY, DateMention

_ORD = r"(?:st|nd|rd|th)?"
_DIGIT = re.compile(r"\d")
_NUMERIC_HINT = re.compile(r"\d[/.\-]\d")
# How far a date can reach before and after its month name ("between 12 and 13 ", ", 2020").
_BEFORE_MONTH = 24
_AFTER_MONTH = 12
_UNITS = frozenset({"day", "week", "month", "weekend", "month-so-far"})
# Units a chained expression may count in (from a date, not from "now").
_CHAIN_UNITS = frozenset({"day", "week", "month"})
_FALLBACK_CACHE_SIZE = 2048


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    date: dt.date | None
    precision: int
    rank: int  # explicit dates (2) beat weekdays and relative phrases (1)
    kind: str = DATE_STATED
    chain: tuple[str, int] | None = None


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
    if unit == "weekend":
        # the Saturday of the latest weekend on or before publication; on a weekday that
        # weekend is already "last weekend"
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if offset < 0 and (published - saturday).days > 1:
            offset += 1
        return saturday + dt.timedelta(days=7 * offset)
    if unit == "month-so-far":
        # "earlier this month": the middle of the days of the month before publication
        return published.replace(day=max(1, published.day // 2))
    # "this month" cannot lie after the report
    return min(month_start(published, offset), published)


def add(anchor: dt.date, unit: str, offset: int) -> dt.date:
    """``anchor`` moved by whole units ("a month later" keeps the day of the month)."""
    if unit != "month":
        return shift(anchor, unit, offset)
    index = anchor.year * 12 + anchor.month - 1 + offset
    year, month = index // 12, index % 12 + 1
    for day in range(anchor.day, 27, -1):
        if (d := _safe_date(year, month, day)) is not None:
            return d
    return dt.date(year, month, min(anchor.day, 28))


def same_day(a: DateMention | None, b: DateMention | None) -> bool:
    """Dates agree, or one of them is unknown; two undated mentions agree when they say the
    same ("on Tuesday" twice), not when they differ ("on Tuesday", "the next day")."""
    if a is None or b is None:
        return True
    if a.date is None and b.date is None:
        return a.text.lower() == b.text.lower()
    return a.date is None or b.date is None or a.date == b.date


def chain_dates(mentions: list[DateMention], published: dt.date | None) -> None:
    """Resolve chained mentions ("two days later") in document order, each from the date
    stated last before it, or from ``published`` when none was. A mention after an undated
    one stays undated; a chained date never falls after publication (it is then the
    publication date, at week precision at best)."""
    last: DateMention | None = None
    for m in mentions:
        if m.chain is not None:
            unit, offset = m.chain
            base: dt.date | None
            if last is not None:
                base, precision = last.date, max(m.precision, last.precision)
                anchor = f"{last.text} ({last.date})" if last.date else last.text
            elif published is not None:
                base, precision, anchor = published, m.precision, f"published {published}"
            else:
                base, precision, anchor = None, m.precision, ""
            m.anchor = anchor
            if base is not None:
                when = add(base, unit, offset)
                if published is not None and when > published:
                    when, precision = published, max(precision, 2)
                m.date, m.precision = when, precision
        last = m


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

        # newer keys a pack may leave out (then it has no such words)
        for key in ("later", "earlier", "vague", "week_before"):
            conf.setdefault(key, [])
        for key in ("chained", "month_parts"):
            table.setdefault(key, {})
        self.order = str(conf.get("numeric_order", "dmy"))
        if self.order not in ("dmy", "mdy"):
            raise PackDataError(f"packs/{lang}/{name}: numeric_order must be 'dmy' or 'mdy'")
        # a language whose press writes one order whatever country it reports on
        self.order_follows_country = bool(conf.get("numeric_order_follows_country", True))
        self.joiners = words("day_month_joiners")
        self.last_before = tuple(w.lower() for w in words("last_before"))
        self.last_after = tuple(w.lower() for w in words("last_after"))
        # longest first, so "of last week" is taken whole before "last week"
        self.week_before = tuple(
            sorted((w.lower() for w in words("week_before")), key=len, reverse=True)
        )
        self.ago = words("ago")
        self.later = words("later")
        self.vague = frozenset(w.lower() for w in words("vague"))
        self.earlier = words("earlier")
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
        self.relative = self._rows(table, "relative", _UNITS)
        self.chained = self._rows(table, "chained", _CHAIN_UNITS)
        self.month_parts: dict[str, int] = {}
        for phrase, day in tables.toml_section(table, "month_parts", lang, name).items():
            if not isinstance(day, int) or not 1 <= day <= 28:
                raise PackDataError(f"packs/{lang}/{name}: month_parts {phrase!r}: a day 1-28")
            self.month_parts[phrase.lower()] = day
        bad = [u for u in self.units.values() if u not in _UNITS]
        if bad or any(not 1 <= m <= 12 for m in self.months.values()):
            raise PackDataError(f"packs/{lang}/{name}: bad month number or unit {bad}")
        self._fallback_cache: dict[tuple[str, dt.date | None], tuple[str, dt.date, int] | None] = {}

    def _rows(
        self, table: dict[str, Any], key: str, units: frozenset[str]
    ) -> dict[str, tuple[str, int, int]]:
        name = "dates.toml"
        out: dict[str, tuple[str, int, int]] = {}
        for phrase, row in tables.toml_section(table, key, self.lang, name).items():
            ok = isinstance(row, list) and len(row) == 3 and row[0] in units
            if not ok or not isinstance(row[1], int) or row[2] not in (1, 2, 3):
                raise PackDataError(
                    f"packs/{self.lang}/{name}: {key} {phrase!r} must be "
                    f"[{'|'.join(sorted(units))}, offset, precision 1-3]"
                )
            out[phrase.lower()] = (row[0], row[1], row[2])
        return out

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
            "month": re.compile(rf"(?<!\w)(?P<p>{preps})[\s-]+(?P<m>{full})(?!\w)", flags),
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
                rf"(?P<u>{_alternation(list(self.units))})\s+"
                rf"(?P<w>{_alternation(self.ago + self.later + self.earlier)})(?!\w)",
                re.IGNORECASE,
            ),
        }

    @cached_property
    def _phrases(self) -> PhraseMatcher[tuple[str, int, int]]:
        """One automaton for every date word: relative phrases, weekdays, month names (which
        gate the month regexes) and "ago" words (which gate the "N days ago" regex)."""
        rows: list[tuple[str, tuple[str, int, int]]] = list(self.relative.items())
        rows += [(p, ("+" + u, n, prec)) for p, (u, n, prec) in self.chained.items()]
        # Weekdays and months are capitalised in running text: match them exactly.
        rows += [(w.capitalize(), ("weekday", n, 1)) for w, n in self.weekdays.items()]
        rows += [(w.capitalize(), ("=month", n, 0)) for w, n in self.months.items()]
        rows += [(w.lower(), ("=ago", 0, 0)) for w in self.ago + self.later + self.earlier]
        return PhraseMatcher(rows)

    # -- finding ----------------------------------------------------------------------------

    def find(
        self, text: str, published: dt.date | None, order: str | None = None
    ) -> list[DateMention]:
        """Date mentions in ``text``, in text order, none overlapping; never raises on text.
        ``order`` ("dmy" or "mdy") is the document's numeric convention (the pack's default
        when None). Chained mentions come back undated: :func:`chain_dates` dates them."""
        low = lower_same_length(text)
        hits = self._phrases.find_all(text, low)
        months = [h for h in hits if h.payload[0] == "=month"]
        has_digit = _DIGIT.search(text) is not None
        cands = (
            self._explicit(text, low, published, months, has_digit, order or self.order)
            if hits or has_digit
            else []
        )
        if hits:
            cands += self._relative(text, low, hits, published)
        chosen = _longest(cands)
        chosen = self._merge_weekdays(text, chosen)
        if months:
            chosen += self._fallback(text, published, chosen, months)
        if any(c.kind == DATE_STATED for c in chosen):
            # "in an overnight raid on Sunday, 5 March": the stated date wins over a time word
            chosen = [c for c in chosen if low[c.start : c.end] not in self.vague]
        chosen.sort(key=lambda c: c.start)
        anchor = f"published {published}" if published is not None else ""
        return [
            DateMention(
                c.start,
                c.end,
                text[c.start : c.end],
                c.date,
                c.precision,
                kind=c.kind,
                anchor=anchor if c.kind == DATE_PUBLISHED else "",
                chain=c.chain,
            )
            for c in chosen
        ]

    def document_order(self, text: str, country: str | None) -> str:
        """The numeric date order of a document: what its own unambiguous dates show
        ("25/12/2020" is day first), else month first for a country known to write so
        (unless the pack's press keeps one order everywhere), else the pack's order (day
        first, as most of the world writes)."""
        if _NUMERIC_HINT.search(text) is not None:
            for m in self._regexes["numeric"].finditer(text):
                a, b = int(m["a"]), int(m["b"])
                if a > 12 >= b:
                    return "dmy"
                if b > 12 >= a:
                    return "mdy"
        if self.order_follows_country and country and country.upper() in month_first_countries():
            return "mdy"
        return self.order

    def _part_day(self, low: str, start: int) -> int | None:
        """The day a month part right before ``start`` names ("early", "akhir"), if any."""
        before = low[max(0, start - 24) : start].rstrip(" -")
        for part in sorted(self.month_parts, key=len, reverse=True):
            if before.endswith(part) and not before[: -len(part)][-1:].isalnum():
                return self.month_parts[part]
        return None

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
        low: str,
        published: dt.date | None,
        months: list[Match[tuple[str, int, int]]],
        has_digit: bool,
        order: str,
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
                span = int(m["d2"]) - day if key == "range" else 0
                if span > 1:
                    # a range longer than two days ("from 18 to 20 February") is dated to its
                    # middle day, and only to the week, as ACLED dates such spells
                    day += span // 2
                d = (
                    _safe_date(int(m["y"]), month, day)
                    if m["y"]
                    else _no_year(month, day, published)
                )
                if d is None:
                    continue
                # "between 2 and 3 March" is dated by its first day
                precision = 1 if 0 <= span <= 1 else 2
                out.append(_Candidate(m.start(), self._end(text, m), d, precision, 2))
        for m in self._scan("my", text, dated):
            month = self._month(m["m"])
            day = self._part_day(low, m.start()) or MID_MONTH
            if month is not None and (d := _safe_date(int(m["y"]), month, day)) is not None:
                out.append(_Candidate(m.start(), m.end(), _not_after(d, published), 3, 2))
        for m in self._scan("month", text, windows):
            month = self._month(m["m"])
            if month is None or published is None:
                continue
            year = published.year if month <= published.month else published.year - 1
            day = (
                self.month_parts.get(m["p"].lower()) or self._part_day(low, m.start()) or MID_MONTH
            )
            when = _not_after(dt.date(year, month, day), published)
            out.append(_Candidate(m.start("m"), m.end(), when, 3, 2))
        numeric = has_digit and _NUMERIC_HINT.search(text) is not None
        for key in ("numeric", "paren") if numeric else ():
            for m in rx[key].finditer(text):
                a, b = int(m["a"]), int(m["b"])
                first = (a, b) if order == "dmy" else (b, a)
                readings = [first, (first[1], first[0])]
                if first[1] > 12:
                    readings.reverse()
                d = None
                for day, month in readings:
                    if m["y"]:
                        d = _safe_date(_year(m["y"]), month, day)
                    else:
                        d = _no_year(month, day, published)
                    # a reading after publication gives way to the other convention
                    if d is not None and (published is None or d <= published):
                        break
                    d = None
                if d is not None:
                    out.append(_Candidate(m.start(), m.end(), d, 1, 2))
        for m in rx["iso"].finditer(text) if numeric else ():
            if (d := _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))) is not None:
                out.append(_Candidate(m.start(), m.end(), d, 1, 2))
        return out

    def _relative(
        self,
        text: str,
        low: str,
        hits: list[Match[tuple[str, int, int]]],
        published: dt.date | None,
    ) -> list[_Candidate]:
        out: list[_Candidate] = []
        pub = DATE_PUBLISHED
        for m in hits:
            unit, n, precision = m.payload
            if unit in ("=month", "=ago"):
                continue
            if unit.startswith("+"):
                chain = (unit[1:], n)
                out.append(_Candidate(m.start, m.end, None, precision, 1, DATE_STORY, chain))
                continue
            if unit != "weekday":
                when = None if published is None else shift(published, unit, n)
                if unit == "month" and when is not None and published is not None:
                    day = self._part_day(low, m.start) or _leading_part(self, low, m.start, m.end)
                    if day is not None:
                        when = _not_after(when.replace(day=day), published)
                out.append(_Candidate(m.start, m.end, when, precision, 1, pub))
                continue
            start, end, strict = m.start, m.end, False
            before = low[max(0, start - 20) : start]
            for word in self.last_before:
                if before.endswith(word + " "):
                    start, strict = start - len(word) - 1, True
                    break
            after = low[end : end + 24]
            previous_week = False
            for word in self.week_before:
                if (
                    after.startswith(" " + word)
                    and not after[len(word) + 1 : len(word) + 2].isalnum()
                ):
                    end, previous_week = end + len(word) + 1, True
                    break
            for word in () if previous_week else self.last_after:
                if (
                    after.startswith(" " + word)
                    and not after[len(word) + 1 : len(word) + 2].isalnum()
                ):
                    end, strict = end + len(word) + 1, True
                    break
            if published is None:
                out.append(_Candidate(start, end, None, 1, 1, pub))
                continue
            if previous_week:
                # "Rabu pekan lalu", "Wednesday last week": that weekday in the week before
                # the week of publication (weeks start on Monday)
                monday = published - dt.timedelta(days=published.weekday() + 7)
                out.append(_Candidate(start, end, monday + dt.timedelta(days=n), 1, 1, pub))
                continue
            back = (published.weekday() - n) % 7
            if strict and back == 0:
                back = 7
            out.append(_Candidate(start, end, published - dt.timedelta(days=back), 1, 1, pub))
        has_ago = any(h.payload[0] == "=ago" for h in hits)
        for ago in self._regexes["ago"].finditer(text) if has_ago else ():
            count = int(ago["n"]) if ago["n"].isdigit() else self.numbers.value_of(ago["n"])
            ago_unit = self.units.get(ago["u"].lower())
            if count is None or ago_unit not in _CHAIN_UNITS or count > 400:
                continue
            precision = {"day": 1, "week": 2, "month": 3}[ago_unit]
            word = ago["w"].lower()
            if word in self._later or word in self._earlier:
                sign = 1 if word in self._later else -1
                chain = (ago_unit, sign * count)
                out.append(
                    _Candidate(ago.start(), ago.end(), None, precision, 1, DATE_STORY, chain)
                )
                continue
            when = None if published is None else shift(published, ago_unit, -count)
            out.append(_Candidate(ago.start(), ago.end(), when, precision, 1, pub))
        return out

    @cached_property
    def _later(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.later)

    @cached_property
    def _earlier(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.earlier)

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


def _not_after(d: dt.date, published: dt.date | None) -> dt.date:
    """A date of week or month precision cut back to publication ("pada awal Juni" in a
    report of 3 June is not 5 June)."""
    return d if published is None or d <= published else published


def _leading_part(finder: DateFinder, low: str, start: int, end: int) -> int | None:
    """The day a month part opening a relative phrase names ("akhir bulan lalu")."""
    phrase = low[start:end]
    for part in sorted(finder.month_parts, key=len, reverse=True):
        if phrase.startswith(part + " "):
            return finder.month_parts[part]
    return None


def month_first_countries() -> frozenset[str]:
    """ISO2 codes of the countries that write numeric dates month first (data file)."""
    return _month_first()


@functools.cache
def _month_first() -> frozenset[str]:
    import tomllib
    from importlib import resources

    name = "data/date_conventions.toml"
    try:
        raw = resources.files("groundfacts").joinpath(name).read_text("utf-8")
        codes = tomllib.loads(raw)["numeric"]["month_first"]
    except (FileNotFoundError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise PackDataError(f"{name}: missing or malformed ({exc})") from exc
    return frozenset(str(c).upper() for c in codes)


def _longest(cands: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.rank, c.start - c.end, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return chosen
