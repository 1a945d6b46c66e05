"""The :class:`Gazetteer`: open the index, recognise and resolve place names."""

from __future__ import annotations

import re
import sqlite3
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from groundfacts.geo.candidates import EXACT, LOOSE, REGENCY, Candidate, CandidateFinder
from groundfacts.geo.hierarchy import ChainResolver, runs
from groundfacts.geo.nearest import PointGrid
from groundfacts.geo.normalize import Normaliser, load_data
from groundfacts.geo.recognise import Lexicon, Recogniser, load_or_build_automaton
from groundfacts.geo.resolve import (
    E_DEMONYM,
    PRECISION,
    DocContext,
    add_country_evidence,
    choose,
    shares,
)
from groundfacts.geo.store import connect, default_index_path, read_meta, source_version
from groundfacts.geo.units import ShortForm, Units
from groundfacts.records import Place, PlaceMention

_PAREN = re.compile(r"\s*\(([^()]{2,100})\)")
_NAME_QUAL = re.compile(
    r"^(?:(?:the\s+)?(north|south|east|west|northeast|northwest|southeast|southwest|central)"
    r"(?:ern)?(?:\s+of)?|near|outside(?:\s+of)?|(?:the\s+)?outskirts\s+of|countryside\s+of"
    r"|dekat|sekitar|pinggiran)\s+",
    re.IGNORECASE,
)
_NAME_QUAL_AFTER = re.compile(
    r"\s+(?:bagian\s+)?(utara|selatan|timur|barat|countryside|outskirts)$", re.IGNORECASE
)
_CAP_WORD = re.compile(r"\b[A-Z][\w'’]{3,}")
_ID_HINT = re.compile(r"\b(?:yang|dan|di|dari|dengan|untuk|tidak|ini|itu)\b")
_NEAR = frozenset({"near", "outskirts", "countryside"})
_UNIT_NAME = r"[A-Z][\w'’-]*(?:[ -](?:de|del|la|y|[A-Z][\w'’-]*)){0,3}"
_NAME_BEFORE = re.compile(rf"(?<![\w-])({_UNIT_NAME}) $")
_NAME_AT = re.compile(_UNIT_NAME)
_NUMBERED = re.compile(r"(?:\d{1,3}|[IVX]{1,4})(?![\w-])")
_WORD_AT = re.compile(r"[a-z]+")
_WORD_BEFORE = re.compile(r"\b([A-Z][\w'’]*\.?) $")
_ADJ_SPAN = re.compile(r"\b[A-Z][a-zé]+(?: [A-Z][a-zé]+)?\b(?!['’-])")
_NAME_AFTER = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}")
# With a country hint, a foreign town is taken only when the text names its country (or it
# is a country or region itself): "Gido" in Nias is not Jeddah.
BIG_KINDS = frozenset({"country", "region", "admin1"})
ANCHOR_WINDOW = 1500  # characters back to look for "northern X" when a place is unknown


