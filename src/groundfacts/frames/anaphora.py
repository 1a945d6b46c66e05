"""Who an actor mention stands for beyond its own words: "the militants" for the group
named before, the unit attacked before acting now, the claimant of an attack."""

from __future__ import annotations

import re
from dataclasses import replace

from groundfacts.frames.context import (
    ARMED_TYPES,
    CARRY,
    DocState,
    SentenceMentions,
    event_country,
    recent,
)
from groundfacts.frames.retype import ARMED, GENERIC, STATE, retype, trigger_class
from groundfacts.frames.roles import clause_bounds
from groundfacts.records import (
    EVENT_TYPES,
    Actor,
    ActorMention,
    Frame,
)

_POSSESSIVE = re.compile(r"['’]s\b")
# ACLED's codes of rebels, political and identity militias
NON_STATE = frozenset({2, 3, 4})


def resolve_mention(
    st: DocState, m: ActorMention | None, country: str | None, context: str
) -> Actor | None:
    if m is None:
        return None
    if m.kind == "role" and m.key == "unidentified" and st.named is not None:
        text = st.ctx.text
        syn = st.ctx.syntax
        if syn.definite_end.search(text[max(0, m.start - 12) : m.start]) or (
            syn.definite_start.search(text[m.end : m.end + 12])
        ):
            return st.named  # "the militants": the group named before
    actor = st.ctx.resolve.actor(m, country, context)
    if m.kind == "named" and actor is not None and actor.inter in (2, 3, 4):
        st.named = actor
    return actor


def carried_agent(st: DocState, sent_index: int) -> Frame | None:
    for f in reversed(st.frames):
        if sent_index - f.sentence.index > CARRY:
            return None
        if f.actor1 is not None and f.actor1.inter in ARMED:
            return f
    return None


def unit_anaphora(st: DocState, frames: list[Frame], breaks: list[tuple[int, int]]) -> None:
    """ "The patrol repelled the attack": the unit attacked before is acting now."""
    for f in frames:
        if f.agent_mention is not None or f.trigger.voice != "active" or f.negated:
            continue
        s = f.sentence
        c0, _ = clause_bounds(s.text, f.trigger.start - s.start, st.ctx.syntax, breaks)
        if not st.ctx.syntax.definite_unit.search(s.text[c0 : f.trigger.start - s.start]):
            continue
        prev = next(
            (
                g
                for g in recent(st, s.index)
                if not g.negated and g.actor2 is not None and g.actor2.inter in ARMED
            ),
            None,
        )
        if prev is not None:
            f.actor1 = prev.actor2
            f.agent_mention = prev.target_mention


def credit_claims(st: DocState, sm: SentenceMentions, actors: list[ActorMention]) -> None:
    """ "JNIM claimed responsibility": the claimant is the attacker of the events just
    reported whose attacker was unknown."""
    syn = st.ctx.syntax
    a = syn.attribution.search(sm.sentence.text)
    named: list[ActorMention] = []
    for m in syn.claim.finditer(sm.sentence.text):
        # "no one has claimed responsibility, but authorities believe X is behind it": the
        # claim that names its claimant
        at = sm.sentence.start + m.start()
        named = [x for x in actors if x.kind == "named" and x.end <= at]
        if named:
            break
    if not named and a is not None:
        # "the device was likely planted by X"; "no group has claimed responsibility, but
        # the army blamed the attack on X": a claim nobody made leaves the attribution
        at = sm.sentence.start + a.end()
        named = [x for x in actors if x.kind == "named" and x.start >= at][:1]
    if not named:
        return
    for f in reversed(st.frames):
        if sm.sentence.index - f.sentence.index > CARRY:
            break
        if f.negated or f.actor1 is None or not f.actor1.actor_id.startswith("role:"):
            continue
        claimant = st.ctx.resolve.actor(named[-1], event_country(st, f), "")
        if claimant is not None and claimant.inter in ARMED:
            f.actor1 = claimant
            f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)


def sole_group(st: DocState) -> None:
    """ "Troops flushed out militants from the parts of the city the X group holds": in a
    document that names one armed non-state group only, its generic members are that group."""
    groups = {
        a.name: a
        for f in st.frames
        if not f.negated
        for a in (f.actor1, f.actor2)
        if a is not None and a.inter in NON_STATE and not a.actor_id.startswith("role:")
    }
    if st.named is not None and st.named.inter in NON_STATE:
        groups.setdefault(st.named.name, st.named)
    if len(groups) != 1:
        return
    (group,) = groups.values()
    nouns = st.ctx.syntax.group_nouns
    for f in st.frames:
        for slot, m in (("actor1", f.agent_mention), ("actor2", f.target_mention)):
            actor = getattr(f, slot)
            other = f.actor2 if slot == "actor1" else f.actor1
            if other is not None and other.name == group.name:
                continue  # "militants attacked a VDP position": the group is the other side
            if (
                actor is not None
                and actor.actor_id in ("role:unidentified", "role:rebels")
                and m is not None
                and m.text.lower() in nouns
            ):
                setattr(f, slot, group)


