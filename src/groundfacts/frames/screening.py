"""Which triggers of a sentence make a frame, and in which voice: a device named with the
verb that hit it, a victim verb, weapons held rather than used, a weapon merely named, a noun
that names who acts rather than what happened."""

from __future__ import annotations

from dataclasses import replace

from groundfacts.frames.aircraft import flies, is_aircraft
from groundfacts.frames.context import DocState, SentenceMentions
from groundfacts.frames.places import overlaps
from groundfacts.frames.retype import trigger_class
from groundfacts.frames.roles import clause_bounds
from groundfacts.records import ActorMention, Trigger

# triggers weaker than this (weapon nouns: "drones", "warplanes") make an event only beside a
# stronger one in the same sentence
WEAK = 0.65
# weapon classes whose noun may name a weapon held or seized rather than used
_WEAPONS = frozenset({"airstrike", "shelling", "explosion", "suicide", "grenade", "chemical"})
# words this long or shorter ("in", "the", "dan") stay in lower case in a headline
_SHORT = 3


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _headline(text: str) -> bool:
    """A headline capitalises every word but the short ones ("Gunmen Kill Three in Kermi");
    running text has longer words in lower case."""
    return not any(w.isalpha() and w.islower() and len(w) > _SHORT for w in text.split())


def opens_a_name(text: str, end: int, starts: set[int]) -> bool:
    """The words of the sentence ``text`` ending at ``end`` go on into a proper name: a
    capitalised word follows after one space that begins no mention of its own (``starts``)
    ("the Philippine Daily Inquirer", "the French Embassy"), in running text."""
    nxt = text[end : end + 2]
    return (
        len(nxt) == 2
        and nxt[0] == " "
        and nxt[1].isupper()
        and end + 1 not in starts
        and not _headline(text)
    )


def in_a_name(text: str, start: int, end: int) -> bool:
    """The trigger at ``start:end`` of the sentence ``text`` is a word of a proper name ("the
    Visiting Forces Agreement", "the Global Climate Strike", "an Inquirer Kill List"): it is
    capitalised in running text, right after another capitalised word of the name. An
    acronym ("IED") or a headline's capitals say nothing."""
    word = text[start:end]
    if not _capitalised(word) or word.isupper():
        return False
    before = text[:start]
    if not before.endswith(" "):
        return False
    prev = before.rstrip().rsplit(None, 1)
    # the word before, joined to the trigger by one space only (no punctuation between)
    if not prev or before[len(before.rstrip()) :] != " " or not prev[-1][-1:].isalpha():
        return False
    if not _capitalised(prev[-1]) or len(prev) == 1:
        return False  # the first word of a sentence is capitalised whatever it is
    return not _headline(text)


_STATE_FORCES = 1  # ACLED's inter code of state forces


def _state_force(st: DocState, a: ActorMention) -> bool:
    """A generic noun of state forces ("riot police"), whose words name no event."""
    if a.kind != "role":
        return False
    actor = st.ctx.resolve.role(a.key, None)
    return actor is not None and actor.inter == _STATE_FORCES


def screen_trigger(
    st: DocState,
    sm: SentenceMentions,
    k: int,
    actors: list[ActorMention],
    breaks: list[tuple[int, int]],
    *,
    strong: bool,
) -> Trigger | None:
    """The ``k``-th trigger of the sentence as it makes a frame, or None when it makes none.
    ``strong``: the sentence has a trigger strong enough to report an event on its own."""
    ctx, s = st.ctx, sm.sentence
    text = s.text
    trig = sm.triggers[k]
    nxt = sm.triggers[k + 1] if k + 1 < len(sm.triggers) else None
    if (
        nxt is not None
        and trigger_class(nxt) == "explosion"
        and ctx.syntax.device_victim_end.search(ctx.text[s.start : nxt.start])
        and ctx.text[trig.start : trig.end].lower() in ctx.text[trig.start : nxt.start].lower()
        and len(ctx.text[trig.end : nxt.start].split()) <= 2
    ):
        return None  # "struck an IED": the device is the event, the verb says who hit it
    if trig.voice == "active" and (
        trig.text.lower() in ctx.syntax.victim_verbs
        or ctx.syntax.elliptic_end.search(ctx.text[max(s.start, trig.start - 20) : trig.start])
    ):
        # "two soldiers died", "... and others wounded": the subject is the victim
        trig = replace(trig, voice="passive")
    if (
        trig.voice == "active"
        and trig.text.lower() in ctx.syntax.reduced_passives
        and ctx.syntax.reduced_end.match(ctx.text, trig.end)
    ):
        # "one soldier wounded.", "motorbikes and livestock seized, and ...": no object follows
        trig = replace(trig, voice="passive")
    held = ctx.text[
        s.start + clause_bounds(text, trig.start - s.start, ctx.syntax, breaks)[0] : trig.start
    ]
    if (
        trig.voice == "nominal"
        and trigger_class(trig) in _WEAPONS
        and ctx.syntax.custody_end.search(held)
        # "a bus carrying pupils was struck by an IED": the device hit what was carried
        and not ctx.syntax.device_victim_end.search(held)
    ):
        # "seized rockets", "recovered landmines", "shot down drones": weapons held, found or
        # downed, not used; ACLED codes the seizure or interception
        return replace(trig, sub_event_type="Disrupted weapons use", cls="disrupt", voice="active")
    if trig.voice != "nominal":
        taken = ctx.syntax.seizure_object.match(ctx.text, trig.start, s.end)
        if taken is None and trig.voice == "passive":
            taken = ctx.syntax.seizure_subject_end.search(
                ctx.text, max(s.start, trig.start - 60), trig.start
            )
            if taken is not None and not ctx.syntax.seizure_verb.fullmatch(trig.text):
                taken = None  # "...camps were attacked": only a seizure verb takes ground
        if taken is not None:
            # "seized a rebel camp": ground taken, not goods; an abandoned camp changes
            # hands without a fight
            if ctx.syntax.abandoned.search(taken.group()):
                trig = replace(
                    trig, sub_event_type="Non-violent transfer of territory", cls="withdraw"
                )
            elif trigger_class(trig) not in ("capture", "regain"):
                trig = replace(
                    trig, sub_event_type="Non-state actor overtakes territory", cls="capture"
                )
    if is_aircraft(trig):
        if not flies(st, sm, trig):
            return None  # "shot at a helicopter", "jets were heard": no strike from the air
    elif trig.weight < WEAK and trig.voice == "nominal" and not strong:
        return None  # "fighter jets were heard": a weapon named, no event reported
    # a trigger that reaches past the actor it starts in names what it did ("drones struck")
    on_actor = [
        a for a in actors if overlaps(trig.start, trig.end, a.start, a.end) and trig.end <= a.end
    ]
    if trigger_class(trig) == "brawl":
        return trig  # "two groups of youths", "tawuran antarwarga": the crowds are the event
    if any(
        a.kind == "named" or (a.start <= trig.start and _state_force(st, a)) for a in on_actor
    ) or (on_actor and any(trigger_class(t) in ("attack", "kill") for t in sm.triggers)):
        # "police fired on protesters": the noun names who, not what; a trigger inside a
        # noun of state forces ("riot police") names them, not a riot
        return None
    return trig
