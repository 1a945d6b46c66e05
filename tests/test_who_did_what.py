"""Who did what to whom, end to end on made-up reports: attack phrasings, unknown attackers,
ACLED's conventions, state forces and their units, victims told as an event's consequence.

Places and groups are real only where the rule is about them (a theatre's actors); the rest are
made up (Zarvia, the Zarvian Liberation Front)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from groundfacts.evaluate.acled import actor_forms
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event


def events(
    pipe: Pipeline,
    text: str,
    country: str | None = None,
    lang: str | None = None,
    published: dt.date = dt.date(2018, 6, 12),
) -> list[Event]:
    """The events of one made-up report."""
    doc = Document(id="t", text=text, published=published, country=country, lang=lang)
    return pipe.process(doc).events


def bare(name: str) -> str:
    """An actor name without its years, in lower case, as the evaluation compares them."""
    return " ".join(re.sub(r"\(\d{4}-\d{0,4}\)", " ", name).lower().split())


def one(evs: list[Event]) -> Event:
    assert len(evs) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in evs]
    return evs[0]


# ---- victims told as the consequence of the event that follows --------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "sub", "actor1", "actor2", "killed"),
    [
        (
            "Two New People's Army rebels were killed during a clash with the army in Lupi.",
            "en",
            "Armed clash",
            "NPA: New People's Army",
            "military forces of the philippines",
            2,
        ),
        (
            "Three soldiers were killed during a firefight with New People's Army rebels in Lupi.",
            "en",
            "Armed clash",
            "NPA: New People's Army",
            "military forces of the philippines",
            3,
        ),
        (
            "A farmer was killed in a police raid in Lupi on Sunday.",
            "en",
            "Attack",
            "police forces of the philippines",
            "civilians (philippines)",
            1,
        ),
        (
            "Dua anggota NPA tewas dalam kontak tembak dengan tentara di Lupi.",
            "id",
            "Armed clash",
            "NPA: New People's Army",
            "military forces of the philippines",
            2,
        ),
    ],
)
def test_victims_are_a_side_of_the_event_that_killed_them(
    pipe: Pipeline, text: str, lang: str, sub: str, actor1: str, actor2: str, killed: int
) -> None:
    ev = one(events(pipe, text, "PH", lang))
    assert ev.sub_event_type == sub
    assert actor_forms(actor1) & actor_forms(ev.actor1), ev.actor1
    assert actor_forms(actor2) & actor_forms(ev.actor2), ev.actor2
    assert ev.fatalities == killed


def test_killed_in_the_attack_told_before_is_that_attack(pipe: Pipeline) -> None:
    text = (
        "Zarvian Liberation Front militants attacked the village of Tessa on Monday, "
        "and two residents were killed in the attack."
    )
    evs = [e for e in events(pipe, text) if e.event_type == "Violence against civilians"]
    assert len(evs) == 1 and evs[0].fatalities == 2


# ---- the drug war's actors, as ACLED names them in the Philippines ------------------------------


def test_unknown_gunmen_killing_a_drug_suspect_are_anti_drug_vigilantes(pipe: Pipeline) -> None:
    ev = one(events(pipe, "A drug suspect was shot dead by unidentified gunmen in Lupi.", "PH"))
    assert ev.sub_event_type == "Attack"
    assert ev.actor1 == "Anti-Drug Vigilantes (Philippines)"
    # the same gunmen elsewhere, or killing someone else, stay unidentified
    ev = one(events(pipe, "A farmer was shot dead by unidentified gunmen in Lupi.", "PH"))
    assert ev.actor1 == "Unidentified Armed Group (Philippines)"


def test_drug_suspects_who_shoot_it_out_with_police_are_armed(pipe: Pipeline) -> None:
    text = "A suspected drug pusher was shot dead in a shootout with police officers in Lupi."
    ev = one(events(pipe, text, "PH"))
    assert ev.sub_event_type == "Armed clash"
    assert {bare(ev.actor1), bare(ev.actor2)} == {
        "armed drug suspects (philippines)",
        "police forces of the philippines",
    }


# ---- state forces and their units ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "lang", "name"),
    [
        (
            "CAFGU members repelled the attack.",
            "PH",
            "en",
            "Military Forces of the Philippines Citizen Armed Force Geographical Unit",
        ),
        (
            "PNP-SAF troopers repelled the attack.",
            "PH",
            "en",
            "Police Forces of the Philippines Special Action Force",
        ),
        (
            "Philippine Marines repelled the attack.",
            "PH",
            "en",
            "Military Forces of the Philippines Philippine Marine Corps",
        ),
        (
            "Anggota Brimob diserang di Tessa.",
            "ID",
            "id",
            "Police Forces of Indonesia Mobile Brigade Corps",
        ),
        (
            "Soldiers of the 3rd Infantry Battalion repelled the attack.",
            "PH",
            "en",
            "Military Forces of the Philippines",
        ),
    ],
)
def test_units_as_acled_writes_them(
    pipe: Pipeline, text: str, country: str, lang: str, name: str
) -> None:
    reg = pipe.resources.actors
    found = [m for m in reg.find(text, lang) if m.kind in ("named", "role", "country")]
    actor = reg.resolve(found[0], country=country, year=2018, context=text)
    assert actor is not None and bare(actor.name) == name.lower(), actor


# ---- attack phrasings and ACLED's conventions -------------------------------------------------


def kind(name: str) -> str:
    """An actor's kind without its country: "Civilians", "Military Forces"."""
    return name.split(" (")[0].split(" of ")[0]


