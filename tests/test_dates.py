"""Dates: explicit, relative to the published date, weekdays, and the dateparser fallback."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.packs import Pack

PUB = dt.date(2015, 10, 12)  # a Monday


def _one(pack: Pack, text: str, published: dt.date | None = PUB) -> tuple[str, dt.date, int]:
    found = pack.dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d.text, d.date, d.precision


@pytest.mark.parametrize(
    ("text", "span", "date", "precision"),
    [
        ("Serangan terjadi dua hari lalu di Wamena.", "dua hari lalu", dt.date(2015, 10, 10), 1),
        ("Serangan terjadi 3 hari yang lalu.", "3 hari yang lalu", dt.date(2015, 10, 9), 1),
        ("Polisi menangkapnya kemarin.", "kemarin", dt.date(2015, 10, 11), 1),
        ("Bentrokan pecah tadi malam.", "tadi malam", dt.date(2015, 10, 11), 1),
        # "pagi tadi" is "tadi pagi" the other way round: this morning, not last night
        ("Bentrokan pecah pagi tadi.", "pagi tadi", dt.date(2015, 10, 12), 1),
        ("Pos itu diserang sore tadi.", "sore tadi", dt.date(2015, 10, 12), 1),
        ("Desa itu diserang pekan lalu.", "pekan lalu", dt.date(2015, 10, 5), 2),
        ("Desa itu diserang dua minggu lalu.", "dua minggu lalu", dt.date(2015, 9, 28), 2),
        ("Markas itu dibakar bulan lalu.", "bulan lalu", dt.date(2015, 9, 15), 3),
        ("Pos itu diserang Sabtu lalu.", "Sabtu lalu", dt.date(2015, 10, 10), 1),
        ("Pos itu diserang pada Minggu malam.", "Minggu", dt.date(2015, 10, 11), 1),
        ("Senin (3/3/2014), massa berunjuk rasa.", "Senin (3/3/2014)", dt.date(2014, 3, 3), 1),
        ("Kamis (8/10), massa berunjuk rasa.", "Kamis (8/10)", dt.date(2015, 10, 8), 1),
        ("Ledakan terjadi pada 3 Maret 2019.", "3 Maret 2019", dt.date(2019, 3, 3), 1),
        ("Ledakan terjadi pada 3 Maret.", "3 Maret", dt.date(2015, 3, 3), 1),
        ("Ledakan terjadi pada 30 Desember.", "30 Desember", dt.date(2014, 12, 30), 1),
        ("Kerusuhan terjadi pada bulan Agustus 2014.", "Agustus 2014", dt.date(2014, 8, 15), 3),
    ],
)
def test_indonesian_dates(id_: Pack, text: str, span: str, date: dt.date, precision: int) -> None:
    assert _one(id_, text) == (span, date, precision)


@pytest.mark.parametrize(
    ("text", "span", "date", "precision"),
    [
        (
            "On 13 November 2014, gunmen attacked a bus.",
            "13 November 2014",
            dt.date(2014, 11, 13),
            1,
        ),
        (
            "On November 13, 2014, gunmen attacked a bus.",
            "November 13, 2014",
            dt.date(2014, 11, 13),
            1,
        ),
        (
            "On the 13th of November 2014 gunmen struck.",
            "13th of November 2014",
            dt.date(2014, 11, 13),
            1,
        ),
        ("On April 8, militants attacked.", "April 8", dt.date(2015, 4, 8), 1),
        ("On December 8, militants attacked.", "December 8", dt.date(2014, 12, 8), 1),
        ("Reported on 13/11/2014 by the mayor.", "13/11/2014", dt.date(2014, 11, 13), 1),
        ("Filed 2014-11-13 by the mayor.", "2014-11-13", dt.date(2014, 11, 13), 1),
        ("Rebels attacked on Sunday.", "Sunday", dt.date(2015, 10, 11), 1),
        ("Rebels attacked on Monday.", "Monday", dt.date(2015, 10, 12), 1),
        ("Rebels attacked last Monday.", "last Monday", dt.date(2015, 10, 5), 1),
        ("Rebels attacked yesterday.", "yesterday", dt.date(2015, 10, 11), 1),
        ("Rebels attacked two days ago.", "two days ago", dt.date(2015, 10, 10), 1),
        ("Rebels attacked last week.", "last week", dt.date(2015, 10, 5), 2),
        ("Rebels attacked earlier this month.", "earlier this month", dt.date(2015, 10, 6), 3),
        ("Rebels attacked in March 2014.", "March 2014", dt.date(2014, 3, 15), 3),
        ("Rebels attacked in March.", "March", dt.date(2015, 3, 15), 3),
        (
            "Between 2 and 3 March 2015, troops raided camps.",
            "2 and 3 March 2015",
            dt.date(2015, 3, 2),
            1,
        ),
        # a longer spell: its middle day, to the week
        (
            "From 18 to 21 March 2015, troops raided camps.",
            "18 to 21 March 2015",
            dt.date(2015, 3, 19),
            2,
        ),
        ("Between 1-13 Jul, 600 suspects surrendered.", "1-13 Jul", dt.date(2015, 7, 7), 2),
    ],
)
def test_english_dates(en: Pack, text: str, span: str, date: dt.date, precision: int) -> None:
    assert _one(en, text) == (span, date, precision)


def test_ordinary_words_are_not_dates(en: Pack, id_: Pack) -> None:
    assert en.dates("Protesters may march to the palace.", PUB) == []
    assert id_.dates("Selama dua minggu, warga mengungsi.", PUB) == []


def test_relative_dates_need_a_published_date(en: Pack) -> None:
    # found, so the sentence does not borrow an earlier date, but left undated
    found = en.dates("Rebels attacked yesterday and on 3 March.", None)
    assert [(d.text, d.date) for d in found] == [("yesterday", None)]
    assert [d.date for d in en.dates("On 3 March 2014 rebels attacked.", None)] == [
        dt.date(2014, 3, 3)
    ]


def test_impossible_dates_do_not_crash(en: Pack, id_: Pack) -> None:
    assert en.dates("Scores of 45/13/2014 and 31/31.", PUB) == []
    assert id_.dates("Skor akhir (45/13) dan (31/2).", PUB) == []


def test_dateparser_fallback_is_used_and_cached(en: Pack) -> None:
    text = "The raid came on November the 13th, per the mayor."
    found = en.dates(text, PUB)
    assert [(d.date, d.precision) for d in found] == [(dt.date(2014, 11, 13), 1)]
    finder = en.date_finder
    assert len(finder._fallback_cache) >= 1
    assert en.dates(text, PUB) == found


@pytest.mark.parametrize(
    ("lang", "text", "span", "date"),
    [
        # published on a Thursday: the Wednesday of last week, not yesterday
        ("id", "Pos itu diserang Rabu pekan lalu.", "Rabu pekan lalu", dt.date(2023, 6, 7)),
        (
            "id",
            "Pos itu diserang pada Jumat minggu lalu.",
            "Jumat minggu lalu",
            dt.date(2023, 6, 9),
        ),
        (
            "en",
            "Rebels attacked on Wednesday last week.",
            "Wednesday last week",
            dt.date(2023, 6, 7),
        ),
        # without the week words, the latest such day before publication
        ("id", "Pos itu diserang Rabu lalu.", "Rabu lalu", dt.date(2023, 6, 14)),
    ],
)
def test_a_weekday_of_last_week(
    en: Pack, id_: Pack, lang: str, text: str, span: str, date: dt.date
) -> None:
    thursday = dt.date(2023, 6, 15)
    assert _one(en if lang == "en" else id_, text, thursday)[:2] == (span, date)


def test_time_of_day_is_no_date_and_leaves_the_date(id_: Pack) -> None:
    text = "Serangan terjadi Minggu (11/6/2023) dini hari sekitar pukul 02.00 WIT."
    found = id_.dates(text, dt.date(2023, 6, 15))
    assert [(d.text, d.date) for d in found] == [("Minggu (11/6/2023)", dt.date(2023, 6, 11))]


def test_several_dates_in_order(en: Pack) -> None:
    found = en.dates("Attacked on 3 March 2014, and again yesterday.", PUB)
    assert [d.date for d in found] == [dt.date(2014, 3, 3), dt.date(2015, 10, 11)]


def test_malay_is_read_by_the_indonesian_pack() -> None:
    ms = Pack.load("ms")
    found = ms.dates("Serangan berlaku pada 5 Ogos dan dua hari lepas.", PUB)
    assert [(d.date, d.precision) for d in found] == [
        (dt.date(2015, 8, 5), 1),
        (dt.date(2015, 10, 10), 1),
    ]


@pytest.mark.parametrize(
    ("text", "span", "date", "precision"),
    [
        ("Soldiers mutinied on Oct.8 in the barracks.", "Oct.8", dt.date(2015, 10, 8), 1),
        ("He was killed on 13-December-1998 there.", "13-December-1998", dt.date(1998, 12, 13), 1),
        ("In mid-September, soldiers entered the town.", "September", dt.date(2015, 9, 15), 3),
    ],
)
def test_compact_spellings(en: Pack, text: str, span: str, date: dt.date, precision: int) -> None:
    assert _one(en, text) == (span, date, precision)
