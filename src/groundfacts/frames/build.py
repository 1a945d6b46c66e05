"""Event frames: trigger + roles + place + date + casualties, one per event mention.

Input is one document's sentences with the mentions found in each; output is a list of
frames (events and non-events) in document order. Document context fills what a sentence
leaves out: the date last stated, the place last named, the actor last acting.

The rules live in modules named for their concern: ``screening`` (which triggers make a
frame), ``roles`` (agent and target), ``anaphora`` (who "the militants" are), ``places``
(where), ``tolls`` (which event a toll belongs to), ``crowds`` (protesters and rioters),
``follow_ups`` (mentions that tell more of an earlier event), ``retype`` (the sub-event type
from who acts on whom), ``modality`` (non-events). ``context`` holds what they share and
``resolver`` answers every "who is this" and "where is this" for the document.
"""

from __future__ import annotations

from dataclasses import replace

from groundfacts.frames.aircraft import air_strikes
from groundfacts.frames.anaphora import (
    civilians_second,
    clash_sides,
    credit_claims,
    resolve_mention,
    sentence_forces,
    sentence_group,
    sole_group,
    unit_anaphora,
)
from groundfacts.frames.battles import infighting, off_duty_victims, order_sides
from groundfacts.frames.consequences import flights_caused, join_consequences
from groundfacts.frames.context import (
    CARRY,
    DocContext,
    DocState,
    SentenceMentions,
)
from groundfacts.frames.crowds import (
    communal_sides,
    escalate_protests,
    grievances,
    interventions,
    one_fight_of_two_villages,
    settle_actors,
    symbols_burnt,
)
from groundfacts.frames.disrupted import fold_devices
from groundfacts.frames.follow_ups import (
    absorb_operations,
    answer_attacks,
    fill_agents,
    join_follow_ups,
)
from groundfacts.frames.labels import apply_labels
from groundfacts.frames.mentions import acting_actors, is_quoted
from groundfacts.frames.modality import non_event_reason
from groundfacts.frames.nonevents import mark_non_events
from groundfacts.frames.places import (
    BRACKETS,
    anchor_for,
    drop_overlaps,
    fragments_dropped,
    listed_places,
    named_fallback,
    place_for,
    takes_place,
)
from groundfacts.frames.planted import planted_grenades
from groundfacts.frames.property import property_attacks
from groundfacts.frames.retype import GENERIC, retype, trigger_class
from groundfacts.frames.roles import assign_roles, clause_bounds, clause_breaks
from groundfacts.frames.screening import WEAK, in_a_name, opens_a_name, screen_trigger
from groundfacts.frames.tolls import attach_casualties
from groundfacts.records import (
    EVENT_TYPES,
    ActorMention,
    DateMention,
    Frame,
    PlaceMention,
    Trigger,
)

# Sub-event types an actor's generic "attack" is re-typed to when the document shows how it
# strikes (an air force's "serangan" is an air strike).
_MODUS_TYPES = frozenset(
    {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Chemical weapon",
    }
)


def _two_communities(f: Frame) -> bool:
    """Agent and target named as two different communities ("Mossi and Fulani clashed"), who
    share a generic name until their identities make them militias."""
    a, t = f.agent_mention, f.target_mention
    return a is not None and t is not None and a is not t and a.key != t.key


def date_for(st: DocState, trig: Trigger, sm: SentenceMentions) -> DateMention | None:
    """The date of a trigger: the nearest one stated before it outside brackets ("On 7 July,
    the sons of the mayor [killed on 6 July] assaulted ..."), else after it, else the date
    last stated in the document."""
    if not sm.dates:
        return st.date
    s = sm.sentence
    bracketed = [(m.start() + s.start, m.end() + s.start) for m in BRACKETS.finditer(s.text)]
    plain = [d for d in sm.dates if not any(b0 <= d.start < b1 for b0, b1 in bracketed)]
    pool = plain or sm.dates
    before = [d for d in pool if d.end <= trig.start]
    if before:
        return before[-1]
    nearest = min(pool, key=lambda d: abs(d.start - trig.start))
    if nearest.chain is not None:
        # "were abducted, but released the following day": a chained date in a later clause
        # dates what that clause tells, not this trigger
        _c0, c1 = clause_bounds(s.text, trig.start - s.start, st.ctx.syntax)
        if nearest.start - s.start >= c1:
            return st.date
    return nearest


