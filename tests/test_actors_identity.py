"""Ethnic/communal identities, state units, uncertain attribution and the added theatres."""

import re
from pathlib import Path

import pytest

from groundfacts.actors import ActorRegistry, RegistryDataError
from groundfacts.actors.lexicon import _load_identities
from groundfacts.actors.registry import split_key

TEMPLATES = {"ethnic": ("{name} Ethnic Militia ({country})", "{name} Ethnic Group ({country})")}


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.load()


def no_years(name: str) -> str:
    return re.sub(r" \(\d{4}-(\d{4})?\)", "", name)


def one(reg: ActorRegistry, text: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    found = reg.find(text, lang)
    assert len(found) == 1, [(m.text, m.key) for m in found]
    return found[0]


# ---- identities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "country", "name"),
    [
        ("Fulani militia burned the granary.", "en", "BF", "Fulani Ethnic Militia (Burkina Faso)"),
        ("Peul militiamen came at dawn.", "en", "ML", "Fulani Ethnic Militia (Mali)"),
        ("Armed Fulani herdsmen raided a farm.", "en", "NG", "Fulani Ethnic Militia (Nigeria)"),
        ("Dogon gunmen encircled the hamlet.", "en", "ML", "Dogon Ethnic Militia (Mali)"),
        ("Milisi Dayak membakar rumah.", "id", "ID", "Dayak Ethnic Militia (Indonesia)"),
        (
            "Habar Gedir clan militia advanced.",
            "en",
            "SO",
            "Hawiye-Habar Gedir Sub-Clan Militia (Somalia)",
        ),
    ],
)
def test_identity_militias(
    reg: ActorRegistry, text: str, lang: str, country: str, name: str
) -> None:
    m = one(reg, text, lang)
    assert m.kind == "role" and m.key.startswith("militia:ethnic:")
    actor = reg.resolve(m, country=country, year=2020, context=text)
    assert actor is not None and actor.name == name and actor.inter == 4
    assert reg.assoc(m, country) is None  # the militia is the actor, not an associate


@pytest.mark.parametrize(
    ("text", "lang", "country", "key", "group"),
    [
        (
            "Fulani civilians fled.",
            "en",
            "BF",
            "civilians:ethnic:fulani",
            "Fulani Ethnic Group (Burkina Faso)",
        ),
        (
            "They shot at the Fulani community.",
            "en",
            "ML",
            "civilians:ethnic:fulani",
            "Fulani Ethnic Group (Mali)",
        ),
        (
            "Warga Madura mengungsi.",
            "id",
            "ID",
            "civilians:ethnic:madurese",
            "Madurese Ethnic Group (Indonesia)",
        ),
        (
            "Warga etnis Madura mengungsi.",
            "id",
            "ID",
            "civilians:ethnic:madurese",
            "Madurese Ethnic Group (Indonesia)",
        ),
        (
            "Orang Papua ditembak.",
            "id",
            "ID",
            "civilians:ethnic:papuan",
            "Papuan Ethnic Group (Indonesia)",
        ),
        (
            "Rohingya refugees were attacked.",
            "en",
            "MM",
            "civilians:refugees/idps:ethnic:rohingya",
            "Rohingya Ethnic Group (Myanmar)",
        ),
        (
            "Three Fulanis died.",
            "en",
            "BF",
            "civilians:ethnic:fulani",
            "Fulani Ethnic Group (Burkina Faso)",
        ),
    ],
)
def test_identity_civilians_carry_their_group(
    reg: ActorRegistry, text: str, lang: str, country: str, key: str, group: str
) -> None:
    m = one(reg, text, lang)
    assert (m.kind, m.key) == ("role", key)
    actor = reg.resolve(m, country=country, year=2020, context=text)
    assert actor is not None and actor.name == f"Civilians ({reg.countries.name(country)})"
    assoc = reg.assoc(m, country)
    assert assoc is not None and assoc.name == group


def test_identity_with_civilian_subtype_gives_both_assocs(reg: ActorRegistry) -> None:
    m = one(reg, "Fulani herders lost their cattle.")
    assert split_key(m.key) == ("civilians", "civilians:pastoralists", "fulani")
    assert [a.name for a in reg.assocs(m, "BF")] == [
        "Fulani Ethnic Group (Burkina Faso)",
        "Pastoralists (Burkina Faso)",
    ]
    militia = reg.identity_militia(m, "BF")  # when the extractor learns they attacked
    assert militia is not None and militia.name == "Fulani Ethnic Militia (Burkina Faso)"
    assert militia.inter == 4


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Gerindra supporters gathered.", "en"), ("Simpatisan Gerindra berkumpul.", "id")],
)
def test_party_supporters_are_people_of_the_party_not_fighters(
    reg: ActorRegistry, text: str, lang: str
) -> None:
    m = one(reg, text, lang)
    assert (m.kind, m.key) == ("role", "civilians:ethnic:gerindra")
    assert reg.assoc(m, "ID").name == "Gerindra: Great Indonesia Movement Party"  # type: ignore[union-attr]