@pytest.mark.parametrize(
    ("text", "sub", "actor1", "actor2"),
    [
        (
            "Gunmen fired shots at a motorbike taxi driver in Zorvala.",
            "Attack",
            "Unidentified Armed Group",
            "Civilians",
        ),
        (
            "Two farmers were killed by the soldiers in Zorvala on Monday.",
            "Attack",
            "Military Forces",
            "Civilians",
        ),
        (
            "Unknown assailants stabbed a shopkeeper in Zorvala on Monday.",
            "Attack",
            "Unidentified Armed Group",
            "Civilians",
        ),
        (
            "A suspected militant shot at a teacher in Zorvala.",
            "Attack",
            "Unidentified Armed Group",
            "Civilians",
        ),
        (
            "Motorcycle-riding gunmen shot dead a village chief in Zorvala.",
            "Attack",
            "Unidentified Armed Group",
            "Civilians",
        ),
        (
            "Unidentified men threw a Molotov cocktail at a party office in Zorvala.",
            "Looting/property destruction",
            "Unidentified Armed Group",
            "",
        ),
        (
            "Angry villagers torched the house of a suspected witch in Zorvala.",
            "Mob violence",
            "Rioters",
            "",
        ),
        (
            "Rebels exchanged fire with soldiers near Zorvala on Monday.",
            "Armed clash",
            "Opposition Rebels",
            "Military Forces",
        ),
        (
            "Orang tak dikenal menembak seorang guru di Zorvala.",
            "Attack",
            "Unidentified Armed Group",
            "Civilians",
        ),
    ],
)
def test_attack_phrasings_in_a_made_up_place(
    pipe: Pipeline, text: str, sub: str, actor1: str, actor2: str
) -> None:
    evs = events(pipe, text, "BF")
    ev = next((e for e in evs if e.sub_event_type == sub), None)
    assert ev is not None, [(e.sub_event_type, e.actor1, e.actor2) for e in evs]
    assert kind(ev.actor1) == actor1, ev.actor1
    assert kind(ev.actor2) == actor2 if actor2 else True, ev.actor2


def test_a_fight_nobody_started_lists_the_non_state_side_first(pipe: Pipeline) -> None:
    for text in (
        "Government troops encountered New People's Army rebels in Lupi on Monday.",
        "A firefight occurred between the army and the New People's Army in Lupi on Monday.",
    ):
        ev = one(events(pipe, text, "PH"))
        assert ev.sub_event_type == "Armed clash"
        assert ev.actor1 == "NPA: New People's Army", text
        assert ev.actor2.startswith("Military Forces of the Philippines"), text
    # who attacks comes first, where ACLED's coders list the side that acts first (in the
    # Philippines they list the rebels first whoever struck: test_battle_sides.py)
    ev = one(events(pipe, "Troops attacked a JNIM camp in Lupi on Monday.", "BF"))
    assert ev.actor1.startswith("Military Forces of Burkina Faso")