def trigger_reason(
    st: DocState,
    trig: Trigger,
    sm: SentenceMentions,
    blockers: list[tuple[int, int]],
    breaks: list[tuple[int, int]],
) -> str:
    s = sm.sentence
    c0, _c1 = clause_bounds(s.text, trig.start - s.start, st.ctx.syntax, breaks)
    reason = non_event_reason(trig, sm.cues, s.text, s.start + c0, s.start, blockers)
    if not reason and is_quoted(st, trig, sm):
        reason = "quoted: a name or slogan, not a report"
    if not reason and in_a_name(s.text, trig.start - s.start, trig.end - s.start):
        reason = "a word of a proper name, not a report"
    return reason


def own_places(
    st: DocState,
    sm: SentenceMentions,
    k: int,
    trig: Trigger | None,
    breaks: list[tuple[int, int]],
) -> list[PlaceMention]:
    """The places trigger ``k`` of the sentence names itself (``trig``: its screened form)."""
    s = sm.sentence
    trig = trig if trig is not None else sm.triggers[k]
    lo = sm.triggers[k - 1].end if k else s.start
    # places after a trigger reach to the next trigger that opens a new phrase
    hi = next(
        (
            t.start
            for t in sm.triggers[k + 1 :]
            if t.start >= trig.end and "," in st.ctx.text[trig.end : t.start]
        ),
        s.end,
    )
    _c0, c1 = clause_bounds(s.text, trig.start - s.start, st.ctx.syntax, breaks)
    return place_for(st, trig, sm, c1, lo, hi)


