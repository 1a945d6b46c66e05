"""One event per real event: frames of one document merged, then turned into event records.

Two frames are the same event when they are of compatible kinds (the same family of
violence, or the same sub-event type), their actors do not contradict each other, and their
places and dates agree or one of them is unknown. This is ACLED's unit: one interaction of one
type between the same actors at one place on one day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from groundfacts.frames.battles import rebels_first, sides, told_by_losers
from groundfacts.frames.crowds import crowds_fought
from groundfacts.frames.dates import same_day
from groundfacts.frames.evidence import field_spans
from groundfacts.frames.retype import ARMED, GENERIC, STATE, retype, trigger_class
from groundfacts.records import (
    DATE_STATED,
    EVENT_TYPES,
    Actor,
    Casualties,
    DateMention,
    Event,
    Evidence,
    Frame,
    NonEvent,
    Place,
    unique_evidence,
)

# Families of sub-event types that may describe one event in different words.
_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_CROWD = frozenset({"Protests", "Riots"})

_VAC = "Violence against civilians"
# trigger classes that say a demonstration took place
_DEMONSTRATION = frozenset({"protest", "intervention", "excessive", "blockade"})
# what a crowd does to property
_WRECKING = frozenset({"loot", "destroy", "riot"})

# Explosives that open an ambush; the fight that follows decides the type.
_INITIATORS = frozenset({"Remote explosive/landmine/IED", "Grenade"})

# When frames merge, the most specific sub-event type wins (higher first).
_SPECIFICITY = {
    "Suicide bomb": 9,
    "Chemical weapon": 9,
    "Air/drone strike": 8,
    "Shelling/artillery/missile attack": 8,
    "Remote explosive/landmine/IED": 8,
    "Grenade": 8,
    "Government regains territory": 7,
    "Non-state actor overtakes territory": 7,
    "Sexual violence": 7,
    "Abduction/forced disappearance": 6,
    "Excessive force against protesters": 6,
    "Protest with intervention": 5,
    "Violent demonstration": 5,
    "Mob violence": 4,
    "Armed clash": 3,
    "Attack": 3,
    "Peaceful protest": 2,
}


_TERRITORY = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)


# An event told again and again (a page that repeats one report thousands of times) keeps the
# first tellings as its evidence and notes; `mentions` still counts them all. Without a bound a
# pathological page grows each event's record, and the time to build it, with every telling.
MAX_EVIDENCE = 25
MAX_NOTES = 2000


def _notes(parts: Iterable[str]) -> str:
    """Sentences joined into an event's notes, stopping once they reach ``MAX_NOTES``."""
    out: list[str] = []
    size = 0
    for part in parts:
        if size >= MAX_NOTES:
            break
        out.append(part)
        size += len(part) + 1
    return " ".join(out)


def _family(sub: str) -> str:
    if sub in _TERRITORY:
        return "territory"
    et = EVENT_TYPES[sub]
    if et in _VIOLENCE:
        return "violence"
    if et in _CROWD or sub == "Arrests":
        return "crowd"
    return sub


