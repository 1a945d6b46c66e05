"""Actor registry: finding mentions (English, Indonesian) and resolving them ACLED-style."""

import re

import pytest

from groundfacts.actors import ActorRegistry
from groundfacts.records import ActorMention


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.load()


def texts(reg: ActorRegistry, text: str, lang: str = "en") -> list[str]:
    return [m.text for m in reg.find(text, lang)]


def names(reg: ActorRegistry, text: str, lang: str, country: str, year: int) -> list[str]:
    out = []
    for m in reg.find(text, lang):
        actor = reg.resolve(m, country=country, year=year, context=text)
        out.append(actor.name if actor else "")
    return out


def no_years(name: str) -> str:
    return re.sub(r" \(\d{4}-(\d{4})?\)", "", name)


def test_offsets_point_into_text(reg: ActorRegistry) -> None:
    text = "Yesterday unidentified gunmen attacked villagers near the river."
    for m in reg.find(text):
        assert text[m.start : m.end] == m.text
    assert texts(reg, text) == ["unidentified gunmen", "villagers"]


def test_is_acronym_only_in_capitals(reg: ActorRegistry) -> None:
    text = "It is said that IS fighters and ISIS took the town; this is new."
    found = reg.find(text)
    assert [m.text for m in found] == ["IS fighters", "ISIS"]
    assert all(m.kind == "named" and m.key == "islamic_state" for m in found)


def test_indonesian_as_needs_capitals(reg: ActorRegistry) -> None:
    assert texts(reg, "Pasukan AS menyerang, sedangkan yang lain berdiam.", "id") == ["Pasukan AS"]
    assert texts(reg, "sama seperti as roda", "id") == []


def test_multiword_role_phrase_is_one_mention(reg: ActorRegistry) -> None:
    found = reg.find("Orang bersenjata tak dikenal menembak dua warga sipil.", "id")
    assert [(m.text, m.key) for m in found] == [
        ("Orang bersenjata tak dikenal", "unidentified"),
        ("warga sipil", "civilians"),
    ]


def test_demonym_and_role_make_one_mention(reg: ActorRegistry) -> None:
    (m,) = reg.find("Burkinabe soldiers repelled the attack.")
    assert (m.text, m.kind, m.key, m.country) == ("Burkinabe soldiers", "role", "military", "BF")


@pytest.mark.parametrize(
    ("text", "lang", "iso2"),
    [
        ("Russian forces shelled the town.", "en", "RU"),
        ("French troops arrived.", "en", "FR"),
        ("pasukan Rusia menggempur kota itu.", "id", "RU"),
        ("Rezim Assad menjatuhkan bom barel.", "id", "SY"),
        ("The Assad regime denied it.", "en", "SY"),
        ("pasukan Vladimir Putin tiba.", "id", "RU"),
        ("pro-Assad forces advanced.", "en", "SY"),
    ],
)
def test_country_and_leader_force_phrases(
    reg: ActorRegistry, text: str, lang: str, iso2: str
) -> None:
    (m,) = reg.find(text, lang)
    assert m.kind == "country" and m.key == iso2


def test_state_forces_home_and_foreign(reg: ActorRegistry) -> None:
    home = reg.state_forces("BF", event_country="BF", year=2019)
    assert home.name == "Military Forces of Burkina Faso (2015-2022)" and home.inter == 1
    foreign = reg.state_forces("FR", event_country="ML", year=2019)
    assert foreign.name == "Military Forces of France (2017-)" and foreign.inter == 8
    assert (
        reg.state_forces("US", year=2018).name == "Military Forces of the United States (2017-2021)"
    )
    assert reg.state_forces("BF", year=1850).name == "Military Forces of Burkina Faso"
    gend = reg.state_forces("BF", branch="gendarmerie", year=2020)
    assert gend.name == "Police Forces of Burkina Faso (2015-2022) Gendarmerie"


def test_roles_take_the_event_country(reg: ActorRegistry) -> None:
    text = "Police fired tear gas at protesters while rioters burned tyres; civilians fled."
    got = names(reg, text, "en", "ID", 2019)
    assert got == [
        "Police Forces of Indonesia (2014-2024)",
        "Protesters (Indonesia)",
        "Rioters (Indonesia)",
        "Civilians (Indonesia)",
    ]


def test_indonesian_roles(reg: ActorRegistry) -> None:
    text = "Polisi membubarkan demonstran, lalu perusuh membakar pos; tentara menembak teroris."
    got = [no_years(n) for n in names(reg, text, "id", "ID", 2020)]
    assert got == [
        "Police Forces of Indonesia",
        "Protesters (Indonesia)",
        "Rioters (Indonesia)",
        "Military Forces of Indonesia",
        "Unidentified Armed Group (Indonesia)",
    ]


def test_role_inter_codes(reg: ActorRegistry) -> None:
    assert reg.role("protesters", "BF").inter == 6
    assert reg.role("rioters", "BF").inter == 5
    assert reg.role("civilians", "BF").inter == 7
    assert reg.role("unidentified", "BF").name == "Unidentified Armed Group (Burkina Faso)"
    assert reg.role("unidentified", "BF").inter == 3
    assert reg.role("government", "BF", year=2016).name == "Government of Burkina Faso (2015-2022)"
    assert reg.role("civilians", None).name == "Civilians (International)"
    with pytest.raises(KeyError):
        reg.role("astronauts", "BF")