def test_by_names_the_agent_only_close_to_its_verb(pipe: Pipeline) -> None:
    text = (
        "Zarvian Liberation Front militants attacked an army post in Tessa, the attack was "
        "repelled and three militants killed and weapons were later recovered by the soldiers."
    )
    clash = next(e for e in events(pipe, text) if e.sub_event_type == "Armed clash")
    assert "Zarvian" in clash.actor1 or clash.actor1.startswith("Unidentified")


@pytest.mark.parametrize(
    "text",
    [
        # whoever planted or is blamed for the device is its attacker, not its target
        "Two soldiers were killed when their vehicle hit a roadside bomb planted by New "
        "People's Army rebels in Lupi on Monday.",
        "A roadside bomb blamed on New People's Army rebels killed two soldiers in Lupi on Monday.",
        # the vehicle that hit the device is the victim
        "An army truck struck an IED in Lupi on Monday, killing two soldiers.",
    ],
)
def test_a_device_is_set_by_its_planter_and_hits_its_victim(pipe: Pipeline, text: str) -> None:
    ev = next(
        e for e in events(pipe, text, "PH") if e.sub_event_type == "Remote explosive/landmine/IED"
    )
    planted = "New People" in text
    assert ev.actor1 == "NPA: New People's Army" if planted else "NPA" not in ev.actor1, ev.actor1
    assert ev.actor2.startswith("Military Forces of the Philippines"), ev.actor2


# ---- evidence per field ----------------------------------------------------------------------


def test_every_field_points_at_the_words_it_came_from(pipe: Pipeline) -> None:
    text = (
        "Police arrested two suspects in Kaya on Thursday. On 3 March 2021, JNIM militants "
        "backed by local militiamen attacked Djibo, killing four civilians."
    )
    evs = events(pipe, text, "BF")
    attack = next(e for e in evs if e.sub_event_type == "Attack")
    spans = {s.field: s for x in attack.evidence for s in x.spans}
    assert {"actor1", "actor2", "assoc_actor_1", "location", "event_date", "fatalities"} <= set(
        spans
    )
    for s in spans.values():
        assert text[s.start : s.end] == s.text  # document offsets, not sentence offsets
    assert spans["actor1"].text == "JNIM militants"
    assert spans["actor2"].text == "civilians"
    assert spans["assoc_actor_1"].text == "militiamen"
    assert spans["location"].text == "Djibo"
    assert spans["event_date"].text == "3 March 2021"
    assert "four" in spans["fatalities"].text
    # the record keeps today's keys and reads back what it wrote
    d = attack.to_dict()["evidence"][0]
    assert {"doc_id", "sentence", "start", "end", "trigger", "spans"} <= set(d)
    assert Event.from_dict(attack.to_dict()).evidence == attack.evidence
    assert (
        Event.from_dict(
            {**attack.to_dict(), "evidence": [{k: v for k, v in d.items() if k != "spans"}]}
        )
        .evidence[0]
        .spans
        == []
    )


# ---- non-events ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("Floods killed twelve people in Zorvala on Monday.", "en", "natural disaster"),
        ("Three people died when a bus collided with a truck near Zorvala.", "en", "accident"),
        ("A fire broke out at the market in Zorvala, destroying forty shops.", "en", "fire"),
        ("Thieves stole two motorbikes from a shop in Zorvala.", "en", "ordinary crime"),
        ("Banjir bandang menewaskan lima warga di Zorvala.", "id", "natural disaster"),
        ("Dua orang tewas dalam kecelakaan lalu lintas di Zorvala.", "id", "accident"),
    ],
)
def test_deaths_and_damage_that_are_no_event_are_non_events(
    pipe: Pipeline, text: str, lang: str, reason: str
) -> None:
    r = pipe.process(
        Document(id="t", text=text, published=dt.date(2018, 6, 12), country="BF", lang=lang)
    )
    assert r.events == []
    assert any(reason in n.reason for n in r.non_events), [n.reason for n in r.non_events]


