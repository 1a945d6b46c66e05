"""Modality cues and markers."""

from __future__ import annotations

import pytest

from groundfacts.packs import Pack


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        ("Rusia tidak menyerang ISIS.", "tidak", "negation"),
        ("Pasukan itu belum menguasai kota.", "belum", "negation"),
        ("Militer membantah telah menembak warga.", "membantah", "denial"),
        ("Kelompok itu akan menyerang pos polisi.", "akan", "future"),
        ("Mereka berencana menyerang markas.", "berencana", "future"),
        ("Milisi mengancam akan membakar desa.", "mengancam akan", "threat"),
        ("Jika diserang, mereka akan membalas.", "Jika", "hypothetical"),
        ("Wilayah itu selamat dari serangan udara.", "selamat dari", "spared"),
        ("Pemberontak gagal merebut kota.", "gagal", "failed"),
        ("Serangan itu berhasil digagalkan polisi.", "berhasil digagalkan", "foiled"),
        ("Tokoh agama menyerukan gencatan senjata.", "menyerukan", "call"),
        ("Apakah kota itu diserang?", "Apakah", "question"),
        ("Menurut saksi, lima orang tewas.", "Menurut", "report"),
    ],
)
def test_indonesian_cues(id_: Pack, text: str, cue: str, kind: str) -> None:
    assert (cue, kind) in [(c.text, c.kind) for c in id_.cues(text)]


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        ("The army did not attack the village.", "did not", "negation"),
        ("Police never fired on the crowd.", "never", "negation"),
        ("The group denied attacking the convoy.", "denied", "denial"),
        ("Rebels will attack the capital.", "will", "future"),
        ("They threatened to burn the market.", "threatened to", "threat"),
        ("If the talks fail, they could resume shelling.", "If", "hypothetical"),
        ("The village was spared by the fighting.", "was spared", "spared"),
        ("The militants failed to take the base.", "failed to", "failed"),
        ("Police foiled a bomb plot.", "foiled", "foiled"),
        ("Leaders urged calm.", "urged", "call"),
        ("Officials said six people died.", "said", "report"),
    ],
)
def test_english_cues(en: Pack, text: str, cue: str, kind: str) -> None:
    assert (cue, kind) in [(c.text, c.kind) for c in en.cues(text)]


def test_shielded_phrases_are_not_negations(id_: Pack, en: Pack) -> None:
    # "orang tak dikenal" = unidentified people; "belum lama ini" = recently.
    assert id_.cues("Orang tak dikenal menembak warga belum lama ini.") == []
    assert [c.kind for c in en.cues("Not only soldiers died.")] == []


def test_the_modal_may_is_not_the_month(en: Pack) -> None:
    assert [c.kind for c in en.cues("Rebels may attack.")] == ["hypothetical"]
    assert en.cues("In May, rebels attacked.") == []


def test_cue_offsets(id_: Pack) -> None:
    text = "Namun Rusia tidak menyerang ISIS."
    (cue,) = id_.cues(text)
    assert text[cue.start : cue.end] == "tidak"


def test_markers(en: Pack, id_: Pack) -> None:
    assert "by" in en.agent_markers and "oleh" in id_.agent_markers
    assert "backed by" in en.assoc_markers and "didukung" in id_.assoc_markers
    assert "against" in en.target_markers and "terhadap" in id_.target_markers