def _trigger_frames(
    st: DocState,
    sm: SentenceMentions,
    k: int,
    trig: Trigger,
    actors: list[ActorMention],
    reason: str,
    breaks: list[tuple[int, int]],
) -> list[Frame]:
    """The frames of one trigger: one per place it names and per target it has."""
    ctx, s = st.ctx, sm.sentence
    text = s.text
    frames: list[Frame] = []
    _c0, c1 = clause_bounds(text, trig.start - s.start, ctx.syntax, breaks)
    roles = assign_roles(trig, actors, text, s.start, ctx.syntax, ctx.lang, breaks)
    if (
        trigger_class(trig) == "explosion"
        and roles.agent is not None
        and roles.agent.end <= trig.start  # not "a bomb planted by X": X planted it
        and (
            ctx.syntax.device_victim_end.search(text[: trig.start - s.start])
            or ctx.syntax.device_victim_start.search(trig.text)
        )
    ):
        # "an army vehicle struck an IED": the one who hit the device is its victim
        roles.targets, roles.agent = [roles.agent], None
    cls = trigger_class(trig)
    places = listed_places(st, trig, sm, c1) if cls == "capture" else []
    if not places:
        places = own_places(st, sm, k, trig, breaks)
    if not places and k + 1 < len(sm.triggers) and cls not in ctx.syntax.territorial_classes:
        # "Arrests: soldiers arrested ... in X": a trigger whose own clause names no place
        # (a heading, a clause cut short) takes the place of the trigger that follows it,
        # before the story's anchor; a place taken is the object of its own trigger
        places = [
            p
            for p in own_places(st, sm, k + 1, None, breaks)
            # a place borrowed on such weak grounds does not take the event abroad
            if not ctx.country or (p.place is not None and p.place.country_iso == ctx.country)
        ]
    if not places and cls not in ctx.syntax.territorial_classes:
        # "... threw a grenade while they were inside in X": the place the sentence names
        # in another clause, before the place of an earlier sentence
        own = _story_place(st, [], sm)
        places = [own] if own is not None else []
    if not places and st.anchor is not None and st.anchor.place is not None:
        places = [st.anchor]  # the sentence names no place: where the story is
    coded = next(
        (
            p
            for p in sm.places
            if p.place is not None
            and ctx.syntax.coded_place_end.search(ctx.text, max(s.start, p.start - 30), p.start)
        ),
        None,
    )
    if coded is not None and cls not in ctx.syntax.territorial_classes:
        places = [coded]  # "(coded as X)": the report says where it puts the event
    if (
        not reason
        and cls in ctx.syntax.territorial_classes
        and not (takes_place(st, trig, places) if cls == "capture" else sm.places)
    ):
        if cls != "capture":
            return []  # "during their withdrawal": no place changes hands
        if roles.targets and all(t.kind != "country" for t in roles.targets):
            # "a rebel leader was captured": people taken are arrested (or abducted)
            trig = replace(trig, sub_event_type="Arrests", cls="arrest")
        else:
            # "seized livestock": goods taken, not territory
            trig = replace(trig, sub_event_type="Looting/property destruction", cls="loot")
    date = date_for(st, trig, sm)
    targets: list[ActorMention | None] = list(roles.targets) or [None]
    place_options: list[PlaceMention | None] = list(places) or [None]
    for place in place_options:
        country = place.place.country_iso if place is not None and place.place else ctx.country
        agent = resolve_mention(st, roles.agent, country, text)
        pairs = [(m, resolve_mention(st, m, country, text)) for m in roles.assoc_agent]
        assoc = [a for _m, a in pairs if a is not None]
        for tm in targets:
            target = resolve_mention(st, tm, country, text)
            if (
                agent is not None
                and target is not None
                and agent.name == target.name
                and (roles.agent is None or tm is None or roles.agent.key == tm.key)
            ):
                target = None
            f = Frame(
                doc_id=s.doc_id,
                sentence=s,
                trigger=trig,
                sub_event_type=trig.sub_event_type,
                actor1=agent,
                actor2=target,
                assoc1=assoc,
                place=place,
                date=date,
                negated=reason,
                agent_mention=roles.agent,
                target_mention=tm,
                assoc_mentions=[m for m, a in pairs if a is not None],
            )
            frames.append(f)
    return frames


def _story_place(st: DocState, frames: list[Frame], sm: SentenceMentions) -> PlaceMention | None:
    """The first place of the story in this sentence: its first live event's, else the
    first place it names that holds no other, in the document's country."""
    live = [f.place for f in frames if not f.negated and f.place and f.place.place]
    named = [p for p in sm.places if p.place is not None and not p.container]
    for p in [*live, *named]:
        if p.place is not None and (not st.ctx.country or p.place.country_iso == st.ctx.country):
            return p
    return None


def _place_earlier_frames(st: DocState, place: PlaceMention, index: int) -> None:
    """ "A suspect was killed ... His body was found at X": events told before the story
    names any place, a sentence or two before it, happened there (not just in the country)."""
    for f in st.frames:
        if f.place is None and index - f.sentence.index <= CARRY:
            f.place = place


