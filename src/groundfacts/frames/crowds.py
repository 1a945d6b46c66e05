"""Crowds: protesters and rioters named by what they did, interventions by forces, escalation
of demonstrations into riots, grievances; and the generic actors ACLED gives unknown agents."""

from __future__ import annotations

from groundfacts.frames.context import (
    ARMED_TYPES,
    CARRY,
    DocState,
    event_country,
    within_carry,
)
from groundfacts.frames.retype import GENERIC, STATE, retype, trigger_class
from groundfacts.frames.screening import WEAK
from groundfacts.records import (
    EVENT_TYPES,
    Actor,
    Frame,
    PlaceMention,
)

# the most words between a grievance marker and the arrest it governs ("against the
# government's decision to arrest ...")
_GRIEVANCE_GAP = 8

# what a crowd does that turns its demonstration into a riot
_CROWD_VIOLENCE = frozenset(
    {"loot", "destroy", "attack", "riot", "blockade", "clash", "mob", "brawl"}
)


def _right_before(st: DocState, f: Frame) -> bool:
    """The agent is the subject right before the verb ("angry villagers torched ..."), not an
    actor of an earlier clause."""
    m = f.agent_mention
    if m is None or m.end > f.trigger.start or f.trigger.voice != "active":
        return False
    gap = st.ctx.text[m.end : f.trigger.start]
    return "," not in gap and len(gap.split()) <= 3


def _crowd_noun(st: DocState, f: Frame) -> bool:
    """The agent is named as a crowd ("massa", "pendukung calon bupati"), not as residents."""
    m = f.agent_mention
    if m is None:
        return False
    low = m.text.lower()
    nouns = st.ctx.syntax.crowd_nouns
    return low in nouns or low.split(" ", 1)[0] in nouns


def settle_actors(st: DocState, f: Frame) -> None:
    """Crowds are named by what they did; unknown attackers and arresting forces get
    ACLED's generic actors."""
    ctx = st.ctx
    if trigger_class(f.trigger) == "intervention" and f.agent_mention is not None:
        agent = f.actor1 or ctx.resolve.actor(
            f.agent_mention, event_country(st, f), f.sentence.text
        )
        if agent is None or agent.inter not in STATE:
            # "ratusan orang membubarkan paksa ibadah": no force breaks it up, a mob does
            f.sub_event_type = "Mob violence"
    et = EVENT_TYPES[f.sub_event_type]
    country = event_country(st, f)
    if (
        trigger_class(f.trigger) in ("destroy", "loot")
        and f.sub_event_type == "Looting/property destruction"
        and f.actor1 is not None
        and f.actor1.inter == 7
        and (_right_before(st, f) or _crowd_noun(st, f))
    ):
        # villagers who burn, wreck or loot, outside any demonstration, are a mob
        f.sub_event_type = "Mob violence"
        et = EVENT_TYPES[f.sub_event_type]
    fight = trigger_class(f.trigger) in ctx.syntax.crowd_fight_classes
    if f.sub_event_type == "Mob violence" and f.agent_mention is not None and not fight:
        # a community that attacks is its identity militia ("Mossi attacked Fulani")
        militia = ctx.resolve.militia(f.agent_mention, country)
        if militia is not None:
            f.actor1 = militia
            f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)
            et = EVENT_TYPES[f.sub_event_type]
    if et in ("Protests", "Riots"):
        crowd = "protesters" if et == "Protests" else "rioters"
        forces: Actor | None = None
        crowd_m = f.agent_mention
        intervened = trigger_class(f.trigger) in ("intervention", "excessive", "arrest") or (
            f.sub_event_type == "Excessive force against protesters"
        )
        if f.actor1 is not None and f.actor1.inter in STATE:
            forces, crowd_m = f.actor1, f.target_mention
        elif f.actor2 is not None and f.actor2.inter in STATE:
            forces = f.actor2
        if not intervened and f.sub_event_type == "Peaceful protest":
            forces = None  # "protest against the Russian invasion": a target, not a force
        actor1: Actor | None = None
        if crowd_m is not None and crowd_m.kind == "role":
            actor1, assoc = ctx.resolve.crowd(crowd_m, crowd, country)
            if assoc is not None:
                f.assoc1.append(assoc)
        else:
            if crowd_m is not None:
                named = ctx.resolve.actor(crowd_m, country, f.sentence.text)
                if named is not None and named.inter not in STATE:
                    f.assoc1.append(named)
            actor1 = ctx.resolve.role(crowd, country)
        victim = f.actor2 if f.actor2 is not None and f.actor2.inter == 7 else None
        if f.sub_event_type != "Mob violence":
            victim = None
        elif (fight or trigger_class(f.trigger) == "brawl") and actor1 is not None:
            victim = ctx.resolve.role("rioters", country)  # two crowds, both rioting
            target = f.target_mention
            if target is not None and target.kind == "role":
                # "pendukung partai A dan pendukung partai B": who the other crowd is
                _crowd, other = ctx.resolve.crowd(target, crowd, country)
                if other is not None and other not in f.assoc2:
                    f.assoc2.append(other)
        f.actor1, f.actor2 = actor1, forces or victim
        if forces is not None and f.sub_event_type == "Peaceful protest":
            f.sub_event_type = "Protest with intervention"
        return
    if f.sub_event_type == "Armed clash" or (
        et == "Violence against civilians" and f.actor2 is not None and f.actor2.inter != 7
    ):
        # communities that fight are identity militias ("Fulani and Dogon clashed")
        for slot, m in (("actor1", f.agent_mention), ("actor2", f.target_mention)):
            actor = getattr(f, slot)
            if m is not None and actor is not None and actor.inter == 7:
                militia = ctx.resolve.militia(m, country)
                if militia is not None:
                    setattr(f, slot, militia)
        f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)
    if f.actor1 is None and et in ARMED_TYPES:
        f.actor1 = ctx.resolve.role("unidentified", country)
        f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)

    elif f.actor1 is None and f.sub_event_type == "Arrests":
        f.actor1 = ctx.resolve.role("police", country)