class Gazetteer:
    """Place names to coordinates. Create once per process (``Gazetteer.open()``) and reuse."""

    def __init__(self, path: Path, con: sqlite3.Connection) -> None:
        self.path = path
        self.con = con
        self.norm = Normaliser()
        self.finder = CandidateFinder(con, self.norm)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, index_path: Path | None = None, *, rebuild: bool = False) -> Gazetteer:
        """Open the index, building it from the bundled sources when missing or stale."""
        path = Path(index_path) if index_path is not None else default_index_path()
        meta = read_meta(path)
        if rebuild or meta.get("source_version") != source_version():
            from groundfacts.geo.dumps import rebuild_with_imports

            rebuild_with_imports(path, log=sys.stderr)
        return cls(path, connect(path, readonly=True))

    def close(self) -> None:
        self.con.close()

    def __reduce__(self) -> tuple[Any, tuple[Path]]:
        # Workers (Dask, multiprocessing) reopen the index rather than copy a connection.
        return (Gazetteer.open, (self.path,))

    @cached_property
    def meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT k, v FROM meta").fetchall())

    @cached_property
    def _countries(self) -> dict[str, tuple[str, int, float, float, int]]:
        rows = self.con.execute("SELECT cc, name, gid, lat, lon, pop FROM countries")
        return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}

    @cached_property
    def _admin1(self) -> dict[tuple[str, str], str]:
        rows = self.con.execute("SELECT cc, code, name FROM admin1")
        return {(r[0], r[1]): r[2] for r in rows}

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon(self.norm)

    @cached_property
    def units(self) -> Units:
        return Units()

    def _unit_spans(self, text: str) -> list[tuple[int, int, int]]:
        """Capitalised names with a unit word after them ("Kounkoune commune"; lower case
        only: "Commerce Department" is no place) or before them ("Barangay Tagumpay",
        "Kabupaten Puncak"): places even when the gazetteer lacks them. The unit words are
        looked for first (plain substring search), the names only around them. Returns
        (name start, name end, span start): a unit word before the name is in the span."""
        u = self.units
        out: list[tuple[int, int, int]] = []
        for w in u.after:
            i = text.find(" " + w, 1)
            while i > 0:
                end = i + 1 + len(w)
                if end >= len(text) or not (text[end].isalnum() or text[end] == "-"):
                    m = _NAME_BEFORE.search(text, max(0, i - 60), i + 1)
                    if m is not None:
                        out.append((m.start(1), m.end(1), m.start(1)))
                i = text.find(" " + w, i + 1)
        lower = text.lower()
        for w in u.before:
            i = lower.find(w + " ")
            while i >= 0:
                if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "-"):
                    m = _NAME_AT.match(text, i + len(w) + 1)
                    if m is None and u.before[w] == 1:
                        # "Barangay 4", "Purok 7", "Brgy. II": a village known by its number
                        m = _NUMBERED.match(text, i + len(w) + 1)
                    if m is not None:
                        out.append((m.start(), m.end(), i))
                i = lower.find(w + " ", i + 1)
        return out

    @cached_property
    def recogniser(self) -> Recogniser:
        stamp = f"{self.meta.get('source_version')}:{self.meta.get('generation')}"
        cache = self.path.with_name(self.path.name + ".automaton.pickle")
        auto = load_or_build_automaton(self.con, cache, stamp)
        return Recogniser(auto, self.lexicon, self.finder.known)

    @cached_property
    def _grid(self) -> PointGrid:
        # Real places only: country/region/admin1 centres are computed points, not entries.
        rows = self.con.execute(
            "SELECT lat, lon FROM places WHERE kind NOT IN ('country', 'region', 'admin1')"
            " AND NOT (kind = 'admin2' AND fcode = 'ISO2')"
        )
        return PointGrid(rows)

    def nearest_km(self, lat: float, lon: float) -> float | None:
        """Distance in km from (lat, lon) to the nearest place of the gazetteer (None when it
        is empty). The grid is built on the first call (about a second) and kept."""
        return self._grid.nearest_km(lat, lon)

    def coordinates(self, gid: int) -> tuple[float, float] | None:
        """(lat, lon) of the place with GeoNames id ``gid``, or None when the index lacks it."""
        row = self.con.execute("SELECT lat, lon FROM places WHERE gid = ?", (gid,)).fetchone()
        return (float(row[0]), float(row[1])) if row else None

    def _regency_place(self, unit: tuple[str, str, int]) -> Place | None:
        """A unit of regencies.tsv, placed at its seat (precision 2: the unit, not the town)."""
        cc, name, gid = unit
        row = self.con.execute(
            "SELECT lat, lon, cc, admin1, name, label FROM places WHERE gid = ?", (gid,)
        ).fetchone()
        if row is None or row[2] != cc:
            return None
        return Place(
            name=row[5] or row[4],
            latitude=float(row[0]),
            longitude=float(row[1]),
            country_iso=cc,
            country=self.country_name(cc),
            admin1=self._admin1.get((cc, row[3]), ""),
            admin2=name,
            geonameid=gid,
            feature="admin2",
            precision=2,
        )

    # -- countries -------------------------------------------------------------------------
    def country_code(self, name: str) -> str | None:
        """Any English/Indonesian country name (or an ISO2 code) -> ISO2: "Suriah" -> "SY"."""
        key = self.norm.key(name)
        if not key:
            return None
        rows = self.con.execute(
            "SELECT p.cc, n.key FROM names n JOIN places p ON p.gid = n.gid"
            " WHERE n.loose = ? AND p.kind = 'country'",
            (self.norm.loose_from_key(key),),
        ).fetchall()
        exact = [cc for cc, k in rows if k == key]
        if exact or rows:
            return (exact or [rows[0][0]])[0]
        code = name.strip().upper()
        return code if len(code) == 2 and code in self._countries else None

    def country(self, key: str) -> Place | None:
        """ISO2 code or country name -> the country's centroid (precision 3, "country")."""
        k = key.strip()
        cc = k.upper() if len(k) == 2 and k.upper() in self._countries and k.isupper() else None
        cc = cc or self.country_code(k)
        if cc is None or cc not in self._countries:
            return None
        name, gid, lat, lon, pop = self._countries[cc]
        return Place(
            name=name,
            latitude=lat,
            longitude=lon,
            country_iso=cc,
            country=name,
            geonameid=gid if gid > 0 else None,
            feature="country",
            population=pop,
            precision=3,
        )

    def country_name(self, cc: str) -> str:
        c = self._countries.get(cc)
        return c[0] if c else cc

    # -- building places -------------------------------------------------------------------
    def place(self, c: Candidate, *, qualifier: str = "", feature: str = "") -> Place:
        precision = PRECISION.get(c.kind, 1)
        if c.kind == "admin2" and c.fcode in ("ISO2", "ISO2S"):
            precision = 3  # only the unit's seat or its region's centre is known
        if qualifier and precision < 2:
            precision = 2
        admin1 = c.name if c.kind == "admin1" else self._admin1.get((c.cc, c.admin1), "")
        return Place(
            admin2=c.name if c.kind == "admin2" else "",
            name=c.label or c.name,
            latitude=c.lat,
            longitude=c.lon,
            country_iso=c.cc,
            country=self.country_name(c.cc),
            admin1=admin1,
            geonameid=c.gid if c.gid > 0 else None,
            feature=feature or c.kind,
            population=c.pop,
            precision=precision,
        )

    # -- recognition -----------------------------------------------------------------------
    def find_places(self, text: str, lang: str = "en") -> list[PlaceMention]:
        """Place mentions in ``text`` (offsets into it), unresolved (``place`` is None).
        Unit words stay out of the names ("Barangay X" -> "X"); a direction word before a
        name and its unit word is part of the name ("Central Jakarta city"); short forms
        ("US", "Calif.") are places."""
        found = self.recogniser.find(text, lang)
        return self._tidy(text, found, lang)

    def _tidy(self, text: str, found: list[PlaceMention], lang: str = "en") -> list[PlaceMention]:
        units = self.units
        # a unit word alone ("Sitio" is also a name of a village) is no place: the name
        # after it is (found below with the unit word)
        out = [
            self._trim_units(text, m)
            for m in found
            if m.text.lower() not in units.before
            or not (_next_word_capitalised(text, m.end) or _next_word_numbered(text, m.end))
        ]
        single = {m.text for m in out if " " not in m.text and m.text not in self.units.short}
        people = self._people(text, single) if single else set()
        if people:
            out = [m for m in out if not self._is_person(m, people)]
        drop = self.lexicon.trim_words
        for s, e, s0 in self._unit_spans(text):
            key = self.norm.key(text[s:e])
            if key in drop or key.split(" ", 1)[0] in self.lexicon.always_drop:
                continue
            if any(m.start < e and s0 < m.end for m in out):
                continue
            cue = text[s0:s].strip().lower() if s0 < s else ""
            out.append(PlaceMention(s0, e, text[s0:e], cue=cue, name=text[s:e] if s0 < s else ""))
        out.sort(key=lambda m: m.start)
        self.recogniser.chain_gaps(text, lang, out)
        out = self._directions(text, out)
        out = self._direction_heads(text, out)
        for s, e, _sf in self.units.short_forms(text):
            inside = [m for m in out if m.start < e and s < m.end]
            if any(m.start < s or m.end > e for m in inside):
                continue  # part of a longer name
            out = [m for m in out if m not in inside]
            out.append(PlaceMention(s, e, text[s:e], cue="short"))
        out.sort(key=lambda m: m.start)
        return list({(m.start, m.end): m for m in out}.values())

    def _people(self, text: str, names: set[str]) -> set[str]:
        """Those of ``names`` (one word each) that the document writes as people's:
        "X said", "President X", "Mark X"."""
        lex = self.lexicon
        out: set[str] = set()
        for w in names:
            i = text.find(w)
            while i >= 0 and w not in out:
                e = i + len(w)
                if (i == 0 or not text[i - 1].isalnum()) and (
                    e >= len(text) or not text[e].isalnum()
                ):
                    after = _WORD_AT.match(text, e + 1) if text[e : e + 1] == " " else None
                    before = _WORD_BEFORE.search(text, max(0, i - 24), i)
                    if (after is not None and after.group().lower() in lex.person_after) or (
                        before is not None
                        and (
                            before.group(1).rstrip(".").lower() in lex.person_before
                            or self.norm.key(before.group(1)) in lex.first_names
                        )
                    ):
                        out.add(w)
                i = text.find(w, i + 1)
        return out

    def _is_person(self, m: PlaceMention, people: set[str]) -> bool:
        if m.text not in people or " " in m.text:
            return False
        if m.cue and self.lexicon.is_strong(m.cue, "en"):
            return False
        return not any(
            c.kind in ("country", "admin1", "region") and c.match >= LOOSE
            for c in self.finder.find(m.text, fuzzy=False)
        )

    def _trim_units(self, text: str, m: PlaceMention) -> PlaceMention:
        """Unit words written inside a span ("Desa X", "Bekasi Regency") are no part of the
        place's name: the span stays as written, ``name`` holds the name."""
        if m.text in self.units.short:
            return m
        name = m.text
        words = name.split(" ")
        for k in (2, 1):
            if len(words) > k and " ".join(words[:k]).lower() in self.units.before:
                cut = len(" ".join(words[:k])) + 1
                if name[cut : cut + 1].isupper():
                    m.cue = " ".join(words[:k]).lower()
                    name = name[cut:]
                    break
        words = name.split(" ")
        if (
            len(words) > 1
            and words[-1].lower() in self.units.after
            and not any(c.match >= LOOSE for c in self.finder.find(name, fuzzy=False))
        ):
            name = name[: -len(words[-1]) - 1]
        if name != m.text:
            m.name = name
        return m

    def _directions(self, text: str, out: list[PlaceMention]) -> list[PlaceMention]:
        """ "Central Jakarta city": the direction word is part of the name."""
        dirs = self.units.directions
        drop: set[int] = set()
        for m in out:
            if self.units.word_after(text, m.end) is None:
                continue
            cut = text.rfind(" ", max(0, m.start - 16), m.start - 1)
            word = text[cut + 1 : m.start - 1] if m.start > 0 and text[m.start - 1] == " " else ""
            if not word[:1].isupper() or word.lower() not in dirs:
                continue
            s = m.start - 1 - len(word)
            for o in out:
                if o is not m and o.start >= s and o.end <= m.start:
                    drop.add(id(o))
            m.start, m.text, m.qualifier = s, text[s : m.end], ""
        return [m for m in out if id(m) not in drop]

    @cached_property
    def _direction_words(self) -> frozenset[str]:
        quals = {k for k, v in self.lexicon.before.items() if " " not in k and v not in _NEAR}
        return frozenset(quals | self.units.directions)

    def _direction_heads(self, text: str, out: list[PlaceMention]) -> list[PlaceMention]:
        """A direction word taken as a place of its own ("Eastern", a province of Zambia)
        before a capitalised name heads that name ("Eastern Ghouta")."""
        dirs = self._direction_words
        keep: list[PlaceMention] = []
        skip: set[int] = set()
        for i, m in enumerate(out):
            if i in skip:
                continue
            if m.text.lower() not in dirs or not _next_word_capitalised(text, m.end):
                keep.append(m)
                continue
            nxt = out[i + 1] if i + 1 < len(out) and out[i + 1].start == m.end + 1 else None
            if nxt is not None:
                e = nxt.end
                skip.add(i + 1)
            else:
                hit = _NAME_AFTER.match(text, m.end + 1)
                e = hit.end() if hit else m.end
            keep.append(PlaceMention(m.start, e, text[m.start : e], cue=m.cue))
        return keep

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Candidates for a name: a short form of the table ("US", "Calif.") first."""
        sf = self.units.short.get(name.strip())
        if sf is not None:
            got = self._short_candidates(sf)
            if got:
                return got
        return self.finder.find(name, fuzzy=fuzzy)

    def _short_candidates(self, sf: ShortForm) -> list[Candidate]:
        if sf.kind == "country":
            c = self._countries.get(sf.code)
            if c is None:
                return []
            name, gid, lat, lon, pop = c
            return [
                Candidate(gid, name, lat, lon, sf.code, "", pop, "country", EXACT, "PCLI", True)
            ]
        if sf.kind == "region":
            return [c for c in self.finder.find(sf.code, fuzzy=False) if c.kind == "region"]
        cc, _, _sub = sf.code.partition("-")
        row = self.con.execute(
            "SELECT code FROM admin1 WHERE cc = ? AND iso = ?", (cc, sf.code)
        ).fetchone()
        if sf.kind == "admin1":
            if row is None:
                return []
            return [
                c
                for c in self.finder.find(self._admin1.get((cc, row[0]), ""), fuzzy=False)
                if c.kind == "admin1" and c.cc == cc and c.admin1 == row[0]
            ]
        towns = [
            c
            for c in self.finder.find(sf.name, fuzzy=False)
            if c.kind == "city" and c.cc == cc and (row is None or c.admin1 == row[0])
        ]
        return sorted(towns, key=lambda c: -c.pop)[:1]

    # -- resolution ------------------------------------------------------------------------
    @cached_property
    def _demonyms(self) -> dict[str, str]:
        """Folded demonym ("burkinabe") -> ISO2, from the countries table."""
        table = load_data("countries.toml").get("demonyms", {})
        return {self.norm.fold(d): cc for cc, ds in table.items() for d in ds}

    def demonym_countries(self, text: str) -> Counter[str]:
        """Countries whose demonym the text uses ("Burkinabe soldiers")."""
        dem = self._demonyms
        out: Counter[str] = Counter()
        for m in _CAP_WORD.finditer(text):
            cc = dem.get(self.norm.fold(m.group()))
            if cc:
                out[cc] += 1
        return out

    def _build_context(
        self, mentions: Sequence[PlaceMention], country: str | None, text: str = ""
    ) -> tuple[DocContext, list[list[Candidate]]]:
        counts: dict[str, float] = {}
        cands_all: list[list[Candidate]] = []
        ctx = DocContext(hint=country)
        for cc, k in self.demonym_countries(text).items():
            counts[cc] = counts.get(cc, 0.0) + E_DEMONYM * min(k, 2)
        dem = self._demonyms
        for m in mentions:
            cands = self._at_home(m, self.lookup(m.place_name))
            cands_all.append(cands)
            dcc = dem.get(self.norm.fold(m.place_name))
            if dcc is not None:
                # "French", "Irish" taken as places: they weigh in, but do not pin.
                counts[dcc] = counts.get(dcc, 0.0) + E_DEMONYM
                continue
            add_country_evidence(counts, cands, ctx.strong, ctx.named, ctx.evident)
            for c in cands:
                if c.kind == "admin1" and c.match >= LOOSE:
                    ctx.admin1.add((c.cc, c.admin1))
        ctx.countries = shares(counts)
        # Known points: places chosen with the country evidence alone.
        for m, cands in zip(mentions, cands_all, strict=True):
            got = choose(cands, ctx, admin_cue=_admin_cue(m, self.lexicon))
            if got and got[0].kind in ("city", "admin2") and got[0].match >= LOOSE:
                ctx.points.append((got[0].lat, got[0].lon))
        return ctx, cands_all

    def resolve(
        self,
        name: str,
        *,
        context: str = "",
        country: str | None = None,
        near: Sequence[tuple[float, float]] = (),
        start: int | None = None,
        end: int | None = None,
    ) -> Place | None:
        """Resolve one toponym the caller already found. ``context`` is the text around it
        (any length; ``start``/``end`` its offsets there, else its first occurrence is
        used), ``country`` an ISO2 hint (or a country name), ``near`` points known to be
        nearby. The name is resolved with the other places of the context, as
        :meth:`geoparse` resolves a document: the same input, the same answer."""
        return self.resolve_names(context, [(name, start, end)], country=country, near=near)[0]

    def resolve_names(
        self,
        context: str,
        names: Sequence[tuple[str, int | None, int | None]],
        *,
        country: str | None = None,
        near: Sequence[tuple[float, float]] = (),
    ) -> list[Place | None]:
        """Resolve several toponyms of one document jointly: (name, start, end) each, the
        offsets optional (see :meth:`resolve`). None for a name that is not resolved."""
        text = context
        spans: list[tuple[int, int] | None] = []
        for name, start, end in names:
            text, span = place_in_context(name, text, start, end)
            spans.append(span)
        wanted = [sp for sp in spans if sp is not None]
        # Without a context there is no document to fall back on (its main place or
        # country): an unknown name stays unresolved and the caller decides.
        got = (
            self.resolve_in_text(
                text,
                wanted,
                country=country,
                near=near,
                fallbacks=bool(context),
                recognise=bool(context),
            )
            if wanted
            else []
        )
        by_span = {sp: m.place for sp, m in zip(wanted, got, strict=True)}
        return [by_span.get(sp) if sp is not None else None for sp in spans]

    def resolve_in_text(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        lang: str | None = None,
        *,
        country: str | None = None,
        near: Sequence[tuple[float, float]] = (),
        fallbacks: bool = True,
        recognise: bool = True,
    ) -> list[PlaceMention]:
        """Resolve the toponyms at ``spans`` of ``text`` jointly with every other place the
        text names (found as :meth:`geoparse` finds them); one mention per span, in order.
        ``recognise=False``: the spans are all the text holds (a bare name: no need to load
        the recognition automaton)."""
        if lang is None:
            lang = "id" if _ID_HINT.search(text) else "en"
        lex = self.lexicon
        lang = lang if lang in lex.cues else "en"
        found = {(m.start, m.end): m for m in self.find_places(text, lang)} if recognise else {}
        asked: dict[tuple[int, int], PlaceMention] = {}
        for s, e in spans:
            if (s, e) in asked:
                continue
            m = found.get((s, e))
            if m is None:
                adm = lex.admin_word(text, s, e)
                m = PlaceMention(
                    start=s,
                    end=e,
                    text=text[s:e],
                    cue=adm or lex.cue_before(text, s, lang),
                    qualifier=lex.qualifier(text, s, e),
                )
                if text[s:e] not in self.units.short:
                    m = self._trim_units(text, m)
            asked[(s, e)] = m
        taken = list(asked.values())
        others = [
            m for m in found.values() if not any(m.start < t.end and t.start < m.end for t in taken)
        ]
        every = sorted({id(m): m for m in [*taken, *others]}.values(), key=lambda m: m.start)
        self.resolve_mentions(text, every, country=country, near=near, fallbacks=fallbacks)
        return [asked[(s, e)] for s, e in spans]

    def _split_qualifier(self, name: str) -> tuple[str, str]:
        """ "northern Aleppo" -> ("Aleppo", "north"), unless the whole is a known name
        ("South Africa", "North Carolina")."""
        main, qual = _split_qualifier(name)
        if main != name and any(c.match >= LOOSE for c in self.lookup(name, fuzzy=False)):
            return name, ""
        return main, qual

    def _hint(self, country: str | None) -> str | None:
        if not country:
            return None
        c = country.strip()
        if len(c) == 2 and c.upper() in self._countries:
            return c.upper()
        if len(c) == 3 and c.isalpha():
            import pycountry  # ISO 3166-1 alpha-3 ("BFA") as users also write it

            found = pycountry.countries.get(alpha_3=c.upper())
            if found is not None and found.alpha_2 in self._countries:
                return str(found.alpha_2)
        return self.country_code(c)

    def _resolve_one(
        self,
        main: str,
        hints: Sequence[str],
        qualifier: str,
        ctx: DocContext,
        *,
        admin_cue: bool = False,
        bare: bool = False,
        cands: list[Candidate] | None = None,
    ) -> Place | None:
        unit, towns = self._paren_hints(hints, ctx)
        hint_points = [(c.lat, c.lon) for c in towns]
        hint_admin1: list[tuple[str, str]] = []
        where = unit.cc if unit is not None else (towns[0].cc if towns else None)
        if unit is not None:
            hint_admin1.append((unit.cc, unit.admin1))
            if unit.kind == "admin2":
                hint_points.append((unit.lat, unit.lon))
        if cands is None:
            cands = self.lookup(main)
        if where is not None:
            # "X (Y, Z)" says which country X is in: never look elsewhere.
            cands = [c for c in cands if c.cc == where]
        got = choose(
            cands,
            ctx,
            admin_cue=admin_cue,
            bare=bare,
            hint_points=hint_points,
            hint_admin1=hint_admin1,
        )
        if got:
            return self.place(got[0], qualifier=qualifier)
        # The place itself is unknown: fall back to the commune (a town of that name,
        # precision 2), else the district/region it was named with (precision 3).
        if towns:
            p = self.place(towns[0], feature="fallback")
            p.precision = 2
            return p
        if unit is not None:
            p = self.place(unit, feature="fallback")
            p.precision = 3
            return p
        return None

    def _resolve_paren_item(self, name: str, items: list[str], ctx: DocContext) -> Place | None:
        """A name inside "X (Y, Z)": the unit it names, or a town in the unit's country
        (else the unit itself, precision 3); None when the parenthesis is no place list."""
        unit_i, unit, towns = self._paren_parts(items, ctx)
        if unit is None:
            return None  # "(Mali)", "(VDP)": not a commune/province list
        i = next((j for j, h in enumerate(items) if h == name), -1)
        if i in towns:
            return self.place(towns[i])
        if i == unit_i:
            return self.place(unit)
        p = self.place(unit, feature="fallback")
        p.precision = 3
        return p

    def _paren_hints(
        self, hints: Sequence[str], ctx: DocContext
    ) -> tuple[Candidate | None, list[Candidate]]:
        _i, unit, towns = self._paren_parts(hints, ctx)
        return unit, [towns[k] for k in sorted(towns)]

    def _paren_parts(
        self, hints: Sequence[str], ctx: DocContext
    ) -> tuple[int, Candidate | None, dict[int, Candidate]]:
        """Resolve the names of "X (Y, Z)": the admin unit (Z, or a lone Y that is one) and
        the towns (Y), all in the unit's country, towns preferably inside the unit.
        Returns the unit's position (-1 if none), the unit, and towns by position."""
        if not hints:
            return -1, None, {}
        unit: Candidate | None = None
        unit_i = -1
        for i in (len(hints) - 1, 0) if len(hints) > 1 else (0,):
            admins = [
                c
                for c in self.finder.find(hints[i], fuzzy=False)
                if c.kind in ("admin1", "admin2") and c.match >= LOOSE
            ]
            got = choose(admins, ctx, admin_cue=True)
            if got:
                unit, unit_i = got[0], i
                break
        towns: dict[int, Candidate] = {}
        pts = [(unit.lat, unit.lon)] if unit is not None and unit.kind == "admin2" else []
        adm = [(unit.cc, unit.admin1)] if unit is not None else []
        for j, h in enumerate(hints):
            if j == unit_i:
                continue
            cands = [
                c
                for c in self.finder.find(h, fuzzy=False)
                if c.kind == "city" and (unit is None or c.cc == unit.cc)
            ]
            got = choose(cands, ctx, hint_points=pts, hint_admin1=adm)
            if got:
                towns[j] = got[0]
        return unit_i, unit, towns

    def geoparse(
        self,
        text: str,
        lang: str = "en",
        *,
        country: str | None = None,
        demonyms: bool = False,
    ) -> list[PlaceMention]:
        """Find and resolve every place of one document jointly; unknown ones get a fallback
        (the unit written around them, a qualified place before them, else the document's
        main region or country) or None. ``demonyms``: also "Syrian", "African" (feature
        "demonym" or "region"), which events never take as their place."""
        found = self.find_places(text, lang)
        if demonyms:
            found = sorted([*found, *self._demonym_mentions(text, found)], key=lambda m: m.start)
        return self.resolve_mentions(text, found, country=country)

    @cached_property
    def _adjectives(self) -> frozenset[str]:
        """Folded demonyms of countries and adjectives of regions ("african")."""
        from groundfacts.geo.countries import load_regions

        regional = {self.norm.fold(n) for r in load_regions() for n in r.unrecognised}
        return frozenset(set(self._demonyms) | regional)

    def _demonym_mentions(self, text: str, found: Sequence[PlaceMention]) -> list[PlaceMention]:
        adj = self._adjectives
        out: list[PlaceMention] = []
        for m in _ADJ_SPAN.finditer(text):
            s, e = m.start(), m.end()
            if self.norm.fold(m.group()) not in adj:
                s2 = text.find(" ", s, e) + 1
                if not s2 or self.norm.fold(text[s2:e]) not in adj:
                    continue
                s = s2  # "the Syrian": one word of two
            if any(f.start < e and s < f.end for f in [*found, *out]):
                continue
            out.append(PlaceMention(s, e, text[s:e], cue="demonym"))
        return out

    def resolve_spans(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        lang: str = "en",
        *,
        country: str | None = None,
    ) -> list[PlaceMention]:
        """Resolve toponyms the caller found (character spans of ``text``) jointly, as
        :meth:`geoparse` does (see :meth:`resolve_in_text`)."""
        return self.resolve_in_text(text, spans, lang, country=country)

    def resolve_mentions(
        self,
        text: str,
        mentions: list[PlaceMention],
        *,
        country: str | None = None,
        near: Sequence[tuple[float, float]] = (),
        fallbacks: bool = True,
    ) -> list[PlaceMention]:
        """Set ``place`` on each mention using the whole document as context; ``fallbacks``:
        unknown names get the document's fallback place (see :meth:`geoparse`)."""
        hint = self._hint(country)
        ctx, cands_all = self._build_context(mentions, hint, text)
        ctx.points.extend(near)
        lex = self.lexicon
        units = self.units
        done = self._chains(text, mentions, ctx)
        for k, (m, cands) in enumerate(zip(mentions, cands_all, strict=True)):
            if k in done:
                continue
            level = max(
                (
                    u.level
                    for u in (units.word_before(text, m.start), units.word_after(text, m.end))
                    if u
                ),
                default=0,
            )
            bare = level == 0 and units.before.get(m.cue, units.after.get(m.cue, 0)) not in (1, 2)
            admin_cue = _admin_cue(m, lex) or level == 3
            inside = _paren_around(text, m.start, m.end)
            if inside is not None:
                m.place = self._resolve_paren_item(m.text, inside, ctx)
                if m.place is not None:
                    m.score = 1.0
                    continue
            unit = lex.regency(m.text, m.cue)
            if unit is not None:
                m.place = self._regency_place(unit)
                if m.place is not None:
                    m.score = 1.0
                    continue
            main, qual = m.place_name, ""
            if not any(c.match >= LOOSE for c in cands):
                main, qual = self._split_qualifier(m.place_name)
                if main != m.place_name:
                    cands = self._at_home(m, self.lookup(main))
            if not any(c.match >= LOOSE for c in cands):
                # "Kota Wamena", "Distrik Sugapa": the unit is named after its town
                stripped = lex.strip_designator(main)
                if stripped != main:
                    bare_cands = self.lookup(stripped)
                    # a village the gazetteer lacks is placed by what contains it, never
                    # at a look-alike name abroad ("Kampung Wuloni" is not Boulogne); the
                    # unit word tells the country when nothing else does ("Distrik X")
                    good = self._at_home(
                        m,
                        [
                            c
                            for c in bare_cands
                            if c.match >= EXACT and (hint is None or c.cc == hint)
                        ],
                    )
                    main, cands = (stripped, good) if good else (main, [])
            if hint and cands:
                # with the document's country known, a foreign place is taken only by its
                # exact name, and a town only when nothing at home bears the name and the
                # text names its country ("Mile 34" is not Miyang, "Gido" is not Jeddah)
                named = ctx.named  # countries the text names outright ("di Mali tengah")
                cands = [c for c in cands if c.cc == hint or c.cc in named or c.match >= EXACT]
                if not any(c.cc == hint for c in cands):
                    cands = [c for c in cands if c.kind in BIG_KINDS or c.cc in named]
            m.place = self._resolve_one(
                main,
                _hints_after(text, m.end),
                m.qualifier or qual,
                ctx,
                admin_cue=admin_cue,
                bare=bare,
                cands=cands,
            )
            if (
                m.place is not None
                and m.place.feature == "country"
                and self.norm.fold(m.place_name) in self._demonyms
            ):
                m.place.feature = "demonym"  # "Syrian" asked for as a place
            m.score = 1.0 if m.place is not None else 0.0
        if fallbacks:
            self._fallbacks(mentions, ctx, text)
        return mentions

    def _chains(self, text: str, mentions: list[PlaceMention], ctx: DocContext) -> set[int]:
        """Resolve the hierarchies written in the text; the indices of mentions settled."""
        chains = runs(text, mentions, self.units)
        if not chains:
            return set()

        def pick(
            cands: Sequence[Candidate], admin: bool, unit: Candidate | None
        ) -> Candidate | None:
            # inside a unit with a real point, the candidate nearest to it
            pts = [(unit.lat, unit.lon)] if unit is not None and unit.fcode != "ISO2" else []
            got = choose(cands, ctx, admin_cue=admin, bare=admin, hint_points=pts)
            return got[0] if got else None

        res = ChainResolver(text, self.units, self._mention_candidates, pick, self._chain_place)
        done: set[int] = set()
        for run in chains:
            done |= res.resolve(mentions, run)
        return done

    def _mention_candidates(self, m: PlaceMention) -> list[Candidate]:
        """Candidates for a mention of a written hierarchy: a unit of regencies.tsv named
        with its word is that unit at its seat ("Kabupaten Puncak" is not the village of
        Puncak in West Java); a designated village ("Kota Wamena") by its bare name, exactly."""
        unit = self.lexicon.regency(m.text, m.cue)
        if unit is not None:
            cc, name, gid = unit
            row = self.con.execute(
                "SELECT lat, lon, cc, admin1 FROM places WHERE gid = ?", (gid,)
            ).fetchone()
            if row is not None and row[2] == cc:
                return [
                    Candidate(gid, name, row[0], row[1], cc, row[3], 0, "admin2", EXACT, REGENCY)
                ]
        cands = self._at_home(m, self.lookup(m.place_name))
        if not any(c.match >= LOOSE for c in cands):
            stripped = self.lexicon.strip_designator(m.place_name)
            if stripped != m.place_name:
                return [c for c in self.lookup(stripped) if c.match >= EXACT]
        head, _sep, last = m.place_name.rpartition(" ")
        if head and last.lower() in self.units.after:
            # "Laurel town, Batangas": the whole is also an alternate name of a town abroad;
            # the bare name's places in other countries are read too, and the unit around
            # it chooses ("Quezon City" stays the city: its country already has the whole)
            have = {c.cc for c in cands if c.match >= LOOSE}
            cands = cands + [
                c
                for c in self._at_home(m, self.lookup(head))
                if c.match >= EXACT and c.cc not in have
            ]
        return cands

    def _at_home(self, m: PlaceMention, cands: list[Candidate]) -> list[Candidate]:
        """A name after a unit word of some countries only ("Distrik X": Indonesia) is
        looked for in those countries: "Distrik Sinak" is not Singac in New Jersey, and
        such a look-alike abroad is no evidence of the document's country either."""
        where = self.lexicon.designated_in(m.text)
        return [c for c in cands if c.cc in where] if where else cands

    def _chain_place(self, c: Candidate) -> Place:
        if c.fcode == REGENCY:
            p = self._regency_place((c.cc, c.name, c.gid))
            if p is not None:
                return p
        return self.place(c)

    def _fallbacks(self, mentions: list[PlaceMention], ctx: DocContext, text: str = "") -> None:
        resolved = [m for m in mentions if m.place is not None and m.place.feature != "fallback"]
        common = Counter(
            (m.place.name, m.place.country_iso)
            for m in resolved
            if m.place is not None and m.place.feature in ("city", "admin1")
        )
        main = ctx.main_country()
        # Anchors (qualified towns and regions) by end offset, so each unknown place looks
        # only at those ending within the window before it: linear in the mentions.
        anchors = sorted(
            (r.end, i)
            for i, r in enumerate(resolved)
            if r.qualifier and r.place is not None and r.place.feature in ("city", "admin1")
        )
        ends = [a[0] for a in anchors]
        best: Place | None = None
        best_done = False
        for k, m in enumerate(mentions):
            if m.place is not None:
                continue
            site = self.lexicon.strip_designator(m.text) != m.text
            # the few mentions right after it (a chain of units is short): linear in mentions
            unit = _unit_after(text, m, mentions[k + 1 : k + 5], site=site)
            if unit is not None:
                # "Basnere, Soum Province": the village lies in the unit named right after it.
                p0 = replace(unit)
                p0.feature, p0.precision = "fallback", 3
                m.place, m.score = p0, 0.5
                continue
            near = anchors[
                bisect_right(ends, m.start - ANCHOR_WINDOW) : bisect_right(ends, m.start)
            ]
            # the last one in document order, as a backward scan would find it
            anchor = resolved[max(i for _, i in near)] if near else None
            if anchor is not None and anchor.place is not None:
                p = replace(anchor.place)
                p.feature = "fallback"
                p.precision = max(2, p.precision)
                m.place, m.score = p, 0.5
                continue
            if not best_done:  # the same for every unknown place: found once
                top = [
                    r.place
                    for r in resolved
                    if r.place is not None
                    and main
                    and r.place.country_iso == main
                    and (r.place.name, r.place.country_iso) in common
                ]
                # the town the document names most is where its unknown sites are, before
                # a region (whose centre lies far from most of its towns); ties: the first
                best = (
                    max(
                        top,
                        key=lambda p: (p.feature == "city", common[(p.name, p.country_iso)]),
                    )
                    if top
                    else None
                )
                best_done = True
            if best is not None:
                p = replace(best)
                p.feature, p.precision = "fallback", 3
                m.place, m.score = p, 0.3
            elif main or len(self.lexicon.designated_in(m.text)) == 1:
                # "Distrik X" alone: the one country that names units so
                p2 = self.country(main or next(iter(self.lexicon.designated_in(m.text))))
                if p2 is not None:
                    p2.feature = "fallback"
                    m.place, m.score = p2, 0.2

    def info(self) -> dict[str, Any]:
        from groundfacts.geo.dumps import index_info

        return index_info(self.path)