class FrameBuilder:
    """Builds the frames of one document; create one per document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.state = DocState(ctx)

    def note_sentence(self, sm: SentenceMentions) -> None:
        """What a sentence tells of earlier events' victims, even when it reports nothing
        itself ("The officer was off duty.")."""
        if self.ctx.syntax.off_duty.search(sm.sentence.text):
            self.state.off_duty.add(sm.sentence.index)

    def add_sentence(self, sm: SentenceMentions) -> list[Frame]:
        st = self.state
        s = sm.sentence
        ctx = st.ctx
        text = s.text
        named = acting_actors(st, sm)
        # "the Philippine Daily Inquirer", "the US Embassy": a country's adjective that opens a
        # name names no actor (nor a place: its words stay out of the places)
        starts = {a.start - s.start for a in sm.actors} | {t.start - s.start for t in sm.triggers}
        actors = [
            a
            for a in named
            if a.kind != "country" or not opens_a_name(text, a.end - s.start, starts)
        ]
        places = fragments_dropped(sm.places, ctx.text, ctx.syntax, ctx.country)
        sm.places = [named_fallback(p) for p in drop_overlaps(places, named)]
        blockers = [(a.start, a.end) for a in named]
        if sm.dates:
            st.date = date_for(st, sm.triggers[0], sm) if sm.triggers else sm.dates[0]
        credit_claims(st, sm, actors)
        for a in actors:
            if a.kind == "named":
                resolve_mention(st, a, ctx.country, text)
        frames: list[Frame] = []
        breaks = clause_breaks(text, ctx.syntax)
        reasons = [trigger_reason(st, t, sm, blockers, breaks) for t in sm.triggers]
        strong = any(t.weight >= WEAK and not r for t, r in zip(sm.triggers, reasons, strict=True))
        for k in range(len(sm.triggers)):
            screened = screen_trigger(st, sm, k, actors, breaks, strong=strong)
            if screened is not None:
                frames.extend(_trigger_frames(st, sm, k, screened, actors, reasons[k], breaks))
        frames = join_consequences(st, frames, sm.casualties)
        mark_non_events(st, sm, frames)
        frames = absorb_operations(st, frames)
        unit_anaphora(st, frames, breaks)
        grievances(st, frames)
        symbols_burnt(st, frames)
        fill_agents(st, frames, s.index)
        sentence_group(st, frames, actors)
        sentence_forces(st, frames)
        clash_sides(st, frames)
        answer_attacks(st, frames)
        join_follow_ups(st, frames, s.index)
        for f in frames:
            if (
                f.actor1 is not None
                and f.actor2 is not None
                and f.actor1.name == f.actor2.name
                and not _two_communities(f)
            ):
                f.actor2 = None  # an actor adopted from another mention is not its own target
            f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)
            settle_actors(st, f)
            # "warga Desa A": the village is also read as a place the actor overlaps
            communal_sides(st, f, places)
            order_sides(st, f)
            civilians_second(f)
            infighting(st, f, breaks)
            if f.negated.startswith("foiled"):
                f.sub_event_type = "Disrupted weapons use"
                f.negated = ""
        frames = one_fight_of_two_villages(frames)
        air_strikes(st, sm, frames, actors)
        planted_grenades(st, frames)
        frames = fold_devices(st, frames)
        attach_casualties(st, frames, sm)
        property_attacks(st, sm, frames, breaks)
        if st.first_place is None:
            first = _story_place(st, frames, sm)
            if first is not None:
                st.first_place = (s.index, first)
                _place_earlier_frames(st, first, s.index)
        # the place later sentences default to: where the live events of this one happened
        live_places = [f.place for f in frames if not f.negated and f.place and f.place.place]
        if live_places:
            st.anchor = live_places[-1]
        elif not frames:
            anchor = anchor_for(st, sm)
            if anchor is not None:
                st.anchor = anchor
        st.frames.extend(frames)
        return frames

    def finish(self) -> list[Frame]:
        """All frames, with document-level re-typing (an actor's known way of striking)."""
        st = self.state
        sole_group(st)
        off_duty_victims(st)
        apply_labels(st)
        flights_caused(st)
        escalate_protests(st)
        interventions(st)
        modus: dict[str, str] = {}
        for f in st.frames:
            if not f.negated and f.actor1 is not None and f.sub_event_type in _MODUS_TYPES:
                modus.setdefault(f.actor1.name, f.sub_event_type)
        for f in st.frames:
            if (
                f.actor1 is not None
                and f.actor1.name in modus
                and trigger_class(f.trigger) in GENERIC
                and EVENT_TYPES[f.sub_event_type] != "Explosions/Remote violence"
            ):
                f.sub_event_type = modus[f.actor1.name]
        return st.frames
