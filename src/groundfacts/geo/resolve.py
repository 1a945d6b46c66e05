"""Choosing among candidate places with what the document says (countries, regions, places)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from groundfacts.geo.candidates import EXACT, LOOSE, Candidate
from groundfacts.geo.distance import haversine_km

# Weights of the evidence (a score, not a probability; tuned on made-up and public cases).
W_MATCH = 2.0
W_COUNTRY_NAME = 1.0  # a name that is a country's name is the country
W_HINT = 1.5  # the caller's country hint
W_DOC_COUNTRY = 1.2  # times the share of the document's country evidence
W_DOC_ADMIN1 = 0.4
W_POP = 0.12  # times log10(population)
# "Jayapura" is Jayapura, not Jaipur (whose Sanskrit alternate name it also is): a place named
# by its own name beats one named by an alternate name, larger or not
W_PRIMARY = 0.8
W_ADMIN_CUE = 0.6  # "... province": prefer the admin unit
W_TOWN_DEFAULT = 0.15  # otherwise prefer the town over the region of the same name
W_PAREN_HINT = 1.0  # "(Markoye, Oudalan)" names this candidate's district/region
# A bare name that is a country, a region or a first-level unit means that unit
# ("California" is the state, not a town in Maryland), unless the unit is named after a town
# inside it ("Aleppo", "New York") or a town of the name is this large (Washington).
W_UNIT = 1.5
NAMESAKE_POP = 300_000
SEAT_POP = 50_000  # a town this large inside a unit of its name is the unit's seat
# A city far larger than every other place of its name is the one the press means unless
# the context says otherwise ("London", "Rome", "Washington").
W_PROMINENT = 0.8
PROMINENT_POP = 500_000
PROMINENT_RATIO = 20
NEAR_BONUS = ((30.0, 0.6), (100.0, 0.4), (300.0, 0.2))

# Evidence that pins a document to a country (summed per country; STRONG_MIN makes it binding):
# its second-level units or the country named. Towns and demonyms ("French forces", "Dutch
# airline") only weigh in the shares: international news names them freely.
E_ADMIN = 2.0
E_COUNTRY = 1.5
E_DEMONYM = 0.5  # per demonym used, in the shares
STRONG_MIN = 1.0
# In a pinned document a place abroad survives only when it matches exactly and is this
# large (the press names big towns without their country); small ones are more likely a
# local village the gazetteer lacks that shares a foreign town's name.
ABROAD_POP = 50_000
# With no binding evidence, a fuzzy match abroad is believed only for a large place.
FUZZY_ALONE_POP = 1_000_000
# A name matched only loosely ("Ghouta" ~ "Gotha") outside the countries the document is
# about is another name, unless the place is this large ("Kiev" for Kyiv).
LOOSE_ABROAD_POP = 100_000
LOOSE_NEAR_KM = 300.0  # a loose spelling of a place near one the document names is believed

PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}


@dataclass(slots=True)
class DocContext:
    """What one document says about where it is: country shares, regions, known points."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    hint: str | None = None
    # Binding evidence per country (admin units, country names, demonyms, big towns).
    strong: dict[str, float] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)  # countries the text names outright
    evident: set[str] = field(default_factory=set)  # countries a name matches exactly
    # distinct known points in order of first appearance, brought up to date as ``points``
    # grows (long documents repeat places; a rebuild per new point was quadratic)
    _distinct: list[tuple[float, float]] = field(default_factory=list)
    _seen: set[tuple[float, float]] = field(default_factory=set)
    _counted: int = 0

    def distinct_points(self) -> list[tuple[float, float]]:
        if self._counted != len(self.points):
            if self._counted > len(self.points):  # replaced by a shorter list: start again
                self._distinct, self._seen, self._counted = [], set(), 0
            for p in self.points[self._counted :]:
                if p not in self._seen:
                    self._seen.add(p)
                    self._distinct.append(p)
            self._counted = len(self.points)
        return self._distinct

    def allowed(self) -> set[str]:
        """Countries a place of this document may lie in; empty when nothing is binding."""
        out = {cc for cc, w in self.strong.items() if w >= STRONG_MIN} | self.named
        if self.hint:
            out.add(self.hint)
        return out

    def main_country(self) -> str | None:
        if self.hint:
            return self.hint
        allowed = self.allowed()
        if self.countries:
            cc, share = max(sorted(self.countries.items()), key=lambda kv: kv[1])
            if share >= 0.4 and (not allowed or cc in allowed):
                return cc
        pinned = {cc: w for cc, w in self.strong.items() if w >= STRONG_MIN}
        if pinned:
            # Binding evidence outweighs towns whose names happen to exist abroad.
            return max(
                sorted(pinned.items()), key=lambda kv: (kv[1], self.countries.get(kv[0], 0.0))
            )[0]
        return None


