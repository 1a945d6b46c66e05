"""One event per real event across documents: reports of the same event from several sources.

Two per-document events are reports of one real event when they come from different
documents, have the same sub-event type, their actors do not contradict each other (the
same ACLED actor, or one side unknown or an unidentified armed group), their places lie
within a few kilometres (or, when one is only a region, in the same country and region),
and their dates are at most a day or two apart. At least one of place or actor must
positively agree, so two vague reports do not merge on type and date alone.

A cluster is joined only when the new report is compatible with every report already in it
(complete linkage), so clusters never chain across distant places or dates. The same merger
runs on a batch (:func:`merge_events`) or incrementally (:class:`CrossDocMerger`, seeded
with clusters already stored), and a cluster keeps the id given by its first report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from groundfacts.records import Event, unique_evidence

_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")
_UNIDENTIFIED = "unidentified armed group"
# ACLED's generic actors: the same name in two reports says little about the same event.
_GENERIC = ("civilians (", "protesters (", "rioters (", _UNIDENTIFIED)
# Sub-event types whose two sides act on each other, so a report may name them in either order.
_SYMMETRIC = frozenset({"Armed clash", "Mob violence", "Violent demonstration"})
# How many days a date of coarser precision (ACLED time_precision 2 = a week, 3 = a month)
# may stand from another report's date.
_PRECISION_DAYS = {2: 7, 3: 31}
# Grid cells for blocking: half a degree, so the 3x3 cells around a report cover more than
# any merging distance in use (10 km by default) up to high latitudes.
_CELL_DEG = 0.5


@dataclass(frozen=True, slots=True)
class MergeOptions:
    max_km: float = 10.0
    max_days: int = 2


@dataclass(slots=True)
class MergedEvent:
    """One real event and the per-document events (reports) it was made from."""

    merged_id: str
    members: list[Event] = field(default_factory=list)

    @property
    def reports(self) -> int:
        """Number of distinct documents that reported the event."""
        return len({m.doc_id for m in self.members})

    @property
    def doc_ids(self) -> list[str]:
        return list(dict.fromkeys(m.doc_id for m in self.members))

    @property
    def sources(self) -> list[str]:
        return sorted({s for m in self.members for s in m.source.split("; ") if s})

    def event(self) -> Event:
        """The merged record: best-located and most confident report, completed by the others."""
        return merged_record(self.merged_id, self.members)


def actor_key(name: str) -> str:
    """An actor name without its year range, lower case: how reports are compared."""
    return _YEARS.sub("", name).strip().lower()


def _actor_agrees(a: str, b: str) -> tuple[bool, bool]:
    """(compatible, positively the same named actor)."""
    ka, kb = actor_key(a), actor_key(b)
    if not ka or not kb:
        return True, False
    if ka == kb:
        return True, not ka.startswith(_GENERIC)
    if ka.startswith(_UNIDENTIFIED) or kb.startswith(_UNIDENTIFIED):
        # "gunmen" in one report, the group named in another: the same attackers may be meant
        return True, False
    return False, False


def _actors(e: Event, f: Event) -> tuple[bool, bool]:
    def pair(x1: str, x2: str) -> tuple[bool, bool]:
        ok1, same1 = _actor_agrees(e.actor1, x1)
        ok2, same2 = _actor_agrees(e.actor2, x2)
        return ok1 and ok2, same1 or same2

    ok, same = pair(f.actor1, f.actor2)
    if not ok and e.sub_event_type in _SYMMETRIC:
        ok, same = pair(f.actor2, f.actor1)
    return ok, same


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _places(e: Event, f: Event, max_km: float) -> tuple[bool, bool, float]:
    """(compatible, positively the same place, distance in km or 0)."""
    if e.latitude is None or f.latitude is None or e.longitude is None or f.longitude is None:
        return (not e.iso or not f.iso or e.iso == f.iso), False, 0.0
    km = km_between(e.latitude, e.longitude, f.latitude, f.longitude)
    if (e.geo_precision or 1) >= 3 or (f.geo_precision or 1) >= 3:
        # a region or a country: only the same country (and region, when both name one)
        if e.iso and f.iso and e.iso != f.iso:
            return False, False, km
        if e.admin1 and f.admin1 and e.admin1 != f.admin1:
            return False, False, km
        return True, False, km
    return km <= max_km, km <= max_km, km


def _day(e: Event) -> int | None:
    try:
        return dt.date.fromisoformat(e.event_date).toordinal() if e.event_date else None
    except ValueError:
        return None


def _days_allowed(e: Event, f: Event, max_days: int) -> int:
    coarse = max(e.time_precision or 1, f.time_precision or 1)
    return max(max_days, _PRECISION_DAYS.get(coarse, 0))


def compare(e: Event, f: Event, options: MergeOptions | None = None) -> tuple[bool, float]:
    """(no contradiction, score). The score is above zero only when place or actor
    positively agree; higher is closer (it picks the best cluster when several would do)."""
    options = options or MergeOptions()
    if e.doc_id == f.doc_id or e.sub_event_type != f.sub_event_type:
        return False, 0.0
    de, df = _day(e), _day(f)
    if de is None or df is None or abs(de - df) > _days_allowed(e, f, options.max_days):
        return False, 0.0
    ok_actor, same_actor = _actors(e, f)
    if not ok_actor:
        return False, 0.0
    ok_place, same_place, km = _places(e, f, options.max_km)
    if not ok_place:
        return False, 0.0
    if not (same_actor or same_place):
        return True, 0.0
    return True, 1.0 + same_actor + same_place - abs(de - df) * 0.25 - km / (options.max_km * 4)


def compatible(e: Event, f: Event, options: MergeOptions | None = None) -> bool:
    """Whether two reports, on their own, may be taken for the same event."""
    ok, score = compare(e, f, options)
    return ok and score > 0


class CrossDocMerger:
    """Clusters of reports, filled one report at a time; reuse for incremental merging."""

    def __init__(self, options: MergeOptions | None = None) -> None:
        self.options = options or MergeOptions()
        if self.options.max_km > 25:
            raise ValueError(
                f"max_km={self.options.max_km}: the blocking grid covers at most 25 km"
            )
        self.clusters: dict[str, MergedEvent] = {}
        # Blocking indexes, so a report is compared only with clusters it could join:
        # (sub-event type, day, area) -> cluster ids, where the area is a grid cell for a
        # report placed at a town and the country for one placed only at a region or not at
        # all; reports dated to a week or a month go in a second index searched more widely.
        self._fine: dict[tuple[str, object], dict[int, list[str]]] = defaultdict(dict)
        self._coarse: dict[tuple[str, object], dict[int, list[str]]] = defaultdict(dict)
        self._by_iso: dict[tuple[str, str], dict[int, list[str]]] = defaultdict(dict)

    def seed(self, merged_id: str, members: Sequence[Event]) -> None:
        """Load a cluster merged earlier (e.g. from the store) so new reports can join it."""
        cluster = MergedEvent(merged_id, list(members))
        self.clusters[merged_id] = cluster
        for m in members:
            self._register(merged_id, m)

    def _cell(self, e: Event) -> tuple[int, int] | None:
        """The grid cell of a report placed at a town; None for a region or no place."""
        if e.latitude is None or e.longitude is None or (e.geo_precision or 1) >= 3:
            return None
        return (math.floor(e.latitude / _CELL_DEG), math.floor(e.longitude / _CELL_DEG))

    def _area(self, e: Event) -> object:
        cell = self._cell(e)
        return cell if cell is not None else e.iso

    def _register(self, merged_id: str, e: Event) -> None:
        day = _day(e)
        if day is None:
            return
        index = self._fine if (e.time_precision or 1) == 1 else self._coarse
        index[(e.sub_event_type, self._area(e))].setdefault(day, []).append(merged_id)
        self._by_iso[(e.sub_event_type, e.iso)].setdefault(day, []).append(merged_id)

    @property
    def reach_days(self) -> int:
        """The farthest apart, in days, two reports of one event can be."""
        return max(self.options.max_days, *_PRECISION_DAYS.values())

    def _candidates(self, e: Event) -> list[str]:
        day = _day(e)
        if day is None:
            return []
        sub = e.sub_event_type
        reach = self.reach_days
        seen: dict[str, None] = {}
        cell = self._cell(e)
        if cell is None:
            # a region or no place: a report anywhere in the same country may be compatible
            # (or anywhere at all, when the country is unknown too)
            keys = (
                [k for k in self._by_iso if k[0] == sub] if not e.iso else [(sub, e.iso), (sub, "")]
            )
            for key in keys:
                _near_days(self._by_iso.get(key), day, reach, seen)
            return list(seen)
        ci, cj = cell
        areas: list[object] = [(ci + i, cj + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]
        areas += [e.iso, ""] if e.iso else [""]
        fine_reach = self.options.max_days if (e.time_precision or 1) == 1 else reach
        for area in areas:
            _near_days(self._fine.get((sub, area)), day, fine_reach, seen)
            _near_days(self._coarse.get((sub, area)), day, reach, seen)
        return list(seen)

    def add(self, e: Event) -> str:
        """Put one report in its cluster (a new one if none fits); returns the cluster id."""
        best: tuple[float, str] | None = None
        for cid in self._candidates(e):
            # no contradiction with any report of the cluster, positive agreement with one
            verdicts = [compare(e, m, self.options) for m in self.clusters[cid].members]
            if not all(ok for ok, _ in verdicts):
                continue
            score = max(s for _, s in verdicts)
            if score <= 0:
                continue
            if best is None or score > best[0] or (score == best[0] and cid < best[1]):
                best = (score, cid)
        if best is None:
            cid = merged_id_for(e)
            self.clusters[cid] = MergedEvent(cid, [e])
        else:
            cid = best[1]
            self.clusters[cid].members.append(e)
        self._register(cid, e)
        return cid

    def extend(self, events: Iterable[Event]) -> list[str]:
        return [self.add(e) for e in events]


def _near_days(
    by_day: dict[int, list[str]] | None, day: int, reach: int, seen: dict[str, None]
) -> None:
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


def merged_id_for(first: Event) -> str:
    """A cluster's id: derived from its first report, so it is stable as reports join."""
    return f"m-{first.event_id}"