def test_violence_beside_a_non_event_cue_stays_an_event(pipe: Pipeline) -> None:
    ev = one(events(pipe, "Gunmen killed three farmers in Zorvala as heavy rains fell.", "BF"))
    assert ev.sub_event_type == "Attack" and ev.fatalities == 3
    ev = one(events(pipe, "A mob lynched a thief in Zorvala.", "BF"))
    assert ev.sub_event_type == "Mob violence"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "A customs officer survived an ambush by unknown gunmen near Zorvala on Monday.",
            "Armed clash",
        ),
        ("A village chief narrowly escaped a grenade attack at his home in Zorvala.", "Grenade"),
    ],
)
def test_an_attack_its_target_survived_still_happened(pipe: Pipeline, text: str, sub: str) -> None:
    # surviving or escaping an attack says the attack failed to kill, not that none took place
    ev = one(events(pipe, text, "BF"))
    assert ev.sub_event_type == sub and ev.fatalities == 0


def test_a_place_spared_by_the_fighting_is_no_event(pipe: Pipeline) -> None:
    r = pipe.process(
        Document(
            id="t",
            text="The town of Zorvala was spared by the shelling, officials said.",
            published=dt.date(2018, 6, 12),
            country="BF",
        )
    )
    assert r.events == [] and any("spared" in n.reason for n in r.non_events)


# ---- ground taken ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Troops seized a rebel stronghold in Butig after heavy fighting.",
            "Government regains territory",
        ),
        (
            "Soldiers captured an abandoned rebel camp in Butig on Monday.",
            "Non-violent transfer of territory",
        ),
        (
            "Soldiers seized rifles and ammunition in Butig on Monday.",
            "Looting/property destruction",
        ),
    ],
)
def test_ground_taken_by_state_forces(pipe: Pipeline, text: str, sub: str) -> None:
    evs = events(pipe, text, "PH")
    assert [e.sub_event_type for e in evs] == [sub], [(e.sub_event_type, e.actor1) for e in evs]


def test_generic_members_of_the_one_group_named_are_that_group(pipe: Pipeline) -> None:
    text = (
        "Militants attacked an army post in Butig on Monday. The Maute group later "
        "occupied the town hall."
    )
    clash = next(e for e in events(pipe, text, "PH") if e.sub_event_type == "Armed clash")
    assert clash.actor1 == "Maute Group"
    # two groups named: the militants stay unidentified
    text2 = text + " On Tuesday, Abu Sayyaf fighters burned a school in Patikul, Sulu."
    clash = next(e for e in events(pipe, text2, "PH") if e.sub_event_type == "Armed clash")
    assert clash.actor1.startswith("Unidentified Armed Group")


# ---- names and sides as the English press prints them -----------------------------------------


def test_a_group_named_as_an_affiliation_modifies_the_one_that_acts(pipe: Pipeline) -> None:
    text = (
        "Police arrested two members of the Islamic State-linked Jamaah Ansharut Daulah "
        "network in Bekasi on Tuesday."
    )
    assert one(events(pipe, text, "ID")).actor2 == "JAD: Jamaah Ansharut Daulah"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Papuan separatist rebels shot dead two civilians in Tiom on Monday.", "TPNPB"),
        ("Rebels who demand Papuan independence torched a school in Ilaga on Monday.", "TPNPB"),
        # a place names no group: the rebels stay generic
        ("Pro-independence rebels torched a school in Ilaga, Papua, on Monday.", "Opposition"),
    ],
)
def test_separatists_named_by_their_cause_are_their_group(
    pipe: Pipeline, text: str, actor1: str
) -> None:
    assert one(events(pipe, text, "ID")).actor1.startswith(actor1)


