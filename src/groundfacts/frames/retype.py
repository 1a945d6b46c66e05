"""Sub-event type from the trigger's class and the actors' kinds, as an ACLED coder decides.

The pack gives each trigger a default sub-event type and a class (attack, capture, kill...).
Who acts on whom then settles the ambiguous ones: an attack on civilians is Violence against
civilians, an attack on an armed group is a battle, a capture by state forces is
"Government regains territory".
"""

from __future__ import annotations

from groundfacts.records import EVENT_TYPES, Actor, Trigger

ARMED = frozenset({1, 2, 3, 4, 8})
STATE = frozenset({1, 8})
CROWD = frozenset({5, 6})

# classes whose default type is settled by the actors (see packs/classes.toml)
GENERIC = frozenset({"attack", "kill", "clash"})


def trigger_class(trigger: Trigger) -> str:
    cls = getattr(trigger, "cls", "") or ""
    if not cls and ":" in trigger.lemma:
        cls = trigger.lemma.split(":", 1)[0]
    return cls


def retype(trigger: Trigger, actor1: Actor | None, actor2: Actor | None) -> str:
    """The sub-event type for ``trigger`` given its resolved agent and target."""
    default = trigger.sub_event_type
    cls = trigger_class(trigger)
    i1 = actor1.inter if actor1 else None
    i2 = actor2.inter if actor2 else None

    if (
        EVENT_TYPES[default] == "Riots"
        and i1 in ARMED
        and actor1 is not None
        and actor1.actor_id != "role:unidentified"
    ):
        # an armed group that vandalises or burns is destroying property, not rioting
        return "Looting/property destruction"
    if cls in ("capture", "regain") or default in (
        "Government regains territory",
        "Non-state actor overtakes territory",
    ):
        if i1 == 1 or (i1 == 8 and cls == "regain" and i2 != 1):
            # a government, or foreign forces helping it, retaking ground
            return "Government regains territory"
        if i1 in ARMED:
            return "Non-state actor overtakes territory"
        return default

    if cls == "explosion" and trigger.voice == "active" and i1 in STATE and actor2 is None:
        # "soldiers detonated the bomb they found": a device made safe, not a bombing
        return "Disrupted weapons use"
    if (
        (cls == "loot" or (cls == "destroy" and i2 not in STATE))
        and i2 in ARMED
        and i1 in ARMED
        and actor1 is not None
        and actor1.actor_id != "role:unidentified"
    ):
        # armed men seized by another group were overpowered, and a group destroying a rival
        # group's posts fights it (unknown robbers or arsonists: damage); a police or army post
        # burned without a fight stays property destruction, as ACLED codes it
        return "Armed clash"
    if cls in ("loot", "destroy") and trigger.voice == "active" and i1 in CROWD:
        # a crowd that burns, wrecks or loots: demonstrators riot, rioters outside one are a mob
        return "Violent demonstration" if i1 == 6 else "Mob violence"
    if cls in GENERIC or default in ("Armed clash", "Attack"):
        if i1 in STATE and i2 == 6:
            # forces that kill or wound demonstrators
            return "Excessive force against protesters"
        if i1 in CROWD:
            return "Violent demonstration" if i1 == 6 else "Mob violence"
        if i2 == 7 and cls == "clash" and i1 in ARMED and trigger.voice != "passive":
            # "militiamen and locals clashed": the locals fought, it is no one-sided attack
            return "Armed clash"
        if i2 == 7 and (i1 is None or i1 in ARMED):
            return "Attack"
        if i2 in ARMED and (i1 is None or i1 in ARMED):
            return "Armed clash"
        if i1 == 7 and (i2 in (None, 7) or i2 in STATE) and trigger.voice in ("active", "passive"):
            # residents, merchants or relatives who beat or kill ("dianiaya sekelompok
            # warga", "beaten by villagers"), or storm a police post: a mob, not an armed group
            return "Mob violence"
        return default

    if cls == "intervention" and i1 is not None and i1 not in STATE:
        # a crowd or a group that breaks up a service or a meeting: mob violence
        return "Mob violence"

    if cls == "arrest" and default == "Arrests" and i1 in (2, 3, 4):
        # people taken by a rebel group or a militia are abducted, not arrested
        return "Abduction/forced disappearance"
    if default in ("Peaceful protest", "Protest with intervention") and i1 == 5:
        return "Violent demonstration"
    return default
