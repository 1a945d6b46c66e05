"""Dyads: who acts on whom, counted by actor1 -> actor2 and event type (and period)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from groundfacts.records import Event

if TYPE_CHECKING:
    from groundfacts.store.duckdb_store import EventFilter, EventStore


@dataclass(slots=True, frozen=True)
class Dyad:
    actor1: str
    actor2: str
    event_type: str
    events: int
    fatalities: int
    period: str = ""  # "2020-10" with by="month" ("" when not split by time)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "actor1": self.actor1,
            "actor2": self.actor2,
            "event_type": self.event_type,
            "events": self.events,
            "fatalities": self.fatalities,
        }
        if self.period:
            d["period"] = self.period
        return d


def _period(ev: Event, by: str | None) -> str:
    if not by:
        return ""
    from groundfacts.analyse.trends import period_of

    try:
        return period_of(dt.date.fromisoformat(ev.event_date[:10]), by)[0]
    except ValueError:
        return ""  # undated events count apart


def dyads(
    events: Iterable[Event], *, by_sub_type: bool = False, by: str | None = None
) -> list[Dyad]:
    """Counts per (actor1, actor2, event type), most frequent first; with ``by`` ("week",
    "month", "year") per period too, in time order."""
    if by:
        from groundfacts.analyse.trends import period_of

        period_of(dt.date(2000, 1, 1), by)  # an unknown period fails before any work
    n: Counter[tuple[str, str, str, str]] = Counter()
    dead: Counter[tuple[str, str, str, str]] = Counter()
    for ev in events:
        key = (
            _period(ev, by),
            ev.actor1 or "(unknown)",
            ev.actor2 or "(none)",
            ev.sub_event_type if by_sub_type else ev.event_type,
        )
        n[key] += 1
        dead[key] += int(ev.fatalities or 0)
    return [
        Dyad(a1, a2, et, c, dead[(p, a1, a2, et)], p)
        for (p, a1, a2, et), c in sorted(n.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0]))
    ]


def store_dyads(
    store: EventStore,
    flt: EventFilter | None = None,
    *,
    by_sub_type: bool = False,
    by: str | None = None,
    merged: bool = False,
) -> list[Dyad]:
    """Dyads among the store's events matching ``flt`` (``merged``: one per real event), as
    :func:`dyads` counts them, aggregated inside the store."""
    from groundfacts.analyse.sql import period_sql, scope

    label = f"CASE WHEN d IS NULL THEN '' ELSE {period_sql(by)[0]} END" if by else "''"
    kind = "sub_event_type" if by_sub_type else "event_type"
    source, params = scope(flt, merged=merged)
    sql = (
        f"SELECT {label} AS p, coalesce(nullif(actor1, ''), '(unknown)') AS a1, "
        f"coalesce(nullif(actor2, ''), '(none)') AS a2, coalesce({kind}, '') AS t, count(*) AS n, "
        f"sum(coalesce(fatalities, 0)) FROM {source} GROUP BY 1, 2, 3, 4 "
        "ORDER BY p, n DESC, a1, a2, t"
    )
    return [
        Dyad(a1, a2, t, int(n), int(f), p)
        for p, a1, a2, t, n, f in store.con.execute(sql, params).fetchall()
    ]


def format_table(rows: list[Dyad]) -> str:
    """A plain aligned table for terminals."""
    timed = any(d.period for d in rows)
    head: list[str] = ["actor1", "actor2", "event type", "events", "fatalities"]
    body = [[d.actor1, d.actor2, d.event_type, str(d.events), str(d.fatalities)] for d in rows]
    if timed:
        head = ["period", *head]
        body = [[d.period, *r] for d, r in zip(rows, body, strict=True)]
    return align(head, body, numeric=2)


def align(head: Sequence[str], body: Sequence[Sequence[str]], *, numeric: int = 0) -> str:
    """Columns padded to their widest cell; the last ``numeric`` columns right-aligned."""
    k = len(head)
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(k)]
    lines = []
    for r in [head, *body]:
        cells = [
            r[i].rjust(widths[i]) if i >= k - numeric else r[i].ljust(widths[i]) for i in range(k)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
