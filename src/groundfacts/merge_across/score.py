"""The pair score: how strongly two reports read as one real event, part by part.

Every part (type, actors, place, date, casualties) gives a score and a reason; a veto (another
country, too far apart, too many days apart, incompatible types, one document) stops the
pair whatever else agrees. The weights are :class:`~groundfacts.merge_across.rules.MergeRules`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field

from groundfacts.merge_across.rules import MergeRules
from groundfacts.records import EVENT_TYPES, Event

_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
# ACLED sub-event types whose two sides act on each other, so reports may name them in
# either order.
_SYMMETRIC = frozenset({"Armed clash", "Mob violence", "Violent demonstration"})

# Actor kinds, from the least to the most specific (the merged record keeps the most specific).
EMPTY, UNIDENTIFIED, GENERIC, STATE, UNIT, NAMED = range(6)


@dataclass(slots=True)
class Part:
    name: str
    score: float
    reason: str


@dataclass(slots=True)
class PairScore:
    """The comparison of two reports: its parts, their sum, and a veto if one applies."""

    score: float = 0.0
    parts: list[Part] = field(default_factory=list)
    veto: str = ""

    def add(self, name: str, score: float, reason: str) -> None:
        self.parts.append(Part(name, round(score, 3), reason))
        self.score = round(self.score + score, 3)

    def part(self, name: str) -> float:
        return sum(p.score for p in self.parts if p.name == name)

    def joins(self, rules: MergeRules) -> bool:
        """Whether the pair, on its own, reads as one event."""
        if self.veto or self.score < rules.threshold - 1e-9:
            return False
        return any(self.part(n) >= rules.require_min - 1e-9 for n in rules.require_any)

    def weakly_joins(self, rules: MergeRules) -> bool:
        """Whether the pair may join when it is the only reading (rules.unambiguous)."""
        return not self.veto and self.score >= rules.unambiguous - 1e-9

    def describe(self) -> str:
        if self.veto:
            return f"not joined: {self.veto}"
        return "; ".join(f"{p.name} {p.score:+.2f} ({p.reason})" for p in self.parts) + (
            f" = {self.score:.2f}"
        )


def actor_key(name: str) -> str:
    """An actor name without its year ranges, lower case: how reports are compared."""
    return " ".join(_YEARS.sub("", name).split()).casefold()


def actor_kind(name: str, rules: MergeRules) -> int:
    if not name:
        return EMPTY
    w = rules.actors
    if name.startswith(w.unidentified_prefixes):
        return UNIDENTIFIED
    if name.startswith(w.generic_prefixes):
        return GENERIC
    if name.startswith(w.state_prefixes):
        # a unit is written after the state's name and period: "Police Forces of X (..) Customs"
        m = _YEARS.search(name)
        return UNIT if m and name[m.end() :].strip() else STATE
    return NAMED


def _state_parts(name: str, rules: MergeRules) -> tuple[str, str]:
    """(branch, the rest: country and unit) of a state force's name, compared lower case."""
    prefix = next(p for p in rules.actors.state_prefixes if name.startswith(p))
    return prefix.casefold(), actor_key(name[len(prefix) :])


