"""The two sides of a battle, in ACLED's order.

ACLED lists the non-state armed group first when it fights state forces and the report does
not say who started it ("a clash between the army and the rebels", "soldiers clashed with
rebels", "two rebels were killed in an encounter with troops"); when one side attacks, ambushes
or routs the other, the one who acts comes first.
"""

from __future__ import annotations

from collections.abc import Sequence

from groundfacts.frames.context import CARRY, DocState, event_country
from groundfacts.frames.retype import GENERIC, STATE, retype, trigger_class
from groundfacts.frames.roles import clause_bounds
from groundfacts.records import Actor, Frame

_NON_STATE_ARMED = frozenset({2, 3, 4})
# trigger classes of a fight or an assault, which a side may suffer
_FIGHTS = frozenset({"attack", "clash"})


def sides(a: Actor | None, b: Actor | None) -> tuple[Actor | None, Actor | None]:
    """``(a, b)`` with a non-state armed group before the state forces it fights."""
    if a is not None and b is not None and a.inter in STATE and b.inter in _NON_STATE_ARMED:
        return b, a
    return a, b


_REBELS = 2


def rebels_first(a: Actor | None, b: Actor | None) -> tuple[Actor | None, Actor | None]:
    """``(a, b)`` with a rebel group before the state forces it met, for the theatres and
    event types whose ACLED coders list them so (roles.toml [sides])."""
    if a is not None and b is not None and a.inter in STATE and b.inter == _REBELS:
        return b, a
    return a, b


def told_by_losers(cluster: Sequence[Frame]) -> bool:
    """The battle is first told from the side that suffered it: "rebels were attacked by
    soldiers", "two rebels were killed during an attack by troops" (the agent belongs to the
    assault, not to the killing). ACLED then lists the non-state side first, as in a battle
    told without a direction. "A rebel was shot dead by police" names who killed whom, and
    keeps its order. Decided on the merged event, so that mentions still cluster by who did
    what to whom."""
    first = min(cluster, key=lambda f: f.trigger.start)
    agent = first.agent_mention
    if (
        first.trigger.voice != "passive"
        or first.actor2 is None
        or first.actor2.inter not in _NON_STATE_ARMED
        # not "troops launched an operation ..., ten rebels were killed": who struck is
        # told first
        or (agent is not None and agent.start < first.trigger.start)
    ):
        return False
    if trigger_class(first.trigger) in _FIGHTS:
        return True
    return agent is not None and any(
        g.trigger.voice != "active"
        and trigger_class(g.trigger) in _FIGHTS
        and first.trigger.end <= g.trigger.start < agent.start
        for g in cluster
    )


def undirected(st: DocState, f: Frame) -> bool:
    """The battle is told without saying who started it: a noun ("a firefight with ..."),
    or a verb both sides do ("clashed with", "encountered")."""
    t = f.trigger
    return t.voice == "nominal" or t.text.lower() in st.ctx.syntax.symmetric_triggers


def order_sides(st: DocState, f: Frame) -> None:
    """Put the sides of an undirected battle in ACLED's order: with no side reported to have
    started it, the order the report names them in ("the army clashed with JNIM": the army),
    except in the theatres whose coders list the rebels first (roles.toml [sides]), where any
    non-state side comes first."""
    if f.sub_event_type != "Armed clash" or not undirected(st, f):
        return
    # a fight word keeps the text's order; an attack noun ("serangan") told with its sides
    # keeps the order it had
    if trigger_class(f.trigger) == "clash" and not st.ctx.resolve.rebels_first(
        event_country(st, f), f.sub_event_type
    ):
        return
    a1, a2 = sides(f.actor1, f.actor2)
    if a1 is not f.actor1:
        f.actor1, f.actor2 = a1, a2
        f.agent_mention, f.target_mention = f.target_mention, f.agent_mention


def off_duty_victims(st: DocState) -> None:
    """ "An off-duty policeman was shot dead", "a soldier was killed ... He was off duty":
    state forces struck out of service could not fight back, and ACLED codes the killing as
    an attack on civilians, not a battle. The cue may come in the sentence of the event or
    in the few after it that tell more of the victim."""
    if not st.off_duty:
        return
    for f in st.frames:
        if (
            f.negated
            or f.actor2 is None
            or f.actor2.inter not in STATE
            or trigger_class(f.trigger) not in GENERIC
        ):
            continue
        i = f.sentence.index
        if not any(i <= k <= i + CARRY for k in st.off_duty):
            continue
        civilians = st.ctx.resolve.role("civilians", event_country(st, f))
        if civilians is None:
            continue
        f.actor2 = civilians
        f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)


def infighting(st: DocState, f: Frame, breaks: list[tuple[int, int]]) -> None:
    """ "ISGS fighters clashed with each other", "two factions of the X Front clashed": a
    fight inside one armed group, which ACLED names on both sides."""
    if (
        f.sub_event_type != "Armed clash"
        or trigger_class(f.trigger) != "clash"
        or f.actor1 is None
        or f.actor2 is not None
        or f.actor1.inter not in _NON_STATE_ARMED
    ):
        return
    s = f.sentence
    c0, c1 = clause_bounds(s.text, f.trigger.start - s.start, st.ctx.syntax, breaks)
    if st.ctx.syntax.infighting.search(s.text[c0:c1]):
        f.actor2 = f.actor1
        f.infighting = True