def _is_placeholder(a: Actor) -> bool:
    return a.actor_id == "role:unidentified" or a.name.startswith("Unidentified Armed Group")


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Compatible actors: equal, one unknown, or an unidentified group and a non-state one."""
    if a is None or b is None or a.name == b.name:
        return True
    return (_is_placeholder(a) and b.inter in (2, 3, 4)) or (
        _is_placeholder(b) and a.inter in (2, 3, 4)
    )


# What an attacker does in passing (looting, burning, arresting, seizing arms) belongs to its
# attack: ACLED codes the attack.
_SECONDARY = frozenset(
    {"Looting/property destruction", "Arrests", "Disrupted weapons use", "Violent demonstration"}
)


def _absorbed(f: Frame, g: Frame) -> bool:
    """``f`` is done in passing by the same actor during the violent event ``g``, or told
    without its doer after ``g`` ("eight were killed, and livestock seized")."""
    if f.sub_event_type not in _SECONDARY:
        return False
    if _family(g.sub_event_type) != "violence" or g.actor1 is None:
        return False
    if f.agent_mention is None and f.sub_event_type == "Looting/property destruction":
        return g.sentence.index <= f.sentence.index
    if f.actor1 is None:
        return False
    return f.actor1.inter in ARMED and f.actor1.name == g.actor1.name


def _taken_in_passing(f: Frame, g: Frame) -> bool:
    """ "attacked the village, killed two militiamen and seized livestock", "... The militants
    seized motorbikes": goods taken or burnt in the breath of an attack that hurt people, told
    with a doer read off its victims, bystanders or an unnamed group, are the attack's. (An
    attack that hurt no one and burnt is coded as the burning.)"""
    if f.sub_event_type != "Looting/property destruction" or f.actor1 is None:
        return False
    if _family(g.sub_event_type) != "violence" or g.actor1 is None:
        return False
    return 0 <= f.sentence.index - g.sentence.index <= 1 and (
        _is_placeholder(f.actor1)
        or f.actor1.inter == 7
        or (g.actor2 is not None and f.actor1.name == g.actor2.name)
    )


def _both_in_passing(f: Frame, g: Frame) -> bool:
    """Two things done in passing at one place and day ("burned vehicles and seized
    weapons"): neither stops the other joining the attack that takes them in."""
    return (
        f.sub_event_type in _SECONDARY
        and g.sub_event_type in _SECONDARY
        and _same_place_and_day(f, g)
    )


def _crowd_toll(f: Frame, g: Frame) -> bool:
    """``f`` only says who died ("five were killed", "menewaskan lima orang") in the riot or
    brawl ``g`` told just before (or in the same sentence): the deaths are the crowd's toll,
    wherever the toll sentence says the dead lay."""
    if trigger_class(f.trigger) != "kill" or EVENT_TYPES[g.sub_event_type] != "Riots":
        return False
    if f.actor1 is not None and not _is_placeholder(f.actor1):
        return False
    return 0 <= f.sentence.index - g.sentence.index <= 2


def _compatible(f: Frame, g: Frame) -> bool:
    if _absorbed(f, g) or _absorbed(g, f):
        return _same_place_and_day(f, g)
    if _crowd_toll(f, g) or _crowd_toll(g, f):
        return f.date is None or g.date is None or f.date.date == g.date.date
    if _family(f.sub_event_type) != _family(g.sub_event_type) and not _fought_for(f, g):
        return False
    # two kinds of remote violence (an IED and an air strike) are two events; "the blast" is
    # whichever was named
    if (
        EVENT_TYPES[f.sub_event_type]
        == EVENT_TYPES[g.sub_event_type]
        == "Explosions/Remote violence"
        and f.sub_event_type != g.sub_event_type
        and "explosion" not in (trigger_class(f.trigger), trigger_class(g.trigger))
    ):
        return False
    if f.place is not None and g.place is not None and f.place.place and g.place.place:
        a, b = f.place.place, g.place.place
        if _other_place(a, b):
            return False
    if not same_day(f.date, g.date):
        return False
    straight = _same_actor(f.actor1, g.actor1) and _same_actor(f.actor2, g.actor2)
    crossed = _same_actor(f.actor1, g.actor2) and _same_actor(f.actor2, g.actor1)
    return straight or crossed


def _demonstrates(f: Frame) -> bool:
    """The frame tells of a demonstration (a protest, its dispersal, a barricade), not of a
    mob that broke something up."""
    m = f.agent_mention
    if m is not None and m.kind == "role" and m.key == "protesters":
        return True  # "angry protesters stormed the town hall": they were demonstrating
    return trigger_class(f.trigger) in _DEMONSTRATION and f.sub_event_type != "Mob violence"


def _other_place(a: Place, b: Place) -> bool:
    """Two precise places that differ. A village placed at its town is that town's place;
    two villages placed at the same town are still two places."""
    one_fallback = (a.feature == "fallback") != (b.feature == "fallback")
    if one_fallback and (a.latitude, a.longitude) == (b.latitude, b.longitude):
        return False
    return (a.geonameid != b.geonameid or a.name != b.name) and a.precision < 3 > b.precision


_TAKEN = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _fought_for(f: Frame, g: Frame) -> bool:
    """Ground taken and the fight for it, told in one sentence, are one battle."""
    subs = {f.sub_event_type, g.sub_event_type}
    return f.sentence.index == g.sentence.index and "Armed clash" in subs and bool(subs & _TAKEN)


def _same_place_and_day(f: Frame, g: Frame) -> bool:
    if f.place is not None and g.place is not None and f.place.place and g.place.place:
        a, b = f.place.place, g.place.place
        if _other_place(a, b):
            return False
    return same_day(f.date, g.date)


def date_source(d: DateMention | None, published: str, published_source: str) -> dict[str, Any]:
    """Where a frame's date came from, for its evidence."""
    if d is None:
        if not published:
            return {"kind": "none", "date": None}
        return {"kind": published_source or "publication date", "date": published}
    out: dict[str, Any] = {
        "kind": d.kind,
        "text": d.text,
        "date": d.date.isoformat() if d.date else None,
    }
    if d.kind != DATE_STATED:
        out["anchor"] = d.anchor
    if d.date is not None and published and d.date.isoformat() > published:
        # only a date the text states can fall after publication; the evidence says so
        out["note"] = "after the publication date"
    return out


_WINDOW = 200


def _signature(g: Frame) -> tuple[object, ...]:
    """Everything of ``g`` that :func:`_compatible` and :func:`_same_place_and_day` read:
    frames with one signature are compatible with the same frames."""
    p = g.place.place if g.place is not None and g.place.place else None
    return (
        g.sub_event_type,
        trigger_class(g.trigger),
        (p.geonameid, p.name, p.precision) if p is not None else None,
        (g.date.date,) if g.date is not None else None,
        g.actor1,
        g.actor2,
    )


def _cluster(frames: Sequence[Frame]) -> list[list[Frame]]:
    clusters: list[list[Frame]] = []
    # one frame per distinct signature of each cluster: a frame joins a cluster when it is
    # compatible with all of them, so a cluster of many like mentions costs no more to test
    kinds: list[dict[tuple[object, ...], Frame]] = []
    for f in frames:
        # an event told again is told within a few dozen sentences; looking no further keeps
        # very long documents linear
        recent = [
            k
            for k in range(max(0, len(clusters) - _WINDOW), len(clusters))
            if f.sentence.index - clusters[k][-1].sentence.index <= 60
        ]
        for k in recent:
            group = kinds[k].values()
            # an attack that hurt people takes in what was done in its breath, whoever the
            # clause says did it; a frame an attack absorbs joins it beside the other things
            # done in passing
            taken = any(_taken_in_passing(f, g) for g in group) and any(
                c.count for g in clusters[k] for c in g.casualties
            )
            hosted = taken or any(_absorbed(f, g) for g in group)
            if all(
                _compatible(f, g)
                or (hosted and _both_in_passing(f, g))
                or (taken and _family(g.sub_event_type) == "violence" and _same_place_and_day(f, g))
                for g in group
            ) or (
                any(_crowd_toll(f, g) for g in kinds[k].values())
                and all(same_day(f.date, g.date) for g in kinds[k].values())
            ):
                clusters[k].append(f)
                kinds[k].setdefault(_signature(f), f)
                break
        else:
            clusters.append([f])
            kinds.append({_signature(f): f})
    return clusters


def _places_and_days(c: list[Frame]) -> dict[tuple[object, ...], Frame]:
    """One frame of ``c`` per distinct place and day (all :func:`_same_place_and_day` reads)."""
    out: dict[tuple[object, ...], Frame] = {}
    for f in c:
        out.setdefault(_signature(f)[2:4], f)
    return out


def _unclaimed_damage(c: list[Frame]) -> bool:
    return all(
        f.sub_event_type == "Looting/property destruction" and f.actor1 is None and f.actor2 is None
        for f in c
    )


def _fold_damage(clusters: list[list[Frame]]) -> list[list[Frame]]:
    """ "Houses were also burnt": damage told after an attack that killed, or after a riot, done
    by no one named, is part of that event. (Damage told in the same breath as an attack that
    only burnt is coded as the burning.)"""
    hosts = [
        c
        for c in clusters
        if not _unclaimed_damage(c)
        and any(
            (_family(f.sub_event_type) == "violence" and f.casualties)
            or EVENT_TYPES[f.sub_event_type] == "Riots"
            for f in c
        )
    ]
    # places and days of each host, and where it starts, kept up to date (not rescanned for
    # every damage cluster)
    host_kinds = [_places_and_days(h) for h in hosts]
    host_first = [min(g.sentence.index for g in h) for h in hosts]
    out: list[list[Frame]] = []
    for c in clusters:
        if _unclaimed_damage(c):
            kinds = _places_and_days(c)
            first = min(f.sentence.index for f in c)
            k = next(
                (
                    k
                    for k in range(len(hosts))
                    if all(
                        _same_place_and_day(f, g)
                        for f in kinds.values()
                        for g in host_kinds[k].values()
                    )
                    and first > host_first[k]
                ),
                None,
            )
            if k is not None:
                hosts[k].extend(c)
                for key, f in kinds.items():
                    host_kinds[k].setdefault(key, f)
                continue
        out.append(c)
    return out


def _trigger_key(f: Frame) -> tuple[int, int]:
    return f.sentence.index, f.trigger.start


def _governs(a: Actor) -> bool:
    """A government: a state actor that is no force in the field."""
    return a.actor_id.endswith(":government")


def _fights(a: Actor) -> bool:
    return a.inter in ARMED and not _governs(a)


def _kind(a: Actor) -> object:
    """The kind of target an attack strikes: any armed side (soldiers, police, a militia
    fighting beside them: "a joint army and militia patrol") is one kind; other targets are
    of their inter code."""
    return "armed" if a.inter in ARMED else a.inter


def _co_target_key(f: Frame) -> tuple[object, ...] | None:
    """What frames of one trigger against targets of one kind share ("ambushed a gendarmerie
    and police patrol"): its trigger, attacker, place, day and the targets' kind."""
    if f.actor2 is None or _is_placeholder(f.actor2) or _governs(f.actor2):
        return None
    return (
        *_trigger_key(f),
        f.actor1.name if f.actor1 else "",
        _signature(f)[2:4],
        _kind(f.actor2),
    )


def _fold_co_targets(clusters: list[list[Frame]]) -> list[list[Frame]]:
    """One attack on targets of one kind ("a joint gendarmerie and police patrol", "Dozo
    and VDP fighters", "the driver and his apprentice") is one event, whose toll is all of
    theirs: the clusters its frames fell into are joined (the other targets become associated
    actors, as ACLED codes them). Targets of different kinds (soldiers and civilians) stay two
    events."""
    owner: dict[tuple[object, ...], list[Frame]] = {}
    out: list[list[Frame]] = []
    for c in clusters:
        keys = {k for f in c if (k := _co_target_key(f)) is not None}
        host = next((owner[k] for k in keys if k in owner), None)
        if host is not None and _sides_crossed([*host, *c]):
            host = None
        if host is None:
            out.append(c)
            host = c
        else:
            host.extend(c)
        for k in keys:
            owner.setdefault(k, host)
    return out


def _rank(f: Frame) -> tuple[bool, bool, int, float]:
    """Which frame of a cluster tells its event best: a main act before one done in passing,
    a specific verb before a generic one, a more specific type, a stronger trigger."""
    return (
        f.sub_event_type not in _SECONDARY,
        trigger_class(f.trigger) not in GENERIC,
        _SPECIFICITY.get(f.sub_event_type, 1),
        f.trigger.weight,
    )


def _battle(c: Sequence[Frame]) -> bool:
    best = max(c, key=_rank)
    return best.sub_event_type == "Armed clash" and best.actor2 is not None


def _civilians_struck(c: Sequence[Frame]) -> Frame | None:
    """The attack on people of a cluster that only tells such an attack (the frame that
    tells it best), else None."""
    best = max(c, key=_rank)
    if best.sub_event_type != "Attack" or any(_family(f.sub_event_type) != "violence" for f in c):
        return None
    return best if best.actor2 is None or best.actor2.inter == 7 else None


# how many sentences apart an attack on people and a battle may be told to be one incident
_CROSSFIRE_SPAN = 2


def _in_battle(attack: Frame, battle: Sequence[Frame], frames: Sequence[Frame]) -> bool:
    """``attack`` was done by a side of ``battle``, or by no one named, on its day and at its
    place, told within a few sentences of it."""
    if {_trigger_key(f) for f in frames} & {_trigger_key(g) for g in battle}:
        # one verb for soldiers and civilians ("killed two policemen and a farmer"): whom it
        # struck decides, each target its own event
        return False
    sides = [a for f in battle for a in (f.actor1, f.actor2) if a is not None]
    if attack.actor1 is not None and not any(
        _same_actor(attack.actor1, a) and not _governs(a) for a in sides
    ):
        return False
    near = any(
        abs(f.sentence.index - g.sentence.index) <= _CROSSFIRE_SPAN for f in frames for g in battle
    )
    return near and all(
        _same_place_and_day(f, g) for f in frames for g in _places_and_days(list(battle)).values()
    )


def _fold_crossfire(
    clusters: list[list[Frame]],
) -> tuple[list[list[Frame]], dict[int, list[Frame]]]:
    """Civilians killed or hurt in the course of a battle are the battle's victims: ACLED
    codes one battle whose toll counts them ("militants attacked a police post; two civilians
    were killed in the crossfire"; "ambushed a patrol escorting traders and killed three
    soldiers and two traders"), not a battle and an attack. An attack on people by a side of
    a battle (or by no one named), told with it on its day and at its place, joins it. Returns
    the clusters and, for each battle that took in an attack, its own frames (the event is
    told by them)."""
    battles = [c for c in clusters if _battle(c)]
    if not battles:
        return clusters, {}
    own: dict[int, list[Frame]] = {}

    def host_of(c: list[Frame], _: list[list[Frame]]) -> list[Frame] | None:
        attack = _civilians_struck(c)
        if attack is None:
            return None
        return next(
            (b for b in battles if b is not c and _in_battle(attack, own.get(id(b), b), c)),
            None,
        )

    return _fold_into(clusters, host_of, own), own


def _fold_into(
    clusters: list[list[Frame]],
    host_of: Callable[[list[Frame], list[list[Frame]]], list[Frame] | None],
    own: dict[int, list[Frame]],
) -> list[list[Frame]]:
    """Each cluster joins the host ``host_of`` finds for it (given the clusters kept so far),
    or stays; a host's own frames go into ``own`` first, so that they keep telling its event."""
    out: list[list[Frame]] = []
    for c in clusters:
        host = host_of(c, out)
        if host is None:
            out.append(c)
            continue
        own.setdefault(id(host), list(host))
        host.extend(c)
    return out


def _answers(c: Sequence[Frame], battle: Sequence[Frame]) -> bool:
    """``c`` tells more of the fight ``battle`` with one side unnamed: forces that fight back
    against the attacker ("militants attacked a militia post; the army intervened and killed
    five militants"), or the attacker's own losses ("two assailants were killed"), told just
    after it on its day and at its place. ACLED codes one battle with the whole toll."""
    if not _battle(c):
        return False
    first, answer = max(battle, key=_rank), max(c, key=_rank)
    f1, f2 = first.actor1, first.actor2
    if f1 is None or f2 is None or f1.inter not in ARMED or f1.inter in STATE:
        return False  # the fight answered is an attack by a non-state group on a known side
    sides = [answer.actor1, answer.actor2]
    unnamed = [a for a in sides if a is None or _is_placeholder(a)]
    named = [a for a in sides if a is not None and not _is_placeholder(a)]
    # the answer strikes the attacker (named or not) ...
    if not unnamed and f1.name not in (a.name for a in named):
        return False
    # ... and whoever strikes it is the side attacked or the state's forces
    return all(
        a.name in (f1.name, f2.name) or (a.inter in STATE and not _governs(a)) for a in named
    ) and _told_with(c, battle)


def _told_with(c: Sequence[Frame], battle: Sequence[Frame]) -> bool:
    """``c`` is told just after ``battle`` (or with it), on its day and at its place."""
    near = any(
        0 <= f.sentence.index - g.sentence.index <= _CROSSFIRE_SPAN for f in c for g in battle
    )
    places = _places_and_days(list(battle)).values()
    return near and all(_same_place_and_day(f, g) for f in c for g in places)


def _fold_answers(clusters: list[list[Frame]], own: dict[int, list[Frame]]) -> list[list[Frame]]:
    """Join to each battle the state's answer to it (:func:`_answers`); the battle's own
    frames (in ``own``) keep telling the event."""

    def host_of(c: list[Frame], kept: list[list[Frame]]) -> list[Frame] | None:
        return next(
            (b for b in kept if b is not c and _battle(b) and _answers(c, own.get(id(b), b))),
            None,
        )

    return _fold_into(clusters, host_of, own)


_DEVICES = frozenset({"Remote explosive/landmine/IED", "Grenade"})
_DISRUPTED = "Disrupted weapons use"


def _harmless_device(c: Sequence[Frame]) -> bool:
    """The cluster only names a bomb or grenade (a noun, not "exploded") that hurt no one."""
    return all(f.sub_event_type in _DEVICES and f.trigger.voice == "nominal" for f in c) and (
        not _hurt(c)
    )


def _hurt(c: Sequence[Frame]) -> bool:
    return any(t.count for f in c for t in f.casualties)


def _fold_devices_made_safe(
    clusters: list[list[Frame]], own: dict[int, list[Frame]]
) -> list[list[Frame]]:
    """A bomb found, defused, seized or blown up by the forces is one Disrupted weapons use
    event, not that and a bombing ("soldiers defused an IED. The bomb had been planted by
    the rebels"): a device that hurt no one, told within a few sentences of its making safe
    on its day and at its place, joins it, and whoever planted it is the other side."""
    # told by a verb of making safe ("defused", "seized"), not a blast re-typed as one
    safe = [
        c
        for c in clusters
        if any(f.sub_event_type == _DISRUPTED and trigger_class(f.trigger) == "disrupt" for f in c)
        and max(c, key=_rank).sub_event_type == _DISRUPTED
    ]
    if not safe:
        return clusters

    def host_of(c: list[Frame], _: list[list[Frame]]) -> list[Frame] | None:
        if not _harmless_device(c):
            return None
        return next(
            (
                h
                for h in safe
                if not _hurt(h)
                # the device made safe is told with or after its making safe: a bomb
                # that went off before "another bomb was found" is a bombing of its own
                and min(f.sentence.index for f in c) >= min(f.sentence.index for f in h)
                and _told_near(c, own.get(id(h), h))
            ),
            None,
        )

    return _fold_into(clusters, host_of, own)


def _told_near(c: Sequence[Frame], host: Sequence[Frame]) -> bool:
    """``c`` is told within a few sentences of ``host`` (before or after), on its day and at
    its place."""
    near = any(abs(f.sentence.index - g.sentence.index) <= _CROSSFIRE_SPAN for f in c for g in host)
    places = _places_and_days(list(host)).values()
    return near and all(_same_place_and_day(f, g) for f in c for g in places)


def _planter(cluster: Sequence[Frame], actor1: Actor | None) -> Actor | None:
    """Who planted or held the device a force made safe (an unidentified group if no one is
    named): the non-state actor of its bomb frames."""
    for f in cluster:
        a = f.actor1
        if (
            f.sub_event_type in _DEVICES
            and a is not None
            and f.agent_mention is not None  # told as planting it, not a bomb's default doer
            and a.inter in ARMED
            and a.inter not in STATE
            and (actor1 is None or a.name != actor1.name)
        ):
            return a
    return None


def _arrested_in(f: Frame, g: Frame) -> bool:
    """``f`` tells forces arresting fighters of the battle ``g`` in its course or pursuit
    ("one rebel was killed and two captured during a shootout", "arrested six rebels after a
    brief firefight"): ACLED codes the battle."""
    if f.sub_event_type != "Arrests" or g.sub_event_type != "Armed clash":
        return False
    if f.actor1 is None or f.actor1.inter not in STATE or _governs(f.actor1):
        return False
    sides = {a.name for a in (g.actor1, g.actor2) if a is not None}
    taken = f.actor2
    # a battle with a side unnamed ("after a brief firefight") was fought by those arrested
    open_side = any(a is None or _is_placeholder(a) for a in (g.actor1, g.actor2))
    # the battle is told first or in the arrest's own sentence ("after a brief firefight");
    # a fight named after the arrests ("suspected of planning an attack") is another matter
    return 0 <= f.sentence.index - g.sentence.index <= 1 and (
        taken is None
        or _is_placeholder(taken)
        or taken.inter == 7
        or taken.name in sides
        or (open_side and taken.inter in ARMED and taken.inter not in STATE)
    )


def _fold_arrests(clusters: list[list[Frame]]) -> list[list[Frame]]:
    """Arrests made in the course of a battle, on its day and at its place, join it."""
    battles = [c for c in clusters if max(c, key=_rank).sub_event_type == "Armed clash"]
    out: list[list[Frame]] = []
    for c in clusters:
        host = None
        if battles and all(f.sub_event_type == "Arrests" for f in c):
            host = next(
                (
                    b
                    for b in battles
                    if any(_arrested_in(f, g) for f in c for g in b)
                    and all(_same_place_and_day(f, g) for f in c for g in b)
                ),
                None,
            )
        if host is None:
            out.append(c)
        else:
            host.extend(c)
    return out


def _sides_crossed(frames: Sequence[Frame]) -> bool:
    """A target that is elsewhere the attacker: the clusters tell of different events."""
    targets = {f.actor2.name for f in frames if f.actor2 is not None}
    return any(f.actor1 is not None and f.actor1.name in targets for f in frames)


def _first_target(cluster: Sequence[Frame], actor1: Actor | None, actor2: Actor) -> Actor:
    """Of armed targets of one kind struck at once ("the army and gendarmerie unit"), the
    first named is the event's actor2; the others are associated with it."""
    if not _fights(actor2):
        return actor2
    struck: dict[tuple[int, int], list[Frame]] = {}
    for f in cluster:
        if (
            f.actor2 is not None
            and f.target_mention is not None
            and _kind(f.actor2) == _kind(actor2)
            and _fights(f.actor2)
            and not _is_placeholder(f.actor2)
            and (actor1 is None or f.actor2.name != actor1.name)
        ):
            struck.setdefault(_trigger_key(f), []).append(f)
    for fs in struck.values():
        names = {f.actor2.name for f in fs if f.actor2 is not None}
        if len(names) > 1 and actor2.name in names:
            first = min(fs, key=lambda f: f.target_mention.start if f.target_mention else 0)
            return first.actor2 or actor2
    return actor2


def _assoc_targets(cluster: Sequence[Frame], actor1: Actor | None, actor2: Actor | None) -> str:
    """Other targets of the event's own kind, joined with it by :func:`_fold_co_targets`,
    and who the second side is ("Rioters (X)" with its party or community)."""
    if actor2 is None:
        return ""
    carried = {a.name for f in cluster for a in f.assoc2 if a.name != actor2.name}
    names = carried | {
        f.actor2.name
        for f in cluster
        if f.actor2 is not None
        and _kind(f.actor2) == _kind(actor2)
        and not _is_placeholder(f.actor2)
        and f.actor2.name not in (actor2.name, actor1.name if actor1 else "")
    }
    return "; ".join(sorted(names))


def _first(values: Sequence[Actor | None]) -> Actor | None:
    """The first known actor, a named one before an unidentified placeholder."""
    known = [v for v in values if v is not None]
    return next((v for v in known if not _is_placeholder(v)), known[0] if known else None)


def _named(a: Actor | None, name: str) -> bool:
    return a is not None and bool(name) and a.name == name


def _fatalities(frames: Sequence[Frame]) -> int:
    """The event's death toll from its mentions' tolls (the rule in the README, "Deaths").

    Mentions of one toll are one toll, not a sum: a toll told again in a later sentence (the
    same victims, or people in general: "Gunmen killed three villagers. Three people died.";
    a headline's "kill 8" and the body's "killed eight") counts once, as its most credible
    telling: a count over a vague quantity, else the lower number (ACLED's conservative rule).
    Tolls add up when the text says they are separate: in one sentence ("killing two soldiers
    as three civilians died"), of different victims ("two soldiers ... five militants"), or
    marked as more ("two civilians were also killed"). A new total ("the toll rose to nine")
    replaces what was told before."""
    seen: dict[tuple[int, int], Casualties] = {}
    for f in frames:
        for c in f.casualties:
            seen.setdefault((c.start, c.end), c)
    tolls: list[Casualties] = []
    for c in sorted(seen.values(), key=lambda c: c.start):
        if c.relation == "update" and tolls:
            tolls = [c]
            continue
        same = next((t for t in tolls if _same_toll(t, c)), None) if not c.relation else None
        if same is None:
            tolls.append(c)
        elif (same.vague, same.count) > (c.vague, c.count):
            tolls[tolls.index(same)] = c
    return sum(t.count for t in tolls)


def _same_toll(told: Casualties, c: Casualties) -> bool:
    """``c`` tells ``told`` again: a later sentence, the same victims or people in general."""
    if told.sentence == c.sentence or told.kind != c.kind:
        return False
    return not told.victims or not c.victims or told.victims == c.victims


def event_id(*parts: object) -> str:
    h = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode("utf-8"), digest_size=10)
    return h.hexdigest()