def test_the_group_the_police_suspect_is_the_attacker(pipe: Pipeline) -> None:
    text = (
        "Two farmers were found hacked to death in Tiom on Sunday. Police suspect the West "
        "Papua National Liberation Army."
    )
    assert one(events(pipe, text, "ID")).actor1.startswith("TPNPB")
    # an accusation the accused deny names nobody
    text = (
        "Unidentified armed men set off a bomb in Lala on Monday. The governor accused the "
        "MILF of the attack, which the MILF denied."
    )
    assert one(events(pipe, text, "PH")).actor1.startswith("Unidentified Armed Group")


@pytest.mark.parametrize(
    ("text", "country", "sub", "actor1", "actor2"),
    [
        (
            "Troops found five homemade bombs hidden by the Maute group in Butig on Monday.",
            "PH",
            "Disrupted weapons use",
            "Military Forces",
            "Maute Group",
        ),
        (
            "Three farmers were wounded by a bomb set off by unidentified assailants in Butig "
            "on Monday.",
            "PH",
            "Remote explosive/landmine/IED",
            "Unidentified Armed Group",
            "Civilians",
        ),
        (
            "Troops retook the town of Butig, Lanao del Sur, from the Maute group on Monday.",
            "PH",
            "Government regains territory",
            "Military Forces",
            "Maute Group",
        ),
        (
            "Pasukan TNI menguasai kembali Distrik Kiwirok, Senin, dari kelompok TPNPB.",
            "ID",
            "Government regains territory",
            "Military Forces",
            "TPNPB",
        ),
    ],
)
def test_owners_holders_and_participles_name_the_sides(
    pipe: Pipeline, text: str, country: str, sub: str, actor1: str, actor2: str
) -> None:
    ev = one(events(pipe, text, country))
    assert (ev.sub_event_type, ev.actor1[: len(actor1)], ev.actor2[: len(actor2)]) == (
        sub,
        actor1,
        actor2,
    )


@pytest.mark.parametrize(
    ("text", "sub", "actor2"),
    [
        (
            "Police used tear gas to break up a protest by workers in Timika on Monday after "
            "the crowd threw stones at officers.",
            "Violent demonstration",
            "Police Forces",
        ),
        (
            "Rioters set fire to the district office in Wamena on Monday. Police fired tear gas.",
            "Violent demonstration",
            "Police Forces",
        ),
        # a barricade alone is no riot: the forces that clear it intervene in a protest
        (
            "Residents staged a barricade in Wamena on Monday. Police violently dispersed the "
            "barricade.",
            "Protest with intervention",
            "Police Forces",
        ),
    ],
)
def test_forces_facing_a_riot_are_its_second_actor(
    pipe: Pipeline, text: str, sub: str, actor2: str
) -> None:
    ev = one(events(pipe, text, "ID"))
    assert (ev.sub_event_type, ev.actor2[: len(actor2)]) == (sub, actor2)


def test_members_of_a_named_group_act_as_the_group(pipe: Pipeline) -> None:
    text = "A farmer was killed by alleged members of the NPA in Irosin on Monday."
    assert one(events(pipe, text, "PH")).actor1 == "NPA: New People's Army"
    text = "Four police officers were wounded by a grenade thrown by suspected members of the NPA."
    ev = one(events(pipe, text, "PH"))
    assert (ev.sub_event_type, ev.actor1) == ("Grenade", "NPA: New People's Army")


def test_generic_attackers_are_not_the_group_they_attacked(pipe: Pipeline) -> None:
    # the only named group of the report is the one attacked: the militants are not it
    for text in (
        "Militants attacked a VDP position in Kermi on Monday.",
        "Militants attacked a position of the VDP near Kermi on Monday.",
    ):
        ev = one(events(pipe, text, country="BF"))
        assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
            "Armed clash",
            "Unidentified Armed Group (Burkina Faso)",
            "VDP: Volunteer for Defense of Homeland",
        ), text


# ---- a group named once in a sentence acts in its agentless events -----------------------------


