"""Place mentions in text: an Aho-Corasick automaton over folded gazetteer names, plus cues.

Speed comes from matching only at word starts: the folded text and every key are
prefixed by a space and all punctuation but apostrophes becomes a space (one character per
character, so offsets hold), so a key can only match from the start of a word. The few hits
per sentence are then checked for a word end and a capital letter in the original text.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from bisect import insort
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundfacts.errors import GazetteerError
from groundfacts.geo.normalize import Normaliser, cue_languages, load_data
from groundfacts.records import PlaceMention

if TYPE_CHECKING:
    import ahocorasick

MARK = " "
_PUNCT = re.compile(r"[^\w']")
# Flags stored with each automaton key (bits 0-2 kinds, 3-6 log10 population, 8+ length).
CITY, ADMIN1, COUNTRY = 1, 2, 4
KIND_BITS = {"city": CITY, "admin1": ADMIN1, "country": COUNTRY, "admin2": ADMIN1}
AUTOMATON_FORMAT = "2"

# Upper-case letters of the Latin, Greek and Cyrillic blocks, for spans of capitalised words.
_UPPER = "".join(
    chr(c)
    for r in (range(0x41, 0x250), range(0x370, 0x530), range(0x1E00, 0x1F00))
    for c in r
    if chr(c).isupper()
)
_CONNECT = (
    r"(?:al|el|ar|as|ash|ad|an|at|az|ed|es|et|ez|en|de|du|des|la|le|di|da|do|bin|ibn|bani|beni"
    r"|ould|of|on|upon|the|i|y|n)"
)
_CONNECT_WORDS = frozenset(_CONNECT[3:-1].split("|"))
_TOKEN = rf"[{_UPPER}][\w'’`.]*"
# a run of capitalised words (no connectors), for unit names such as "Pegunungan Bintang"
_CAP_RUN = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}")
# English "as"/"at"/"ad" are articles only when hyphenated ("as-Sukhnah"), not "at Kerboule".
_CAP_SPAN = re.compile(
    rf"(?:\b(?:al|el|ar|ash|az|ez)[-\s]|\b(?:as|ad|at)-)?"
    rf"{_TOKEN}(?:[ -](?:{_CONNECT}[ -])*{_TOKEN}){{0,4}}"
)
# a name a comma chain of places runs through: one to three capitalised words
_CHAIN_NAME = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}")
_PAREN_LIST = re.compile(r"\(([^()]{2,80})\)")
_PREV_WORD = re.compile(r"([^\W\d_][\w'’`]*)[ -]$")
_LIST_SEP = re.compile(r"\s*(?:,|&|\band\b|\bdan\b|\bserta\b|\bor\b|\batau\b)\s*(?:and\s+|dan\s+)?")


def pop_bucket(pop: int) -> int:
    return min(int(math.log10(pop + 1)), 9) if pop > 0 else 0


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    flags: int

    @property
    def kinds(self) -> int:
        return self.flags & 7

    @property
    def bucket(self) -> int:
        return (self.flags >> 3) & 15


def build_automaton(con: sqlite3.Connection) -> ahocorasick.Automaton:
    """Automaton over the recognisable names of the index (``names.rec = 1``)."""
    import ahocorasick  # recognition only: resolving a name the caller found needs none

    flags: dict[str, int] = {}
    q = (
        "SELECT CASE WHEN n.surf != '' THEN n.surf ELSE n.key END, p.kind, p.pop"
        " FROM names n JOIN places p ON p.gid = n.gid WHERE n.rec = 1"
    )
    for surf, kind, pop in con.execute(q):
        surf = _PUNCT.sub(" ", surf)
        if len(surf) < 3:
            continue
        f = flags.get(surf, 0)
        b = max((f >> 3) & 15, pop_bucket(pop))
        flags[surf] = (f & 7) | KIND_BITS.get(kind, CITY) | (b << 3)
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for surf, f in flags.items():
        auto.add_word(MARK + surf, (len(surf) << 8) | f)
    auto.make_automaton()
    return auto


def load_or_build_automaton(con: sqlite3.Connection, cache: Path, stamp: str) -> Any:
    """The automaton from ``cache`` when its stamp matches the index, else built and saved."""
    import pickle

    stamp = f"{AUTOMATON_FORMAT}:{stamp}"
    if cache.exists():
        try:
            with cache.open("rb") as fh:
                saved_stamp, auto = pickle.load(fh)
            if saved_stamp == stamp:
                return auto
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass  # unreadable cache: rebuild it below
    auto = build_automaton(con)
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            pickle.dump((stamp, auto), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        tmp.unlink(missing_ok=True)  # read-only cache: keep the automaton in memory only
    return auto


class Lexicon:
    """Cue words, qualifiers and common-word filters from the data files, per language."""

    def __init__(self, norm: Normaliser) -> None:
        cues = load_data("cues.toml")
        self.norm = norm
        self.strong: dict[str, frozenset[str]] = {}
        self.cues: dict[str, frozenset[str]] = {}
        self.languages = cue_languages(cues)
        for lang in self.languages:
            table = cues[lang]
            strong = [c.lower() for c in table.get("strong", [])]
            weak = [c.lower() for c in table.get("weak", [])]
            self.strong[lang] = frozenset(strong)
            self.cues[lang] = frozenset([*strong, *weak])
        quals = cues.get("qualifiers", {})
        self.before: dict[str, str] = dict(quals.get("before", {}))
        self.after: dict[str, str] = dict(quals.get("after", {}))
        admin = cues.get("admin_words", {})
        self.admin_words = frozenset(w.lower() for ws in admin.values() for w in ws)
        fold = norm.key
        self.prefixes = frozenset(fold(w) for w in cues.get("name_prefixes", {}).get("words", []))
        self.designator_countries = {
            w.lower(): frozenset(str(c).upper() for c in ccs)
            for w, ccs in cues.get("designator_countries", {}).items()
        }
        self.designator_words = frozenset(
            w.lower() for ws in cues.get("designators", {}).values() for w in ws if " " not in w
        )
        self.name_tails = frozenset(
            fold(w) for ws in cues.get("name_tails", {}).values() for w in ws
        )
        regency_words = cues.get("regency_words", {})
        self.regency_before = tuple(w.lower() for w in regency_words.get("before", []))
        self.regency_after = tuple(w.lower() for w in regency_words.get("after", []))
        self.regencies = _load_regencies(fold)
        # first words of the units named in several words, lower case ("maluku", "lanny")
        self.regency_heads = tuple(sorted({k.split(" ")[0] for k in self.regencies if " " in k}))
        self.span_breaks = {
            lang: tuple(w.lower() for w in words)
            for lang, words in cues.get("span_breaks", {}).items()
        }
        self.designators = tuple(
            sorted(
                {w.lower() for ws in cues.get("designators", {}).values() for w in ws},
                key=len,
                reverse=True,
            )
        )

    # Word lists that only recognition needs, read on first use: resolving a name the
    # caller found (``geocode``) starts without them.
    @cached_property
    def _words(self) -> dict[str, Any]:
        return load_data("words.toml")

    def _folded(self, *keys: str) -> frozenset[str]:
        return frozenset(self.norm.key(w) for k in keys for w in self._words.get(k, []))

    def _lowered(self, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in self._words.get(key, []))

    @cached_property
    def always_drop(self) -> frozenset[str]:
        return self._folded("months", "weekdays")

    @cached_property
    def common(self) -> dict[str, frozenset[str]]:
        return {lang: self._folded(lang) for lang in self.languages}

    @cached_property
    def first_names(self) -> frozenset[str]:
        return self._folded("first_names", "more_first_names")

    @cached_property
    def surnames(self) -> frozenset[str]:
        return self._folded("surnames")

    @cached_property
    def person_after(self) -> frozenset[str]:
        return self._lowered("person_after")

    @cached_property
    def person_before(self) -> frozenset[str]:
        return self._lowered("person_before")

    @cached_property
    def landmark_after(self) -> frozenset[str]:
        return self._folded("landmark_after")

    @cached_property
    def street_after(self) -> frozenset[str]:
        return self._folded("street_after")

    @cached_property
    def organisation_end(self) -> frozenset[str]:
        return self._folded("organisation_end")

    @cached_property
    def landmark_before(self) -> dict[str, frozenset[str]]:
        """Per language: landmark words before a name ("Jalan Sudirman")."""
        table: dict[str, list[str]] = self._words.get("landmark_before", {})
        return {lang: frozenset(w.lower() for w in ws) for lang, ws in table.items()}

    @cached_property
    def institution_before(self) -> frozenset[str]:
        return self._lowered("institution_before")

    @cached_property
    def institution_after(self) -> frozenset[str]:
        return self._lowered("institution_after")

    @cached_property
    def not_place_before(self) -> frozenset[str]:
        return self._lowered("not_place_before")

    @cached_property
    def trim_words(self) -> frozenset[str]:
        return self.always_drop.union(*self.common.values())

    @cached_property
    def common_for(self) -> dict[str, frozenset[str]]:
        # English words are common in every language's press (quotes, names of bodies)
        return {lang: self.common["en"] | words for lang, words in self.common.items()}

    @cached_property
    def _ambiguous_names(self) -> list[str]:
        return list(load_data("countries.toml").get("ambiguous", []))

    @cached_property
    def caps_only(self) -> frozenset[str]:
        return frozenset(a for a in self._ambiguous_names if a.isupper())

    @cached_property
    def ambiguous(self) -> frozenset[str]:
        return frozenset(self.norm.key(a) for a in self._ambiguous_names)

    def regency(self, name: str, cue: str = "") -> tuple[str, str, int] | None:
        """(iso2, unit name, seat geonameid) when ``name`` names a unit of regencies.tsv with
        its word ("Kabupaten Nduga", "Nduga regency"), or after that word (``cue``)."""
        low = name.lower().strip()
        bare = None
        for w in self.regency_before:
            if low.startswith(w + " "):
                bare = name[len(w) + 1 :]
        for w in self.regency_after:
            if low.endswith(" " + w):
                bare = name[: -len(w) - 1]
        if bare is None and (cue in self.regency_before or " " in name.strip()):
            bare = name  # after its word, or a unit named in several words ("Maluku Tengah")
        return self.regencies.get(self.norm.key(bare)) if bare else None

    def strip_designator(self, name: str) -> str:
        """ "Kota Wamena" -> "Wamena", "Bundaran Kota Nabire" -> "Nabire"; others unchanged."""
        for _ in range(2):
            low = name.lower()
            d = next(
                (d for d in self.designators if low.startswith(d + " ") and len(name) > len(d) + 2),
                None,
            )
            if d is None:
                break
            name = name[len(d) + 1 :].strip()
        return name

    def designated_in(self, name: str) -> frozenset[str]:
        """The countries whose unit word opens ``name`` ("Distrik Sugapa": Indonesia), else
        none (any country)."""
        first, sep, _rest = name.partition(" ")
        return self.designator_countries.get(first.lower(), _ANY) if sep else _ANY

    def cue_before(self, text: str, start: int, lang: str) -> str:
        """The cue phrase (up to three words) right before ``start``, or ""."""
        cues = self.cues.get(lang, self.cues["en"])
        return _phrase_before(text, start, cues) or ""

    def qualifier(self, text: str, start: int, end: int) -> str:
        q = _phrase_before(text, start, self.before)
        if q:
            return self.before[q]
        q = _phrase_after(text, end, self.after)
        return self.after[q] if q else ""

    def admin_word(self, text: str, start: int, end: int) -> str:
        """An administrative word right after ("Idlib province") or before the name."""
        return (
            _phrase_after(text, end, self.admin_words, max_words=1)
            or _phrase_before(text, start, self.admin_words, max_words=1)
            or ""
        )

    def is_strong(self, cue: str, lang: str) -> bool:
        return cue in self.strong.get(lang, frozenset()) or cue in self.strong["en"]


class Recogniser:
    """Finds place mentions; ``known(span)`` says whether the gazetteer holds a name."""

    def __init__(self, automaton: Any, lexicon: Lexicon, known: Any) -> None:
        self.auto = automaton
        self.lex = lexicon
        self.norm = lexicon.norm
        self.known = known

    def marked(self, text: str) -> str:
        """Folded text, one char per char, punctuation as spaces, after one leading space."""
        return MARK + _PUNCT.sub(" ", self.norm.fold(text))

    def hits(self, text: str) -> list[Hit]:
        marked = self.marked(text)
        n = len(text)
        raw: list[Hit] = []
        for e, val in self.auto.iter(marked):
            length = val >> 8
            start, end = e - length, e
            c = text[start]
            if not c.isupper() and (c not in "aeu" or not _capitalised(text, start, end)):
                continue  # only articles ("al-Bab") may start a name in lower case
            if end < n and (
                text[end].isalnum()
                or (text[end] == "-" and end + 1 < n and text[end + 1].isalpha())
            ):
                continue
            if not _capitalised(text, start, end):
                continue
            raw.append(Hit(start, end, val & 0xFF))
        raw.sort(key=lambda h: (h.start - h.end, h.start))
        taken: list[Hit] = []
        used = _Spans(n)  # longest first: a hit overlapping a longer one is dropped
        for h in raw:
            if not used.overlaps(h.start, h.end):
                taken.append(h)
                used.add(h.start, h.end)
        taken.sort(key=lambda h: h.start)
        return taken

    def find(self, text: str, lang: str = "en") -> list[PlaceMention]:
        lang = lang if lang in self.lex.cues else "en"
        out: list[PlaceMention] = []
        reach = 0  # the furthest end of the mentions taken so far
        hits = self.hits(text)
        for h in hits:
            if out and out[-1].end > h.start:
                continue  # inside a span already taken ("Tell Sheikh Isa")
            s = self._extend_left(text, h.start, reach)
            e = h.end
            # "Tell" + "Sheikh Isa"; "Kecamatan Tanjung" + "Priok": after a prefix or a unit
            # word the whole capitalised name is the place, not its known first words
            opened = (
                self.norm.key(text[s:e]) in self.lex.prefixes
                or (s != h.start and self.lex.strip_designator(text[s:e]) != text[s:e])
                # "Barangay Poblacion| Norte": right after a unit word the name goes on
                or (s == h.start and _phrase_before(text, s, self.lex.designators, 2) is not None)
            )
            if opened and _next_capitalised(text, e):
                # "Tell" + "Sheikh Isa": the prefix word starts a longer name.
                span = _CAP_SPAN.match(text, s)
                if span is not None and span.end() > e:
                    head_span = _split_at(
                        text,
                        s,
                        span.end(),
                        self.lex.span_breaks.get(lang, ()),
                        self.lex.prefixes,
                        self.norm.key,
                    )[0]
                    e = self._trim(text, s, max(e, head_span[1]))
            if s != h.start or e != h.end:
                if reach > s:
                    continue
                pm = self._judge(text, s, e, None, lang, listed=False, prefixed=True)
            else:
                pm = self._judge(text, s, h.end, h, lang, listed=_after_list(text, s, out))
            if pm is not None:
                out.append(pm)
                reach = max(reach, pm.end)
        # Capitalised spans the gazetteer does not know, after a cue or with a name prefix.
        cues = self.lex.cues.get(lang, self.lex.cues["en"])
        taken = _Spans(len(text), out)
        for s, e in self._cued_spans(text, self.lex.span_breaks.get(lang, ())):
            if taken.overlaps(s, e):
                continue
            first = text[s:e].split(" ", 1)[0].lower()
            prefixed = first in self.lex.prefixes and " " in text[s:e]
            if not prefixed and not _phrase_before(text, s, cues):
                continue
            e = self._trim(text, s, e)
            if e - s < 3:
                continue
            pm = self._judge(text, s, e, None, lang, listed=False, prefixed=prefixed)
            if pm is not None:
                out.append(pm)
                taken.add(pm.start, pm.end)
        if "(" in text:
            self._paren_heads(text, lang, out, taken)
            self._bracketed_units(text, lang, hits, out, taken)
        if self.lex.regencies and self._names_a_regency(text):
            out = self._regencies(text, out)
        out.sort(key=lambda p: p.start)
        # "Central Jakarta", "North Maluku" read as two names: the first qualifies the second
        out = [
            m
            for i, m in enumerate(out)
            if not (
                m.text.lower() in self.lex.before
                and i + 1 < len(out)
                and out[i + 1].start == m.end + 1
            )
        ]
        self._lists(text, lang, out)
        return out

    def chain_gaps(self, text: str, lang: str, out: list[PlaceMention]) -> None:
        """ "Barangay X, M, P": between a village named with its unit word and a place the
        gazetteer holds, the names the comma chain runs through are the units around the
        village (small towns not taken alone, or ones the gazetteer lacks), not words to skip."""
        added: list[PlaceMention] = []
        for a, b in pairwise(out):
            gap = text[a.end : b.start]
            if not gap.startswith(", ") or not gap.endswith(", ") or len(gap) > 60:
                continue
            if self.lex.strip_designator(a.text) == a.text and not _phrase_before(
                text, a.start, self.lex.designators, 2
            ):
                continue
            pos = a.end + 2
            names = gap[2:-2].split(", ")
            if not all(_CHAIN_NAME.fullmatch(n) for n in names):
                continue
            for n in names:
                pm = self._judge(text, pos, pos + len(n), None, lang, listed=False, prefixed=True)
                if pm is not None:
                    added.append(pm)
                pos += len(n) + 2
        if added:
            out.extend(added)
            out.sort(key=lambda p: p.start)

    def _paren_heads(self, text: str, lang: str, out: list[PlaceMention], taken: _Spans) -> None:
        """ACLED-style "Kerboule (Nassoumbou, Soum)": a capitalised name right before a
        parenthesis of capitalised names the gazetteer knows is a place, known or not."""
        for pm_ in _PAREN_LIST.finditer(text):
            items = [h.strip() for h in pm_.group(1).split(",")]
            if not all(h[:1].isupper() for h in items) or not any(self.known(h) for h in items):
                continue
            end = pm_.start()
            while end > 0 and text[end - 1] == " ":
                end -= 1
            head = None
            for m in _CAP_SPAN.finditer(text, max(0, end - 60), end):
                if m.end() == end:
                    head = m
            if head is None:
                continue
            s, e = head.start(), end
            if text[s:e].isupper() or taken.overlaps(s, e):
                continue
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-'’"):
                continue
            pm = self._judge(text, s, e, None, lang, listed=True)
            if pm is not None:
                out.append(pm)
                taken.add(pm.start, pm.end)

    def _bracketed_units(
        self, text: str, lang: str, hits: list[Hit], out: list[PlaceMention], taken: _Spans
    ) -> None:
        """ "Barangay X (Pantukan, Davao de Oro)": a known name opening the brackets right
        after a place is the first unit around it, however small (a place found only by its
        cue or unit word is known late, so its brackets are read here)."""
        ends = {m.end for m in out}
        for h in hits:
            if taken.overlaps(h.start, h.end):
                continue
            open_ = text.rfind("(", max(0, h.start - 3), h.start)
            if open_ < 0 or text[open_ + 1 : h.start].strip():
                continue
            if len(text[:open_].rstrip()) not in ends:
                continue
            pm = self._judge(text, h.start, h.end, h, lang, listed=True)
            if pm is not None:
                out.append(pm)
                taken.add(pm.start, pm.end)

    def _extend_left(self, text: str, s: int, reach: int) -> int:
        """Take in name-prefix words before a hit ("Tel" + "Farah"), not into a mention
        taken before (``reach``: the furthest end of those)."""
        first = s
        for _ in range(2):
            m = _PREV_WORD.search(text, max(0, s - 16), s)
            if not m or not m.group(1)[:1].isupper():
                break
            if self.norm.key(m.group(1)) not in self.lex.prefixes:
                break
            if reach > m.start(1):
                break
            s = m.start(1)
        if s != first:
            return s
        # "Kampung Bumi |Raya": the capitalised words back to a unit word are the name, when
        # they are no unit phrase themselves ("Lapangan Terbang |Paro") and the unit word
        # opens the name ("Universitas Negeri |Makassar" is a university)
        t = s
        for _ in range(2):
            # the word before t, scanned by hand: this runs for every hit
            if t < 2 or text[t - 1] not in " -":
                break
            i = t - 1
            while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_'’`"):
                i -= 1
            word = text[i : t - 1]
            if not word[:1].isupper() or reach > i:
                break
            t = i
            if word.lower() in self.lex.designator_words:
                phrase = text[t:s].strip().lower()
                inside = _prev_capitalised(text, t)
                return s if phrase in self.lex.designators or inside else t
        return s

    def _lists(self, text: str, lang: str, out: list[PlaceMention]) -> None:
        """Lists anchored on a place ("Tel Farah, Fafin, Tel Sousin and Kafr Qars"): in a list
        of three or more items every capitalised item is a place; in a shorter one only items
        the gazetteer knows or that start with a name prefix."""
        # Indexed by start, and a mention reached inside an earlier list is not walked
        # again (its list is a tail of that one and adds nothing): linear in the mentions.
        at: dict[int, PlaceMention] = {}
        for o in out:
            at.setdefault(o.start, o)
        walked: set[int] = set()
        i = 0
        while i < len(out):
            if id(out[i]) in walked:
                i += 1
                continue
            pos = out[i].end
            items: list[tuple[int, int]] = []
            while True:
                sep = _LIST_SEP.match(text, pos)
                if not sep or sep.end() == pos:
                    break
                nxt = at.get(sep.end())
                if nxt is not None:
                    walked.add(id(nxt))
                    pos = nxt.end
                    items.append((-1, -1))
                    continue
                span = _CAP_SPAN.match(text, sep.end())
                if not span:
                    break
                # "Desa Ohoibor di Kota Tual": the item ends before the preposition
                cut = _split_at(
                    text,
                    span.start(),
                    span.end(),
                    self.lex.span_breaks.get(lang, ()),
                    self.lex.prefixes,
                    self.norm.key,
                )[0]
                e = self._trim(text, cut[0], cut[1])
                if e <= span.start():
                    break
                items.append((span.start(), e))
                pos = e
            long_list = len(items) + 1 >= 3
            for s, e in items:
                if s < 0:
                    continue
                surface = text[s:e]
                prefixed = self.norm.key(surface).split(" ", 1)[0] in self.lex.prefixes
                if not long_list and (
                    "&" in text[max(0, s - 3) : s] or (not prefixed and not self.known(surface))
                ):
                    continue
                pm = self._judge(text, s, e, None, lang, listed=True, prefixed=prefixed)
                if pm is not None:
                    walked.add(id(pm))
                    at.setdefault(pm.start, pm)
                    insort(out, pm, key=_start)
            i += 1

    def _trim(self, text: str, s: int, e: int) -> int:
        """Cut trailing words that are dates or common words ("Tin-Akoff on Sunday")."""
        drop = self.lex.trim_words
        # "Distrik Sinak Barat", "Desa Kota Baru": after a unit word the tail is the name's
        first, sep, _rest = text[s:e].partition(" ")
        designated = bool(sep) and first.lower() in self.lex.designator_words
        while True:
            while e > s and text[e - 1] in ".-'’`":
                e -= 1
            cut = text.rfind(" ", s, e)
            if cut < 0:
                return e
            tail = self.norm.key(text[cut + 1 : e])
            if tail not in drop or (designated and tail in self.lex.name_tails):
                return e
            e = cut
            while e > s and text[s:e].rsplit(" ", 1)[-1].lower() in _CONNECT_WORDS:
                e = text.rfind(" ", s, e)
                if e < 0:
                    return s

    def _cued_spans(self, text: str, breaks: tuple[str, ...] = ()) -> Iterable[tuple[int, int]]:
        for m in _CAP_SPAN.finditer(text):
            s, e = m.start(), _reduplicated(text, m.end())
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-'’"):
                continue
            for s2, e2 in _split_at(text, s, e, breaks, self.lex.prefixes, self.norm.key):
                if e2 - s2 >= 3 and _capitalised(text, s2, e2):
                    yield s2, e2

    def _names_a_regency(self, text: str) -> bool:
        """A cheap test before the regency pass: a regency word, or the first word of a
        regency named in several words ("Maluku Tengah"), occurs."""
        low = text.lower()
        words = (*self.lex.regency_before, *self.lex.regency_after, *self.lex.regency_heads)
        return any(w in low for w in words)

    def _regencies(self, text: str, out: list[PlaceMention]) -> list[PlaceMention]:
        """ "Kabupaten Pegunungan Bintang", "Lanny Jaya regency": a unit of regencies.tsv
        named with its word is one mention, whatever the gazetteer makes of its words."""
        lex = self.lex
        low = text.lower()
        found: list[PlaceMention] = []
        for m in _CAP_RUN.finditer(text):
            words = m.group(0).split(" ")
            run_start = m.start()
            if len(words) > 1 and words[0].lower() in lex.regency_before:
                run_start += len(words[0]) + 1  # "Kabupaten Nduga": the word opens the run
                words = words[1:]
            head = low[max(0, run_start - 12) : run_start].rstrip()
            before = next((w for w in lex.regency_before if head.endswith(w)), "")
            after = next((w for w in lex.regency_after if low.startswith(" " + w, m.end())), "")
            if before:
                ends = [run_start + len(" ".join(words[:k])) for k in range(len(words), 0, -1)]
                spans = [(run_start, e) for e in ends]
            elif after:
                starts = [m.end() - len(" ".join(words[-k:])) for k in range(len(words), 0, -1)]
                spans = [(s, m.end()) for s in starts]
            elif len(words) >= 2 and (
                head.endswith(",") or self.norm.key(m.group(0)) in lex.regencies
            ):
                # "..., Maluku Tengah", "di Intan Jaya": a unit of several words needs no
                # word before it when it is the whole run of capitalised words
                spans = [(run_start, m.end())]
            else:
                continue
            for s, e in spans:
                if self.norm.key(text[s:e]) not in lex.regencies:
                    continue
                start = low.rfind(before, max(0, s - 12), s) if before else s
                end = e + len(after) + 1 if after else e
                cue = before or after
                found.append(PlaceMention(start=start, end=end, text=text[start:end], cue=cue))
                break
        if not found:
            return out
        kept = [o for o in out if all(o.end <= f.start or o.start >= f.end for f in found)]
        return [*kept, *found]

    def _judge(
        self,
        text: str,
        s: int,
        e: int,
        hit: Hit | None,
        lang: str,
        *,
        listed: bool,
        prefixed: bool = False,
    ) -> PlaceMention | None:
        lex = self.lex
        surface = text[s:e]
        key = self.norm.key(surface)
        cue = lex.cue_before(text, s, lang)
        if not cue and listed:
            cue = "list"
        adm = lex.admin_word(text, s, e)
        strong = (bool(cue) and (lex.is_strong(cue, lang) or cue == "list")) or bool(adm)
        if key in lex.always_drop:
            return None
        if _phrase_before(text, s, lex.not_place_before, 2):
            return None  # "masa Natal", "warga negara Selandia Baru"
        admin_before = bool(_phrase_before(text, s, lex.admin_words, 1))
        if (
            not admin_before
            and (hit is None or hit.kinds & (COUNTRY | ADMIN1) or key in lex.regencies)
            and (
                _phrase_before(text, s, lex.institution_before, 2)
                or _phrase_after(text, e, lex.institution_after, 3)
            )
        ):
            # "DPR Papua", "Polda Sulawesi Tenggara": the region an institution serves is
            # not where an event happened ("Polrestabes Medan" still places it in Medan)
            return None
        # English words turn up capitalised in Indonesian text too (titles, brands).
        common = lex.common_for.get(lang, lex.common["en"])
        first_tok = key.split(" ", 1)[0]
        multi = " " in key
        if surface in lex.caps_only or key in lex.ambiguous:
            if surface.isupper() and surface not in lex.caps_only:
                return None
            if surface.upper() in lex.caps_only and surface != surface.upper():
                return None
            if _next_capitalised(text, e) and not adm:
                return None
        toks = key.split()
        person = key in lex.surnames or (
            hit is None
            and len(toks) > 1
            and (toks[-1] in lex.surnames or toks[0] in lex.first_names)
        )
        if not adm and person and not strong and not (hit and hit.kinds & COUNTRY):
            return None  # "Johnson said", "Boris Johnson"
        after = _word_after(text, e)
        if not adm and after in lex.street_after and not (hit and hit.kinds & COUNTRY):
            return None  # a street's name ("Rizal Avenue", "Mabini 2 Street")
        if not adm and not strong and lex.organisation_end & set(_run_after(text, e)):
            return None  # a company's name ("X Agricultural Ventures Corp.")
        if (
            not adm
            and (
                hit is None
                or key in common
                or not (hit.kinds & (COUNTRY | ADMIN1) or hit.bucket >= 5)
            )
            and (
                after in lex.landmark_after
                or _phrase_before(text, s, lex.landmark_before.get(lang, frozenset()), 2)
            )
        ):
            return None  # a landmark's name ("Independence Square", "Jalan Sudirman")
        if hit is None:
            # Not a gazetteer name: needs a cue and must not be a common word.
            if key in common or (first_tok in common and first_tok not in lex.prefixes):
                return None
            if key in lex.first_names or any(t in lex.always_drop for t in key.split()):
                return None
            if not cue and not prefixed:
                return None
            # Even a weak cue ("in", "di") before a capitalised word that is no common word
            # is most often a place the gazetteer lacks ("in Kelbo"); geoparse falls back.
        else:
            big = hit.kinds & (COUNTRY | ADMIN1) or hit.bucket >= 5
            # A common word is a place only when cued, or when it names a country (not in
            # Indonesian: "Mali"), or a large place in mid-sentence.
            keep_common = (strong and cue != "list") or (hit.kinds & COUNTRY and lang != "id")
            # a region named by a common word ("Centre", "Central") needs its cue or unit word
            large = hit.kinds & COUNTRY or hit.bucket >= 5
            if key in common and not keep_common and not (large and not _sentence_start(text, s)):
                return None
            if (
                key in lex.first_names
                and not strong
                and (_next_capitalised(text, e) or hit.bucket < 5)
            ):
                return None
            small = hit.bucket < 3 or _sentence_start(text, s)
            if not cue and not multi and not big and small:
                return None
            if (
                not cue
                and not big
                and not adm
                and (_next_capitalised(text, e) or _prev_capitalised(text, s))
            ):
                return None  # part of a longer proper name ("Hama Amadou", "Robbie Williams")
        return PlaceMention(
            start=s,
            end=e,
            text=surface,
            cue=adm or cue,
            qualifier=lex.qualifier(text, s, e),
        )


# the capitalised word after a name, past a house or street number ("Mabini 2 Street")
_NEXT_CAP_WORD = re.compile(r" (?:\d{1,4} )?([A-Z][A-Za-z]*)\.?(?![\w-])")


def _split_at(
    text: str,
    s: int,
    e: int,
    breaks: tuple[str, ...],
    heads: Container[str] = (),
    key: Any = str.lower,
) -> list[tuple[int, int]]:
    """``text[s:e]`` cut at the break words inside it (" di ") that a place-name head word
    follows ("Sekolah Dasar Inpres di Kampung Yuguru"), without them; other spans stay
    whole ("Negara Islam di Sahara Raya" is a group's name)."""
    if not breaks:
        return [(s, e)]
    low = text[s:e].lower()

    def head_follows(i: int) -> bool:
        return key(low[i:].split(" ", 1)[0]) in heads

    cuts = sorted(
        (i, i + len(w) + 2)
        for w in breaks
        for i in range(len(low))
        if low.startswith(f" {w} ", i) and head_follows(i + len(w) + 2)
    )
    if not cuts:
        return [(s, e)]
    out, pos = [], 0
    for a, b in cuts:
        if a > pos:
            out.append((s + pos, s + a))
        pos = max(pos, b)
    if pos < len(low):
        out.append((s + pos, e))
    return out


_NAME_GOES_ON = re.compile(r"(?: (?:[A-Z][A-Za-z'’-]*|of|de|and)\.?){1,4}")


def _run_after(text: str, e: int) -> list[str]:
    """The capitalised words (up to four) that continue a name after ``e``, lower case."""
    m = _NAME_GOES_ON.match(text, e)
    return [w.strip(".").lower() for w in m.group().split()] if m else []


_ANY: frozenset[str] = frozenset()


def _reduplicated(text: str, e: int) -> int:
    """The end of a name whose last word is repeated after a hyphen ("Suru-suru",
    "Kupu-Kupu"): one word, not a name cut at its hyphen; else ``e``."""
    if e >= len(text) or text[e] != "-":
        return e
    s = e
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    n = e - s
    end = e + 1 + n
    if (
        n
        and text[e + 1 : end].lower() == text[s:e].lower()
        and not (end < len(text) and text[end].isalnum())
    ):
        return end
    return e


def _word_after(text: str, e: int) -> str:
    """The capitalised word right after ``e`` (one space), lower case, else ""."""
    m = _NEXT_CAP_WORD.match(text, e)
    return m.group(1).lower() if m else ""


def _capitalised(text: str, s: int, e: int) -> bool:
    if text[s].isupper():
        return True
    # "al-Bab", "el Fasher": a lower-case article before a capitalised word.
    for i in range(s + 1, min(e, s + 5)):
        if text[i] in " -'’" and i + 1 < e:
            return text[i + 1].isupper()
    return False


def _sentence_start(text: str, s: int) -> bool:
    i = s - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;"


def _next_capitalised(text: str, e: int) -> bool:
    i = e
    if i < len(text) and text[i] == " ":
        i += 1
        return i < len(text) and text[i].isupper()
    return False


def _prev_capitalised(text: str, s: int) -> bool:
    """Is the word right before ``s`` (same sentence, one space) capitalised?"""
    if s < 2 or text[s - 1] != " " or not text[s - 2].isalpha():
        return False
    i = s - 2
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "'’-"):
        i -= 1
    return text[i].isupper() and not _sentence_start(text, i)


