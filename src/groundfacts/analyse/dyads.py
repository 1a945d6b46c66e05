"""Dyads: who acts on whom, counted by actor1 -> actor2 and event type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from groundfacts.records import Event


@dataclass(slots=True, frozen=True)
class Dyad:
    actor1: str
    actor2: str
    event_type: str
    events: int
    fatalities: int


def dyads(events: Iterable[Event], *, by_sub_type: bool = False) -> list[Dyad]:
    """Counts per (actor1, actor2, event type), most frequent first."""
    n: Counter[tuple[str, str, str]] = Counter()
    dead: Counter[tuple[str, str, str]] = Counter()
    for ev in events:
        key = (
            ev.actor1 or "(unknown)",
            ev.actor2 or "(none)",
            ev.sub_event_type if by_sub_type else ev.event_type,
        )
        n[key] += 1
        dead[key] += int(ev.fatalities or 0)
    return [
        Dyad(a1, a2, et, c, dead[(a1, a2, et)])
        for (a1, a2, et), c in sorted(n.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def format_table(rows: list[Dyad]) -> str:
    """A plain aligned table for terminals."""
    head = ("actor1", "actor2", "event type", "events", "fatalities")
    body = [(d.actor1, d.actor2, d.event_type, str(d.events), str(d.fatalities)) for d in rows]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(5)]
    lines = []
    for r in [head, *body]:
        cells = [r[i].ljust(widths[i]) if i < 3 else r[i].rjust(widths[i]) for i in range(5)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
