"""The words each field of an event came from: the actor, place, date and toll mentions of
its frames, labelled with the event field they fill, in document offsets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from groundfacts.records import Actor, ActorMention, Event, FieldSpan, Frame


class _Mention(Protocol):
    start: int
    end: int
    text: str


def _actor_field(actor: Actor | None, ev: Event) -> str:
    if actor is None:
        return ""
    if actor.name == ev.actor1:
        return "actor1"
    if actor.name == ev.actor2:
        return "actor2"
    if actor.name in ev.assoc_actor_1.split("; "):
        return "assoc_actor_1"
    if actor.name in ev.assoc_actor_2.split("; "):
        return "assoc_actor_2"
    return ""


def _span(name: str, m: _Mention) -> FieldSpan:
    return FieldSpan(name, m.start, m.end, m.text)


def field_spans(f: Frame, ev: Event) -> list[FieldSpan]:
    """The spans of ``f``'s mentions that fill a field of ``ev``."""
    out: list[FieldSpan] = []
    mentions: list[tuple[ActorMention | None, Actor | None]] = [
        (f.agent_mention, f.actor1),
        (f.target_mention, f.actor2),
        *zip(f.assoc_mentions, f.assoc1, strict=False),
    ]
    for m, actor in mentions:
        name = _actor_field(actor, ev)
        if m is not None and name:
            out.append(_span(name, m))
    if f.place is not None and f.place.place is not None and f.place.place.name == ev.location:
        out.append(_span("location", f.place))
    if f.date is not None and f.date.date is not None and f.date.date.isoformat() == ev.event_date:
        out.append(_span("event_date", f.date))
    for c in f.casualties:
        out.append(_span("fatalities", c))
    return _unique(out)


def _unique(spans: Sequence[FieldSpan]) -> list[FieldSpan]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for s in spans:
        key = (s.field, s.start, s.end)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
