"""Deaths and wounds told as the consequence of an event named in the same sentence.

"Two rebels were killed during a clash with the army", "a drug suspect was killed in a police
raid", "three soldiers were wounded when gunmen opened fire": the victim verb is not an event of
its own with an unknown attacker; it says who suffered the event that follows it. The victims
become a side of that event (the other party of a clash, the target of an attack), and their
toll is its toll. A victim verb followed by an operation or an arrest ("killed during a police
operation") takes that operation's agent.

So does a flight told after a violent event ("militants attacked the village; residents fled"):
it is what the event caused, not a development of its own. Told first ("families evacuated
following clashes"), the report centres on the flight, which ACLED codes as its own event.
"""

from __future__ import annotations

from collections.abc import Sequence

from groundfacts.frames.context import ARMED_TYPES, FIGHT_CLASSES, DocState
from groundfacts.frames.retype import trigger_class
from groundfacts.records import EVENT_TYPES, Actor, ActorMention, Casualties, Frame

# classes of the victim verbs ("killed", "shot", "wounded") whose cause may follow them
_VICTIM_CLASSES = frozenset({"kill", "attack"})
# non-violent frames that still say who did the killing ("during a police operation")
_AGENCY_CLASSES = frozenset({"change", "arrest"})
# at most this many words between two victim verbs that share one cause
_JOINED_VICTIMS = 8
# events whose victims may flee; the class of the triggers that say people fled
_DRIVING_TYPES = ARMED_TYPES | {"Riots"}
_DRIVING_SUBS = frozenset({"Looting/property destruction"})
_DISPLACE = "displace"
_CAUSED_FLIGHT = "displacement caused by the event told before it"
# how many sentences back the event that caused a flight may be told
_FLIGHT_SPAN = 1
_CIVILIANS = 7  # ACLED's inter code


def is_victim_verb(f: Frame) -> bool:
    """A passive killing or wounding that names no one doing it ("a soldier was killed")."""
    return (
        not f.negated
        and f.agent_mention is None
        and f.trigger.voice == "passive"
        and trigger_class(f.trigger) in _VICTIM_CLASSES
    )


def _cause(
    st: DocState, f: Frame, frames: list[Frame], wounded: Sequence[Casualties] = ()
) -> Frame | None:
    """The frame whose event the victim verb ``f`` tells the consequence of, if any."""
    nxt = next(
        (
            g
            for g in frames
            if g.sentence is f.sentence and g.trigger.start >= f.trigger.end and not g.negated
        ),
        None,
    )
    if nxt is None:
        return None
    syn = st.ctx.syntax
    start = f.trigger.end
    for c in wounded:
        joint = st.ctx.text[start : c.start].split()
        if start <= c.start and c.end <= nxt.trigger.start and len(joint) <= 1:
            # "tiga warga tewas dan sebelas lainnya terluka setelah ...": the wounded told
            # with the dead stand between the victim verb and its cause
            start = c.end
    gap = st.ctx.text[start : nxt.trigger.start]
    if is_victim_verb(nxt):
        # "a soldier was killed while two others were wounded in a firefight": victim verbs
        # joined in one clause share the cause named after the last ("killed and wounded"
        # alone names none)
        if len(gap.split()) > _JOINED_VICTIMS or any(ch in gap for ch in ";:()"):
            return None
        g = _cause(st, nxt, frames, wounded)
        return g if g is not None and trigger_class(g.trigger) in FIGHT_CLASSES else None
    if not syn.consequence_link.search(gap):
        return None
    words = gap.split()
    if (
        nxt.trigger.voice == "nominal"
        and any(syn.definite_end.search(" ".join(words[: k + 1])) for k in range(len(words)))
        and (st.frames or any(g.trigger.start < f.trigger.start for g in frames))
    ):
        return None  # "... were killed in the attack": the event told before, not a new one
    return nxt


def join_consequences(
    st: DocState, frames: list[Frame], casualties: Sequence[Casualties] = ()
) -> list[Frame]:
    """Fold victim verbs into the event that follows them in their sentence; returns the
    frames that remain."""
    wounded = sorted((c for c in casualties if c.kind == "injured"), key=lambda c: c.start)
    dropped: set[int] = set()
    for f in frames:
        if id(f) in dropped or not is_victim_verb(f):
            continue
        g = _cause(st, f, frames, wounded)
        if g is None:
            continue
        if EVENT_TYPES[g.sub_event_type] in ARMED_TYPES:
            victims, vm = f.actor2, f.target_mention
            if victims is not None:
                _add_side(g, victims, vm)
            g.casualties.extend(c for c in f.casualties if c not in g.casualties)
            # every frame of the victim verb (one per place or target) tells the same deaths
            dropped |= {id(h) for h in frames if h.trigger is f.trigger}
        elif trigger_class(g.trigger) in _AGENCY_CLASSES and g.actor1 is not None:
            f.actor1, f.agent_mention, f.assoc1 = g.actor1, g.agent_mention, list(g.assoc1)
    return [f for f in frames if id(f) not in dropped]


def _add_side(g: Frame, victims: Actor, vm: ActorMention | None) -> None:
    """The victims are a side of ``g``: the party a clash lacks, else the target."""
    if g.actor1 is not None and g.actor1.name == victims.name:
        pass  # "X was killed in a clash with Y": the clash already has X as a side
    elif trigger_class(g.trigger) == "clash":
        if g.actor1 is None:
            g.actor1, g.agent_mention = victims, vm
        elif g.actor2 is None:
            g.actor2, g.target_mention = victims, vm
    elif g.actor2 is None:
        g.actor2, g.target_mention = victims, vm


def _drives_out(f: Frame) -> bool:
    return not f.negated and (
        EVENT_TYPES[f.sub_event_type] in _DRIVING_TYPES or f.sub_event_type in _DRIVING_SUBS
    )


def _told_as_cause(st: DocState, g: Frame) -> bool:
    """``g`` is told in a phrase that opens with a link of cause ("following the clash, ...",
    "after he fled")."""
    before = st.ctx.text[g.sentence.start : g.trigger.start]
    return st.ctx.syntax.cause_link_end.search(before) is not None


def flights_caused(st: DocState) -> None:
    """Mark a flight told just after a violent event as that event's consequence ("militants
    attacked the village; residents fled"); "following the clash, families fled" tells the
    flight."""
    for f in st.frames:
        if f.negated or trigger_class(f.trigger) != _DISPLACE:
            continue
        # "they burned his house after he fled": the flight came first
        caused = not _told_as_cause(st, f) and any(
            _drives_out(g)
            and g.trigger.start < f.trigger.start
            and f.sentence.index - g.sentence.index <= _FLIGHT_SPAN
            and not (g.sentence.index == f.sentence.index and _told_as_cause(st, g))
            for g in st.frames
        )
        if caused:
            f.negated = _CAUSED_FLIGHT
        elif f.actor1 is None and f.actor2 is not None and f.actor2.inter == _CIVILIANS:
            # "families were displaced": those who fled are the actor of their flight
            f.actor1, f.actor2 = f.actor2, None
            f.agent_mention, f.target_mention = f.target_mention, None
