"""Attacks on property: "rebels attacked a power plant", "gunmen strafed the mayor's house",
"KKB menyerang alat berat perusahaan". An attack whose object is a building, a machine or a
vehicle, with nobody reported killed or hurt, is ACLED's Looting/property destruction, not an
attack on civilians (Violence against civilians needs people as its target)."""

from __future__ import annotations

from dataclasses import replace

from groundfacts.frames.context import DocState, SentenceMentions
from groundfacts.frames.retype import trigger_class
from groundfacts.frames.roles import clause_bounds
from groundfacts.records import Frame

_DESTRUCTION = "Looting/property destruction"


def property_attacks(
    st: DocState, sm: SentenceMentions, frames: list[Frame], breaks: list[tuple[int, int]]
) -> None:
    """Re-type the attacks of one sentence whose object is property, when the sentence
    reports no one killed or hurt."""
    if any(c.count > 0 or c.vague for c in sm.casualties):
        return
    syn = st.ctx.syntax
    s = sm.sentence
    for f in frames:
        t = f.trigger
        if (
            f.negated
            or f.sub_event_type != "Attack"
            or trigger_class(t) != "attack"
            or t.voice != "active"
            or f.target_mention is not None  # people named as the target
        ):
            continue
        _c0, c1 = clause_bounds(s.text, t.start - s.start, syn, breaks)
        obj = s.text[t.end - s.start : c1]
        if syn.property_object.match(obj):
            f.trigger = replace(t, sub_event_type=_DESTRUCTION, cls="destroy")
            f.sub_event_type = _DESTRUCTION