def test_identity_protesters_keep_the_crowd(reg: ActorRegistry) -> None:
    m = one(reg, "Tuareg protesters gathered.")
    assert reg.resolve(m, country="NE", year=2020).name == "Protesters (Niger)"  # type: ignore[union-attr]
    assert reg.assoc(m, "NE").name == "Tuareg Ethnic Group (Niger)"  # type: ignore[union-attr]


def test_place_names_are_not_identities_alone(reg: ActorRegistry) -> None:
    # "Papua" and "Madura" are places: only next to a noun do they name people.
    assert reg.find("Dia tiba di Papua kemarin, lalu ke Madura.", "id") == []
    # Lower-case words that happen to spell an identity do not match.
    assert reg.find("the fur trade and shan tea", "en") == []


def test_context_rule_does_not_rename_an_identity_militia(reg: ActorRegistry) -> None:
    text = "Fulani militia clashed with Koglweogo members."
    got = [reg.resolve(m, country="BF", year=2019, context=text) for m in reg.find(text)]
    assert [a.name for a in got if a] == [
        "Fulani Ethnic Militia (Burkina Faso)",
        "Koglweogo Militia",
    ]


def test_identity_file_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ethnic.tsv"
    path.write_text("id\tname\ttype\taliases\tplurals\nzed\tZed\ttribal\tZed\t\n", encoding="utf-8")
    with pytest.raises(RegistryDataError, match=r"ethnic.tsv:2: unknown identity type"):
        _load_identities(path, TEMPLATES)
    path.write_text("id\tname\ttype\taliases\tplurals\nzed\tZed\tethnic\t\t\n", encoding="utf-8")
    with pytest.raises(RegistryDataError, match=r"ethnic.tsv:2: .*needs a name and aliases"):
        _load_identities(path, TEMPLATES)


def test_identity_forms_are_generated(tmp_path: Path) -> None:
    path = tmp_path / "ethnic.tsv"
    path.write_text(
        "id\tname\ttype\taliases\tplurals\nzed\tZedi\tethnic\tZedi|Zed\tZedis\n", encoding="utf-8"
    )
    ident = _load_identities(path, TEMPLATES)["zed"]
    assert ident.militia == "Zedi Ethnic Militia ({country})"
    assert {"Zedis", "ethnic Zedi", "suku Zed", "orang Zedi"} <= set(ident.standalone)


# ---- units -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "country", "name"),
    [
        ("Forest guards were ambushed.", "en", "BF", "Police Forces of Burkina Faso Forest Guards"),
        (
            "Water and forests agents fled.",
            "en",
            "BF",
            "Police Forces of Burkina Faso Forest Guards",
        ),
        ("Prison guards were disarmed.", "en", "BF", "Police Forces of Burkina Faso Prison Guards"),
        ("Customs officers seized a truck.", "en", "BF", "Police Forces of Burkina Faso Customs"),
        (
            "The presidential guard deployed.",
            "en",
            "BF",
            "Military Forces of Burkina Faso Presidential Security Unit",
        ),
        (
            "The presidential guard deployed.",
            "en",
            "ML",
            "Military Forces of Mali Presidential Guard",
        ),
        ("Gendarmes arrived.", "en", "BF", "Police Forces of Burkina Faso Gendarmerie"),
        (
            "Mutinous soldiers seized the radio.",
            "en",
            "BF",
            "Mutiny of Military Forces of Burkina Faso",
        ),
        ("The FDS repelled the attack.", "en", "BF", "Military Forces of Burkina Faso"),
        ("Security forces repelled the attack.", "en", "NE", "Military Forces of Niger"),
        ("Brimob tiba di lokasi.", "id", "ID", "Police Forces of Indonesia Mobile Brigade Corps"),
        ("Densus 88 menangkap terduga.", "id", "ID", "Police Forces of Indonesia"),
        ("Satgas Damai Cartenz menembak.", "id", "ID", "Police Forces of Indonesia"),
        ("Satgas Nemangkawi menembak.", "id", "ID", "Police Forces of Indonesia"),
        ("Kopassus dikerahkan.", "id", "ID", "Military Forces of Indonesia"),
        ("TNI AD mengirim pasukan.", "id", "ID", "Military Forces of Indonesia"),
        ("Satpam dipukul.", "id", "ID", "Private Security Forces (Indonesia)"),
    ],
)
def test_units(reg: ActorRegistry, text: str, lang: str, country: str, name: str) -> None:
    m = reg.find(text, lang)[0]
    actor = reg.resolve(m, country=country, year=2020, context=text)
    assert actor is not None and no_years(actor.name) == name


