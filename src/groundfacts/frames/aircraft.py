"""Aircraft as the instrument or the agent of a strike make an air strike: "warplanes struck
rebel positions", "an army helicopter dropped barrel bombs on ...", "killed by a drone",
"pesawat tempur TNI membombardir ...". The forces the text says own the aircraft ("army
helicopter", "Malian warplanes", "pesawat tempur TNI") are its actor1.

Aircraft nouns are the pack's weak ``airstrike`` triggers (``triggers.tsv``); the verbs an
aircraft noun strikes with (``air_verbs``), the words that make a later aircraft noun an
instrument (``instrument_markers``) and the forces that fly (``air_forces``) are in
``syntax.toml``.
"""

from __future__ import annotations

from dataclasses import replace

from groundfacts.frames.anaphora import resolve_mention
from groundfacts.frames.context import DocState, SentenceMentions, event_country
from groundfacts.frames.retype import STATE, trigger_class
from groundfacts.frames.roles import clause_bounds
from groundfacts.records import ActorMention, Frame, Trigger

AIR = "Air/drone strike"
# an aircraft noun is a weak trigger (screening.WEAK, not imported: screening imports this)
WEAK = 0.65
# classes of violence an aircraft may carry out
_STRIKES = frozenset({"attack", "kill", "clash", "explosion", "shelling", "destroy", "airstrike"})


def _aircraft(sm: SentenceMentions) -> list[tuple[int, int]]:
    """Spans of the aircraft nouns and air forces of a sentence."""
    # strong ones ("airstrikes") are events of their own; the weak ones name the aircraft
    return [
        (t.start, t.end)
        for t in sm.triggers
        if trigger_class(t) == "airstrike" and t.voice == "nominal" and t.weight < WEAK
    ]


def is_aircraft(trig: Trigger) -> bool:
    return trigger_class(trig) == "airstrike" and trig.voice == "nominal" and trig.weight < WEAK


def flies(st: DocState, sm: SentenceMentions, trig: Trigger) -> bool:
    """An aircraft noun that strikes ("warplanes struck", "helikopter menembaki") or is the
    instrument of a strike ("killed by a drone"), not one shot at or seen."""
    syn, text = st.ctx.syntax, st.ctx.text
    after = text[trig.end : min(sm.sentence.end, trig.end + 60)]
    before = text[max(sm.sentence.start, trig.start - 40) : trig.start]
    return (
        syn.air_verb_start.search(after) is not None
        or syn.instrument_end.search(before) is not None
    )


def air_strikes(
    st: DocState, sm: SentenceMentions, frames: list[Frame], actors: list[ActorMention]
) -> None:
    """Frames of violence carried out by or from aircraft become air strikes."""
    syn, text, s = st.ctx.syntax, st.ctx.text, sm.sentence
    # aircraft that strike ("warplanes bombed", "the air force struck"), not ones seized or seen
    planes = [
        p for p in _aircraft(sm) if syn.air_verb_start.search(text[p[1] : p[1] + 60]) is not None
    ]
    planes += [(a.start, a.end) for a in actors if _air_force(a.text.lower(), syn.air_forces)]
    instruments = _aircraft(sm)
    if not planes and not instruments:
        return
    for f in frames:
        trig = f.trigger
        if f.negated or trigger_class(trig) not in _STRIKES:
            continue
        c0, c1 = clause_bounds(s.text, trig.start - s.start, syn)
        lo, hi = s.start + c0, s.start + c1
        plane = next(
            (
                p
                for p in reversed(planes)
                if (lo <= p[0] and p[1] <= trig.start) or (p[0] <= trig.start and trig.end <= p[1])
            ),
            None,
        )
        if plane is None:
            plane = next(
                (
                    p
                    for p in instruments
                    if trig.end <= p[0] < hi
                    and syn.instrument_end.search(text[trig.end : p[0]]) is not None
                ),
                None,
            )
        if plane is None:
            continue
        f.sub_event_type = AIR
        f.trigger = replace(trig, sub_event_type=AIR, cls="airstrike")
        owner = _owner(st, actors, plane)
        if owner is not None:
            actor = resolve_mention(st, owner, event_country(st, f), s.text)
            if actor is not None and actor.inter in STATE:
                f.actor1, f.agent_mention = actor, owner
                if f.actor2 is not None and f.actor2.name == actor.name:
                    f.actor2 = None


def _air_force(text: str, forces: frozenset[str]) -> bool:
    """ "the air force", "the Nigerian Air Force", "TNI AU"."""
    return any(text == f or text.endswith(" " + f) for f in forces)


def _owner(st: DocState, actors: list[ActorMention], plane: tuple[int, int]) -> ActorMention | None:
    """The forces named with an aircraft noun: right before it ("army helicopter",
    "Malian warplanes"), right after it ("pesawat tempur TNI"), or the air force itself."""
    text = st.ctx.text
    for a in actors:
        if (a.start <= plane[0] and plane[1] <= a.end) or (
            plane[0] <= a.start and a.end <= plane[1]
        ):
            return a
        gap_before = text[a.end : plane[0]] if a.end <= plane[0] else None
        gap_after = text[plane[1] : a.start] if plane[1] <= a.start else None
        for gap in (gap_before, gap_after):
            if gap is not None and len(gap) <= 2 and not gap.strip():
                return a
    return None
