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

from groundfacts.geo.candidates import EXACT, LOOSE, Candidate, CandidateFinder
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
        self._contexts: dict[tuple[str, str | None], DocContext] = {}

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
        """Place mentions in ``text`` (offsets into it), unresolved (``place`` is None)."""
        return self.recogniser.find(text, lang)

    # -- resolution ------------------------------------------------------------------------
    def context(self, text: str, lang: str = "en", country: str | None = None) -> DocContext:
        """What a text says about where it is (cached for the last few texts)."""
        ck = (text, country)
        ctx = self._contexts.get(ck)
        if ctx is None:
            ctx = self._build_context(self.find_places(text, lang), country, text)[0]
            if len(self._contexts) > 64:
                self._contexts.clear()
            self._contexts[ck] = ctx
        return ctx

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
            cands = self.finder.find(m.text)
            cands_all.append(cands)
            dcc = dem.get(self.norm.fold(m.text))
            if dcc is not None:
                # "French", "Irish" taken as places: they weigh in, but do not pin.
                counts[dcc] = counts.get(dcc, 0.0) + E_DEMONYM
                continue
            add_country_evidence(counts, cands, ctx.strong, ctx.named)
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
    ) -> Place | None:
        """Resolve one toponym the caller already found. ``context`` is the surrounding text,
        ``country`` an ISO2 hint (or a country name), ``near`` points known to be nearby."""
        hint = self._hint(country)
        raw = name.strip()
        main, hints = _split_hints(raw)
        main, qualifier = self._split_qualifier(main)
        if len(main) < 2:
            return None
        lang = "id" if _ID_HINT.search(context) else "en"
        if context:
            base = self.context(context, lang, hint)
            ctx = DocContext(
                dict(base.countries),
                set(base.admin1),
                list(base.points),
                hint,
                dict(base.strong),
                set(base.named),
            )
        else:
            ctx = DocContext(hint=hint)
        ctx.points.extend(near)
        admin_cue = bool(re.search(r"\b(province|governorate|region|state|provinsi)\b", raw, re.I))
        return self._resolve_one(main, hints, qualifier, ctx, admin_cue=admin_cue)

    def _split_qualifier(self, name: str) -> tuple[str, str]:
        """ "northern Aleppo" -> ("Aleppo", "north"), unless the whole is a known name
        ("South Africa", "North Carolina")."""
        main, qual = _split_qualifier(name)
        if main != name and any(c.match >= LOOSE for c in self.finder.find(name, fuzzy=False)):
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
            cands = self.finder.find(main)
        if where is not None:
            # "X (Y, Z)" says which country X is in: never look elsewhere.
            cands = [c for c in cands if c.cc == where]
        got = choose(
            cands, ctx, admin_cue=admin_cue, hint_points=hint_points, hint_admin1=hint_admin1
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
        self, text: str, lang: str = "en", *, country: str | None = None
    ) -> list[PlaceMention]:
        """Find and resolve every place of one document jointly; unknown ones get a fallback
        (a qualified place before them, else the document's main region or country) or None."""
        return self.resolve_mentions(text, self.find_places(text, lang), country=country)

    def resolve_spans(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        lang: str = "en",
        *,
        country: str | None = None,
    ) -> list[PlaceMention]:
        """Resolve toponyms the caller found (character spans of ``text``) jointly, as
        :meth:`geoparse` does; cues and qualifiers are read from the text around them."""
        lex = self.lexicon
        lang = lang if lang in lex.cues else "en"
        mentions = []
        for s, e in spans:
            adm = lex.admin_word(text, s, e)
            mentions.append(
                PlaceMention(
                    start=s,
                    end=e,
                    text=text[s:e],
                    cue=adm or lex.cue_before(text, s, lang),
                    qualifier=lex.qualifier(text, s, e),
                )
            )
        return self.resolve_mentions(text, mentions, country=country)

    def resolve_mentions(
        self, text: str, mentions: list[PlaceMention], *, country: str | None = None
    ) -> list[PlaceMention]:
        """Set ``place`` on each mention using the whole document as context."""
        hint = self._hint(country)
        ctx, cands_all = self._build_context(mentions, hint, text)
        lex = self.lexicon
        for m, cands in zip(mentions, cands_all, strict=True):
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
            main, qual = m.text, ""
            if not any(c.match >= LOOSE for c in cands):
                main, qual = self._split_qualifier(m.text)
                if main != m.text:
                    cands = self.finder.find(main)
            if not any(c.match >= LOOSE for c in cands):
                # "Kota Wamena", "Distrik Sugapa": the unit is named after its town
                bare = lex.strip_designator(main)
                if bare != main:
                    bare_cands = self.finder.find(bare)
                    # a village the gazetteer lacks is placed by what contains it, never
                    # at a look-alike name abroad ("Kampung Wuloni" is not Boulogne)
                    good = [
                        c for c in bare_cands if c.match >= EXACT and (hint is None or c.cc == hint)
                    ]
                    main, cands = (bare, good) if good else (main, [])
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
                admin_cue=_admin_cue(m, lex),
                cands=cands,
            )
            m.score = 1.0 if m.place is not None else 0.0
        self._fallbacks(mentions, ctx, text)
        return mentions

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
                best = max(top, key=lambda p: common[(p.name, p.country_iso)]) if top else None
                best_done = True
            if best is not None:
                p = replace(best)
                p.feature, p.precision = "fallback", 3
                m.place, m.score = p, 0.3
            elif main:
                p2 = self.country(main)
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
