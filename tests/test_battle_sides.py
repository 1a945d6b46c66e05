"""The two sides of a battle in ACLED's order, end to end on made-up reports: the side that
started a fight stays first when the defenders answer it, and a battle told from the side that
suffered it lists the non-state side first.

Groups are real where the rule is about a theatre's actors; places are made up (Lupi)."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Event
from tests.test_who_did_what import bare, events


def battles(
    pipe: Pipeline, text: str, country: str, lang: str, sub: str = "Armed clash"
) -> list[Event]:
    found = events(pipe, text, country, lang, published=dt.date(2020, 5, 6))
    return [e for e in found if e.sub_event_type == sub]


def sides(
    pipe: Pipeline, text: str, country: str, lang: str, sub: str = "Armed clash"
) -> tuple[str, str]:
    """The two actors (bare) of the first event of type ``sub`` the text yields."""
    evs = battles(pipe, text, country, lang, sub)
    assert evs, f"no {sub}"
    return bare(evs[0].actor1), bare(evs[0].actor2)


@pytest.mark.parametrize(
    ("text", "lang", "country", "actor1", "actor2"),
    [
        # the defenders named as the target answer in the next sentence, and kill some
        (
            "On 5 May, suspected New People's Army rebels attacked a police post in Lupi. "
            "The police repulsed the attack and killed two militants.",
            "en",
            "PH",
            "npa: new people's army",
            "police forces of the philippines",
        ),
        # ... or in the same sentence
        (
            "On 5 May, suspected NPA rebels attacked the army camp in Lupi, the soldiers "
            "repelled the attack and killed two rebels.",
            "en",
            "PH",
            "npa: new people's army",
            "military forces of the philippines",
        ),
        (
            "Unknown gunmen attacked a gendarmerie post in Lupi on 5 May. The gendarmes "
            "repelled the attack. No casualties were reported.",
            "en",
            "BF",
            "unidentified armed group (burkina faso)",
            "police forces of burkina faso gendarmerie",
        ),
        (
            "Kelompok KKB menyerang pos polisi di Distrik Lupi, Selasa (5/5/2020). Polisi "
            "berhasil memukul mundur serangan itu dan menembak mati dua penyerang.",
            "id",
            "ID",
            "tpnpb: west papua national liberation army",
            "police forces of indonesia",
        ),
    ],
)
def test_attackers_stay_first_when_the_defenders_answer(
    pipe: Pipeline, text: str, lang: str, country: str, actor1: str, actor2: str
) -> None:
    assert sides(pipe, text, country, lang) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "lang", "country", "actor1", "actor2"),
    [
        (
            "Two Abu Sayyaf rebels were killed during an attack by soldiers in Lupi on 5 May.",
            "en",
            "PH",
            "asg: abu sayyaf",
            "military forces of the philippines",
        ),
        (
            "New People's Army rebels were attacked by soldiers in Lupi on 5 May.",
            "en",
            "PH",
            "npa: new people's army",
            "military forces of the philippines",
        ),
        (
            "Dua anggota KKB tewas dalam serangan oleh prajurit TNI di Distrik Lupi, "
            "Selasa (5/5/2020).",
            "id",
            "ID",
            "tpnpb: west papua national liberation army",
            "military forces of indonesia",
        ),
        # who killed whom, told with the killers as the agent: the killers stay first (in a
        # theatre whose coders put the side that acts first)
        (
            "A JNIM militant was shot dead by gendarmes in a firefight in Lupi on 5 May.",
            "en",
            "BF",
            "police forces of burkina faso gendarmerie",
            "jnim: group for support of islam and muslims",
        ),
        (
            "Troops launched an operation in Lupi on 5 May, and ten JNIM militants were killed.",
            "en",
            "BF",
            "military forces of burkina faso",
            "jnim: group for support of islam and muslims",
        ),
    ],
)
def test_a_battle_told_from_the_side_that_suffered_it(
    pipe: Pipeline, text: str, lang: str, country: str, actor1: str, actor2: str
) -> None:
    assert sides(pipe, text, country, lang) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "lang", "country", "sub", "actor1"),
    [
        (
            "Suspected Abu Sayyaf militants took ten sailors hostage off Lupi on 5 May.",
            "en",
            "PH",
            "Abduction/forced disappearance",
            "asg: abu sayyaf",
        ),
        (
            "The New People's Army (NPA) carried out a series of coordinated attacks on the "
            "property of a logging company in Lupi on 5 May.",
            "en",
            "PH",
            "Attack",
            "npa: new people's army",
        ),
        (
            "On 5 May 2020, presumed JNIM militants fired RPG rockets at two army trucks "
            "near Lupi.",
            "en",
            "BF",
            "Shelling/artillery/missile attack",
            "jnim: group for support of islam and muslims",
        ),
        (
            "Kelompok KKB menembakkan roket ke arah pos TNI di Distrik Lupi, Selasa (5/5/2020).",
            "id",
            "ID",
            "Shelling/artillery/missile attack",
            "tpnpb: west papua national liberation army",
        ),
    ],
)
def test_the_subject_of_a_light_or_wielding_verb_acts(
    pipe: Pipeline, text: str, lang: str, country: str, sub: str, actor1: str
) -> None:
    assert sides(pipe, text, country, lang, sub)[0] == actor1


@pytest.mark.parametrize(
    ("text", "country", "sub", "actor1", "actor2"),
    [
        # the Philippines: ACLED lists the rebels first, whoever struck
        (
            "Soldiers of the 3rd Infantry Battalion attacked New People's Army rebels in Lupi "
            "on 5 May.",
            "PH",
            "Armed clash",
            "npa: new people's army",
            "military forces of the philippines",
        ),
        # ... in the air strikes the state makes on them
        (
            "On 5 May, air force helicopters struck New People's Army positions near Lupi.",
            "PH",
            "Air/drone strike",
            "npa: new people's army",
            "military forces of the philippines",
        ),
        # an arrest or a shelling keeps the force that acted first
        (
            "Police arrested two suspected members of the Abu Sayyaf in Lupi on 5 May.",
            "PH",
            "Arrests",
            "police forces of the philippines",
            "asg: abu sayyaf",
        ),
        (
            "On 5 May, army howitzers shelled New People's Army positions near Lupi.",
            "PH",
            "Shelling/artillery/missile attack",
            "military forces of the philippines",
            "npa: new people's army",
        ),
        # an arrest elsewhere keeps the arresting force first
        (
            "Gendarmes arrested two suspected Ansaroul Islam militants in Lupi on 5 May.",
            "BF",
            "Arrests",
            "police forces of burkina faso gendarmerie",
            "ansaroul islam",
        ),
        # elsewhere the side that acts comes first
        (
            "On 5 May, the army killed eight ISGS militants in Lupi.",
            "BF",
            "Armed clash",
            "military forces of burkina faso",
            "islamic state (greater sahara)",
        ),
    ],
)
def test_theatres_that_list_the_rebels_first(
    pipe: Pipeline, text: str, country: str, sub: str, actor1: str, actor2: str
) -> None:
    assert sides(pipe, text, country, "en", sub) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "lang", "country", "actor1"),
    [
        ("On 5 May, soldiers killed JNIM militants in Lupi.", "en", "BF", "military forces of"),
        (
            "Prajurit menembak anggota KKB di Distrik Lupi, Selasa (5/5/2020).",
            "id",
            "ID",
            "military forces of",
        ),
    ],
)
def test_a_force_and_the_group_it_strikes_are_two_actors(
    pipe: Pipeline, text: str, lang: str, country: str, actor1: str
) -> None:
    """A role noun one word before a named group is that group ("JNIM militants"), unless the
    word is the event's verb."""
    evs = battles(pipe, text, country, lang)
    assert evs and bare(evs[0].actor1).startswith(actor1)
    assert not bare(evs[0].actor1).startswith("unidentified")