def communal_sides(st: DocState, f: Frame, places: list[PlaceMention]) -> None:
    """Two villages whose crowds fight ("bentrok antarwarga Desa A dan Desa B", "warga Kampung
    A dan warga Kampung B bentrok"): each side is its village's community, ACLED's "A
    Communal Group (X)" beside Rioters, unless a party or an identity already names it."""
    words = st.ctx.syntax.village_words
    if not words or f.sub_event_type != "Mob violence" or not crowds_fought(f):
        return
    s = f.sentence
    villages: list[str] = []
    for p in places:
        head = p.text.split(" ", 1)[0].lower()
        first, _, rest = p.place_name.partition(" ")
        name = rest if first.lower() in words and rest else p.place_name  # "Negeri Mamala"
        if s.start <= p.start < s.end and head in words and name not in villages:
            villages.append(name)
    if len(villages) != 2:
        return  # one village, or a list of them: no two sides to tell apart
    country = event_country(st, f)
    for side, name in zip((f.assoc1, f.assoc2), villages, strict=True):
        group = st.ctx.resolve.community(name, country)
        if not side and group is not None:
            side.append(group)


def one_fight_of_two_villages(frames: list[Frame]) -> list[Frame]:
    """The two villages of a fight between them are its sides, not two places: one event, at
    the first village (ACLED codes one location), not one per village."""
    out: list[Frame] = []
    for f in frames:
        if _village_sides(f) and any(g.trigger is f.trigger and _village_sides(g) for g in out):
            continue
        out.append(f)
    return out


def _village_sides(f: Frame) -> bool:
    return any(a.actor_id.startswith("communal:") for a in [*f.assoc1, *f.assoc2])