def test_foreign_soldiers_are_external(reg: ActorRegistry) -> None:
    (m,) = reg.find("Malian soldiers crossed the border.")
    actor = reg.resolve(m, country="BF", year=2020)
    assert actor is not None and actor.inter == 8 and actor.country == "ML"


def test_islamic_state_resolves_by_theatre(reg: ActorRegistry) -> None:
    (m,) = reg.find("Daesh claimed the attack.")
    assert reg.resolve(m, country="SY", year=2016).name == "Islamic State (Syria)"  # type: ignore[union-attr]
    assert reg.resolve(m, country="IQ", year=2016).name == "Islamic State (Iraq)"  # type: ignore[union-attr]
    assert reg.resolve(m, country="BF", year=2019).name == "Islamic State (Greater Sahara)"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Jabhah Nushrah menyerang", "id", "Jabhat al-Nusra"),
        ("Ahrar Syam dan", "id", "Ahrar al-Sham"),
        ("Jaisyul Fath merebut", "id", "Jaish al-Fath"),
        ("JNIM militants ambushed", "en", "JNIM: Group for Support of Islam and Muslims"),
        ("Anggota KKB menembak", "id", "TPNPB: West Papua National Liberation Army"),
        ("Organisasi Papua Merdeka", "id", "TPNPB: West Papua National Liberation Army"),
        ("ISGS fighters", "en", "Islamic State (Greater Sahara)"),
    ],
)
def test_named_groups(reg: ActorRegistry, text: str, lang: str, name: str) -> None:
    (m,) = reg.find(text, lang)
    assert m.kind == "named"
    actor = reg.resolve(m, country="SY", year=2015)
    assert actor is not None and actor.name == name and actor.inter == 2


def test_group_renamed_by_year(reg: ActorRegistry) -> None:
    (m,) = reg.find("Nusra Front shelled the village.")
    assert reg.resolve(m, country="SY", year=2014).name == "Jabhat al-Nusra"  # type: ignore[union-attr]
    assert reg.resolve(m, country="SY", year=2018).name == "Hay'at Tahrir al-Sham"  # type: ignore[union-attr]


def test_state_aliases(reg: ActorRegistry) -> None:
    (m,) = reg.find("Barkhane conducted an airstrike.")
    actor = reg.resolve(m, country="ML", year=2019)
    assert actor is not None and actor.name.startswith("Military Forces of France")
    assert actor.inter == 8


def test_context_decides_country_branch(reg: ActorRegistry) -> None:
    (m,) = reg.find("Russia bombed the market.")
    assert reg.resolve(
        m, country="SY", year=2016, context="Russia bombed the market."
    ).name.startswith(  # type: ignore[union-attr]
        "Military Forces of Russia"
    )
    ctx = "Russia's foreign ministry said it would impose sanctions."
    gov = reg.resolve(m, country="SY", year=2016, context=ctx)
    assert gov is not None and gov.name.startswith("Government of Russia")


def test_mujahidin_in_syria_are_rebels(reg: ActorRegistry) -> None:
    text = "Mujahidin menyerang pos rezim Assad di pinggiran kota."
    found = reg.find(text, "id")
    got = [reg.resolve(m, country="SY", year=2015, context=text) for m in found]
    assert [a.name for a in got if a] == [
        "Opposition Rebels (Syria)",
        "Military Forces of Syria (2000-2024)",
    ]


def test_context_rule_picks_named_group(reg: ActorRegistry) -> None:
    text = "Kelompok separatis KKB menembak tukang ojek di Papua."
    found = reg.find(text, "id")
    actor = reg.resolve(found[0], country="ID", year=2021, context=text)
    assert actor is not None and actor.actor_id == "tpnpb"


def test_no_group_is_supplied_from_the_place(reg: ActorRegistry) -> None:
    # the region is no name: separatists in Papua are not TPNPB until the text says so
    text = "Kelompok separatis menembak tukang ojek di Papua."
    found = reg.find(text, "id")
    actor = reg.resolve(found[0], country="ID", year=2021, context=text)
    assert actor is None or actor.actor_id != "tpnpb"


def test_civilian_subtypes_carry_assoc(reg: ActorRegistry) -> None:
    (m,) = reg.find("Dua wartawan terluka.", "id")
    assert m.key == "civilians:journalists"
    assert reg.resolve(m, country="ID", year=2020).name == "Civilians (Indonesia)"  # type: ignore[union-attr]
    assoc = reg.assoc(m, "ID")
    assert assoc is not None and assoc.name == "Journalists (Indonesia)"
    crowd, label = reg.as_crowd(reg.find("Teachers marched.")[0], "protesters", country="BF")
    assert crowd.name == "Protesters (Burkina Faso)" and crowd.inter == 6
    assert label is not None and label.name == "Teachers (Burkina Faso)"


def test_resolve_unknown_key_is_none(reg: ActorRegistry) -> None:
    ghost = ActorMention(0, 5, "Ghost", "named", "no_such_group")
    assert reg.resolve(ghost, country="BF", year=2020) is None
    soldiers = ActorMention(0, 8, "soldiers", "role", "military")
    assert reg.resolve(soldiers, country=None, year=2020) is None
