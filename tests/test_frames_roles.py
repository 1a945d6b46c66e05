"""Role assignment from surface order and function words, on hand-made mentions."""

from __future__ import annotations

import pytest

from groundfacts.frames.mentions import merge_adjacent_actors
from groundfacts.frames.roles import assign_roles, clause_bounds
from groundfacts.frames.syntax import Syntax
from groundfacts.records import ActorMention, Trigger


def _mention(text: str, phrase: str, key: str, kind: str = "named", nth: int = 0) -> ActorMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return ActorMention(start, start + len(phrase), phrase, kind, key)


def _trigger(text: str, word: str, voice: str, sub: str = "Attack") -> Trigger:
    start = text.index(word)
    return Trigger(start, start + len(word), word, sub, lemma="attack:" + word, voice=voice)


@pytest.fixture(scope="module")
def en() -> Syntax:
    return Syntax.load("en")


@pytest.fixture(scope="module")
def id_() -> Syntax:
    return Syntax.load("id")


def test_active_agent_before_target_after(en: Syntax) -> None:
    text = "Zarvian rebels attacked a Lormic army post near Tessa."
    actors = [_mention(text, "Zarvian rebels", "zr"), _mention(text, "Lormic army", "la")]
    roles = assign_roles(_trigger(text, "attacked", "active"), actors, text, 0, en, "en")
    assert roles.agent is actors[0]
    assert roles.targets == [actors[1]]


def test_english_passive_by_agent(en: Syntax) -> None:
    text = "Three farmers were abducted by Zarvian rebels on Monday."
    actors = [
        _mention(text, "farmers", "civilians", "role"),
        _mention(text, "Zarvian rebels", "zr"),
    ]
    roles = assign_roles(_trigger(text, "abducted", "passive"), actors, text, 0, en, "en")
    assert roles.agent is actors[1]
    assert roles.targets == [actors[0]]


def test_indonesian_passive_with_oleh_and_bare_agent(id_: Syntax) -> None:
    text = "Dua warga diserang oleh kelompok Zarvia di Tessa."
    actors = [_mention(text, "warga", "civilians", "role"), _mention(text, "kelompok Zarvia", "zr")]
    roles = assign_roles(_trigger(text, "diserang", "passive"), actors, text, 0, id_, "id")
    assert roles.agent is actors[1] and roles.targets == [actors[0]]

    text = "Seorang guru ditembak OTK di Tessa."
    actors = [
        _mention(text, "guru", "civilians", "role"),
        _mention(text, "OTK", "unidentified", "role"),
    ]
    roles = assign_roles(_trigger(text, "ditembak", "passive"), actors, text, 0, id_, "id")
    assert roles.agent is actors[1] and roles.targets == [actors[0]]


def test_indonesian_nominal_genitive_agent(id_: Syntax) -> None:
    text = "Serangan udara Lormia menghantam markas Zarvia."
    actors = [_mention(text, "Lormia", "LM", "country"), _mention(text, "Zarvia", "zr")]
    roles = assign_roles(_trigger(text, "Serangan udara", "nominal"), actors, text, 0, id_, "id")
    assert roles.agent is actors[0]
    assert roles.targets == [actors[1]]


def test_purpose_clause_keeps_the_subject(id_: Syntax) -> None:
    text = "Pasukan Zarvia memanfaatkan serangan Lormia ke Kopa untuk menghancurkan pos Tessa."
    actors = [
        _mention(text, "Pasukan Zarvia", "zr"),
        _mention(text, "Lormia", "LM", "country"),
        _mention(text, "Kopa", "kp"),
        _mention(text, "Tessa", "ts"),
    ]
    roles = assign_roles(_trigger(text, "menghancurkan", "active"), actors, text, 0, id_, "id")
    assert roles.agent is actors[0]
    assert roles.targets == [actors[3]]


def test_list_of_targets_and_assoc_markers(en: Syntax) -> None:
    text = "Lormic jets, backed by Kopan drones, struck Zarvia Front, Tessa Brigade and Ula Army."
    actors = [
        _mention(text, "Lormic", "LM", "country"),
        _mention(text, "Kopan", "KP", "country"),
        _mention(text, "Zarvia Front", "zf"),
        _mention(text, "Tessa Brigade", "tb"),
        _mention(text, "Ula Army", "ua"),
    ]
    roles = assign_roles(_trigger(text, "struck", "active"), actors, text, 0, en, "en")
    # "backed by Kopan" sits before the trigger: the nearest actor before is still the agent
    assert [t.text for t in roles.targets] == ["Zarvia Front", "Tessa Brigade", "Ula Army"]


def test_support_verb_makes_an_associated_actor(id_: Syntax) -> None:
    text = "Lormia mendukung rezim Kopa dalam penyerbuan kota Tessa."
    actors = [_mention(text, "Lormia", "LM", "country"), _mention(text, "rezim Kopa", "KP")]
    roles = assign_roles(_trigger(text, "penyerbuan", "nominal"), actors, text, 0, id_, "id")
    assert roles.agent is actors[1]
    assert roles.assoc_agent == [actors[0]]


def test_clause_break_limits_roles(en: Syntax) -> None:
    text = "Zarvian rebels held the town, while Lormic troops shelled Kopa."
    start, end = clause_bounds(text, text.index("shelled"), en)
    assert text[start:end].strip().startswith("Lormic troops")
    assert start > text.index("town")


@pytest.mark.parametrize(
    ("text", "short", "merged"),
    [
        # the bracket repeats the name by its initials, whatever else the acronym may name
        ("Zarvian Liberation Front (ZLF) fighters attacked Tessa.", "ZLF", True),
        ("Front Pembebasan Zarvia (FPZ) menyerang Tessa.", "FPZ", True),
        # an acronym that is not the name's initials is another actor
        ("Zarvian Liberation Front (LMA) fighters attacked Tessa.", "LMA", False),
    ],
)
def test_a_bracketed_acronym_of_the_name_is_the_same_mention(
    text: str, short: str, merged: bool
) -> None:
    name = text.split(" (")[0]
    actors = [_mention(text, name, "zlf"), _mention(text, short, "other")]
    out = merge_adjacent_actors(actors, text, 0)
    assert (len(out) == 1) is merged
    if merged:
        assert out[0].key == "zlf" and out[0].text == f"{name} ({short})"


@pytest.mark.parametrize(
    ("text", "first", "second", "lang"),
    [
        ("Soldiers and VDP killed ten civilians.", "Soldiers", "VDP", "en"),
        ("Tentara dan KKB terlibat kontak tembak.", "Tentara", "KKB", "id"),
    ],
)
def test_a_list_joiner_keeps_a_role_and_a_named_group_apart(
    text: str, first: str, second: str, lang: str
) -> None:
    # "JNIM militants" is one mention; "soldiers and VDP" are two
    actors = [_mention(text, first, "military", "role"), _mention(text, second, "group")]
    out = merge_adjacent_actors(actors, text, 0, joiner=Syntax.load(lang).list_joiner)
    assert [m.text for m in out] == [first, second]
    joined = "JNIM militants killed ten civilians."
    actors = [_mention(joined, "JNIM", "jnim"), _mention(joined, "militants", "rebels", "role")]
    assert len(merge_adjacent_actors(actors, joined, 0, joiner=Syntax.load(lang).list_joiner)) == 1
