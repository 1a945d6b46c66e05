"""Javanese and Sundanese quotations inside Indonesian reports are skipped, not misread."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document
from groundfacts.text.language import inner_language


@pytest.mark.parametrize(
    ("paragraph", "lang"),
    [
        (
            '"Kula sedaya mboten purun dipindhah, amargi pasar punika papan panggesangan kula."',
            "jv",
        ),
        ("Aku ora ngerti, wis tak kandhani karo kowe yen iki ora apik.", "jv"),
        ('"Abdi ningali aranjeunna silih baledog ku batu, teras pulisi sumping."', "su"),
        ("Punten, abdi teu acan terang naon anu kajadian di dinya.", "su"),
    ],
)
def test_regional_paragraphs_are_recognised(paragraph: str, lang: str) -> None:
    assert inner_language(paragraph, "id") == lang


@pytest.mark.parametrize(
    "paragraph",
    [
        "Polisi menangkap dua pria yang diduga mencuri sepeda motor di Sleman.",
        "Warga mengatakan aksi itu berlangsung damai dan tidak ada korban.",
        "Aku tidak tahu, kata seorang warga yang ditemui di lokasi kejadian.",
        "Police arrested two men in Sleman on Monday.",
    ],
)
def test_indonesian_and_english_paragraphs_are_kept(paragraph: str) -> None:
    assert inner_language(paragraph, "id") is None


def test_a_javanese_quotation_gives_no_event_and_a_drop() -> None:
    text = (
        "Yogyakarta - Ratusan pedagang pasar menggelar aksi di depan Balai Kota Yogyakarta, "
        "Jumat (17/3/2023), menolak relokasi pasar.\n\n"
        '"Yen pasar iki dipindhah, kula lan kanca-kanca bakal ngobong kantor punika."\n\n'
        "Aksi berakhir setelah perwakilan pedagang ditemui Wakil Wali Kota."
    )
    result = Pipeline().process(Document(id="jv", text=text, published=dt.date(2023, 3, 20)))
    assert [d.reason for d in result.drops if d.stage == "language"] == ["other-language:jv"]
    # the threat to burn the office, said in Javanese, is not read as Indonesian
    assert [e.sub_event_type for e in result.events] == ["Peaceful protest"]