def _interaction(i1: int | None, i2: int | None) -> int | None:
    if i1 is None:
        return None
    if i2 is None:
        return i1 * 10 if i1 else None
    lo, hi = sorted((i1, i2))
    return lo * 10 + hi


def frames_to_events(
    frames: Sequence[Frame],
    *,
    repeats: Sequence[int] = (),
    source: str = "",
    language: str = "",
    published_fallback: str = "",
    published_source: str = "",
    civilians: Callable[[str | None], Actor | None] | None = None,
    rebels_lead: Callable[[str | None, str], bool] | None = None,
    blast_outcomes: frozenset[str] = frozenset(),
) -> tuple[list[Event], list[NonEvent]]:
    """Merge the frames of one document into events; negated frames become non-events.
    Events the text dates nowhere take ``published_fallback`` (at week precision), whose
    origin ``published_source`` names in the evidence ("page metadata"; by default the
    publication date given with the document). ``blast_outcomes`` are the words that tell
    what a blast did to those it struck (the pack's syntax table)."""
    live = [f for f in frames if not f.negated]
    non_events = [_non_event(f, f.negated) for f in frames if f.negated]
    events: list[Event] = []
    bests: list[Frame] = []
    # a riot in a document that reports no demonstration is mob violence (ACLED)
    demonstration = any(_demonstrates(f) for f in live)

    used: dict[str, int] = {}
    clusters, battle_frames = _fold_crossfire(_fold_co_targets(_fold_damage(_cluster(live))))
    clusters = _fold_answers(clusters, battle_frames)
    clusters = _fold_devices_made_safe(_fold_arrests(clusters), battle_frames)
    for cluster in clusters:
        # a battle that took in the civilians it struck is told by its own frames
        best = max(battle_frames.get(id(cluster), cluster), key=_rank)
        riot = [f for f in cluster if f.sub_event_type == "Violent demonstration"]
        if riot and EVENT_TYPES[best.sub_event_type] == "Protests":
            # a demonstration whose crowd turned violent is one riot, however often the
            # report also calls it a protest
            best = max(riot, key=_rank)
        # a placeholder attacker is not replaced by the side the best frame says it fought
        other = best.actor2.name if best.actor1 is not None and best.actor2 is not None else ""
        actor1 = _first([best.actor1, *(f.actor1 for f in cluster if not _named(f.actor1, other))])
        actor2 = _first([best.actor2, *(f.actor2 for f in cluster)])
        if (
            actor2 is not None
            and actor1 is not None
            and actor2.name == actor1.name
            # a fight inside one group names it on both sides
            and not any(f.infighting for f in cluster)
        ):
            actor2 = _first(
                [f.actor2 for f in cluster if f.actor2 and f.actor2.name != actor1.name]
            )
        if actor2 is not None:
            actor2 = _first_target(cluster, actor1, actor2)
        elif best.sub_event_type == _DISRUPTED and id(cluster) in battle_frames:
            actor2 = _planter(cluster, actor1)
        sub = best.sub_event_type
        if sub in _INITIATORS and any(
            f.sub_event_type == "Armed clash"
            and trigger_class(f.trigger) in ("clash", "attack")
            and f.trigger.voice != "passive"  # "soldiers were wounded by a landmine": no fight
            # "a roadside bomb that wounded two soldiers": the blast's harm, no fight either
            and f.trigger.text.lower() not in blast_outcomes
            for f in cluster
        ):
            # an ambush opened by a bomb or grenade is fought out: ACLED codes the battle
            sub = "Armed clash"
        killing = next((f for f in cluster if trigger_class(f.trigger) == "kill"), None)
        if sub == "Abduction/forced disappearance" and killing is not None:
            # abducted and executed: the killing is the event (of soldiers: a battle)
            sub = retype(killing.trigger, actor1, actor2)
        # the merged actors say more than the best frame's own: settle the type again,
        # unless the document already showed how this actor strikes
        if (
            (actor1, actor2) != (best.actor1, best.actor2)
            and trigger_class(best.trigger) in GENERIC
            and EVENT_TYPES[sub] != "Explosions/Remote violence"
        ):
            sub = retype(best.trigger, actor1, actor2)
        if sub == "Armed clash" and told_by_losers(cluster):
            actor1, actor2 = sides(actor1, actor2)
        if rebels_lead is not None:
            where = best.place.place.country_iso if best.place and best.place.place else None
            if rebels_lead(where, sub):
                actor1, actor2 = rebels_first(actor1, actor2)
        if sub == "Violent demonstration" and not demonstration:
            sub = "Mob violence"
        elif (
            sub == "Mob violence"
            and (
                any(_demonstrates(f) for f in cluster)
                # a crowd that wrecks or loots where a demonstration is reported
                or (demonstration and any(trigger_class(f.trigger) in _WRECKING for f in cluster))
            )
            and not any(
                trigger_class(f.trigger) == "brawl"
                or (trigger_class(f.trigger) == "intervention" and not _demonstrates(f))
                for f in cluster
            )
        ):
            sub = "Violent demonstration"  # the crowd that rioted was demonstrating
        if (
            sub == "Mob violence"
            and actor1 is not None
            and actor1.inter == 5
            and any(trigger_class(f.trigger) == "brawl" or crowds_fought(f) for f in cluster)
        ):
            actor2 = actor1  # crowds fighting crowds: rioters on both sides
        elif (
            sub == "Mob violence"
            and actor1 is not None
            and actor1.inter == 5
            and actor2 is not None
            and actor2.inter == 7
            and any(trigger_class(f.trigger) == "clash" and f.actor2 is None for f in cluster)
        ):
            actor2 = actor1  # "warga desa X dan desa Y bentrok": both crowds fought
        if (
            actor2 is None
            and civilians is not None
            and (
                EVENT_TYPES[sub] == _VAC
                or sub == "Mob violence"
                # property looted or destroyed outside a battle, and people the police
                # arrest, unnamed, are the civilians' (ACLED names them so)
                or sub == "Looting/property destruction"
                or (sub == "Arrests" and actor1 is not None)
                # a bomb that killed people no one names as fighters killed civilians
                or (EVENT_TYPES[sub] == "Explosions/Remote violence" and _fatalities(cluster) > 0)
            )
        ):
            # violence against civilians has civilians on the other side, named or not
            where = best.place.place.country_iso if best.place and best.place.place else None
            actor2 = civilians(where)
        assoc1 = {
            a.name: a for f in cluster for a in f.assoc1 if not actor1 or a.name != actor1.name
        }
        # the best report's place, unless it names only a region: then the most precise place
        # another report of the event gives (a town before its province)
        placed = [f.place for f in [best, *cluster] if f.place and f.place.place]
        place = placed[0] if placed else None
        if place is not None and place.place is not None and place.place.precision >= 3:
            place = min(placed, key=lambda p: p.place.precision if p.place else 9)
        date = next((f.date for f in [best, *cluster] if f.date is not None), None)
        if date is not None and date.date is None:
            # an undated mention ("on Tuesday" without a publication date) yields to a dated one
            date = next((f.date for f in cluster if f.date and f.date.date), date)
        p = place.place if place is not None else None
        sentences = sorted(
            {f.sentence.index: f.sentence for f in cluster}.values(), key=lambda s: s.index
        )
        mentions = sum(repeats[s.paragraph] if s.paragraph < len(repeats) else 1 for s in sentences)
        precision = p.precision if p is not None else None
        if p is not None and place is not None and place.qualifier and precision == 1:
            precision = 2
        ev = Event(
            event_date=(date.date.isoformat() if date.date else "") if date else published_fallback,
            time_precision=date.precision if date else 2,
            event_type=EVENT_TYPES[sub],
            sub_event_type=sub,
            actor1=actor1.name if actor1 else "",
            assoc_actor_1="; ".join(sorted(assoc1)),
            inter1=actor1.inter if actor1 else None,
            actor2=actor2.name if actor2 else "",
            assoc_actor_2=_assoc_targets(cluster, actor1, actor2),
            inter2=actor2.inter if actor2 else None,
            interaction=_interaction(
                actor1.inter if actor1 else None, actor2.inter if actor2 else None
            ),
            country=p.country if p else "",
            iso=p.country_iso if p else "",
            admin1=p.admin1 if p else "",
            admin2=p.admin2 if p else "",
            location=p.name if p else "",
            latitude=p.latitude if p else None,
            longitude=p.longitude if p else None,
            geonameid=p.geonameid if p else None,
            geo_precision=precision,
            fatalities=_fatalities(cluster),
            notes=_notes(s.text for s in sentences),
            source=source,
            doc_id=best.doc_id,
            language=language,
            mentions=max(mentions, 1),
        )
        ev.evidence = unique_evidence(
            _evidence(f, date_source(f.date, published_fallback, published_source), ev)
            for f in cluster
        )[:MAX_EVIDENCE]
        ev.confidence = _confidence(ev, cluster, date is not None and date.date is not None)
        ev.event_id = event_id(
            ev.doc_id,
            ev.event_date,
            ev.sub_event_type,
            ev.actor1,
            ev.actor2,
            ev.location,
            ev.geonameid,
        )
        taken = used.get(ev.event_id, 0)
        used[ev.event_id] = taken + 1
        if taken:
            # two events alike in every defining field (two attacks on one village that
            # day): each keeps its own id, or a store keyed by id would keep only one
            ev.event_id = event_id(ev.event_id, taken)
        events.append(ev)
        bests.append(best)
    if any(e.actor1 for e in events):
        # "... arrested in an anti-drug operation", "units were deployed" with nobody named
        # as acting: a change to a group's activity needs the group (ACLED has no event
        # without an actor1); beside events that have one, the mention only frames them
        for ev, best in zip(list(events), bests, strict=True):
            if not ev.actor1 and ev.sub_event_type == "Change to group/activity":
                events.remove(ev)
                non_events.append(_non_event(best, _UNOWNED))
    return events, non_events


