"""Which event a reported toll belongs to."""

from __future__ import annotations

from groundfacts.frames.context import (
    CARRY,
    DocState,
    SentenceMentions,
)
from groundfacts.records import (
    Frame,
)


def attach_casualties(st: DocState, frames: list[Frame], sm: SentenceMentions) -> None:
    killed = [c for c in sm.casualties if c.kind == "killed"]
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
    for c in killed:
        before = [f for f in frames if f.trigger.start <= c.start]
        target = before[-1] if before else live[0]
        if not target.negated:
            target.casualties.append(c)