def _within(a: str, b: str) -> bool:
    """Whether one name is the other or the other followed by more words."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _one_of(either: str, one: str, joiners: tuple[str, ...]) -> bool:
    """Whether ``either`` attributes to several groups ("A and/or B") and ``one`` is one of them."""
    parts = [either]
    for joiner in joiners:
        parts = [q for p in parts for q in p.split(joiner)]
    return len(parts) > 1 and actor_key(one) in {actor_key(p) for p in parts}


def actor_side(a: str, b: str, rules: MergeRules, *, target: bool = False) -> tuple[float, str]:
    """The score of two actors named on one side of two reports, with the reason; on the
    ``target`` side (actor2) civilians against a state force count less against (reports,
    and their readings, disagree most on who the dead were)."""
    w = rules.actors
    ka, kb = actor_kind(a, rules), actor_kind(b, rules)
    if ka == EMPTY or kb == EMPTY:
        return w.unknown, "one side unknown"
    if actor_key(a) == actor_key(b):
        if ka == NAMED:
            return w.same_named, f"both {a}"
        if ka in (STATE, UNIT):
            return w.same_state, f"both {a}"
        if ka == GENERIC:
            return w.same_generic, f"both {a}"
        return w.unidentified, "both unidentified"
    if UNIDENTIFIED in (ka, kb) and (NAMED in (ka, kb) or ka == kb):
        return w.unidentified, "a named group and an unidentified one"
    if UNIDENTIFIED in (ka, kb) and (STATE in (ka, kb) or UNIT in (ka, kb)):
        return w.unidentified_state, "an unidentified armed group and a state force"
    if ka in (STATE, UNIT) and kb in (STATE, UNIT):
        pa, ra = _state_parts(a, rules)
        pb, rb = _state_parts(b, rules)
        if pa == pb and _within(ra, rb):
            return w.unit_of_role, "a state force and a unit of it"
        if _within(ra, rb):
            return w.other_branch, "two branches of one state"
        return w.different_kind, "forces of two states"
    if ka == GENERIC and kb == GENERIC:
        pa = next(p for p in w.generic_prefixes if a.startswith(p))
        if b.startswith(pa):
            return w.unknown, "the same kind of crowd, another country"
        same_country = a[a.find("(") :] == b[b.find("(") :]
        if same_country and a.startswith(w.crowd_prefixes) and b.startswith(w.crowd_prefixes):
            return w.same_crowd, "protesters in one report, rioters in the other"
        return w.different_kind, f"{a} against {b}"
    if ka == NAMED and kb == NAMED:
        if _one_of(a, b, w.either_joiners) or _one_of(b, a, w.either_joiners):
            return (
                w.one_of_named,
                f"{b if len(a) > len(b) else a}, one of the groups the other names",
            )
        return w.different_named, f"{a} against {b}"
    if target and {ka, kb} <= {GENERIC, STATE, UNIT}:
        return w.different_victims, f"{a} against {b}"
    return w.different_kind, f"{a} against {b}"


def _actors(e: Event, f: Event, rules: MergeRules) -> tuple[float, str, float]:
    """(score of both sides, reason, score of the target side alone)."""

    def sides(x1: str, x2: str) -> tuple[float, str, float]:
        s1, r1 = actor_side(e.actor1, x1, rules)
        s2, r2 = actor_side(e.actor2, x2, rules, target=True)
        return s1 + s2, f"actor1: {r1}; actor2: {r2}", s2

    best = sides(f.actor1, f.actor2)
    if e.sub_event_type in _SYMMETRIC and f.sub_event_type in _SYMMETRIC:
        swapped = sides(f.actor2, f.actor1)
        if swapped[0] > best[0]:
            best = (swapped[0], "sides swapped: " + swapped[1], swapped[2])
    return best


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _norm(name: str) -> str:
    """A resolved place name compared without case or accents (gazetteers differ in both)."""
    if name.isascii():
        return name.casefold().strip()
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


# Levels of a report's place.
TOWN, DISTRICT, PROVINCE, COUNTRY, NOWHERE = range(5)


def _spelled_alike(a: str, b: str, ratio: float) -> bool:
    """Two names of some length that differ by a letter or two, as transliterations do."""
    if ratio <= 0 or min(len(a), len(b)) < 6:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= ratio


def place_level(e: Event) -> int:
    if e.latitude is None or e.longitude is None:
        return COUNTRY if e.iso else NOWHERE
    if (e.geo_precision or 1) < 3:
        return TOWN
    loc = _norm(e.location)
    if e.admin2 and loc == _norm(e.admin2):
        return DISTRICT
    if e.admin1 and loc == _norm(e.admin1):
        return PROVINCE
    if loc and loc == _norm(e.country):
        return COUNTRY
    # a place the gazetteer lacks, put at the larger unit named with it
    return DISTRICT if e.admin2 else PROVINCE if e.admin1 else COUNTRY


def own_name(e: Event) -> str:
    """The name of a place the gazetteer lacks, kept by a report placed at the unit around
    it ("Barangay Tunga" at its province), compared without case or accents; else ""."""
    if e.latitude is None or (e.geo_precision or 1) < 3:
        return ""
    loc = _norm(e.location)
    return "" if loc in {_norm(e.admin1), _norm(e.admin2), _norm(e.country), ""} else loc


def town_radius(e: Event, f: Event, rules: MergeRules) -> float:
    """How far apart two town-level reports of one event may lie."""
    near = (e.geo_precision or 1) >= 2 or (f.geo_precision or 1) >= 2
    return rules.km * (rules.near_factor if near else 1.0)


def _place(e: Event, f: Event, rules: MergeRules) -> tuple[float, str, str]:
    """(score, reason, veto)."""
    w = rules.place
    if e.iso and f.iso and e.iso != f.iso:
        return 0.0, "", f"another country ({e.iso} / {f.iso})"
    le, lf = place_level(e), place_level(f)
    if NOWHERE in (le, lf) or (le == COUNTRY and lf == COUNTRY and e.latitude is None):
        return w.no_place, "one report has no place", ""
    # two towns either side of a provincial border may be near, and gazetteers disagree on
    # which province holds a district; a province holds only its own towns
    if (
        e.admin1
        and f.admin1
        and _norm(e.admin1) != _norm(f.admin1)
        and (max(le, lf) >= PROVINCE or e.latitude is None or f.latitude is None)
    ):
        return 0.0, "", f"another province ({e.admin1} / {f.admin1})"
    if e.latitude is None or f.latitude is None or e.longitude is None or f.longitude is None:
        return w.country, "only the country on one side", ""
    km = km_between(e.latitude, e.longitude, f.latitude, f.longitude)
    if le == TOWN and lf == TOWN:
        if (e.geonameid and e.geonameid == f.geonameid) or km <= 1.0:
            return w.same, f"the same place ({e.location or f.location})", ""
        radius = town_radius(e, f, rules)
        if km > radius:
            return 0.0, "", f"{km:.0f} km apart (limit {radius:.0f})"
        score = w.same - (w.same - w.far) * (km / radius)
        return score, f"{e.location} and {f.location}, {km:.1f} km apart", ""
    coarse, fine = (e, f) if le >= lf else (f, e)
    lc, lfine = max(le, lf), min(le, lf)
    ne, nf = own_name(e), own_name(f)
    if ne and nf:
        # two places the gazetteer lacks, each put at the unit around it: their names are
        # all that tells them apart (village names are not translated)
        # the same name, or the same last word ("Barangay Tunga" and "Tunga": the word for
        # the kind of place comes first in the languages the packs read)
        if ne == nf or ne.split()[-1] == nf.split()[-1]:
            return w.district, f"both at {e.location} (not in the gazetteer)", ""
        if _spelled_alike(ne, nf, w.spelling_ratio):
            # transliterations of one name ("Barsalogo" / "Barsalogho")
            return w.district, f"{e.location} and {f.location}, one name spelled two ways", ""
        return w.other_places, f"{e.location} and {f.location}, neither in the gazetteer", ""
    named = ne or nf
    if named and lfine == TOWN and _norm(fine.location) not in (named, named.split()[-1]):
        # a place the gazetteer lacks, put at its province, and a town of another name: two
        # named places, and nothing says one holds the other
        return w.other_places, f"{coarse.location} (not in the gazetteer) and {fine.location}", ""
    if lc == DISTRICT:
        if lfine == DISTRICT:
            if km <= 1.0 or (e.admin2 and _norm(e.admin2) == _norm(f.admin2)):
                return w.district, f"both in {coarse.location}", ""
            return 0.0, "", f"two districts ({e.location} / {f.location})"
        contained = (
            _norm(fine.admin2) == _norm(coarse.admin2)
            if fine.admin2 and coarse.admin2
            else km <= rules.district_km
        )
        if not contained:
            if not fine.admin2 and fine.admin1 and _norm(fine.admin1) == _norm(coarse.admin1):
                # the gazetteer does not say which district holds the town (and a district's
                # point may be far from its towns): they agree on the province only
                return w.province, f"{fine.location} and {coarse.location}, in {fine.admin1}", ""
            return 0.0, "", f"{fine.location} is not in {coarse.location} ({km:.0f} km)"
        return w.district, f"{fine.location} in {coarse.location}", ""
    if lc == PROVINCE:
        if lfine == TOWN and _norm(coarse.location) == _norm(fine.location):
            # a town and the province named after it ("Kherson"): the town, read coarsely
            return w.district, f"{fine.location}, and the province of its name", ""
        if not (e.admin1 and f.admin1):
            return w.country, "the province on one side, none on the other", ""
        return w.province, f"{fine.location} in {coarse.admin1}", ""
    return w.country, "only the country on one side", ""


def day_of(e: Event) -> int | None:
    try:
        return dt.date.fromisoformat(e.event_date).toordinal() if e.event_date else None
    except ValueError:
        return None


def days_allowed(e: Event, f: Event, rules: MergeRules) -> int:
    coarse = max(e.time_precision or 1, f.time_precision or 1)
    return max(rules.days, rules.precision_days.get(coarse, 0))


def _date(e: Event, f: Event, rules: MergeRules) -> tuple[float, str, str]:
    de, df = day_of(e), day_of(f)
    if de is None or df is None:
        return 0.0, "", "no date on one side"
    gap = abs(de - df)
    allowed = days_allowed(e, f, rules)
    if gap > allowed:
        return 0.0, "", f"{gap} days apart (limit {allowed})"
    w = rules.date
    if max(e.time_precision or 1, f.time_precision or 1) == 1:
        what = "the same day" if gap == 0 else f"{gap} day{'s' if gap > 1 else ''} apart"
        return w.same_day - w.per_day * gap, what, ""
    return w.coarse * (1 - gap / (allowed + 1)), f"{gap} days apart, one dated loosely", ""


def _casualties(e: Event, f: Event, rules: MergeRules) -> tuple[float, str]:
    w = rules.casualties
    a, b = sorted((e.fatalities or 0, f.fatalities or 0))
    if a == 0:
        return 0.0, "a toll on one side at most"
    if a == b:
        return w.same, f"{a} killed in both"
    if a / b >= w.close_ratio or b - a <= w.close_abs:
        return w.close, f"{a} and {b} killed"
    if a / b < w.far_ratio and b - a > w.far_abs:
        return w.far, f"{a} and {b} killed"
    return 0.0, f"{a} and {b} killed"


def _type(e: Event, f: Event, rules: MergeRules) -> tuple[float, str, bool]:
    """(score, reason, whether the targets must agree); a None-like veto is score < 0."""
    if e.sub_event_type == f.sub_event_type:
        return rules.same_sub_event, f"both {e.sub_event_type}", False
    reading = rules.reading(e.sub_event_type, f.sub_event_type)
    if reading is not None:
        return reading.score, f"{e.sub_event_type} / {f.sub_event_type}", reading.same_target
    etype = EVENT_TYPES.get(e.sub_event_type)
    if etype == EVENT_TYPES.get(f.sub_event_type) and etype in rules.same_event_type:
        return (
            rules.same_event_type[etype],
            f"{e.sub_event_type} / {f.sub_event_type}, both {etype}",
            False,
        )
    return -1.0, f"{e.sub_event_type} / {f.sub_event_type}", False


def coincide(e: Event, f: Event, rules: MergeRules) -> bool:
    """Whether two events of one document are one report read two ways (a sentence whose
    attacker or target extraction read twice): compatible types, the same day, the same
    place or one holding the other. Such a pair neither joins nor parts a cluster; each
    reading is compared with the other reports."""
    if e.doc_id != f.doc_id or e.event_id == f.event_id:
        return False
    de = day_of(e)
    if de is None or de != day_of(f) or _type(e, f, rules)[0] < 0:
        return False
    place, _, veto = _place(e, f, rules)
    return not veto and place >= rules.place.district - 1e-9


def score_pair(e: Event, f: Event, rules: MergeRules) -> PairScore:
    """How strongly two reports read as one event (see the module's docstring)."""
    out = PairScore()
    if e.doc_id == f.doc_id:
        out.veto = (
            "one report read two ways (one document, the same place and day)"
            if coincide(e, f, rules)
            else "one document (its events are merged within it)"
        )
        return out
    t, reason, same_target = _type(e, f, rules)
    if t < 0:
        out.veto = f"incompatible types ({reason})"
        return out
    date, date_reason, veto = _date(e, f, rules)
    if veto:
        out.veto = veto
        return out
    place, place_reason, veto = _place(e, f, rules)
    if veto:
        out.veto = veto
        return out
    actors, actors_reason, target = _actors(e, f, rules)
    if same_target and target <= 0:
        out.veto = f"{reason} on different targets ({actors_reason})"
        return out
    toll, toll_reason = _casualties(e, f, rules)
    if (
        rules.readings_close_tolls
        and e.sub_event_type != f.sub_event_type
        and rules.reading(e.sub_event_type, f.sub_event_type) is not None
        and e.fatalities
        and f.fatalities
        and toll < rules.casualties.close - 1e-9
    ):
        out.veto = f"{reason} with other tolls ({toll_reason})"
        return out
    out.add("type", t, reason)
    out.add("actors", actors, actors_reason)
    out.add("place", place, place_reason)
    out.add("date", date, date_reason)
    out.add("casualties", toll, toll_reason)
    return out
