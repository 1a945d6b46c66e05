"""Page furniture: datelines, "Baca juga" inserts, bylines, captions and share blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document
from groundfacts.resources import Resources
from groundfacts.text import clean
from groundfacts.text.press import PressRules

PAGE = """Dua Tukang Ojek Tewas Ditembak di Ilaga

Kompas.com - 22/08/2019, 10:15 WIB

ILAGA, KOMPAS.com - Dua tukang ojek tewas ditembak kelompok kriminal bersenjata (KKB) di \
Kampung Wuloni, Distrik Ilaga, Kabupaten Puncak, Papua, Rabu (21/8/2019).

Baca juga: Kontak Tembak di Sugapa, Satu Anggota KKB Tewas

Kapolres Puncak AKBP Yusuf Palenkahu mengatakan kedua korban ditembak saat mengantar penumpang.

Aparat gabungan TNI-Polri berjaga di Ilaga, Kamis (22/8/2019). (KOMPAS.com/Frans Wanimbo)

Penulis: Frans Wanimbo
Editor: Dita Lestari

Tag: KKB, Papua, Ilaga

Bagikan
Facebook Twitter WhatsApp"""


@pytest.fixture(scope="module")
def rules() -> PressRules:
    return Resources().press


def test_furniture_is_removed_with_its_reason(rules: PressRules) -> None:
    ct = clean("p", PAGE, rules)
    reasons = [d.reason for d in ct.drops]
    assert reasons == [
        "headline",
        "published-line",
        "dateline",
        "read-also",
        "caption",
        "byline",
        "byline",
        "tags",
        "share",
        "share",
    ]
    assert all(d.stage == "press" for d in ct.drops)
    assert ct.dateline == "ILAGA"
    assert "Baca juga" not in ct.text and "Sugapa" not in ct.text
    assert "Editor" not in ct.text and "Facebook" not in ct.text
    assert ct.text.startswith("Dua tukang ojek tewas ditembak")


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("JAYAPURA, KOMPAS.com - Polisi", "JAYAPURA"),
        ("Jakarta (ANTARA) - Polisi", "Jakarta"),
        ("TIMIKA, Jubi - Seorang", "TIMIKA"),
        ("Jayapura, Suara Papua -- Ratusan", "Jayapura"),
        ("TEMPO.CO, Jakarta - Massa", "Jakarta"),
        ("Jakarta - Polisi menangkap dua pria yang diduga terlibat penembakan itu.", "Jakarta"),
        (
            "Gunung Sitoli - Ratusan warga menyerang dan membakar kantor polisi sektor.",
            "Gunung Sitoli",
        ),
        ("Poso, 21/8 (ANTARA) - Tim", "Poso"),
        ("JAKARTA (Reuters) - Gunmen", "JAKARTA"),
        # a site that files from no named place: a dateline without a place
        ("Suara.com - Ratusan", ""),
    ],
)
def test_datelines(rules: PressRules, opening: str, place: str) -> None:
    found = rules.dateline(opening)
    assert found is not None and found[1] == place
    assert opening[found[0] :].split()[0] in {
        "Polisi",
        "Seorang",
        "Ratusan",
        "Massa",
        "Tim",
        "Gunmen",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Dua warga tewas - kata polisi - dalam serangan itu.",
        "Sumber di kepolisian menyebut pelaku berjumlah lima orang.",
        "Editor senior itu ditangkap polisi di Jakarta.",
        "Foto korban beredar luas di media sosial sejak Senin.",
        "Dua Warga Tewas - kata polisi di lokasi kejadian pada Senin pagi itu.",
        "Kontak Tembak di Sugapa - Kompas.com",
    ],
)
def test_report_paragraphs_are_kept(rules: PressRules, text: str) -> None:
    assert rules.furniture(text) is None
    assert rules.dateline(text) is None
    ct = clean("k", text, rules)
    assert ct.text == text and not ct.drops


def test_page_gives_the_events_of_its_clean_text() -> None:
    pipe = Pipeline()
    published = dt.date(2019, 8, 22)
    page = pipe.process(Document(id="page", text=PAGE, published=published)).events
    body = (  # the article as a reader would copy it: dateline and body, no page furniture
        "ILAGA, KOMPAS.com - Dua tukang ojek tewas ditembak kelompok kriminal bersenjata (KKB) "
        "di Kampung Wuloni, "
        "Distrik Ilaga, Kabupaten Puncak, Papua, Rabu (21/8/2019).\n\n"
        "Kapolres Puncak AKBP Yusuf Palenkahu mengatakan kedua korban ditembak saat mengantar "
        "penumpang."
    )
    clean_events = pipe.process(Document(id="body", text=body, published=published)).events

    def key(evs: list) -> list[tuple]:
        return sorted(
            (e.sub_event_type, e.actor1, e.actor2, e.location, e.event_date, e.fatalities)
            for e in evs
        )

    assert key(page) == key(clean_events)
    assert [e.sub_event_type for e in page] == ["Attack"]  # not the "Baca juga" clash


def test_published_line_dates_a_page_without_a_published_date() -> None:
    text = (
        "Senin, 21 Agustus 2023 | 14:30 WIT\n\n"
        "TIMIKA, Jubi - Seorang warga tewas ditembak orang tak dikenal di Timika kemarin."
    )
    events = Pipeline().process(Document(id="d", text=text)).events
    assert [e.event_date for e in events] == ["2023-08-20"]


def test_dateline_places_an_event_without_a_place() -> None:
    text = (
        "MERAUKE, KOMPAS.com - Polisi menangkap dua pria yang diduga memasok senjata api "
        "kepada kelompok bersenjata, Selasa (4/7/2023)."
    )
    events = Pipeline().process(Document(id="m", text=text, published=dt.date(2023, 7, 5))).events
    assert events and events[0].location == "Merauke"
    assert events[0].geo_precision == 2


def test_a_read_also_label_alone_takes_the_headline_after_it(rules: PressRules) -> None:
    page = (
        "SORONG, KOMPAS.com - Seorang warga tewas ditembak di Kampung Klasaman, Distrik Sorong "
        "Timur, Senin (21/8/2023).\n\nBaca Juga :\n\nKKB Bakar Sekolah dan Tembak Guru di Kiwirok"
        "\n\nKapolres Sorong mengatakan pelaku berjumlah dua orang.\n\nHalaman selanjutnya"
    )
    ct = clean("p", page, rules)
    assert [d.reason for d in ct.drops] == ["dateline", "read-also", "read-also", "share"]
    assert "Kiwirok" not in ct.text and "Halaman" not in ct.text
    assert "pelaku berjumlah dua orang" in ct.text


def test_a_report_paragraph_after_a_read_also_label_is_kept(rules: PressRules) -> None:
    page = (
        "Jakarta (ANTARA) - Polisi menangkap dua pria di Kota Sorong, Senin (21/8/2023).\n\n"
        "Baca juga\n\nKedua pria itu diduga menembak seorang warga pada Minggu malam."
    )
    ct = clean("p", page, rules)
    assert [d.reason for d in ct.drops] == ["dateline", "read-also"]
    assert "Kedua pria itu diduga menembak" in ct.text