def sentence_group(st: DocState, frames: list[Frame], actors: list[ActorMention]) -> None:
    """ "Suspected X militants intercepted a truck, firing at its tyres, and the driver was
    abducted": an armed event told with no agent of its own, after the sentence names one
    non-state armed group, was done by that group; not when state forces act in the sentence
    ("police killed an X militant carrying a bomb"), devices are seized in it, or the group
    is a victim of it."""
    live = [f for f in frames if not f.negated]
    if (
        not any(f.actor1 is None for f in live)
        or any(f.actor1 is not None and f.actor1.inter in STATE for f in live)
        # "troops recovered an X cache of bombs": devices seized, none went off
        or any(f.sub_event_type == "Disrupted weapons use" for f in live)
    ):
        return
    victims = {f.actor2.name for f in live if f.actor2 is not None}
    named: list[tuple[int, Actor]] = [
        (f.agent_mention.start if f.agent_mention is not None else f.trigger.start, f.actor1)
        for f in live
        if f.actor1 is not None and f.actor1.inter in NON_STATE
    ]
    text = st.ctx.text
    for m in actors:
        # "an X commander's convoy was hit": the owner of what was struck does not strike
        if m.kind == "named" and not _POSSESSIVE.match(text, m.end):
            actor = st.ctx.resolve.actor(m, st.ctx.country, "")
            if actor is not None and actor.inter in NON_STATE:
                named.append((m.start, actor))
    for f in live:
        if f.actor1 is not None or EVENT_TYPES[f.sub_event_type] not in ARMED_TYPES:
            continue
        groups = {a.name: a for at, a in named if at < f.trigger.start and a.name not in victims}
        if len(groups) == 1:
            (f.actor1,) = groups.values()


def clash_sides(st: DocState, frames: list[Frame]) -> None:
    """ "Troops killed nine rebels in a clash", "soldiers arrested six rebels after a brief
    firefight": a fight told with no sides of its own is fought by the two armed sides of
    another event of its sentence."""
    pairs: list[tuple[Frame, Actor, Actor]] = [
        (f, f.actor1, f.actor2)
        for f in frames
        if not f.negated
        and f.actor1 is not None
        and f.actor2 is not None
        and f.actor1.inter in ARMED
        and f.actor2.inter in ARMED
        and f.actor1.name != f.actor2.name
    ]
    for f in frames:
        if f.negated or f.actor1 is not None or trigger_class(f.trigger) != "clash":
            continue
        src = next((p for p in pairs if p[0] is not f), None)
        if src is None:
            continue
        g, a1, a2 = src
        if f.actor2 is not None and f.actor2.name not in (a1.name, a2.name):
            continue
        f.actor1, f.actor2 = a1, a2
        f.agent_mention, f.target_mention = g.agent_mention, g.target_mention
        if EVENT_TYPES[g.sub_event_type] in ARMED_TYPES:
            # the fight is told through the other's violent verb: who acted there comes
            # first ("troops killed nine rebels in a clash": the troops), as ACLED orders
            # the sides; an arrest after a firefight says nothing of who started it
            f.trigger = replace(f.trigger, voice=g.trigger.voice)


def sentence_forces(st: DocState, frames: list[Frame]) -> None:
    """ "one suspect died and three were taken into custody when police raided a house", "one
    person was killed when soldiers fired warning shots": a killing or an attack told with no
    agent, in a sentence where state forces are the one armed side that acts, was theirs."""
    live = [f for f in frames if not f.negated]
    if any(f.sub_event_type == "Disrupted weapons use" for f in live):
        return  # "soldiers detonated the bombs they found": no one was attacked
    # both sides of a fight act ("a civilian was killed by a stray bullet in a firefight
    # between troops and rebels": no one side killed her)
    acting = {
        a.name: a
        for f in live
        if f.actor1 is not None and EVENT_TYPES[f.sub_event_type] in ARMED_TYPES
        for a in (f.actor1, f.actor2)
        if a is not None and a.inter in ARMED
    }
    if len(acting) != 1:
        return
    (forces,) = acting.values()
    if forces.inter not in STATE:
        return
    for f in live:
        if (
            f.actor1 is None
            # "was killed": a victim told without the killer ("the attack that killed two"
            # may be another, earlier event); a fight without sides has two (clash_sides)
            and f.trigger.voice == "passive"
            and trigger_class(f.trigger) in GENERIC - {"clash"}
            and (f.actor2 is None or f.actor2.inter not in STATE)
        ):
            f.actor1 = forces


# ACLED's code of civilians, who are the victims of an event, not its actor
_CIVILIANS = 7


def civilians_second(f: Frame) -> None:
    """ "Hundreds of drug users and pushers surrendered to police": ACLED lists civilians as the
    second actor, the one acted on, whatever the sentence's subject; only its "Other"
    events (a civilian initiative) may open with them."""
    if (
        f.sub_event_type != "Other"
        # people who burn or loot are a crowd the protest they belong to still names
        and trigger_class(f.trigger) not in ("destroy", "loot")
        and f.actor1 is not None
        and f.actor2 is not None
        and f.actor1.inter == _CIVILIANS
        and f.actor2.inter != _CIVILIANS
    ):
        f.actor1, f.actor2 = f.actor2, f.actor1
        f.agent_mention, f.target_mention = f.target_mention, f.agent_mention
        f.assoc1, f.assoc2 = f.assoc2, f.assoc1
