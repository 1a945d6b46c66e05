"""Dataset-level agreement between extracted events and a gold dataset (ACLED's).

Events are matched one to one: a gold event and an extracted event may pair when their event
types agree, their dates are at most ``days`` apart and their places at most ``km`` apart
(or, when either lacks coordinates, when they name the same admin1 or location). Among the
possible pairs the closest are taken first (same sub-event type, then fewer days, then fewer
km), each event at most once. Recall is the share of gold events matched, precision the share
of extracted events matched; both per event type, per sub-event type (a pair counts for a
sub-event type only when both sides have it) and per admin1.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from groundfacts.analyse.scope import fold
from groundfacts.geo.distance import haversine_km
from groundfacts.records import Event


@dataclass(frozen=True, slots=True)
class CompareOptions:
    days: int = 2
    km: float = 25.0


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """Agreement for one group (an event type, a sub-event type or an admin1)."""

    key: str
    gold: int
    extracted: int
    matched_gold: int
    matched_extracted: int

    @property
    def recall(self) -> float | None:
        return round(self.matched_gold / self.gold, 4) if self.gold else None

    @property
    def precision(self) -> float | None:
        return round(self.matched_extracted / self.extracted, 4) if self.extracted else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "gold": self.gold,
            "extracted": self.extracted,
            "matched_gold": self.matched_gold,
            "matched_extracted": self.matched_extracted,
            "recall": self.recall,
            "precision": self.precision,
        }


@dataclass(slots=True)
class Comparison:
    options: CompareOptions
    total: AgreementRow
    by_event_type: list[AgreementRow]
    by_sub_event_type: list[AgreementRow]
    by_admin1: list[AgreementRow]
    pairs: list[tuple[Event, Event]] = field(default_factory=list)  # (gold, extracted)
    missed: list[Event] = field(default_factory=list)  # gold events nothing matched
    unmatched: list[Event] = field(default_factory=list)  # extracted events that match no gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": self.options.days,
            "km": self.options.km,
            "total": self.total.to_dict(),
            "by_event_type": [r.to_dict() for r in self.by_event_type],
            "by_sub_event_type": [r.to_dict() for r in self.by_sub_event_type],
            "by_admin1": [r.to_dict() for r in self.by_admin1],
            "missed": len(self.missed),
            "unmatched": len(self.unmatched),
        }


def _date(ev: Event) -> dt.date | None:
    try:
        return dt.date.fromisoformat(ev.event_date) if ev.event_date else None
    except ValueError:
        return None


def _distance(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(
        a.latitude or 0.0, a.longitude or 0.0, b.latitude or 0.0, b.longitude or 0.0
    )


def _same_place_name(a: Event, b: Event) -> bool:
    names = {fold(n) for n in (a.location, a.admin2, a.admin1) if n}
    return bool(names & {fold(n) for n in (b.location, b.admin2, b.admin1) if n})


def compare_events(
    gold: Iterable[Event], extracted: Iterable[Event], options: CompareOptions | None = None
) -> Comparison:
    """Match ``extracted`` against ``gold`` one to one and measure the agreement."""
    opts = options or CompareOptions()
    golds = [g for g in gold if _date(g) is not None]
    preds = [e for e in extracted if _date(e) is not None]
    by_day: dict[dt.date, list[int]] = {}
    for j, e in enumerate(preds):
        by_day.setdefault(_date(e) or dt.date.min, []).append(j)
    candidates: list[tuple[tuple[int, int, float], int, int]] = []
    for i, g in enumerate(golds):
        gd = _date(g) or dt.date.min
        for delta in range(-opts.days, opts.days + 1):
            for j in by_day.get(gd + dt.timedelta(days=delta), ()):
                e = preds[j]
                if e.event_type != g.event_type:
                    continue
                km = _distance(g, e)
                if km is None:
                    if not _same_place_name(g, e):
                        continue
                    km = opts.km
                elif km > opts.km:
                    continue
                cost = (int(e.sub_event_type != g.sub_event_type), abs(delta), km)
                candidates.append((cost, i, j))
    candidates.sort()
    gold_of: dict[int, int] = {}
    pred_of: dict[int, int] = {}
    for _cost, i, j in candidates:
        if i in gold_of or j in pred_of:
            continue
        gold_of[i] = j
        pred_of[j] = i
    pairs = [(golds[i], preds[j]) for i, j in sorted(gold_of.items())]
    missed = [g for i, g in enumerate(golds) if i not in gold_of]
    unmatched = [e for j, e in enumerate(preds) if j not in pred_of]

    def rows(
        key_gold: Callable[[Event], str],
        key_pred: Callable[[Event], str],
        same: Callable[[Event, Event], bool],
    ) -> list[AgreementRow]:
        n_gold = Counter(key_gold(g) for g in golds)
        n_pred = Counter(key_pred(e) for e in preds)
        hit_gold = Counter(key_gold(g) for g, e in pairs if same(g, e))
        hit_pred = Counter(key_pred(e) for g, e in pairs if same(g, e))
        keys = sorted(set(n_gold) | set(n_pred), key=lambda k: (-n_gold[k], -n_pred[k], k))
        return [AgreementRow(k, n_gold[k], n_pred[k], hit_gold[k], hit_pred[k]) for k in keys]

    total = AgreementRow("all", len(golds), len(preds), len(pairs), len(pairs))
    return Comparison(
        options=opts,
        total=total,
        by_event_type=rows(lambda g: g.event_type, lambda e: e.event_type, lambda g, e: True),
        by_sub_event_type=rows(
            lambda g: g.sub_event_type,
            lambda e: e.sub_event_type,
            lambda g, e: g.sub_event_type == e.sub_event_type,
        ),
        # a region is the gold's for both sides of a pair (the gazetteer may spell it otherwise)
        by_admin1=_admin1_rows(golds, preds, pairs, pred_of, gold_of),
        pairs=pairs,
        missed=missed,
        unmatched=unmatched,
    )


def _admin1_rows(
    golds: list[Event],
    preds: list[Event],
    pairs: list[tuple[Event, Event]],
    pred_of: dict[int, int],
    gold_of: dict[int, int],
) -> list[AgreementRow]:
    """Per admin1 as the gold names it; an extracted event counts under its match's admin1,
    or its own when unmatched."""
    n_gold = Counter(g.admin1 or "" for g in golds)
    hit = Counter(g.admin1 or "" for g, _e in pairs)
    n_pred: Counter[str] = Counter()
    for j, e in enumerate(preds):
        i = pred_of.get(j)
        n_pred[(golds[i].admin1 if i is not None else e.admin1) or ""] += 1
    keys = sorted(set(n_gold) | set(n_pred), key=lambda k: (-n_gold[k], -n_pred[k], k))
    return [AgreementRow(k, n_gold[k], n_pred[k], hit[k], hit[k]) for k in keys]


def compare_store(
    store: Any,
    gold: Iterable[Event],
    flt: Any = None,
    options: CompareOptions | None = None,
    *,
    merged: bool = False,
) -> Comparison:
    """Compare the events groundfacts extracted into ``store`` (not those imported from ACLED)
    that match ``flt`` with ``gold`` events, filtered alike."""
    from groundfacts.store.acled_import import ACLED_SOURCE
    from groundfacts.store.duckdb_store import EventFilter

    flt = flt or EventFilter()
    if merged:
        found: Iterable[Event] = (ev for ev, _n in store.merged_events(flt))
    else:
        found = store.events(flt)
    extracted = [ev for ev in found if ev.source != ACLED_SOURCE]
    return compare_events([g for g in gold if _in_filter(g, flt)], extracted, options)


def _in_filter(ev: Event, flt: Any) -> bool:
    day = _date(ev)
    if flt.since and (day is None or day < flt.since):
        return False
    if flt.until and (day is None or day > flt.until):
        return False
    if flt.country:
        c = flt.country.casefold()
        if fold(ev.country) != fold(flt.country) and (ev.iso or "").casefold() != c:
            return False
    return True
