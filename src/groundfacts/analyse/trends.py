"""Trends: events and fatalities per week or month, by event type, actor, admin1..."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from groundfacts.analyse.scope import base_name
from groundfacts.records import Event

if TYPE_CHECKING:
    from groundfacts.store.duckdb_store import EventFilter, EventStore

PERIODS = ("week", "month", "year")
GROUPS = ("event_type", "sub_event_type", "actor", "admin1", "country", "none")


@dataclass(frozen=True, slots=True)
class TrendRow:
    period: str  # "2020-10" (month), "2020-W41" (ISO week), "2020" (year)
    start: str  # first day of the period, YYYY-MM-DD
    key: str  # the group ("" when not grouped)
    events: int
    fatalities: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def period_of(day: dt.date, every: str) -> tuple[str, dt.date]:
    """(label, first day) of the week (ISO, from Monday), month or year holding ``day``."""
    if every == "week":
        year, week, weekday = day.isocalendar()
        return f"{year}-W{week:02d}", day - dt.timedelta(days=weekday - 1)
    if every == "month":
        return f"{day.year}-{day.month:02d}", day.replace(day=1)
    if every == "year":
        return str(day.year), dt.date(day.year, 1, 1)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {every!r}")


def group_keys(ev: Event, by: str) -> list[str]:
    """The groups an event counts in: one, except by actor (each of its two actors, without
    year ranges, so a government's periods add up)."""
    if by == "actor":
        names = {base_name(a) for a in (ev.actor1, ev.actor2) if a}
        return sorted(names) or [""]
    if by == "none":
        return [""]
    if by not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, not {by!r}")
    return [str(getattr(ev, by) or "")]


def trend_rows(
    events: Iterable[Event], *, by: str = "event_type", every: str = "month"
) -> list[TrendRow]:
    """Counts per (period, group), in time order, the larger groups first within a period."""
    period_of(dt.date(2000, 1, 1), every)  # an unknown period fails before any work
    n: Counter[tuple[str, str, str]] = Counter()
    dead: Counter[tuple[str, str, str]] = Counter()
    for ev in events:
        if not ev.event_date:
            continue
        try:
            label, start = period_of(dt.date.fromisoformat(ev.event_date[:10]), every)
        except ValueError:
            continue
        for key in group_keys(ev, by):
            k = (label, start.isoformat(), key)
            n[k] += 1
            dead[k] += int(ev.fatalities or 0)
    ordered = sorted(n, key=lambda k: (k[1], -n[k], k[2]))
    return [TrendRow(p, s, key, n[(p, s, key)], dead[(p, s, key)]) for p, s, key in ordered]


def trends(
    store: EventStore,
    flt: EventFilter | None = None,
    *,
    by: str = "event_type",
    every: str = "month",
    merged: bool = False,
) -> list[TrendRow]:
    """Events and fatalities per ``every`` (week, month, year) and group ``by`` (event_type,
    sub_event_type, actor, admin1, country, none) among the store's events matching ``flt``;
    ``merged`` counts merged events (one per real event) instead of per-document ones."""
    events = (ev for ev, _n in store.merged_events(flt)) if merged else store.events(flt)
    return trend_rows(events, by=by, every=every)
