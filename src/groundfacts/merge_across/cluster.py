"""Clusters of reports: blocking by place and date, then complete-linkage agglomeration.

A batch of new reports is compared only with reports it could be one event with (blocking:
compatible sub-event types, days within reach, a grid cell nearby for a report placed at a
town, the same province or country for one placed only at a region). Pairs that read as
one event (:meth:`PairScore.joins`) are taken strongest first; two clusters join only when
every report of one joins every report of the other (complete linkage), so clusters never
chain across distant places or dates. Two events of one document never pair, but when
they are one report read two ways (the same place and day, compatible types) they may sit in
one cluster, each reading compared with the other reports. Clusters seeded from the store
keep their ids and take new reports, but two stored clusters are never joined (``merge
--rebuild`` redoes all). The result does not depend on the order the reports come in.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from groundfacts.merge_across.record import MergedEvent
from groundfacts.merge_across.rules import MergeOptions
from groundfacts.merge_across.score import (
    TOWN,
    PairScore,
    coincide,
    day_of,
    place_level,
    score_pair,
)
from groundfacts.records import Event

_KM_PER_DEG = 111.2
# Grid cells for blocking town-level reports, in degrees.
CELL_DEG = 0.5


def _order(e: Event) -> tuple[str, str, str]:
    return (e.event_date, e.doc_id, e.event_id)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def grid_cell(lat: float, lon: float) -> tuple[int, int]:
    """The blocking grid cell of a point."""
    return (math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG))


def cells_around(lat: float, lon: float, radius_km: float) -> list[tuple[int, int]]:
    """The grid cells that hold every point within ``radius_km`` of (lat, lon)."""
    ci, cj = grid_cell(lat, lon)
    n_lat = math.ceil(radius_km / (CELL_DEG * _KM_PER_DEG))
    # the cell edge farthest from the equator sets how wide a degree of longitude is
    edge = min(89.0, abs(lat) + CELL_DEG * (n_lat + 1))
    cos = max(0.05, math.cos(math.radians(edge)))
    n_lon = math.ceil(radius_km / (CELL_DEG * _KM_PER_DEG * cos))
    return [(ci + i, cj + j) for i in range(-n_lat, n_lat + 1) for j in range(-n_lon, n_lon + 1)]


def merged_id_for(first: Event) -> str:
    """A cluster's id: derived from its first report, so it is stable as reports join."""
    return f"m-{first.event_id}"