def escalate_protests(st: DocState) -> None:
    """A demonstration whose crowd then burns, loots or attacks is a violent demonstration
    (ACLED codes the whole as one riot event by Rioters)."""
    protests = [
        f
        for f in st.frames
        if not f.negated
        and (
            EVENT_TYPES[f.sub_event_type] == "Protests"
            # "youths protested violently", "residents barricaded the road": a demonstration
            # told by its acts, when a crowd is named doing them
            or (
                trigger_class(f.trigger) == "blockade"
                and f.sub_event_type == "Violent demonstration"
                and f.agent_mention is not None
            )
        )
        # a crowd that breaks up a service is no demonstration (see settle_actors)
        and not (
            trigger_class(f.trigger) == "intervention"
            and f.actor1 is not None
            and f.actor1.inter not in STATE
        )
    ]
    if not protests:
        return
    broken_up = [
        f
        for f in st.frames
        if not f.negated
        and f.sub_event_type == "Protest with intervention"
        and trigger_class(f.trigger) == "intervention"
        and f.actor2 is not None
        and f.actor2.inter in STATE
    ]
    for f in st.frames:
        if f.negated or trigger_class(f.trigger) not in _CROWD_VIOLENCE:
            continue
        if trigger_class(f.trigger) == "clash" and f.actor2 is None and f.target_mention is None:
            continue  # "engaged in a silent march": a clash needs someone to clash with
        if (
            trigger_class(f.trigger) in GENERIC
            and f.agent_mention is None
            and any(
                g.sentence is f.sentence
                and trigger_class(g.trigger) in ("intervention", "excessive")
                for g in st.frames
            )
        ):
            continue  # "forces fired gunshots and tear gas": the shooting is theirs
        if f.sub_event_type in (
            "Excessive force against protesters",
            "Protest with intervention",
        ):
            continue  # the forces' violence, not the crowd's
        if (
            f.trigger.voice == "passive"
            and f.agent_mention is None
            and any(p.sub_event_type == "Excessive force against protesters" for p in st.frames)
        ):
            continue  # "a student was shot" after forces fired on protesters: their victim
        near = [p for p in within_carry(protests, f.sentence.index) if p is not f]
        later = bool(near) and f.sentence.index > near[-1].sentence.index
        crowd_agent = (
            (f.actor1 is not None and f.actor1.inter in (5, 6))
            or (
                later
                and (f.agent_mention is None or (f.actor1 is not None and f.actor1.inter == 7))
            )
            # "soldiers demonstrated ..., barricading the camp": those who protest riot
            or any(p.agent_mention is not None and p.agent_mention is f.agent_mention for p in near)
        )
        if not near or not crowd_agent:
            continue
        # a crowd that turns on the forces breaking up its demonstration riots against them
        turned = (
            f.actor1 is not None
            and f.actor1.inter in (5, 6)
            and f.actor2 is not None
            and f.actor2.inter in STATE
        )
        for b in within_carry(broken_up, f.sentence.index) if turned else []:
            if b.sentence.index >= near[-1].sentence.index and b.actor2 is not None:
                b.sub_event_type = "Violent demonstration"
                b.actor1 = st.ctx.resolve.role("rioters", event_country(st, b))
                f.actor2 = f.actor2 or b.actor2
        for p in [*near, f]:
            p.sub_event_type = "Violent demonstration"
            if p.agent_mention is not None and p.agent_mention.kind == "role":
                p.actor1, assoc = st.ctx.resolve.crowd(
                    p.agent_mention, "rioters", event_country(st, p)
                )
                if assoc is not None and assoc not in p.assoc1:
                    p.assoc1.append(assoc)
            else:
                p.actor1 = st.ctx.resolve.role("rioters", event_country(st, p))
        f.actor2 = f.actor2 if f.actor2 is not None and f.actor2.inter in STATE else None
        f.place = f.place or near[-1].place
        f.date = f.date or near[-1].date


def interventions(st: DocState) -> None:
    """Forces that disperse, tear-gas or arrest the demonstrators of a peaceful protest make
    it a protest with intervention, the forces its second actor."""
    for f in st.frames:
        if (
            not f.negated
            and trigger_class(f.trigger) == "intervention"
            and f.trigger.weight < WEAK
            and not any(
                not p.negated and trigger_class(p.trigger) == "protest"
                for p in within_carry(st.frames, f.sentence.index)
            )
        ):
            # "police intervened": a weak word that breaks up only a demonstration told near
            f.negated = "an intervention with no demonstration to break up"
    protests = [f for f in st.frames if not f.negated and f.sub_event_type == "Peaceful protest"]
    _brawls_broken_up(st, protests)
    for f in st.frames:
        if f.negated or trigger_class(f.trigger) not in ("arrest", "intervention"):
            continue
        if f.actor1 is not None and f.actor1.inter in STATE:
            forces = f.actor1
            if f.actor2 is not None and f.actor2.inter not in (5, 6, 7):
                continue  # arresting an armed group's members is no protest intervention
        elif (
            f.sub_event_type == "Protest with intervention"
            and f.actor2 is not None
            and f.actor2.inter in STATE
            and f.target_mention is None
        ):
            # "Police fired tear gas.": forces facing a crowd told before, read as its police;
            # they join only a riot told in an earlier sentence, by what the crowd did (a
            # barricade alone is no riot to them)
            forces = f.actor2
            told = [
                r
                for r in within_carry(st.frames, f.sentence.index)
                if not r.negated
                and r.sub_event_type == "Violent demonstration"
                and r.sentence.index < f.sentence.index
                and trigger_class(r.trigger) in _CROWD_VIOLENCE - {"blockade"}
                and r.trigger.voice != "passive"
            ]
            if not told:
                continue
        else:
            continue
        near = within_carry(protests, f.sentence.index)
        if not near and trigger_class(f.trigger) != "intervention":
            continue
        if not near:
            # forces that tear-gas a demonstration turned riot are its second actor
            riots = [
                r
                for r in st.frames
                if not r.negated
                and r.sub_event_type == "Violent demonstration"
                and r is not f
                and abs(f.sentence.index - r.sentence.index) <= CARRY
            ]
            for r in riots:
                r.actor2 = r.actor2 or forces
            if riots:
                r = riots[-1]
                f.sub_event_type, f.actor1, f.actor2 = r.sub_event_type, r.actor1, r.actor2
                f.place, f.date = f.place or r.place, f.date or r.date
            continue
        p = near[-1]
        p.sub_event_type = "Protest with intervention"
        p.actor2 = forces
        f.sub_event_type, f.actor1, f.actor2 = p.sub_event_type, p.actor1, p.actor2
        f.assoc1, f.place, f.date = list(p.assoc1), f.place or p.place, p.date


