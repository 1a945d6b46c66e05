"""The two sides of a battle, in ACLED's order.

ACLED lists the non-state armed group first when it fights state forces and the report does
not say who started it ("a clash between the army and the rebels", "soldiers clashed with
rebels", "two rebels were killed in an encounter with troops"); when one side attacks, ambushes
or routs the other, the one who acts comes first.
"""

from __future__ import annotations

from groundfacts.frames.context import DocState
from groundfacts.frames.retype import STATE
from groundfacts.records import Actor, Frame

_NON_STATE_ARMED = frozenset({2, 3, 4})


def sides(a: Actor | None, b: Actor | None) -> tuple[Actor | None, Actor | None]:
    """``(a, b)`` with a non-state armed group before the state forces it fights."""
    if a is not None and b is not None and a.inter in STATE and b.inter in _NON_STATE_ARMED:
        return b, a
    return a, b


def undirected(st: DocState, f: Frame) -> bool:
    """The battle is told without saying who started it: a noun ("a firefight with ..."),
    or a verb both sides do ("clashed with", "encountered")."""
    t = f.trigger
    return t.voice == "nominal" or t.text.lower() in st.ctx.syntax.symmetric_triggers


def order_sides(st: DocState, f: Frame) -> None:
    """Put the sides of an undirected battle in ACLED's order."""
    if f.sub_event_type != "Armed clash" or not undirected(st, f):
        return
    a1, a2 = sides(f.actor1, f.actor2)
    if a1 is not f.actor1:
        f.actor1, f.actor2 = a1, a2
        f.agent_mention, f.target_mention = f.target_mention, f.agent_mention
