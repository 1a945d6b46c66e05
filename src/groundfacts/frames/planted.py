"""Grenades planted, not thrown: "a grenade planted under his car exploded", "a grenade set as a
booby trap". A grenade that lies in wait for its victim is a remote device: ACLED's Grenade is
a hand-thrown explosive, and a planted or victim-triggered one is a Remote explosive/landmine/IED.
"""

from __future__ import annotations

from dataclasses import replace

from groundfacts.frames.context import DocState
from groundfacts.frames.retype import trigger_class
from groundfacts.records import Frame

_REMOTE = "Remote explosive/landmine/IED"


def planted_grenades(st: DocState, frames: list[Frame]) -> None:
    """Re-type the grenades of one sentence that the sentence says were planted."""
    syn = st.ctx.syntax
    text = st.ctx.text
    for f in frames:
        t = f.trigger
        if f.negated or trigger_class(t) != "grenade" or t.voice != "nominal":
            continue
        before = text[f.sentence.start : t.start]
        if syn.planted_after.match(text, t.end, f.sentence.end) or syn.planted_before.search(
            before
        ):
            f.trigger = replace(t, sub_event_type=_REMOTE, cls="explosion")
            f.sub_event_type = _REMOTE