@pytest.mark.parametrize(
    ("text", "lang", "country", "actor1", "actor2"),
    [
        # a fight nobody is said to have started keeps the order its sides are named in
        (
            "On 5 May, the army clashed with JNIM fighters close to Lupi.",
            "en",
            "BF",
            "military forces of burkina faso",
            "jnim: group for support of islam and muslims",
        ),
        (
            "On 5 May, JNIM fighters clashed with the army close to Lupi.",
            "en",
            "BF",
            "jnim: group for support of islam and muslims",
            "military forces of burkina faso",
        ),
        (
            "On 5 May, gendarmes exchanged fire with ISGS fighters near Lupi.",
            "en",
            "BF",
            "police forces of burkina faso gendarmerie",
            "islamic state (greater sahara)",
        ),
        (
            "Terjadi kontak tembak antara KKB dan aparat TNI di Distrik Lupi, Selasa (5/5/2020).",
            "id",
            "ID",
            "tpnpb: west papua national liberation army",
            "military forces of indonesia",
        ),
        (
            "Terjadi kontak tembak antara aparat TNI dan KKB di Distrik Lupi, Selasa (5/5/2020).",
            "id",
            "ID",
            "military forces of indonesia",
            "tpnpb: west papua national liberation army",
        ),
        (
            "Aparat TNI terlibat kontak tembak dengan KKB di Distrik Lupi, Selasa (5/5/2020).",
            "id",
            "ID",
            "military forces of indonesia",
            "tpnpb: west papua national liberation army",
        ),
        # two subjects of a fight verb, the second with a count and a hedge
        (
            "On 5 May, soldiers and about thirty suspected JNIM militants clashed near Lupi.",
            "en",
            "BF",
            "military forces of burkina faso",
            "jnim: group for support of islam and muslims",
        ),
        (
            "Aparat TNI dan sekitar 20 anggota KKB terlibat kontak tembak di Distrik Lupi, Selasa "
            "(5/5/2020).",
            "id",
            "ID",
            "military forces of indonesia",
            "tpnpb: west papua national liberation army",
        ),
        # a fight noun, a short verb, then the parties
        (
            "On 5 May, clashes broke out between the army and JNIM militants near Lupi.",
            "en",
            "BF",
            "military forces of burkina faso",
            "jnim: group for support of islam and muslims",
        ),
        (
            "Kontak tembak kembali terjadi antara aparat TNI dan KKB di Distrik Lupi, Selasa "
            "(5/5/2020).",
            "id",
            "ID",
            "military forces of indonesia",
            "tpnpb: west papua national liberation army",
        ),
        # where ACLED's coders list the rebels first, they come first here too
        (
            "On 5 May, the army clashed with New People's Army rebels near Lupi.",
            "en",
            "PH",
            "npa: new people's army",
            "military forces of the philippines",
        ),
    ],
)
def test_a_fight_nobody_started_keeps_the_order_of_its_sides(
    pipe: Pipeline, text: str, lang: str, country: str, actor1: str, actor2: str
) -> None:
    assert sides(pipe, text, country, lang) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "lang", "country", "force"),
    [
        ("On 5 May, students clashed with police in Lupi.", "en", "BF", "police forces of"),
        (
            "On 5 May, hundreds of youths scuffled with riot police in Lupi.",
            "en",
            "BF",
            "police forces of",
        ),
        (
            "Ratusan pelajar bentrok dengan polisi di Lupi, Selasa (5/5/2020).",
            "id",
            "ID",
            "police forces of",
        ),
    ],
)
def test_a_crowd_that_clashes_with_the_police_has_them_as_the_other_side(
    pipe: Pipeline, text: str, lang: str, country: str, force: str
) -> None:
    """The force named inside the trigger phrase ("clashed with police") is the other side."""
    ev = sides(pipe, text, country, lang, "Violent demonstration")
    assert ev[0].startswith("rioters (")
    assert ev[1].startswith(force)


@pytest.mark.parametrize(
    ("text", "lang", "country", "group"),
    [
        (
            "On 5 May, ISGS fighters clashed with each other near Lupi, over a gold mine.",
            "en",
            "BF",
            "islamic state (greater sahara)",
        ),
        (
            "On 5 May, two rival factions of the Moro Islamic Liberation Front clashed near Lupi.",
            "en",
            "PH",
            "milf: moro islamic liberation front",
        ),
        (
            "Dua faksi KKB terlibat kontak tembak di Distrik Lupi, Selasa (5/5/2020).",
            "id",
            "ID",
            "tpnpb: west papua national liberation army",
        ),
    ],
)
def test_a_fight_inside_one_group_names_it_on_both_sides(
    pipe: Pipeline, text: str, lang: str, country: str, group: str
) -> None:
    assert sides(pipe, text, country, lang) == (group, group)


def test_a_group_that_clashed_with_nobody_named_has_no_second_side(pipe: Pipeline) -> None:
    assert sides(pipe, "On 5 May, NPA rebels clashed near Lupi.", "PH", "en") == (
        "npa: new people's army",
        "",
    )
