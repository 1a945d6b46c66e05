"""Mentions that tell more of an event already reported: follow-up casualties, responders,
the subject of a "..., killing five" clause, operations framing their violence."""

from __future__ import annotations

from dataclasses import replace

from groundfacts.frames.anaphora import carried_agent
from groundfacts.frames.context import (
    ARMED_TYPES,
    DocState,
    recent,
)
from groundfacts.frames.retype import GENERIC, retype, trigger_class
from groundfacts.records import (
    EVENT_TYPES,
    Actor,
    Frame,
)

# only a generic attack takes its agent from an earlier sentence; a bomb nobody claimed stays
# unattributed
_CARRIES_AGENT = GENERIC


def absorb_operations(st: DocState, frames: list[Frame]) -> list[Frame]:
    """ "Troops conducted an operation ..., killing ten militants": the operation is the
    frame of the violence, not an event of its own; its agent does the killing."""
    violent = [f for f in frames if not f.negated and EVENT_TYPES[f.sub_event_type] in ARMED_TYPES]
    ops = [f for f in frames if not f.negated and trigger_class(f.trigger) == "change"]
    if not violent or not ops:
        return frames
    for f in violent:
        lead = st.ctx.text[max(f.sentence.start, f.trigger.start - 3) : f.trigger.start]
        if f.agent_mention is None or "," in lead:
            op = max(
                (o for o in ops if o.trigger.start < f.trigger.start),
                default=None,
                key=lambda o: o.trigger.start,
            )
            if op is not None and op.actor1 is not None:
                f.actor1, f.agent_mention, f.assoc1 = (
                    op.actor1,
                    op.agent_mention,
                    list(op.assoc1),
                )
    return [f for f in frames if f not in ops]


def join_follow_ups(st: DocState, frames: list[Frame], sent_index: int) -> None:
    """ "Two soldiers were killed in the fighting": an agentless violent mention after an
    event, with no place of its own, tells more of that event."""
    prev = next(
        (
            f
            for f in recent(st, sent_index)
            if not f.negated
            and (EVENT_TYPES[f.sub_event_type] in ARMED_TYPES or f.sub_event_type == "Mob violence")
        ),
        None,
    )
    if prev is None:
        return
    for f in frames:
        if responds(st, f, prev):
            keep_initiative(frames, f)
            continue
        if (
            f.negated
            or f.agent_mention is not None
            or f.trigger.voice == "active"
            or trigger_class(f.trigger) not in GENERIC
            or (f.place is not None and prev.place is not None and f.place.text != prev.place.text)
            or _new_date(f, prev)
        ):
            continue
        if prev.actor2 is None and f.actor2 is not None and f.actor2 != prev.actor1:
            # the victims named now are the other side of the earlier event
            prev.actor2 = f.actor2
            prev.sub_event_type = retype(prev.trigger, prev.actor1, prev.actor2)
        f.actor1, f.actor2, f.assoc1 = prev.actor1, prev.actor2, list(prev.assoc1)
        f.place, f.date = f.place or prev.place, prev.date
        # it tells of the same event: it takes that event's type and class
        f.trigger = replace(f.trigger, sub_event_type=prev.sub_event_type, cls=prev.trigger.cls)


def _new_date(f: Frame, prev: Frame) -> bool:
    """``f`` states a time of its own that is not ``prev``'s (a weekday without a publication
    date is a time of its own, though undated)."""
    if f.date is None or f.date is prev.date:
        return False
    return f.date.date is None or prev.date is None or f.date.date != prev.date.date


def responds(st: DocState, f: Frame, prev: Frame) -> bool:
    """ "Volunteers repelled the attack": the responders are the other side of the earlier
    attack, which becomes a battle; this mention joins it."""
    if (
        f.negated
        or f.trigger.cls != "clash"
        or f.trigger.voice != "active"
        or f.actor1 is None
        or prev.actor1 is None
        or f.actor1.name == prev.actor1.name
        or (f.actor2 is not None and not _may_be(f.actor2, prev.actor1))
        or (
            prev.actor2 is not None
            and prev.actor2.inter != 7
            # "gunmen attacked a police post; the police repelled them": the defenders
            # already named as the target respond
            and prev.actor2.name != f.actor1.name
        )
        or _new_date(f, prev)  # "a week later, soldiers clashed ...": a new event
    ):
        return False
    defender = f.actor1
    prev.actor2 = defender
    prev.sub_event_type = retype(prev.trigger, prev.actor1, defender)
    f.actor1, f.actor2, f.assoc1 = prev.actor1, defender, list(prev.assoc1)
    f.place, f.date = f.place or prev.place, prev.date
    return True


def answer_attacks(st: DocState, frames: list[Frame]) -> None:
    """ "Militants attacked a police post, the police repelled the attack and killed two":
    the defenders' response in the attack's own sentence joins it; the attackers stay first."""
    for k, f in enumerate(frames):
        prev = next(
            (
                g
                for g in reversed(frames[:k])
                if not g.negated and EVENT_TYPES[g.sub_event_type] in ARMED_TYPES
            ),
            None,
        )
        if prev is not None and responds(st, f, prev):
            keep_initiative(frames, f)


def keep_initiative(frames: list[Frame], response: Frame) -> None:
    """After ``response`` joined the attack it answers, the defenders' later acts in its
    sentence ("... and killed two of them") are of the same battle, told from the side that
    started it."""
    attacker, defender = response.actor1, response.actor2
    if attacker is None or defender is None:
        return
    for g in frames[frames.index(response) + 1 :]:
        if (
            not g.negated
            and g.actor1 is not None
            and g.actor1.name == defender.name
            and (g.actor2 is None or _may_be(g.actor2, attacker))
            and EVENT_TYPES[g.sub_event_type] in ARMED_TYPES
        ):
            g.actor1, g.actor2 = attacker, defender
            g.agent_mention, g.target_mention = g.target_mention, g.agent_mention
            g.sub_event_type = retype(g.trigger, g.actor1, g.actor2)


def _may_be(a: Actor, named: Actor) -> bool:
    """``a`` may name ``named``: the same actor, or unidentified fighters ("the attackers",
    "the militants") where a non-state group is named."""
    return a.name == named.name or (a.actor_id == "role:unidentified" and named.inter in (2, 3, 4))


def fill_agents(st: DocState, frames: list[Frame], sent_index: int) -> None:
    bound: set[int] = set()
    # the live frames before the current one: the last of them, and the last with an agent
    last: Frame | None = None
    last_agent: Frame | None = None
    for f in frames:
        if not f.negated and trigger_class(f.trigger) == "kill":
            lead = st.ctx.text[max(f.sentence.start, f.trigger.start - 3) : f.trigger.start]
            src = last_agent or last
            if (
                src is not None
                and trigger_class(src.trigger) == "protest"
                and f.trigger.voice != "active"
            ):
                # "marched to the grave of X, who was killed in 1998": the crowd killed no one
                src = None
            if src is not None and (f.actor1 is None or "," in lead):
                # "..., killing five": the killing is done by the clause's subject
                f.actor1, f.agent_mention = src.actor1, src.agent_mention
                f.assoc1 = list(src.assoc1)
                bound.add(id(f))
        if not f.negated:
            last = f
            if f.actor1 is not None:
                last_agent = f
    for f in frames:
        if f.actor1 is not None or id(f) in bound or trigger_class(f.trigger) not in _CARRIES_AGENT:
            continue
        prev = carried_agent(st, sent_index)
        if prev is not None and (f.actor2 is None or prev.actor1 != f.actor2):
            f.actor1 = prev.actor1
            f.assoc1 = list(prev.assoc1)