def add_country_evidence(
    counts: dict[str, float],
    cands: Sequence[Candidate],
    strong: dict[str, float] | None = None,
    named: set[str] | None = None,
    evident: set[str] | None = None,
) -> None:
    """Count one mention's evidence: a country name fully, an ambiguous town a little.
    ``strong``/``named`` collect the binding evidence (see :meth:`DocContext.allowed`),
    ``evident`` the countries that some name matches exactly."""
    exact = [c for c in cands if c.match >= LOOSE]
    if not exact:
        return
    if evident is not None:
        evident.update(c.cc for c in exact if c.match >= EXACT and c.cc)
    countries = [c for c in exact if c.kind == "country"]
    if countries:
        # A country named is often an actor ("Russia struck..."); its towns say more about
        # where the story is.
        counts[countries[0].cc] = counts.get(countries[0].cc, 0.0) + 0.5
        if named is not None:
            named.add(countries[0].cc)
        if strong is not None:
            strong[countries[0].cc] = strong.get(countries[0].cc, 0.0) + E_COUNTRY
        return
    admins = {c.cc: c.kind for c in exact if c.kind in ("admin1", "admin2") and c.cc}
    if admins:
        # A unit ("Soum", "Oudalan") places the story in its country far more surely than a
        # town of the same name. Only second-level units pin it: first-level names are
        # often towns too ("Nelson", "Washington") in international news.
        for cc, kind in admins.items():
            counts[cc] = counts.get(cc, 0.0) + E_ADMIN / len(admins)
            if strong is not None and kind == "admin2":
                strong[cc] = strong.get(cc, 0.0) + E_ADMIN / len(admins)
        return
    top = max(exact, key=lambda c: c.pop)
    ccs = {c.cc for c in exact}
    others = [c.pop for c in exact if c.cc != top.cc]
    if len(ccs) == 1 or (top.pop > 20 * max(others, default=0) and top.pop >= 50_000):
        counts[top.cc] = counts.get(top.cc, 0.0) + 1.0
    else:
        for cc in sorted(ccs):  # sorted: ties must not depend on the hash seed
            counts[cc] = counts.get(cc, 0.0) + 0.3 / len(ccs)


def shares(counts: dict[str, float]) -> dict[str, float]:
    total = sum(counts.values())
    return {cc: v / total for cc, v in counts.items()} if total else {}


def score(
    c: Candidate,
    ctx: DocContext,
    *,
    admin_cue: bool = False,
    hint_points: Sequence[tuple[float, float]] = (),
    hint_admin1: Sequence[tuple[str, str]] = (),
) -> float:
    s = W_MATCH * c.match
    if c.primary and c.kind == "city" and not admin_cue:
        s += W_PRIMARY
    if c.kind in ("country", "region") and c.match >= LOOSE:
        s += W_COUNTRY_NAME
    if ctx.hint and c.cc == ctx.hint:
        s += W_HINT
    s += W_DOC_COUNTRY * ctx.countries.get(c.cc, 0.0)
    if (c.cc, c.admin1) in ctx.admin1 and c.kind != "admin1":
        s += W_DOC_ADMIN1
    s += W_POP * math.log10(c.pop + 1)
    if c.kind in ("admin1", "admin2"):
        s += W_ADMIN_CUE if admin_cue else -W_TOWN_DEFAULT
    elif admin_cue and c.kind == "city":
        s -= W_ADMIN_CUE / 2
    if ctx.points:
        d = min(
            (
                haversine_km(c.lat, c.lon, la, lo)
                for la, lo in ctx.distinct_points()
                if abs(la - c.lat) + abs(lo - c.lon) > 1e-3
            ),
            default=math.inf,
        )
        for limit, bonus in NEAR_BONUS:
            if d < limit:
                s += bonus
                break
    if (c.cc, c.admin1) in hint_admin1:
        s += W_PAREN_HINT
    elif any(haversine_km(c.lat, c.lon, la, lo) < 60 for la, lo in hint_points):
        s += W_PAREN_HINT * 0.8
    return s