@pytest.mark.parametrize(
    ("text", "country", "lang", "actor1"),
    [
        (
            "Suspected Abu Sayyaf militants stopped a passenger van in Talim on Monday, and "
            "the driver was abducted.",
            "PH",
            "en",
            "ASG: Abu Sayyaf",
        ),
        (
            "Terduga anggota TPNPB membakar sekolah di Distrik Sinak pada Senin, dan seorang "
            "guru diculik.",
            "ID",
            "id",
            "TPNPB: West Papua National Liberation Army",
        ),
    ],
)
def test_an_agentless_act_after_a_named_group_is_that_groups(
    pipe: Pipeline, text: str, country: str, lang: str, actor1: str
) -> None:
    abduction = next(
        e
        for e in events(pipe, text, country, lang)
        if e.sub_event_type == "Abduction/forced disappearance"
    )
    assert abduction.actor1 == actor1


@pytest.mark.parametrize(
    ("text", "country", "lang"),
    [
        (
            "Gunmen on a motorbike killed a retired police officer outside his shop in Kera "
            "on Monday.",
            "BF",
            "en",
        ),
        (
            "Seorang pensiunan polisi ditembak mati orang tak dikenal di Distrik Sinak pada Senin.",
            "ID",
            "id",
        ),
        (
            "Seorang purnawirawan TNI ditembak mati orang tak dikenal di Distrik Sinak pada Senin.",
            "ID",
            "id",
        ),
    ],
)
def test_retired_forces_are_civilians(pipe: Pipeline, text: str, country: str, lang: str) -> None:
    ev = one(events(pipe, text, country, lang))
    assert (ev.sub_event_type, ev.actor2.split(" (")[0]) == ("Attack", "Civilians")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "The Army's 3rd Scout Ranger Battalion clashed with Abu Sayyaf militants in Patikul "
            "on Monday.",
            "Scout Ranger",
        ),
        (
            "A clash between the Army's 9th Marine Battalion and the Abu Sayyaf erupted "
            "in Patikul on Monday.",
            "Philippine Marine Corps",
        ),
    ],
)
def test_a_forces_own_unit_after_its_possessive_is_one_side(
    pipe: Pipeline, text: str, unit: str
) -> None:
    ev = one(events(pipe, text, "PH"))
    assert ev.actor1 == "ASG: Abu Sayyaf"
    assert ev.actor2.startswith("Military Forces of the Philippines") and ev.actor2.endswith(unit)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gerindra supporters clashed with PDI-P supporters in Sampang on Monday.", "en"),
        ("Simpatisan Gerindra bentrok dengan simpatisan PDI-P di Sampang, Senin.", "id"),
    ],
)
def test_party_supporters_who_fight_are_rioters_of_their_party(
    pipe: Pipeline, text: str, lang: str
) -> None:
    ev = one(events(pipe, text, "ID", lang))
    assert (ev.sub_event_type, ev.actor1) == ("Mob violence", "Rioters (Indonesia)")
    assert ev.assoc_actor_1 == "Gerindra: Great Indonesia Movement Party"


@pytest.mark.parametrize(
    ("text", "country", "lang", "first", "second"),
    [
        # the Philippines list the rebels first
        (
            "Troops detained four NPA fighters after a short gunfight near Malinao on Monday.",
            "PH",
            "en",
            "NPA: New People's Army",
            "Military Forces of the Philippines",
        ),
        # elsewhere a fight nobody started keeps the order its sides are named in
        (
            "Prajurit TNI menangkap dua anggota TPNPB setelah kontak tembak singkat di Distrik "
            "Sinak pada Senin.",
            "ID",
            "id",
            "Military Forces of Indonesia",
            "TPNPB: West Papua National Liberation Army",
        ),
    ],
)
def test_a_fight_with_no_sides_of_its_own_is_fought_by_its_sentences_sides(
    pipe: Pipeline, text: str, country: str, lang: str, first: str, second: str
) -> None:
    clash = next(e for e in events(pipe, text, country, lang) if e.sub_event_type == "Armed clash")
    assert clash.actor1.startswith(first)
    assert clash.actor2.startswith(second)


def test_a_units_acronym_in_brackets_is_the_unit_not_a_foreign_force(pipe: Pipeline) -> None:
    text = (
        "Members of the PNP Special Action Force (SAF) clashed with Abu Sayyaf fighters near "
        "Patikul on Monday."
    )
    ev = one(events(pipe, text, "PH"))
    assert ev.actor1 == "ASG: Abu Sayyaf"
    assert ev.actor2.endswith("Special Action Force") and ev.actor2.startswith("Police Forces")