def _brawls_broken_up(st: DocState, protests: list[Frame]) -> None:
    """ "Polisi membubarkan tawuran pelajar": forces that break up a brawl, with no
    demonstration near, leave it a brawl; the breaking up is the brawl's report, not a
    protest of its own."""
    brawls = [
        f
        for f in st.frames
        if not f.negated
        and f.sub_event_type == "Mob violence"
        and (trigger_class(f.trigger) == "brawl" or crowds_fought(f))
    ]
    if not brawls:
        return
    for f in st.frames:
        if f.negated or trigger_class(f.trigger) != "intervention":
            continue
        if within_carry(protests, f.sentence.index):
            continue
        near = [b for b in brawls if abs(b.sentence.index - f.sentence.index) <= CARRY]
        if near:
            b = near[-1]
            f.sub_event_type, f.actor1, f.actor2 = b.sub_event_type, b.actor1, b.actor2
            f.assoc1, f.place, f.date = list(b.assoc1), f.place or b.place, f.date or b.date
            f.assoc2 = list(b.assoc2)


def crowds_fought(f: Frame) -> bool:
    """Two crowds that fought each other (settle_actors): rioters on both sides."""
    return (
        f.actor1 is not None
        and f.actor2 is not None
        and f.actor1.inter == 5
        and f.actor1.name == f.actor2.name
    )


def grievances(st: DocState, frames: list[Frame]) -> None:
    """ "Residents protested over the killing of a miner", "teachers demonstrated against
    the non-implementation of an accord signed in 2018": the killing or the accord is what the
    crowd protests about, reported as a cause, not as an event of this report."""
    protests = [
        f
        for f in frames
        if not f.negated
        and EVENT_TYPES[f.sub_event_type] in ("Protests", "Riots")
        and trigger_class(f.trigger) in ("protest", "riot", "blockade")
    ]
    if not protests:
        return
    text = st.ctx.text
    for f in frames:
        if f.negated or f in protests:
            continue
        # arrests and crackdowns may be done to the crowd or be what it protests
        done_to_crowd = trigger_class(f.trigger) in ("arrest", "intervention")
        if done_to_crowd and f.trigger.voice != "nominal":
            continue  # "a march against graft was dispersed": a grievance names the arrest
        if not done_to_crowd and (
            EVENT_TYPES[f.sub_event_type] in ("Protests", "Riots") or f.sub_event_type == "Arrests"
        ):
            continue  # what the crowd does
        p = max(
            (p for p in protests if p.trigger.end <= f.trigger.start),
            default=None,
            key=lambda p: p.trigger.end,
        )
        if p is None:
            continue
        between = text[p.trigger.end : f.trigger.start]
        marks = list(st.ctx.syntax.grievance.finditer(between))
        if done_to_crowd and marks:
            # "protested against the arrest of X", not "protested, and police arrested ten":
            # the marker governs the arrest only when no clause comes between them
            gap = between[marks[-1].end() :]
            if "," in gap or ";" in gap or len(gap.split()) > _GRIEVANCE_GAP:
                marks = []
        if marks:
            f.negated = "grievance: the cause of a protest, not an event reported here"


# how many words after a burning verb its object may name the symbol ("burnt a large effigy")
_SYMBOL_WORDS = 4


def symbols_burnt(st: DocState, frames: list[Frame]) -> None:
    """ "Protesters marched and burnt an effigy of the governor": demonstrators who burn a
    flag, a portrait or an effigy make their point; the protest stays peaceful."""
    if not frames:
        return
    near = [*within_carry(st.frames, frames[0].sentence.index), *frames]
    if not any(not f.negated and trigger_class(f.trigger) == "protest" for f in near):
        return
    text = st.ctx.text
    for f in frames:
        if f.negated or trigger_class(f.trigger) != "destroy" or f.trigger.voice != "active":
            continue
        after = text[f.trigger.end : f.sentence.end]
        clause = after.split(",", 1)[0].split(";", 1)[0]
        head = " ".join(clause.split()[:_SYMBOL_WORDS])
        if st.ctx.syntax.protest_symbols.search(head):
            f.negated = "symbol: burnt as the protest's gesture, not destruction"