def merge_events(events: Iterable[Event], options: MergeOptions | None = None) -> list[MergedEvent]:
    """Batch merging: clusters of reports, independent of the order of ``events``."""
    merger = CrossDocMerger(options)
    ordered = sorted(events, key=lambda e: (e.event_date, e.doc_id, e.event_id))
    merger.extend(ordered)
    return list(merger.clusters.values())


def merged_record(merged_id: str, members: Sequence[Event]) -> Event:
    """One record for a cluster of reports.

    The report with the most precise place and highest confidence gives the base; empty
    actor fields are filled from the others (a named actor preferred to an unidentified
    one); the date is the one most reports give (the earliest on a tie); fatalities follow
    ACLED's conservative rule, the lowest number any report gives (0 counts as unreported);
    sources, mentions and evidence are those of all reports together.
    """
    if not members:
        raise ValueError(f"cluster {merged_id} has no reports")
    base = min(
        members,
        key=lambda m: (m.geo_precision or 9, -m.confidence, m.event_date, m.event_id),
    )
    ev = replace(base, evidence=unique_evidence(x for m in members for x in m.evidence))
    for side, inter, assoc in (
        ("actor1", "inter1", "assoc_actor_1"),
        ("actor2", "inter2", "assoc_actor_2"),
    ):
        current = getattr(ev, side)
        if not current or actor_key(current).startswith(_UNIDENTIFIED):
            named = [
                m
                for m in members
                if getattr(m, side) and not actor_key(getattr(m, side)).startswith(_UNIDENTIFIED)
            ]
            if named:
                donor = named[0]
                setattr(ev, side, getattr(donor, side))
                setattr(ev, inter, getattr(donor, inter))
                if not getattr(ev, assoc):
                    setattr(ev, assoc, getattr(donor, assoc))
    if ev.inter1 is not None:
        lo, hi = sorted((ev.inter1, ev.inter2 or 0))
        ev.interaction = lo * 10 + hi if ev.inter2 else ev.inter1 * 10
    dates = Counter(m.event_date for m in members if m.event_date)
    if dates:
        top = max(dates.values())
        ev.event_date = min(d for d, n in dates.items() if n == top)
    ev.time_precision = min(m.time_precision or 1 for m in members)
    counts = [m.fatalities for m in members if m.fatalities]
    ev.fatalities = min(counts) if counts else 0
    ev.mentions = sum(m.mentions for m in members)
    ev.source = "; ".join(sorted({s for m in members for s in m.source.split("; ") if s}))
    reports = len({m.doc_id for m in members})
    ev.confidence = round(min(0.99, max(m.confidence for m in members) + 0.05 * (reports - 1)), 2)
    ev.event_id = merged_id
    return ev


def pair_scores(
    predicted: Iterable[Iterable[str]], gold: dict[str, str]
) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering of event ids against gold labels
    (event id -> gold cluster): a pair counts when both events sit in one cluster."""
    pred_pairs: set[tuple[str, str]] = set()
    for cluster in predicted:
        ids = sorted(cluster)
        pred_pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    by_gold: dict[str, list[str]] = defaultdict(list)
    for eid, g in gold.items():
        by_gold[g].append(eid)
    gold_pairs: set[tuple[str, str]] = set()
    for ids in by_gold.values():
        ids.sort()
        gold_pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    hit = len(pred_pairs & gold_pairs)
    p = hit / len(pred_pairs) if pred_pairs else 1.0
    r = hit / len(gold_pairs) if gold_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