def _start(p: PlaceMention) -> int:
    return p.start


class _Spans:
    """Character positions covered by spans taken so far: "does [s, e) overlap any of
    them" in time proportional to e - s, not to the number of spans."""

    __slots__ = ("_used",)

    def __init__(self, n: int, spans: Iterable[PlaceMention] = ()) -> None:
        self._used = bytearray(n)
        for p in spans:
            self.add(p.start, p.end)

    def overlaps(self, s: int, e: int) -> bool:
        return self._used.find(1, s, e) >= 0

    def add(self, s: int, e: int) -> None:
        e = min(e, len(self._used))
        if e > s:
            self._used[s:e] = b"\x01" * (e - s)


def _after_list(text: str, s: int, accepted: list[PlaceMention]) -> bool:
    """Is the span at ``s`` a list continuation of an accepted mention ("A, B and C")?"""
    if not accepted:
        return False
    prev = accepted[-1]
    if prev.end > s or s - prev.end > 8:
        return False
    return _LIST_SEP.fullmatch(text, prev.end, s) is not None


_WORDS = re.compile(r"[\w'’.-]+")


def _phrase_before(
    text: str, start: int, phrases: Container[str], max_words: int = 3
) -> str | None:
    """The longest phrase of ``phrases`` (lower case, up to ``max_words`` words) that ends
    right before ``start``, separated from it by spaces (or a comma/colon) only."""
    window = text[max(0, start - 32) : start]
    stripped = window.rstrip()
    if stripped == window and start > 0:
        return None
    if stripped.endswith((",", ":")):
        stripped = stripped[:-1]
    words = _WORDS.findall(stripped[-32:].lower())
    if not words or not stripped.lower().endswith(words[-1]):
        return None
    for k in range(min(max_words, len(words)), 0, -1):
        phrase = " ".join(words[-k:])
        if phrase in phrases:
            return phrase  # "utara." ends a sentence: no cue; "kab." is listed with its dot
    return None


def _phrase_after(text: str, end: int, phrases: Container[str], max_words: int = 2) -> str | None:
    if end >= len(text) or text[end] not in " ,":
        return None
    words = [w.rstrip(".") for w in _WORDS.findall(text[end : end + 28].lower())[:max_words]]
    for k in range(len(words), 0, -1):
        phrase = " ".join(words[:k])
        if phrase in phrases:
            return phrase
    return None


def _load_regencies(fold: Any) -> dict[str, tuple[str, str, int]]:
    """regencies.tsv: folded unit name (and aliases) -> (iso2, unit name, seat geonameid)."""
    from importlib import resources as _res

    path = _res.files("groundfacts.geo") / "data" / "regencies.tsv"
    out: dict[str, tuple[str, str, int]] = {}
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r and r[0] != "#"]
    for n, row in enumerate(rows[1:], start=2):
        cols = row.split("\t")
        if len(cols) != 5 or not cols[3].isdigit():
            raise GazetteerError(f"{path}: row {n}: expected iso, name, seat, seat_id, aliases")
        iso, name, _seat, gid, aliases = cols
        for form in [name, *(a for a in aliases.split("|") if a)]:
            out[fold(form)] = (iso, name, int(gid))
    return out
