"""Weapons made safe, found, seized or failed: the device named beside a disruption is the
thing disrupted, not a bombing of its own ("the military detonated a homemade bomb", "a roadside
bomb prematurely exploded", "police defused an IED")."""

from __future__ import annotations

import re

from groundfacts.frames.context import DocState
from groundfacts.frames.retype import trigger_class
from groundfacts.records import Frame

_DISRUPTED = "Disrupted weapons use"
_WEAPONS = frozenset({"explosion", "grenade", "shelling", "suicide"})
_WORD = re.compile(r"\w+")
# how many words may stand between the disruption and the device it names
_NEAR = 4


def fold_devices(st: DocState, frames: list[Frame]) -> list[Frame]:
    """The frames of a sentence without the weapon nouns that a disruption names."""
    disrupted = [f for f in frames if not f.negated and f.sub_event_type == _DISRUPTED]
    if not disrupted:
        return frames
    text = st.ctx.text

    def near(f: Frame, d: Frame) -> bool:
        a, b = sorted(((f.trigger.start, f.trigger.end), (d.trigger.start, d.trigger.end)))
        gap = text[a[1] : b[0]]
        return len(_WORD.findall(gap)) <= _NEAR and not any(c in gap for c in ",;")

    out = []
    for f in frames:
        if (
            f.sub_event_type != _DISRUPTED
            and not f.negated
            and f.trigger.voice == "nominal"
            and trigger_class(f.trigger) in _WEAPONS
            and any(near(f, d) for d in disrupted)
        ):
            continue
        out.append(f)
    return out