def choose(
    cands: Sequence[Candidate],
    ctx: DocContext,
    *,
    admin_cue: bool = False,
    bare: bool = False,
    hint_points: Sequence[tuple[float, float]] = (),
    hint_admin1: Sequence[tuple[str, str]] = (),
) -> tuple[Candidate, float] | None:
    """The best candidate, or None when only weak matches remain that the context rejects.
    ``bare``: the name stands alone (no "town", "village" beside it), so a unit of that
    name is meant before a town (see W_UNIT)."""
    if not cands:
        return None
    known = set(ctx.countries) | ({ctx.hint} if ctx.hint else set())
    pool = list(cands)
    allowed = ctx.allowed()
    if ctx.hint:
        # The caller said where the document is: a place abroad only in a country the text
        # names ("Central" is no province of Zambia in a report from Jakarta).
        pool = [c for c in pool if c.cc == ctx.hint or c.cc in ctx.named or not c.cc]
    elif allowed:
        # The document is pinned to some countries: places elsewhere lose (an unknown
        # village then falls back to the unit it was named with) unless they are not
        # places in a country at all (continents) or are those countries themselves.
        pool = [
            c
            for c in pool
            if c.cc in allowed or not c.cc or (c.match >= EXACT and c.pop >= ABROAD_POP)
        ]
    exact_known = ctx.evident | ctx.named | ({ctx.hint} if ctx.hint else set())
    pool = [c for c in pool if _plausible(c, ctx, known, exact_known)]
    if not pool:
        return None
    scored = [
        (score(c, ctx, admin_cue=admin_cue, hint_points=hint_points, hint_admin1=hint_admin1), c)
        for c in pool
    ]
    if bare:
        meant = _units_meant(pool, ctx.hint)
        scored = [(s + W_UNIT if c.gid in meant else s, c) for s, c in scored]
    # the largest town of the name (a state or region of the name is no rival for it:
    # "Oklahoma" is the state or its capital, not a hamlet of the name elsewhere)
    big = max(pool, key=lambda c: (c.kind == "city", c.pop))
    if (
        not admin_cue  # "Ar Raqqah province" is the unit, however large its town
        and big.kind == "city"
        and big.match >= EXACT
        and big.pop >= PROMINENT_POP
    ):
        others = [c for c in pool if c.gid != big.gid and c.kind == "city"]
        rest = max((c.pop for c in others), default=0)
        if big.pop >= PROMINENT_RATIO * max(rest, 1) and not any(
            _local(c, ctx, hint_admin1) for c in others
        ):
            scored = [(s + W_PROMINENT if c.gid == big.gid else s, c) for s, c in scored]
    best_s, best = max(scored, key=lambda t: (t[0], t[1].pop))
    main = ctx.main_country()
    small_abroad = best.kind == "city" and best.pop < 20_000 and best.cc not in known
    if main and best.cc != main and small_abroad:
        # A small place abroad in a document about one country: more likely an unknown local
        # place with a common name; let the caller fall back to a known larger unit.
        return None
    return best, best_s


def _units_meant(pool: Sequence[Candidate], hint: str | None) -> set[int]:
    """The candidates a bare name means (see W_UNIT): its units, and a second-level unit
    of the country the caller says the document is about ("in Cavite": the province, not
    a hamlet elsewhere; a unit named like a town inside it is placed at that town)."""
    out = {c.gid for c in pool if _unit_meant(c, pool)}
    out |= {
        c.gid
        for c in pool
        if c.kind == "admin2" and c.match >= LOOSE and hint is not None and c.cc == hint
    }
    return out


def _unit_meant(c: Candidate, pool: Sequence[Candidate]) -> bool:
    """Is ``c`` a unit that its bare name means (see W_UNIT)?"""
    if c.match < LOOSE or c.kind not in ("country", "region", "admin1"):
        return False
    if c.kind != "admin1":
        return True
    return not any(t.kind == "city" and t.match >= LOOSE and _namesake(t, c) for t in pool)


def _namesake(t: Candidate, unit: Candidate) -> bool:
    """Does town ``t`` take its unit's bare name? A town of the name inside it, large
    enough to be its seat ("Aleppo", "Mopti", "New York"), or a large town of the name
    elsewhere ("Washington")."""
    if (t.cc, t.admin1) == (unit.cc, unit.admin1) and t.pop >= SEAT_POP:
        return True
    return t.match >= EXACT and t.pop >= NAMESAKE_POP


def _plausible(c: Candidate, ctx: DocContext, known: set[str], exact_known: set[str]) -> bool:
    """A match stays a candidate when it is exact; a loose or fuzzy one ("Ghouta" ~ a town
    named Gotha) only where the document is: the caller's country, near a place the document
    names, or, with no such points, a country that names of the document match exactly (a
    loose match voting for its own country proves nothing); else when large enough to be
    meant from afar."""
    if c.match >= EXACT or not c.cc or c.cc == ctx.hint:
        return True
    # the points of other places (the candidate's own point proves nothing)
    pts = [(la, lo) for la, lo in ctx.distinct_points() if abs(la - c.lat) + abs(lo - c.lon) > 1e-3]
    if pts:
        local = any(haversine_km(c.lat, c.lon, la, lo) <= LOOSE_NEAR_KM for la, lo in pts)
    else:
        local = c.cc in exact_known
    if local:
        return True
    if c.match >= LOOSE:
        return not exact_known or c.pop >= LOOSE_ABROAD_POP
    return not known and c.pop >= FUZZY_ALONE_POP


LOCAL_KM = 100.0


def _local(c: Candidate, ctx: DocContext, hint_admin1: Sequence[tuple[str, str]]) -> bool:
    """Does the document point at this candidate: its region named, or a place near it?"""
    if (c.cc, c.admin1) in ctx.admin1 or (c.cc, c.admin1) in hint_admin1:
        return True
    return any(
        haversine_km(c.lat, c.lon, la, lo) < LOCAL_KM
        for la, lo in ctx.distinct_points()
        if abs(la - c.lat) + abs(lo - c.lon) > 1e-3
    )
