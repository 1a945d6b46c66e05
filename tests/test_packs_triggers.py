"""Triggers of the English and Indonesian packs: every sub-event type, morphology, voice."""

from __future__ import annotations

import pytest

from groundfacts.packs import Pack
from groundfacts.records import EVENT_TYPES

# One made-up sentence per sub-event type: (sentence, trigger text, sub-event type it may mean).
EN_CASES = [
    ("Rebels clashed with the army near Valtor.", "clashed", "Armed clash"),
    (
        "Troops retook the town of Brenmoor from the insurgents.",
        "retook",
        "Government regains territory",
    ),
    (
        "Fighters of the Red Hand overran the garrison town.",
        "overran",
        "Non-state actor overtakes territory",
    ),
    ("Witnesses described a chemical attack on the suburb.", "chemical attack", "Chemical weapon"),
    ("An air strike hit the market in Olvena.", "air strike", "Air/drone strike"),
    ("A suicide bomber struck a checkpoint.", "suicide bomber", "Suicide bomb"),
    (
        "Mortar shells landed in the camp overnight.",
        "mortar shells",
        "Shelling/artillery/missile attack",
    ),
    ("A roadside bomb hit an army truck.", "roadside bomb", "Remote explosive/landmine/IED"),
    ("A man threw a grenade into the bar.", "threw a grenade", "Grenade"),
    ("Two women were raped by armed men.", "raped", "Sexual violence"),
    ("Gunmen shot dead a farmer in his field.", "shot dead", "Attack"),
    ("Militants kidnapped three teachers.", "kidnapped", "Abduction/forced disappearance"),
    (
        "Hundreds of traders staged a sit-in outside the ministry.",
        "staged a sit-in",
        "Peaceful protest",
    ),
    ("Police fired tear gas at the marchers.", "fired tear gas", "Protest with intervention"),
    (
        "Soldiers opened fire on protesters in the square.",
        "opened fire on protesters",
        "Excessive force against protesters",
    ),
    (
        "Youths torched tyres and rioters clashed with the police.",
        "rioters",
        "Violent demonstration",
    ),
    ("A mob lynched a suspected thief.", "lynched", "Mob violence"),
    ("The two sides signed a ceasefire in the capital.", "signed a ceasefire", "Agreement"),
    ("Police arrested four suspects in a dawn raid.", "arrested", "Arrests"),
    ("The group recruited dozens of young men.", "recruited", "Change to group/activity"),
    ("Engineers defused a bomb near the bridge.", "defused", "Disrupted weapons use"),
    (
        "The militia established a base in the forest.",
        "established a base",
        "Headquarters or base established",
    ),
    ("Armed men looted shops in the market.", "looted", "Looting/property destruction"),
    (
        "The army withdrew from the town without a fight.",
        "withdrew",
        "Non-violent transfer of territory",
    ),
    ("Militants imposed a blockade on the town.", "imposed a blockade", "Other"),
    ("The rebels announced a blockade of the port.", "blockade", "Other"),
]

ID_CASES = [
    (
        "Terjadi kontak senjata antara TNI dan kelompok bersenjata di Kampung Wario.",
        "kontak senjata",
        "Armed clash",
    ),
    (
        "TNI merebut kembali Distrik Kalema dari pemberontak.",
        "merebut kembali",
        "Government regains territory",
    ),
    (
        "Milisi Tangan Merah menguasai kota Beluran.",
        "menguasai",
        "Non-state actor overtakes territory",
    ),
    ("Warga menuduh pasukan menggunakan senjata kimia.", "senjata kimia", "Chemical weapon"),
    ("Serangan udara menghantam pasar di kota itu.", "serangan udara", "Air/drone strike"),
    (
        "Seorang pelaku bom bunuh diri meledakkan diri di gereja.",
        "pelaku bom bunuh diri",
        "Suicide bomb",
    ),
    ("Puluhan rudal ditembakkan ke pangkalan itu.", "rudal", "Shelling/artillery/missile attack"),
    (
        "Sebuah bom rakitan meledak di pinggir jalan.",
        "bom rakitan",
        "Remote explosive/landmine/IED",
    ),
    ("Orang tak dikenal melempar granat ke pos jaga.", "melempar granat", "Grenade"),
    ("Seorang gadis diperkosa oleh anggota milisi.", "diperkosa", "Sexual violence"),
    ("Kelompok itu menembak seorang petani di kebunnya.", "menembak", "Attack"),
    ("Tiga guru diculik kelompok bersenjata.", "diculik", "Abduction/forced disappearance"),
    ("Ratusan buruh berunjuk rasa di depan kantor gubernur.", "berunjuk rasa", "Peaceful protest"),
    (
        "Polisi membubarkan massa dengan gas air mata.",
        "membubarkan massa",
        "Protest with intervention",
    ),
    (
        "Aparat menembakkan peluru tajam ke arah mahasiswa.",
        "menembakkan peluru tajam",
        "Excessive force against protesters",
    ),
    (
        "Demo itu berakhir ricuh setelah massa melempari batu.",
        "berakhir ricuh",
        "Violent demonstration",
    ),
    ("Seorang pencuri tewas dihakimi massa.", "dihakimi massa", "Mob violence"),
    ("Kedua pihak menyepakati gencatan senjata.", "gencatan senjata", "Agreement"),
    ("Densus menangkap dua terduga teroris.", "menangkap", "Arrests"),
    ("Kelompok itu merekrut pemuda dari desa-desa.", "merekrut", "Change to group/activity"),
    ("Tim Gegana menjinakkan bom di depan gereja.", "menjinakkan bom", "Disrupted weapons use"),
    (
        "Kelompok itu mendirikan markas di hutan.",
        "mendirikan markas",
        "Headquarters or base established",
    ),
    ("Massa menjarah toko-toko di pasar.", "menjarah", "Looting/property destruction"),
    (
        "Pasukan ditarik mundur dari kota itu tanpa pertempuran.",
        "ditarik mundur",
        "Non-violent transfer of territory",
    ),
    ("Warga memprotes blokade jalan menuju desa itu.", "blokade", "Other"),
]