_UNOWNED = "no actor: an operation or deployment framing the events told with it"


def _non_event(f: Frame, reason: str) -> NonEvent:
    return NonEvent(
        doc_id=f.doc_id,
        sentence=f.sentence.index,
        start=f.trigger.start,
        end=f.trigger.end,
        trigger=f.trigger.text,
        sub_event_type=f.sub_event_type,
        reason=reason,
        text=f.sentence.text,
    )


def _evidence(f: Frame, dated: dict[str, Any], ev: Event) -> Evidence:
    """The trigger's place, with the sentence's and the actors' spans within that sentence
    (an actor carried over from another sentence has no span here), where the date came
    from, and the words each of ``ev``'s fields was read from."""
    s = f.sentence
    spans: list[int | None] = []
    for m in (f.agent_mention, f.target_mention):
        inside = m is not None and s.start <= m.start and m.end <= s.end
        spans += [m.start, m.end] if m is not None and inside else [None, None]
    a1, a2, b1, b2 = spans
    return Evidence(
        f.doc_id,
        s.index,
        f.trigger.start,
        f.trigger.end,
        f.trigger.text,
        s.start,
        s.end,
        a1,
        a2,
        b1,
        b2,
        date_source=dated,
        spans=field_spans(f, ev),
    )


def _confidence(ev: Event, cluster: Sequence[Frame], dated: bool) -> float:
    score = 0.35
    score += 0.15 if ev.actor1 else 0.0
    score += 0.1 if ev.actor2 else 0.0
    score += 0.15 if ev.geo_precision == 1 else (0.08 if ev.geo_precision == 2 else 0.0)
    score += 0.1 if dated else 0.0
    score += 0.1 if any(trigger_class(f.trigger) not in GENERIC for f in cluster) else 0.0
    score += min(0.05 * (len(cluster) - 1), 0.1)
    return round(min(score, 0.99), 2)