def _unit_after(
    text: str, m: PlaceMention, after: Sequence[PlaceMention], *, site: bool = False
) -> Place | None:
    """The admin unit named right after ``m`` ("X, Y Province" or "X in Y region"), looking
    past units the gazetteer lacks too ("Kampung X, Distrik Y, Kabupaten Z": Z)."""
    end = m.end
    joins = _SITE_JOINS if site else _UNIT_JOINS
    for k, nxt in enumerate(after[:4]):
        between = text[end : nxt.start].strip().lower()
        if between not in joins:
            return None
        if nxt.place is not None:
            if nxt.place.feature in ("admin1", "admin2"):
                return nxt.place
            # "Lapangan Theys Eluay, Sentani", "Desa X dan Desa Y di Kota Z": a named site
            # or village, in the town named after it
            town = (
                site
                and nxt.place.feature == "city"
                and ((k == 0 and between == ",") or between in _IN_TOWN)
            )
            return nxt.place if town else None
        end = nxt.end
    return None


# what may stand between a place and the unit that contains it
_UNIT_JOINS = frozenset({",", "in", ", in", "("})
# a village or site may also be one of a pair ("X dan Desa Y") lying in a town ("di Kota Z")
_SITE_JOINS = _UNIT_JOINS | {"dan", "and", "di", ", di", "&"}
_IN_TOWN = frozenset({"di", ", di", "in", ", in"})


