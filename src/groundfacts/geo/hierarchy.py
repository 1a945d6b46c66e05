"""The hierarchy a report writes around a place: "X village, Y district (Z regency, W province)",
"X (Y, Z)", "barangay X, M municipality, P province", "Distrik X, Kabupaten Y, Papua".

A run of place names joined by commas or brackets, each optionally with its unit word, is
read from the outside in: the outermost name is taken as the unit the others lie in (a
province before a town of the same name), each inner name is looked for inside the unit
around it, and a name the gazetteer does not hold inside it falls back to that unit with an
honest geo_precision (2 for a town, district or regency, 3 for a province or region). A
same-name place elsewhere loses to the containing unit. Links that are no containment (two
countries, two towns of a list, a big town far away) break the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from groundfacts.geo.candidates import LOOSE, REGENCY, Candidate
from groundfacts.geo.distance import haversine_km
from groundfacts.geo.units import Units, UnitWord
from groundfacts.records import Place, PlaceMention

# Rank of a kind in the hierarchy: an inner name must rank below the unit around it.
LEVEL = {"city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}
IN_ADMIN2_KM = 120.0  # second-level units have only a point: towns within this lie in it
REGENCY_KM = 250.0  # a regency placed at its seat may reach this far (Papua's are large)
IN_TOWN_KM = 25.0  # a village named with its town lies this close to it
BIG_TOWN_POP = 100_000  # a town this large named beside a unit is a place of its own
TOP_UNITS = 4  # readings of the outermost name tried for the one inside it

# "X, Y", "X (Y", "X, (Y", "X in Y", and "X (Y), Z": the unit after a bracket contains both
_SEP = re.compile(r"\s*(?:,|\(|,\s*\(|\)\s*,|(?:,\s*)?\bin\b)\s*")
_LIST_AFTER = re.compile(r"\s*(?:,\s*)?(?:and|or|dan|atau|&)\s+[A-Z]")

# (candidates, prefer units, the unit they lie in) -> the best candidate or None
Chooser = Callable[[Sequence[Candidate], bool, Candidate | None], Candidate | None]


@dataclass(slots=True)
class Link:
    """One name of a run: its mention, unit words around it, candidates."""

    mention: PlaceMention
    before: UnitWord | None
    after: UnitWord | None
    cands: list[Candidate]
    # spellings further off ("Hawija" ~ "Al Hawijah"), taken only inside a unit named
    fuzzy: list[Candidate]

    @property
    def level(self) -> int:
        """The size its unit word gives it (0 when none)."""
        return max((u.level for u in (self.before, self.after) if u is not None), default=0)


def runs(text: str, mentions: Sequence[PlaceMention], units: Units) -> list[list[int]]:
    """Indices of mentions written as one hierarchy, innermost first (text order)."""
    out: list[list[int]] = []
    cur: list[int] = []
    for i in range(len(mentions)):
        if (
            cur
            and _joined(text, mentions[cur[-1]], mentions[i], units)
            and not _cut(text, mentions, i)
        ):
            cur.append(i)
            continue
        if len(cur) > 1:
            out.append(cur)
        cur = [i]
    if len(cur) > 1:
        out.append(cur)
    return out


def _cut(text: str, mentions: Sequence[PlaceMention], i: int) -> bool:
    """Is mention ``i`` the first part of a name read as two ("Kecamatan Kelapa| Lima")? It
    is then no unit to hold the names before it."""
    if i + 1 >= len(mentions):
        return False
    gap = text[mentions[i].end : mentions[i + 1].start]
    return bool(gap) and gap.isspace() and "\n" not in gap


_SUFFIX = re.compile(r"\s+(\d{1,3}(?:st|nd|rd|th)?|[IVX]{1,4}|[A-Z][a-z]+)(?=\s*[,(])")


def _joined(text: str, a: PlaceMention, b: PlaceMention, units: Units) -> bool:
    s, e = a.end, b.start
    if e <= s or e - s > 40:
        return False
    suffix = _SUFFIX.match(text, s)
    if (
        suffix is not None
        and (units.word_before(text, a.start) is not None or a.place_name != a.text)
        and (not suffix.group(1).isalpha() or suffix.group(1).lower() in units.directions)
    ):
        # "Barangay Poblacion 2, M", "Barangay X West, M": a numbered or directed part
        # of a village is still inside M (and no other place of X's name)
        s = suffix.end()
    after = units.word_after(text, s)
    if after is not None and after.end <= e:
        s = after.end
    before = units.word_before(text, e)
    if before is not None and before.start >= s:
        e = before.start
    gap = text[s:e]
    m = _SEP.fullmatch(gap)
    if m is None:
        return False
    # "in" joins a place to its unit only when a unit word says so ("Barangay X in M",
    # "X in M town")
    return (
        "in" not in gap.split()
        or after is not None
        or before is not None
        or (units.word_before(text, a.start) is not None and a.name == a.text)
        or units.word_after(text, b.end) is not None
    )


class ChainResolver:
    """Resolves the runs of one document; ``choose`` picks among candidates with the
    document's context (``admin`` prefers units), ``to_place`` builds the Place."""

    def __init__(
        self,
        text: str,
        units: Units,
        lookup: Callable[[PlaceMention], list[Candidate]],
        choose: Chooser,
        to_place: Callable[[Candidate], Place],
    ) -> None:
        self.text = text
        self.units = units
        self.lookup = lookup
        self.choose = choose
        self.to_place = to_place

    def resolve(self, mentions: Sequence[PlaceMention], run: list[int]) -> set[int]:
        """Set ``place`` (and ``container``) on the mentions of one run; returns the indices
        it settled (a broken run settles only its joined part)."""
        if _LIST_AFTER.match(self.text, mentions[run[-1]].end):
            return set()  # "A, B, C and D": a list of places, not a hierarchy
        links = [self._link(mentions[i]) for i in run]
        done: set[int] = set()
        end = len(links)
        while end > 1:
            start = self._resolve_tail(links, end)
            if start < end - 1:
                done.update(run[start:end])
            end = start if start < end - 1 else end - 1
        return done

    def _link(self, m: PlaceMention) -> Link:
        found = self.lookup(m)
        cands = [c for c in found if c.match >= LOOSE]
        fuzzy = [] if cands else found
        before = self.units.word_before(self.text, m.start)
        after = self.units.word_after(self.text, m.end)
        if m.name and m.name != m.text:
            # unit words written inside the span ("Desa X", "Y Regency")
            s = m.start + m.text.find(m.name)
            before = before or self.units.word_before(self.text, s)
            after = after or self.units.word_after(self.text, s + len(m.name))
        return Link(m, before, after, cands, fuzzy)

    def _resolve_tail(self, links: list[Link], end: int) -> int:
        """Resolve links[k:end] as one run ending at the outermost links[end-1]; returns k,
        the first link that belongs to it (end-1 when the link before is no containment)."""
        outer = links[end - 1]
        inner = links[end - 2]
        units = self._readings(outer)
        if units and units[0].kind in ("admin1", "admin2"):
            # "X, Zambales": a province named beside a town is that province, not a village
            # of the same name that happens to lie near one reading of the town
            units = [u for u in units if u.kind != "city"]
        container: Candidate | None = None
        for u in units:
            if not inner.cands or self._inside_any(inner, u):
                container = u
                break
        # "barangay X, M, P": a unit word inside the run says it is a written hierarchy,
        # so even a big town of M's name elsewhere yields to the P named around it
        written = any(link.level == 1 for link in links[: end - 2])
        if (
            container is None
            and units
            and (
                self._bracketed(inner, outer)
                or self._falls_back(inner, units[0])
                or (
                    written
                    and units[0].kind in ("admin1", "admin2")
                    and not any(_same_region(c, units[0]) for c in inner.cands)
                )
            )
        ):
            container = units[0]  # a same-name place elsewhere loses to the unit named
        if container is None or not self._may_contain(container, outer, inner):
            return end - 1
        chain: list[tuple[Link, Candidate | None]] = [(outer, container)]
        k = end - 2
        while k >= 0:
            link = links[k]
            bracketed = self._bracketed(link, links[k + 1])
            inside = [c for c in link.cands if _inside(c, container, self.units.former)]
            if not link.cands and container.kind in ("admin1", "admin2"):
                inside = [c for c in link.fuzzy if _inside(c, container, self.units.former)]
            if not inside and bracketed:
                # "X (Y, Z)" says Y is in Z's country at least, and in its region when the
                # run names one: a same-name place in another region loses to the unit
                regions = {c.admin1 for _l, c in chain if c is not None and c.kind != "city"}
                regions.discard("")
                inside = [
                    c
                    for c in link.cands
                    if c.cc == container.cc
                    and c.kind == "city"
                    and (not regions or c.admin1 in regions)
                ]
            got = self.choose(inside, link.level >= 2, container) if inside else None
            if (
                got is None
                and link.cands
                and not bracketed
                and not self._alias(link)
                and not self._falls_back(link, container)
                and not (written and k == end - 2 and container is units[0])
            ):
                break
            chain.append((link, got))
            if got is not None:
                container = got
            k -= 1
            if k >= 0 and not self._joined_links(links[k], link):
                break
        if len(chain) < 2:
            return end - 1
        self._settle(chain)
        return k + 1

    def _bracketed(self, inner: Link, outer: Link) -> bool:
        """Are the two names written as "X (Y, Z)" (one of them in the brackets)?"""
        a, b = inner.mention, outer.mention
        if "(" in self.text[a.end : b.start]:
            return True
        left = self.text.rfind("(", max(0, a.start - 100), a.start)
        return left >= 0 and ")" not in self.text[left : b.end]

    def _alias(self, link: Link) -> bool:
        """Is the name bracketed alone after the name before it ("Barangay 4 (Poblacion),
        M")? It is that place's other name, inside the units after the bracket or nowhere."""
        m = link.mention
        return (
            self.text[: m.start].rstrip().endswith("(") and self.text[m.end :].lstrip()[:1] == ")"
        )

    def _joined_links(self, a: Link, b: Link) -> bool:
        return _joined(self.text, a.mention, b.mention, self.units)

    def _readings(self, outer: Link) -> list[Candidate]:
        """The outermost name's readings, units first, best first."""
        pool = list(outer.cands)
        out: list[Candidate] = []
        for _ in range(TOP_UNITS):
            got = self.choose(pool, True, None) if pool else None
            if got is None:
                break
            out.append(got)
            pool = [c for c in pool if c.gid != got.gid]
        return out

    def _inside_any(self, link: Link, unit: Candidate) -> bool:
        return any(_inside(c, unit, self.units.former) for c in link.cands)

    def _may_contain(self, unit: Candidate, outer: Link, inner: Link) -> bool:
        """A town contains the name before it only when written as a unit ("M town",
        "Batangas City") or when that name is unknown to the gazetteer."""
        if unit.kind != "city":
            return True
        written = outer.level >= 2 or "city" in outer.mention.place_name.lower().split()
        # "Brgy. X, M": the village's own unit word says it lies in the town
        return written or not inner.cands or inner.level == 1

    def _falls_back(self, link: Link, unit: Candidate) -> bool:
        """May an inner name with candidates only outside ``unit`` fall back to it? Not a
        big town or a unit as large as the container: those are places of their own."""
        if 0 < link.level < LEVEL.get(unit.kind, 1) or link.level == 1:
            return True  # "barangay X, M town": the text says X lies in M
        for c in link.cands:
            if c.kind != "city" and LEVEL.get(c.kind, 1) >= LEVEL.get(unit.kind, 1):
                return False
            # only at home: a big town of the name abroad ("Poona" is also Pune) is no
            # reason to leave the unit the text names
            if c.kind == "city" and c.pop >= BIG_TOWN_POP and c.cc == unit.cc:
                return False
        return True

    def _settle(self, chain: list[tuple[Link, Candidate | None]]) -> None:
        """chain runs outermost first. Every name but the innermost is a container; a name
        without a place inside its container falls back to that container."""
        admin2 = next((c.name for _l, c in chain if c is not None and c.kind == "admin2"), "")
        last: tuple[Link, Candidate] | None = None
        for i, (link, cand) in enumerate(chain):
            m = link.mention
            m.container = i < len(chain) - 1
            if cand is not None:
                p = self.to_place(cand)
                if admin2 and not p.admin2 and cand.kind == "city":
                    p.admin2 = admin2
                m.place, m.score = p, 1.0
                last = (link, cand)
            elif last is not None:
                m.place, m.score = self._fallback(*last, admin2), 0.6
        return

    def _fallback(self, unit_link: Link, unit: Candidate, admin2: str) -> Place:
        p = replace(self.to_place(unit), feature="fallback")
        if unit.kind == "city":
            p.precision = 2
        elif unit_link.level in (2, 3):
            p.precision = unit_link.level
        else:
            p.precision = max(2, p.precision)
        if admin2 and not p.admin2:
            p.admin2 = admin2
        return p