def _restates(e: Event, f: Event) -> bool:
    """``f``, read from a later piece of one long document, tells the event ``e`` again: the
    same day, kind, attacker and place, and no other target."""
    return (
        bool(e.event_date)
        and (e.event_date, e.sub_event_type, e.actor1, e.location, e.geonameid)
        == (f.event_date, f.sub_event_type, f.actor1, f.location, f.geonameid)
        and (not e.actor2 or not f.actor2 or e.actor2 == f.actor2)
    )


def join_pieces(pieces: Sequence[Sequence[Event]]) -> list[Event]:
    """The events of a long document read piece by piece, each real event once: an event a
    later piece tells again is folded into the first telling (its evidence and mentions
    added; of two different tolls the lower one, as for two tellings of one toll)."""
    out: list[Event] = []
    for piece in pieces:
        earlier = list(out)
        for f in piece:
            e = next((e for e in earlier if _restates(e, f)), None)
            if e is None:
                out.append(f)
                continue
            e.evidence = unique_evidence([*e.evidence, *f.evidence])[:MAX_EVIDENCE]
            e.mentions += f.mentions
            tolls = [n for n in (e.fatalities, f.fatalities) if n]
            e.fatalities = min(tolls) if tolls else 0
            if not e.actor2:
                e.actor2, e.inter2, e.interaction = f.actor2, f.inter2, f.interaction
            for attr in ("assoc_actor_1", "assoc_actor_2"):
                names = {
                    n for v in (getattr(e, attr), getattr(f, attr)) for n in v.split("; ") if n
                }
                setattr(e, attr, "; ".join(sorted(names)))
            if len(e.notes) < MAX_NOTES and f.notes not in e.notes:
                e.notes = _notes([e.notes, f.notes])
            e.confidence = max(e.confidence, f.confidence)
    return out