def _admin_cue(m: PlaceMention, lex: Lexicon) -> bool:
    return m.cue in lex.admin_words


def _split_hints(name: str) -> tuple[str, list[str]]:
    """ "Ti-n-Samane (Markoye, Oudalan)" -> ("Ti-n-Samane", ["Markoye", "Oudalan"])."""
    m = _PAREN.search(name)
    if not m:
        return name, []
    hints = [h.strip() for h in m.group(1).split(",") if h.strip()]
    return (name[: m.start()] + name[m.end() :]).strip(), hints


def _split_qualifier(name: str) -> tuple[str, str]:
    m = _NAME_QUAL.match(name)
    if m:
        return name[m.end() :].strip(), (m.group(1) or "near").lower()
    m2 = _NAME_QUAL_AFTER.search(name)
    if m2:
        return name[: m2.start()].strip(), m2.group(1).lower()
    return name, ""


def _paren_around(text: str, start: int, end: int) -> list[str] | None:
    """The comma-separated items of the parenthesis that encloses ``text[start:end]`` as
    one item ("Raogo (Pensa, Sanmatenga)" for "Pensa"), else None."""
    left = text.rfind("(", max(0, start - 100), start)
    if left < 0 or ")" in text[left:start]:
        return None
    right = text.find(")", end, end + 100)
    if right < 0 or "(" in text[end:right]:
        return None
    if text[left + 1 : start].strip() not in ("",) and not text[left + 1 : start].rstrip().endswith(
        ","
    ):
        return None
    if text[end:right].strip() and not text[end:right].lstrip().startswith(","):
        return None
    items = [h.strip() for h in text[left + 1 : right].split(",") if h.strip()]
    return items if 1 <= len(items) <= 4 else None