def _same_region(c: Candidate, unit: Candidate) -> bool:
    # first-level codes are per country: region "10" of the Philippines is not Spain's
    return c.cc == unit.cc and c.admin1 == unit.admin1


def _inside(
    c: Candidate, unit: Candidate, former: dict[tuple[str, str], frozenset[str]] | None = None
) -> bool:
    """Does candidate ``c`` lie in ``unit`` (as far as the gazetteer tells)? ``former``: the
    units carved out of a first-level unit, which reports still place in it."""
    if c.gid == unit.gid:
        # a unit placed at its seat holds that town ("Ilaga district, Puncak regency")
        return c.kind == "city" and unit.kind == "admin2"
    if unit.kind == "city":
        # a village named with its town: another populated place close to it
        return c.kind == "city" and haversine_km(c.lat, c.lon, unit.lat, unit.lon) <= IN_TOWN_KM
    if LEVEL.get(c.kind, 1) >= LEVEL.get(unit.kind, 1):
        return False
    if unit.kind == "region":
        return bool(unit.cc) and c.cc == unit.cc
    if c.cc != unit.cc:
        return False
    if unit.kind == "country":
        return True
    if unit.kind == "admin1":
        return c.admin1 == unit.admin1 or c.admin1 in (former or {}).get((c.cc, unit.admin1), ())
    if unit.kind == "admin2":
        if unit.fcode == REGENCY:
            return haversine_km(c.lat, c.lon, unit.lat, unit.lon) <= REGENCY_KM
        if unit.fcode == "ISO2":
            return c.admin1 == unit.admin1  # only the region's centre is known
        # a real point: distance decides (the regions of cities500 and ISO 3166-2 disagree
        # where units moved from one region to another)
        return haversine_km(c.lat, c.lon, unit.lat, unit.lon) <= IN_ADMIN2_KM
    return False
