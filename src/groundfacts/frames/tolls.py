"""Which event a reported toll belongs to."""

from __future__ import annotations

from groundfacts.frames.consequences import is_victim_verb
from groundfacts.frames.context import (
    ARMED_TYPES,
    CARRY,
    FIGHT_CLASSES,
    DocState,
    SentenceMentions,
    recent,
)
from groundfacts.frames.retype import trigger_class
from groundfacts.records import (
    EVENT_TYPES,
    Casualties,
    Frame,
)

# A killing told in the sentence of another violent event is usually that event's outcome
# ("militants attacked a post, killing two soldiers", "police opened fire on protesters,
# killing one"): its toll is the event's toll, as ACLED codes one event with the whole toll.
_KILL_CLASSES = frozenset({"kill"})


def _main_event(target: Frame, live: list[Frame]) -> Frame:
    """The event a killing frame tells the outcome of: the nearest violent event before it
    in its sentence, on the same date; ``target`` itself when there is none."""
    if trigger_class(target.trigger) not in _KILL_CLASSES:
        return target
    main = [
        f
        for f in live
        if trigger_class(f.trigger) in FIGHT_CLASSES
        and f.date is target.date
        and _same_place(f, target)
    ]
    before = [f for f in main if f.trigger.start < target.trigger.start]
    if before:
        return before[-1]
    return target


def _same_place(f: Frame, killing: Frame, since: int | None = None) -> bool:
    """The killing names the place of ``f`` or none of its own: a place told before ``since``
    (its verb unless given) is one it shares, not its own."""
    p, q = f.place, killing.place
    if p is None or q is None or p.place == q.place:
        return True
    return q.start < (killing.trigger.start if since is None else since)


def attach_casualties(st: DocState, frames: list[Frame], sm: SentenceMentions) -> None:
    killed = [c for c in sm.casualties if c.kind == "killed"]
    if any(c.count == 0 for c in killed) and _told_deaths(st, sm.sentence.index):
        # "Four rebels were killed. No casualties were reported on the military side.": a
        # later "none" speaks of one side or of no more deaths, it does not undo the toll
        killed = [c for c in killed if c.count]
    if not killed:
        return
    live = [f for f in frames if not f.negated]
    if frames and not live:
        return  # the deaths of a denied or negated event are not counted
    if not live:
        # "Two soldiers died." after an event: the count belongs to the last event
        for f in reversed(st.frames):
            if sm.sentence.index - f.sentence.index > CARRY:
                break
            if not f.negated:
                f.casualties.extend(killed)
                return
        return
    prev = _told_event(st, sm.sentence.index, live)
    if prev is not None:
        # "Police fired on protesters in X. A student was shot dead.": the victims of the
        # event just told, not a killing of its own
        prev.casualties.extend(killed)
        return
    for c in killed:
        target = _target(c, frames, live)
        if not target.negated:
            target.casualties.append(c)


def _told_event(st: DocState, index: int, live: list[Frame]) -> Frame | None:
    """The violent event of the last sentences whose victims the sentence's frames tell, when
    all of them are victim verbs with no agent, no date and no place of their own. Only for
    events outside the armed types: a victim verb after a battle or an attack is a follow-up
    that joins its event (``follow_ups``)."""
    if not all(is_victim_verb(f) for f in live):
        return None
    fights = (f for f in recent(st, index) if trigger_class(f.trigger) in FIGHT_CLASSES)
    prev = next((f for f in fights if not f.negated), None)
    if prev is None or EVENT_TYPES[prev.sub_event_type] in ARMED_TYPES:
        return None
    if any(_own_date(f, prev) or not _same_place(prev, f, f.sentence.start) for f in live):
        return None
    return prev


def _own_date(f: Frame, prev: Frame) -> bool:
    """``f`` states a date that is not ``prev``'s."""
    if f.date is None or f.date is prev.date:
        return False
    return f.date.date is None or prev.date is None or f.date.date != prev.date.date


def _told_deaths(st: DocState, index: int) -> bool:
    """Some of the last few sentences before ``index`` told people killed."""
    for f in reversed(st.frames):
        if index - f.sentence.index > CARRY:
            return False
        if f.sentence.index < index and any(c.kind == "killed" and c.count for c in f.casualties):
            return True
    return False


def _target(c: Casualties, frames: list[Frame], live: list[Frame]) -> Frame:
    before = [f for f in frames if f.trigger.start <= c.start]
    target = before[-1] if before else live[0]
    if target.negated:
        return target
    main = _main_event(target, live)
    # a trigger with several targets or places makes a frame for each: the toll moved to it is
    # told once, of the target the killing names ("attacked customs officers and civilians,
    # and killed two customs officers"), else of the first named
    if main is target:
        return target
    siblings = [f for f in live if f.trigger is main.trigger]
    victims = target.actor2.name if target.actor2 is not None else ""
    return next(
        (f for f in siblings if f.actor2 is not None and f.actor2.name == victims), siblings[0]
    )