def test_security_forces_facing_a_crowd_are_police(reg: ActorRegistry) -> None:
    text = "Security forces fired tear gas to disperse the demonstrators."
    m = reg.find(text)[0]
    assert no_years(reg.resolve(m, country="BF", year=2020, context=text).name) == (  # type: ignore[union-attr]
        "Police Forces of Burkina Faso"
    )


def test_indonesian_units_are_indonesian_even_abroad(reg: ActorRegistry) -> None:
    m = one(reg, "Densus 88 officers trained abroad.")
    actor = reg.resolve(m, country="MY", year=2020)
    assert actor is not None and actor.country == "ID" and actor.inter == 8


# ---- uncertain attribution -------------------------------------------------------------------

EITHER = "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"


@pytest.mark.parametrize(
    "text",
    [
        "Suspected JNIM or ISGS militants burned a school.",
        "JNIM and/or IS Sahel fighters burned a school.",
        "Presumed ISGS or JNIM militants burned a school.",  # ACLED names JNIM first
        "JNIM/ISGS burned a school.",
        "Militan JNIM atau ISGS membakar sekolah.",
    ],
)
def test_uncertain_attribution(reg: ActorRegistry, text: str) -> None:
    m = reg.find(text, "id" if "Militan" in text else "en")[0]
    assert m.kind == "named" and m.key.startswith("either:")
    actor = reg.resolve(m, country="BF", year=2020)
    assert actor is not None and actor.name == EITHER and actor.inter == 2


def test_uncertain_pair_keeps_text_order_otherwise(reg: ActorRegistry) -> None:
    m = one(reg, "Ahrar al-Sham or Jaish al-Islam shelled the road.")
    assert m.key == "either:ahrar|jaish_al_islam"
    assert reg.resolve(m, country="SY", year=2015).name == "Ahrar al-Sham and/or Jaish al-Islam"  # type: ignore[union-attr]


def test_and_is_not_uncertain(reg: ActorRegistry) -> None:
    assert [m.key for m in reg.find("JNIM and ISGS clashed.")] == ["jnim", "isgs"]


# ---- theatres --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "country", "name", "inter"),
    [
        ("Houthi rebels fired a missile.", "en", "YE", "Ansar Allah", 2),
        ("STC forces took the port.", "en", "YE", "STC: Southern Transitional Council", 3),
        (
            "AMISOM troops repelled it.",
            "en",
            "SO",
            "AMISOM: African Union Mission in Somalia (2007-2022)",
            8,
        ),
        (
            "ATMIS troops repelled it.",
            "en",
            "SO",
            "ATMIS: African Union Transition Mission in Somalia (2022-)",
            8,
        ),
        ("Al Shabaab attacked Mocimboa.", "en", "MZ", "Islamic State (Mozambique)", 2),
        ("ISWAP fighters attacked.", "en", "NG", "Islamic State (West Africa)", 2),
        ("TTP militants attacked.", "en", "PK", "TTP: Tehreek-i-Taliban Pakistan", 2),
        ("Tentara Arakan merebut kota.", "id", "MM", "AA: Arakan Army", 2),
        ("KIA and TNLA fighters attacked.", "en", "MM", "KIA: Kachin Independence Army", 2),
        (
            "MNDAA fighters attacked.",
            "en",
            "MM",
            "MNDAA: Myanmar National Democratic Alliance Army",
            2,
        ),
        ("Junta Myanmar membom desa.", "id", "MM", "Military Forces of Myanmar", 1),
        (
            "CODECO militiamen attacked.",
            "en",
            "CD",
            "CODECO: Cooperative for the Development of Congo",
            3,
        ),
        ("Pasukan Dukungan Cepat menyerang.", "id", "SD", "RSF: Rapid Support Forces", 2),
        ("The SAF shelled Omdurman.", "en", "SD", "Military Forces of Sudan", 1),
        ("The ELN kidnapped two.", "en", "CO", "ELN: National Liberation Army", 2),
        ("Kartel Sinaloa terlibat.", "id", "MX", "Sinaloa Cartel", 3),
        ("BIFF fighters attacked.", "en", "PH", "BIFF: Bangsamoro Islamic Freedom Fighters", 2),
    ],
)
def test_theatre_groups(
    reg: ActorRegistry, text: str, lang: str, country: str, name: str, inter: int
) -> None:
    m = reg.find(text, lang)[0]
    year = 2023 if "ATMIS" in text else 2021
    actor = reg.resolve(m, country=country, year=year, context=text)
    assert actor is not None and no_years(actor.name) == no_years(name) and actor.inter == inter