def _hints_after(text: str, end: int) -> list[str]:
    m = _PAREN.match(text, end)
    if not m:
        return []
    return [h.strip() for h in m.group(1).split(",") if h.strip() and not h.strip().isdigit()]


def place_in_context(
    name: str, context: str, start: int | None = None, end: int | None = None
) -> tuple[str, tuple[int, int] | None]:
    """The text to resolve ``name`` in and its span there: the caller's offsets, else the
    name's first occurrence in ``context`` as a word, else the name after the context (its
    own paragraph). A trailing "(Y, Z)" of a name stays in the text, out of the span."""
    raw = name.strip()
    head = _PAREN.split(raw, 1)[0].strip() if "(" in raw else raw
    if len(head) < 2:
        return context, None
    if start is not None and end is not None and 0 <= start < end <= len(context):
        return context, (start, end)
    if context:
        for m in re.finditer(re.escape(raw), context):
            s, e = m.start(), m.start() + len(head)
            if (s == 0 or not context[s - 1].isalnum()) and (
                e >= len(context) or not context[e].isalnum()
            ):
                return context, (s, e)
        text = f"{context}\n\n{raw}"
        s = len(context) + 2
        return text, (s, s + len(head))
    return raw, (0, len(head))


def _next_word_capitalised(text: str, end: int) -> bool:
    return end + 1 < len(text) and text[end] == " " and text[end + 1].isupper()


def _next_word_numbered(text: str, end: int) -> bool:
    """Is the word after ``end`` (past the abbreviation's dot of "Brgy. 2") a number?"""
    if text[end : end + 1] == ".":
        end += 1
    return text[end : end + 1] == " " and _NUMBERED.match(text, end + 1) is not None