@pytest.mark.parametrize(
    ("text", "country", "lang", "forces"),
    [
        (
            "One suspect died and three more were taken into custody when police raided a house "
            "in Malinao on Monday.",
            "PH",
            "en",
            "Police Forces of the Philippines",
        ),
        (
            "Seorang warga tewas tertembak saat prajurit TNI melepaskan tembakan peringatan di "
            "Distrik Sinak pada Senin.",
            "ID",
            "id",
            "Military Forces of Indonesia",
        ),
    ],
)
def test_a_victim_told_without_a_killer_beside_acting_forces_is_theirs(
    pipe: Pipeline, text: str, country: str, lang: str, forces: str
) -> None:
    attacks = [e for e in events(pipe, text, country, lang) if e.sub_event_type == "Attack"]
    assert attacks and all(e.actor1.startswith(forces) for e in attacks)


@pytest.mark.parametrize(
    ("text", "country", "lang", "actor1", "actor2"),
    [
        (
            "Soldiers shot dead two JNIM militants in a firefight in Kera on Monday.",
            "BF",
            "en",
            "Military Forces of Burkina Faso",
            "JNIM: Group for Support of Islam and Muslims",
        ),
        (
            "Polisi menembak mati dua anggota MIT dalam kontak tembak di Poso pada Senin.",
            "ID",
            "id",
            "Police Forces of Indonesia",
            "MIT: East Indonesia Mujahideen",
        ),
    ],
)
def test_a_fight_told_through_a_killing_keeps_the_killers_first(
    pipe: Pipeline, text: str, country: str, lang: str, actor1: str, actor2: str
) -> None:
    ev = one(events(pipe, text, country, lang))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1.startswith(actor1) and ev.actor2.startswith(actor2)


def test_a_stray_bullet_of_a_firefight_is_no_attack_by_either_side(pipe: Pipeline) -> None:
    text = (
        "Seorang warga tewas terkena peluru nyasar saat terjadi baku tembak antara TNI dan "
        "TPNPB di Distrik Ilaga pada Sabtu."
    )
    attacks = [e for e in events(pipe, text, "ID", "id") if e.sub_event_type == "Attack"]
    assert all(not e.actor1.startswith("Military Forces") for e in attacks)


@pytest.mark.parametrize(
    ("text", "country", "lang"),
    [
        ("A group of political rivals beat up a village councillor in Kera on Monday.", "BF", "en"),
        ("Lawan politik menyerang kepala desa terpilih di Desa Lupi pada Senin.", "ID", "id"),
    ],
)
def test_political_opponents_who_attack_are_a_mob(
    pipe: Pipeline, text: str, country: str, lang: str
) -> None:
    ev = one(events(pipe, text, country, lang))
    assert (ev.sub_event_type, ev.actor1.split(" (")[0]) == ("Mob violence", "Rioters")


@pytest.mark.parametrize(
    ("text", "country", "lang", "forces"),
    [
        (
            "Some 200 drug users and pushers surrendered to police in Malinao on Monday.",
            "PH",
            "en",
            "Police Forces of the Philippines",
        ),
        (
            "Ratusan warga menyerahkan diri kepada polisi di Desa Lupi pada Senin.",
            "ID",
            "id",
            "Police Forces of Indonesia",
        ),
    ],
)
def test_civilians_are_the_second_actor_whatever_the_subject(
    pipe: Pipeline, text: str, country: str, lang: str, forces: str
) -> None:
    ev = one(events(pipe, text, country, lang))
    assert ev.actor1.startswith(forces)
    assert ev.actor2.startswith("Civilians")


def test_forces_listed_with_a_militia_lead_it(pipe: Pipeline) -> None:
    ev = one(events(pipe, "Soldiers and VDP killed ten civilians in Kera on Monday.", "BF"))
    assert ev.actor1.startswith("Military Forces of Burkina Faso")
    assert ev.assoc_actor_1 == "VDP: Volunteer for Defense of Homeland"