class CrossDocMerger:
    """Clusters of reports; seed it with stored clusters to merge new reports incrementally."""

    def __init__(self, options: MergeOptions | None = None) -> None:
        self.options = options or MergeOptions()
        self.rules = self.options.resolved()
        self.clusters: dict[str, MergedEvent] = {}
        self._cluster_of: dict[str, str] = {}
        self._events: dict[str, Event] = {}
        self._kept: set[str] = set()
        self._partners: dict[str, frozenset[str]] = {}  # sub-event type -> compatible ones
        self._radius = self.rules.km * self.rules.near_factor
        # (sub-event type, loosely dated?, area) -> day -> event ids. The area is a grid
        # cell for a town-level report ("cells"), the province for one placed only at a
        # region ("regions"); "provinces" holds every report by province, so a region-level
        # report finds the towns in it.
        self._cells: dict[tuple[object, ...], dict[int, list[str]]] = defaultdict(dict)
        self._regions: dict[tuple[object, ...], dict[int, list[str]]] = defaultdict(dict)
        self._provinces: dict[tuple[object, ...], dict[int, list[str]]] = defaultdict(dict)

    # ---- building -----------------------------------------------------------------------

    def seed(self, merged_id: str, members: Sequence[Event]) -> None:
        """Load a cluster merged earlier (e.g. from the store) so new reports can join it."""
        self.clusters[merged_id] = MergedEvent(merged_id, list(members))
        self._kept.add(merged_id)
        for m in members:
            self._cluster_of[m.event_id] = merged_id
            self._register(m)

    def add(self, e: Event) -> str:
        """Put one report in its cluster (a new one if none fits); returns the cluster id."""
        return self.extend([e])[0]

    def extend(self, events: Iterable[Event]) -> list[str]:
        """Merge a batch of new reports; returns each one's cluster id, in input order."""
        new = list(events)
        fresh = [e for e in sorted(new, key=_order) if e.event_id not in self._cluster_of]
        for e in fresh:
            self._events[e.event_id] = e
            self._register(e)
        scores: dict[tuple[str, str], PairScore] = {}
        strong: list[tuple[bool, float, str, str]] = []
        weak: list[tuple[float, str, str]] = []
        # every new report's plausible partners: a weak pair joins only the one reading
        rivals: dict[str, dict[str, float]] = defaultdict(dict)
        rules = self.rules
        for e in fresh:
            for fid in self._candidates(e):
                if fid == e.event_id:
                    continue
                pair = _pair(e.event_id, fid)
                if pair in scores:
                    continue
                ps = self._score(pair, scores)
                if ps.veto or ps.score < rules.rival:
                    continue
                rivals[e.event_id][fid] = ps.score
                rivals[fid][e.event_id] = ps.score
                if ps.joins(rules):
                    # reports join the events already kept before they pair among themselves
                    kept = fid in self._cluster_of
                    strong.append((not kept, -ps.score, *pair))
                elif ps.score >= rules.unambiguous - 1e-9 and TOWN in (
                    place_level(self._events[pair[0]]),
                    place_level(self._events[pair[1]]),
                ):
                    weak.append((-ps.score, *pair))
        # union of clusters, strongest pairs first; a new report starts alone
        group: dict[str, list[Event]] = {}
        where: dict[str, str] = {}
        for e in fresh:
            group[e.event_id] = [e]
            where[e.event_id] = e.event_id

        def members_of(gid: str) -> list[Event]:
            return self.clusters[gid].members if gid in self._kept else group[gid]

        def join(a: str, b: str, weakly: bool) -> None:
            ga, gb = self._group_of(a, where), self._group_of(b, where)
            if ga == gb or (ga in self._kept and gb in self._kept):
                return
            # a weak pair joins only when clearly the best reading: each new report's best
            # partner in the two groups beats any other candidate by the margin
            for x in (a, b) if weakly else ():
                if x in self._cluster_of:
                    continue
                inside = outside = float("-inf")
                for r, sc in rivals[x].items():
                    if self._group_of(r, where) in (ga, gb):
                        inside = max(inside, sc)
                    else:
                        outside = max(outside, sc)
                if inside - outside < rules.margin - 1e-9:
                    return
            ma, mb = members_of(ga), members_of(gb)
            if not self._linked(ma, mb, scores, weakly):
                return
            if gb in self._kept:
                ga, gb, ma, mb = gb, ga, mb, ma
            # gb (never a stored cluster) goes into ga
            ma.extend(mb)
            for m in mb:
                where[m.event_id] = ga
            del group[gb]

        for _new, _neg, a, b in sorted(strong):
            join(a, b, False)
        for _neg, a, b in sorted(weak):
            join(a, b, True)
        for members in group.values():
            members.sort(key=_order)
            cid = merged_id_for(members[0])
            self.clusters[cid] = MergedEvent(cid, members)
            self._kept.add(cid)  # a later batch may add to it, not join it to another
            for m in members:
                where[m.event_id] = cid
        for e in fresh:
            self._cluster_of[e.event_id] = where[e.event_id]
        return [self._cluster_of[e.event_id] for e in new]

    def _group_of(self, event_id: str, where: dict[str, str]) -> str:
        return self._cluster_of.get(event_id) or where[event_id]

    def _score(self, pair: tuple[str, str], scores: dict[tuple[str, str], PairScore]) -> PairScore:
        ps = scores.get(pair)
        if ps is None:
            ps = score_pair(self._events[pair[0]], self._events[pair[1]], self.rules)
            scores[pair] = ps
        return ps

    def _linked(
        self,
        ma: list[Event],
        mb: list[Event],
        scores: dict[tuple[str, str], PairScore],
        weakly: bool = False,
    ) -> bool:
        """Complete linkage: every report of one group joins every report of the other
        (``weakly``: reaches the lower score of an unambiguous join)."""
        for x in ma:
            for y in mb:
                if coincide(x, y, self.rules):
                    continue  # one report read twice: its other reading is compared
                ps = self._score(_pair(x.event_id, y.event_id), scores)
                ok = ps.weakly_joins(self.rules) if weakly else ps.joins(self.rules)
                if not ok:
                    return False
        return True

    # ---- explaining ---------------------------------------------------------------------

    def explain(self, merged_id: str) -> list[tuple[Event, Event, PairScore]]:
        """Every pair of reports in a cluster with its comparison."""
        members = sorted(self.clusters[merged_id].members, key=_order)
        return [
            (a, b, score_pair(a, b, self.rules))
            for i, a in enumerate(members)
            for b in members[i + 1 :]
        ]

    # ---- blocking -----------------------------------------------------------------------

    def _cell(self, e: Event) -> tuple[int, int] | None:
        if e.latitude is None or e.longitude is None or place_level(e) != TOWN:
            return None
        return grid_cell(e.latitude, e.longitude)

    def _register(self, e: Event) -> None:
        self._events[e.event_id] = e
        day = day_of(e)
        if day is None:
            return
        loose = (e.time_precision or 1) > 1
        sub = e.sub_event_type
        self._provinces[(sub, loose, e.iso, e.admin1)].setdefault(day, []).append(e.event_id)
        self._provinces[(sub, loose, e.iso, None)].setdefault(day, []).append(e.event_id)
        cell = self._cell(e)
        if cell is not None:
            self._cells[(sub, loose, cell)].setdefault(day, []).append(e.event_id)
        else:
            self._regions[(sub, loose, e.iso, e.admin1)].setdefault(day, []).append(e.event_id)

    def _partner_types(self, sub: str) -> frozenset[str]:
        found = self._partners.get(sub)
        if found is None:
            found = self._partners[sub] = self.rules.type_partners(sub)
        return found

    def _candidates(self, e: Event) -> list[str]:
        """Reports that could be one event with ``e``."""
        day = day_of(e)
        if day is None:
            return []
        wide = self.rules.reach_days()
        exact = self.rules.days if (e.time_precision or 1) == 1 else wide
        seen: dict[str, None] = {}
        cell = self._cell(e)
        for sub in self._partner_types(e.sub_event_type):
            for loose, reach in ((False, exact), (True, wide)):
                if cell is None or e.latitude is None or e.longitude is None:
                    # a region: every report in its province (the country, when it has none)
                    province = (sub, loose, e.iso, e.admin1 or None)
                    _near(self._provinces.get(province), day, reach, seen)
                    if e.admin1:
                        _near(self._regions.get((sub, loose, e.iso, "")), day, reach, seen)
                    continue
                for c in cells_around(e.latitude, e.longitude, self._radius):
                    _near(self._cells.get((sub, loose, c)), day, reach, seen)
                # regions that may hold it: its province, or its country without one
                _near(self._regions.get((sub, loose, e.iso, e.admin1)), day, reach, seen)
                if e.admin1:
                    _near(self._regions.get((sub, loose, e.iso, "")), day, reach, seen)
                else:
                    _near(self._provinces.get((sub, loose, e.iso, None)), day, reach, seen)
        return list(seen)


def _near(by_day: dict[int, list[str]] | None, day: int, reach: int, seen: dict[str, None]) -> None:
    """Add to ``seen`` the ids filed under days within ``reach`` of ``day``."""
    if not by_day:
        return
    if len(by_day) <= 2 * reach + 1:
        for d, ids in by_day.items():
            if abs(d - day) <= reach:
                seen.update(dict.fromkeys(ids))
    else:
        for d in range(day - reach, day + reach + 1):
            found = by_day.get(d)
            if found:
                seen.update(dict.fromkeys(found))


def merge_events(events: Iterable[Event], options: MergeOptions | None = None) -> list[MergedEvent]:
    """Batch merging: clusters of reports, independent of the order of ``events``."""
    merger = CrossDocMerger(options)
    merger.extend(events)
    return list(merger.clusters.values())
