"""Deaths, damage and losses that are no ACLED event: floods and landslides, road accidents,
fires nobody set, illness, ordinary crime between private people. They are kept as non-events
with a reason (the pack's ``nonevents.toml`` names the domains, their cues and the trigger
classes they explain) so a user can see why they were left out."""

from __future__ import annotations

from groundfacts.frames.context import DocState, SentenceMentions
from groundfacts.frames.retype import trigger_class
from groundfacts.records import Actor, Frame

_PRIVATE = 7  # ACLED's code for civilians
_STATE = 1  # and for state forces
# domains (nonevents.toml keys) that explain a frame whoever is named doing it: a thief or a
# person on trial acts, and it is still no ACLED event
_WHOEVER_ACTS = frozenset({"crime", "court"})


def _private(a: Actor | None) -> bool:
    return a is None or a.inter == _PRIVATE


def _arrest_of_private(f: Frame) -> bool:
    """State forces arresting a private person: the arrest takes the nature of what it is for
    (a militia's "detention" stays its own act)."""
    by_state = f.actor1 is None or f.actor1.inter == _STATE
    return trigger_class(f.trigger) == "arrest" and by_state and _private(f.actor2)


def mark_non_events(st: DocState, sm: SentenceMentions, frames: list[Frame]) -> None:
    """Give frames explained by a non-event domain that domain's reason."""
    domains = st.ctx.syntax.nonevent_domains
    if not domains or not frames:
        return
    text = sm.sentence.text
    hits = [d for d in domains if d.cues.search(text)]
    if not hits:
        return
    # an armed or state actor anywhere in the sentence makes it a matter of political violence
    if any(
        not _private(f.actor1) or not _private(f.actor2)
        for f in frames
        if not f.negated and not _arrest_of_private(f)
    ):
        return
    for f in frames:
        if f.negated:
            continue
        cls = trigger_class(f.trigger)
        for d in hits:
            if cls not in d.classes:
                continue
            if f.agent_mention is not None and d.name not in _WHOEVER_ACTS:
                continue  # "villagers burned the house": someone set this fire
            f.negated = d.reason
            break
