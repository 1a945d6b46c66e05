"""The merged record of one real event: fields chosen from its reports, all evidence kept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from groundfacts.merge_across.rules import MergeRules, default_rules
from groundfacts.merge_across.score import (
    _SYMMETRIC,
    GENERIC,
    NAMED,
    STATE,
    UNIDENTIFIED,
    UNIT,
    actor_key,
    actor_kind,
    actor_side,
    place_level,
)
from groundfacts.records import EVENT_TYPES, Event, unique_evidence


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

    def event(self, rules: MergeRules | None = None) -> Event:
        """The merged record (see :func:`merged_record`)."""
        return merged_record(self.merged_id, self.members, rules)


# Kinds of actor that name the same side in more or less detail: a named group refines an
# unidentified one, a unit its state force.
_CLASS = {UNIDENTIFIED: "armed", NAMED: "armed", STATE: "state", UNIT: "state", GENERIC: "crowd"}


def _rank(m: Event) -> tuple[object, ...]:
    """Which report gives the place: the most precise, then the most confident."""
    return (place_level(m), m.geo_precision or 9, -m.confidence, m.event_date, m.event_id)


def _aligned(base: Event, m: Event, rules: MergeRules) -> tuple[tuple[str, str, int | None], ...]:
    """m's two sides as (actor, assoc, inter), in the order of ``base``'s sides."""
    one = (m.actor1, m.assoc_actor_1, m.inter1)
    two = (m.actor2, m.assoc_actor_2, m.inter2)
    if base.sub_event_type in _SYMMETRIC and m.sub_event_type in _SYMMETRIC:
        straight = actor_side(base.actor1, m.actor1, rules)[0]
        straight += actor_side(base.actor2, m.actor2, rules)[0]
        swapped = actor_side(base.actor1, m.actor2, rules)[0]
        swapped += actor_side(base.actor2, m.actor1, rules)[0]
        if swapped > straight:
            return two, one
    return one, two


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (10 times inter1 alone)."""
    if inter1 is None:
        return None
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def merged_record(
    merged_id: str, members: Sequence[Event], rules: MergeRules | None = None
) -> Event:
    """One record for a cluster of reports.

    - type: the sub-event type most reports give (the best-placed report's on a tie);
    - place: the most precise place (a town before its district, a district before its
      province), the most confident report on a tie;
    - actors: on each side the kind of actor most reports give (an armed group, a state
      force, civilians or a crowd), and of it the most specific name any report gives (a
      named group before "gunmen", a unit before its state force), the most often given on a
      tie;
    - date: the one most reports give, the earliest on a tie;
    - fatalities: as ACLED takes them, the most credible report's toll, not the sum: the toll
      most reports give, and on a tie the lowest (the conservative figure); 0 is unreported;
    - sources, mentions and evidence are those of all reports together.
    """
    if not members:
        raise ValueError(f"cluster {merged_id} has no reports")
    if len(members) == 1:
        # one report (most merged events): the record is the report, as _choose makes it
        (m,) = members
        return replace(
            m,
            evidence=list(m.evidence),
            source="; ".join(sorted({s for s in m.source.split("; ") if s})),
            interaction=_interaction(m.inter1, m.inter2),
            confidence=round(min(0.99, m.confidence), 2),
            event_id=merged_id,
        )
    return _choose(merged_id, members, rules or default_rules())


def _choose(merged_id: str, members: Sequence[Event], rules: MergeRules) -> Event:
    """The fields of the merged record chosen from its reports (see merged_record)."""
    ranked = sorted(members, key=_rank)
    types = Counter(m.sub_event_type for m in members)
    top = max(types.values())
    sub = next(m.sub_event_type for m in ranked if types[m.sub_event_type] == top)
    place_from = ranked[0]
    typed = [m for m in ranked if m.sub_event_type == sub]
    ev = replace(place_from, evidence=unique_evidence(x for m in members for x in m.evidence))
    base = typed[0]
    ev.sub_event_type = sub
    ev.event_type = EVENT_TYPES.get(sub, base.event_type)
    ev.notes = base.notes
    sides = [_aligned(base, m, rules) for m in ranked]
    for i, (actor, assoc, inter) in enumerate(
        (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2"))
    ):
        given = [s[i] for s in sides if s[i][0]]
        # first the kind of actor most reports give (an armed group, a state force, a crowd
        # or civilians), then within it the most specific name, the most often given
        classes = Counter(_CLASS[actor_kind(a[0], rules)] for a in given)
        best = None
        for a in given:
            kind = actor_kind(a[0], rules)
            count = sum(actor_key(x[0]) == actor_key(a[0]) for x in given)
            key = (classes[_CLASS[kind]], kind, count)
            if best is None or key > best[0]:
                best = (key, a)
        if best is None:
            setattr(ev, actor, "")
            setattr(ev, assoc, "")
            setattr(ev, inter, None)
            continue
        name, assoc_name, code = best[1]
        setattr(ev, actor, name)
        setattr(ev, inter, code)
        setattr(ev, assoc, assoc_name or next((s[i][1] for s in sides if s[i][1]), ""))
    ev.interaction = _interaction(ev.inter1, ev.inter2)
    dates = Counter(m.event_date for m in members if m.event_date)
    if dates:
        most = max(dates.values())
        ev.event_date = min(d for d, n in dates.items() if n == most)
        ev.time_precision = min(
            m.time_precision or 1 for m in members if m.event_date == ev.event_date
        )
    tolls = Counter(m.fatalities for m in members if m.fatalities)
    if tolls:
        most = max(tolls.values())
        ev.fatalities = min(t for t, n in tolls.items() if n == most)
    else:
        ev.fatalities = 0
    ev.mentions = sum(m.mentions for m in members)
    ev.source = "; ".join(sorted({s for m in members for s in m.source.split("; ") if s}))
    reports = len({m.doc_id for m in members})
    ev.confidence = round(min(0.99, max(m.confidence for m in members) + 0.05 * (reports - 1)), 2)
    ev.event_id = merged_id
    return ev