def _covered(pack: Pack, text: str, trigger: str, sub: str) -> None:
    found = pack.triggers(text)
    match = [t for t in found if t.text.lower() == trigger.lower()]
    assert match, f"{trigger!r} not found in {text!r}: {[t.text for t in found]}"
    t = match[0]
    assert text[t.start : t.end] == t.text
    assert sub == t.sub_event_type or sub in pack.class_types[t.cls], (t, sub)


def test_cases_cover_all_25_sub_event_types() -> None:
    assert {c[2] for c in EN_CASES} == set(EVENT_TYPES)
    assert {c[2] for c in ID_CASES} == set(EVENT_TYPES)


@pytest.mark.parametrize(("text", "trigger", "sub"), EN_CASES)
def test_english_trigger(en: Pack, text: str, trigger: str, sub: str) -> None:
    _covered(en, text, trigger, sub)


@pytest.mark.parametrize(("text", "trigger", "sub"), ID_CASES)
def test_indonesian_trigger(id_: Pack, text: str, trigger: str, sub: str) -> None:
    _covered(id_, text, trigger, sub)


@pytest.mark.parametrize("word", ["dikuasai", "menguasai", "penguasaan", "merebut", "direbut"])
def test_capture_forms_share_the_capture_class(id_: Pack, word: str) -> None:
    found = id_.triggers(f"Pemberontak {word} wilayah itu.")
    assert [t.cls for t in found] == ["capture"]
    assert found[0].sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    ("word", "voice"),
    [
        ("menyerang", "active"),
        ("diserang", "passive"),
        ("serangan", "nominal"),
        ("penyerangan", "nominal"),
        ("ditembak", "passive"),
        ("tertembak", "passive"),
        ("penembakan", "nominal"),
        ("menembaki", "active"),
        ("ditembak mati", "passive"),
    ],
)
def test_indonesian_voice(id_: Pack, word: str, voice: str) -> None:
    found = id_.triggers(f"Pos itu {word} kemarin.")
    assert [(t.text, t.voice) for t in found] == [(word, voice)]


def test_attack_family_maps_to_attack_class(id_: Pack) -> None:
    words = ["menyerang", "diserang", "serangan", "penyerangan"]
    for w in words:
        (t,) = id_.triggers(w)
        assert t.cls == "attack" and t.lemma == "serang"


def test_clitic_is_part_of_the_trigger(id_: Pack) -> None:
    (t,) = id_.triggers("Penyerangannya terjadi malam hari.")
    assert t.text == "Penyerangannya" and t.cls == "attack"


def test_no_match_inside_words(id_: Pack, en: Pack) -> None:
    assert id_.triggers("Bombastis dan demokrasi.") == []
    assert en.triggers("The Clashmore road to Raidville.") == []


def test_longest_match_wins(en: Pack, id_: Pack) -> None:
    first = en.triggers("A suicide car bomb exploded.")[0]
    assert first.text == "suicide car bomb"
    assert [t.sub_event_type for t in id_.triggers("bom bunuh diri")] == ["Suicide bomb"]


def test_case_sensitive_forms(en: Pack, id_: Pack) -> None:
    # "Ied" (Eid) is not an IED; "March" the month is not a protest march.
    assert id_.triggers("Salat Ied digelar di lapangan.") == []
    assert [t.text for t in id_.triggers("IED itu meledak.")][:1] == ["IED"]
    assert en.triggers("In March, the minister spoke.") == []
    assert [t.cls for t in en.triggers("Students joined a march to the palace.")] == ["protest"]


def test_english_passive_voice(en: Pack) -> None:
    (t,) = en.triggers("Two soldiers were reportedly abducted near the border.")
    assert t.voice == "passive"
    (t,) = en.triggers("Gunmen abducted two soldiers near the border.")
    assert t.voice == "active"
    (t,) = en.triggers("The attack on the camp")
    assert t.voice == "nominal"


def test_offsets_survive_unicode(en: Pack) -> None:
    text = "İİ Rebels ambushed a convoy."
    (t,) = en.triggers(text)
    assert text[t.start : t.end] == "ambushed"
