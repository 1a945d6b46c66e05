"""Trends: events and fatalities per week or month, by event type, actor, admin1..."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from groundfacts.analyse.sql import actors_of, period_sql, scope

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


def trends(
    store: EventStore,
    flt: EventFilter | None = None,
    *,
    by: str = "event_type",
    every: str = "month",
    merged: bool = False,
) -> list[TrendRow]:
    """Events and fatalities per ``every`` (week, month, year) and group ``by`` (event_type,
    sub_event_type, actor, admin1, country, none) among the store's dated events matching
    ``flt``, in time order, the larger groups first within a period. By actor, an event counts
    for each of its two actors, named without year ranges (a government's periods add up);
    ``merged`` counts merged events (one per real event) instead of per-document ones."""
    label, start = period_sql(every)
    if by not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, not {by!r}")
    source, params = scope(flt, merged=merged)
    dated = f"(SELECT *, {label} AS period, {start} AS start FROM {source} WHERE d IS NOT NULL)"
    if by == "actor":
        rows_sql = (
            f"SELECT a.period, a.start, a.actor AS key, count(*), "
            f"sum(coalesce(e.fatalities, 0)) FROM ({actors_of(dated, 'period, start')}) a "
            f"JOIN {dated} e USING (event_id) GROUP BY 1, 2, 3"
        )
        params = params * 3  # the events appear three times in the query
    else:
        key = "''" if by == "none" else f"coalesce({by}, '')"
        rows_sql = (
            f"SELECT period, start, {key} AS key, count(*), sum(coalesce(fatalities, 0)) "
            f"FROM {dated} GROUP BY 1, 2, 3"
        )
    sql = f"SELECT * FROM ({rows_sql}) ORDER BY 2, 4 DESC, 3"
    return [
        TrendRow(p, s.isoformat(), k, int(n), int(f))
        for p, s, k, n, f in store.con.execute(sql, params).fetchall()
    ]
