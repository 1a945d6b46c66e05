"""Dates in a story: chained to the date stated before, explicit dates over time words, the
document's numeric convention, month parts and weekends, and no anchor without a publication
date; every event says where its date came from. Made-up reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from groundfacts.ingest import read_documents
from groundfacts.packs import Pack
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event


def _events(
    pipe: Pipeline,
    text: str,
    published: dt.date | None,
    lang: str = "en",
    country: str | None = None,
) -> list[Event]:
    doc = Document("story", text, published, lang, country=country)
    return sorted(pipe.process(doc).events, key=lambda e: e.evidence[0].start)


def _dates(events: list[Event]) -> list[tuple[str, int]]:
    return [(e.event_date, e.time_precision) for e in events]


# -- 1. relative dates chained to the date last stated ---------------------------------------


def test_english_relative_dates_chain_from_the_date_stated_before(pipe: Pipeline) -> None:
    text = (
        "On Monday, 3 July 2023, gunmen attacked a village near Djibo, killing two farmers.\n\n"
        "Two days later, a roadside bomb struck a minibus near Dori, killing five passengers.\n\n"
        "The next day, gunmen abducted four traders in Arbinda.\n\n"
        "A week later, soldiers clashed with militants near Kaya."
    )
    evs = _events(pipe, text, dt.date(2023, 7, 20))
    assert _dates(evs) == [
        ("2023-07-03", 1),
        ("2023-07-05", 1),
        ("2023-07-06", 1),
        ("2023-07-13", 2),  # a week later: that week, not that day
    ]
    bomb = evs[1].evidence[0].date_source
    assert bomb is not None
    assert bomb["kind"] == "relative"
    assert bomb["text"] == "Two days later"
    assert "3 July 2023" in bomb["anchor"]


def test_indonesian_relative_dates_chain_from_the_date_stated_before(pipe: Pipeline) -> None:
    text = (
        "Pada Senin (3/7/2023), kelompok bersenjata menembak mati seorang petani di Ilaga.\n\n"
        "Dua hari kemudian, kontak tembak antara prajurit TNI dan kelompok itu pecah di Beoga.\n\n"
        "Keesokan harinya, warga membakar kantor distrik di Sinak.\n\n"
        "Sepekan kemudian, ratusan warga berunjuk rasa di Timika."
    )
    evs = _events(pipe, text, dt.date(2023, 7, 20), lang="id")
    assert _dates(evs) == [
        ("2023-07-03", 1),
        ("2023-07-05", 1),
        ("2023-07-06", 1),
        ("2023-07-13", 2),
    ]
    assert evs[1].evidence[0].date_source["anchor"].startswith("Senin (3/7/2023)")  # type: ignore[index]


def test_the_demo_bomb_two_days_later_has_its_own_date(pipe: Pipeline) -> None:
    from importlib import resources

    sample = resources.files("groundfacts.samples").joinpath("demo.jsonl")
    with resources.as_file(sample) as p:
        docs = list(read_documents([str(p)]))
    evs = [e for d in docs if d.id == "demo-en" for e in pipe.process(d).events]
    bomb = next(e for e in evs if e.sub_event_type == "Remote explosive/landmine/IED")
    attack = next(e for e in evs if e.sub_event_type == "Armed clash")
    assert (attack.event_date, bomb.event_date) == ("2023-10-10", "2023-10-12")


def test_a_chained_date_with_nothing_stated_before_counts_from_publication(en: Pack) -> None:
    from groundfacts.frames.dates import chain_dates

    pub = dt.date(2023, 7, 20)
    found = en.dates("The previous day, gunmen attacked.", pub)
    chain_dates(found, pub)
    assert [(d.date, d.precision, d.kind, d.anchor) for d in found] == [
        (dt.date(2023, 7, 19), 1, "relative", "published 2023-07-20")
    ]
    # never after publication: "the next day" of the report is the report's week at best
    found = en.dates("The next day, gunmen attacked.", pub)
    chain_dates(found, pub)
    assert [(d.date, d.precision) for d in found] == [(pub, 2)]


def test_counted_chains_in_both_directions(en: Pack, id_: Pack) -> None:
    from groundfacts.frames.dates import chain_dates

    pub = dt.date(2023, 7, 20)
    found = en.dates("On 10 July 2023 rebels attacked; three days earlier they had fled.", pub)
    chain_dates(found, pub)
    assert [d.date for d in found] == [dt.date(2023, 7, 10), dt.date(2023, 7, 7)]
    found = id_.dates(
        "Pada 10 Juli 2023 terjadi bentrok; tiga hari sebelumnya warga mengungsi.", pub
    )
    chain_dates(found, pub)
    assert [d.date for d in found] == [dt.date(2023, 7, 10), dt.date(2023, 7, 7)]


# -- 2. an explicit date wins over a vague time word ------------------------------------------


def test_stated_date_wins_over_overnight(pipe: Pipeline) -> None:
    text = "Soldiers killed two militants in an overnight raid on Djibo on Sunday, 5 March 2017."
    evs = _events(pipe, text, dt.date(2017, 3, 10))
    assert _dates(evs) == [("2017-03-05", 1)]
    assert evs[0].evidence[0].date_source["kind"] == "stated"  # type: ignore[index]


def test_indonesian_stated_date_wins_over_time_of_day(id_: Pack) -> None:
    found = id_.dates("Penyerangan tadi malam di Sinak terjadi pada Minggu (5/3/2017).", None)
    assert [(d.text, d.date) for d in found] == [("Minggu (5/3/2017)", dt.date(2017, 3, 5))]


# -- 3. no date after publication; numeric convention; month parts and weekends --------------


def test_numeric_dates_are_day_first_unless_the_country_writes_month_first(
    en: Pack, pipe: Pipeline
) -> None:
    finder = en.date_finder
    assert finder.document_order("Gunmen struck on 3/4/2023.", None) == "dmy"
    assert finder.document_order("Gunmen struck on 3/4/2023.", "NG") == "dmy"
    assert finder.document_order("Gunmen struck on 3/4/2023.", "US") == "mdy"
    # the document's own unambiguous dates decide over the country
    assert finder.document_order("On 25/3/2023 and 3/4/2023.", "US") == "dmy"
    assert finder.document_order("On 3/25/2023 and 3/4/2023.", None) == "mdy"
    pub = dt.date(2023, 12, 20)
    text = "On 3/4/2023 gunmen killed two herders in Djibo."
    assert _dates(_events(pipe, text, pub)) == [("2023-04-03", 1)]
    assert _dates(_events(pipe, text, pub, country="US")) == [("2023-03-04", 1)]


def test_indonesian_numeric_dates_stay_day_first_of_a_month_first_country(
    id_: Pack, pipe: Pipeline
) -> None:
    # the Indonesian press writes day first even of a country whose own press does not
    assert id_.date_finder.document_order("Senin (1/6/2020).", "PH") == "dmy"
    text = "Polisi menangkap dua orang bersenjata di Kota Liwan, Senin (1/6/2020)."
    evs = _events(pipe, text, dt.date(2020, 6, 3), lang="id", country="PH")
    assert _dates(evs) == [("2020-06-01", 1)]


def test_a_numeric_date_is_never_read_after_publication(pipe: Pipeline) -> None:
    # a Nigerian report of 14 June: 12/6/2023 is 12 June, never 6 December
    text = "Bandits killed four farmers in Zurmi on 12/6/2023, police said."
    evs = _events(pipe, text, dt.date(2023, 6, 14), country="NG")
    assert [e.event_date for e in evs] == ["2023-06-12"]
    # month first where the country writes so, and still not after publication
    evs = _events(pipe, text, dt.date(2023, 6, 14), country="US")
    assert [e.event_date for e in evs] == ["2023-06-12"]


@pytest.mark.parametrize(
    ("lang", "text", "date", "precision"),
    [
        ("id", "Desa itu diserang pada awal Juni.", dt.date(2023, 6, 5), 3),
        ("id", "Desa itu diserang pada pertengahan Mei.", dt.date(2023, 5, 15), 3),
        ("id", "Desa itu diserang akhir bulan lalu.", dt.date(2023, 5, 25), 3),
        ("id", "Desa itu diserang akhir pekan lalu.", dt.date(2023, 6, 10), 2),
        ("id", "Desa itu diserang pada akhir Juni.", dt.date(2023, 6, 14), 3),  # not after
        ("en", "Rebels attacked in early June.", dt.date(2023, 6, 5), 3),
        ("en", "Rebels attacked late last month.", dt.date(2023, 5, 25), 3),
        ("en", "Rebels attacked last weekend.", dt.date(2023, 6, 10), 2),  # a Saturday
        ("en", "Rebels attacked over the weekend.", dt.date(2023, 6, 10), 2),
        ("en", "Rebels attacked earlier this month.", dt.date(2023, 6, 7), 3),
        ("en", "Rebels attacked in late June.", dt.date(2023, 6, 14), 3),  # not after
    ],
)
def test_month_parts_and_weekends(
    en: Pack, id_: Pack, lang: str, text: str, date: dt.date, precision: int
) -> None:
    pack = en if lang == "en" else id_
    pub = dt.date(2023, 6, 14)  # a Wednesday
    found = pack.dates(text, pub)
    assert [(d.date, d.precision) for d in found] == [(date, precision)]
    assert all(d.date is not None and d.date <= pub for d in found)


def test_last_weekend_read_on_a_sunday_is_the_weekend_before(en: Pack) -> None:
    found = en.dates("Rebels attacked last weekend.", dt.date(2023, 6, 18))
    assert [d.date for d in found] == [dt.date(2023, 6, 10)]


def test_a_stated_date_after_publication_is_flagged(pipe: Pipeline) -> None:
    evs = _events(pipe, "Gunmen killed two herders in Djibo on 20 June 2023.", dt.date(2023, 6, 14))
    assert [e.event_date for e in evs] == ["2023-06-20"]
    assert evs[0].evidence[0].date_source["note"] == "after the publication date"  # type: ignore[index]
    # words counted from publication never give a date after it
    evs = _events(pipe, "Gunmen killed two herders in Djibo on Tuesday.", dt.date(2023, 6, 14))
    assert all(e.event_date <= "2023-06-14" for e in evs)


# -- 4. no publication date: no borrowed dates; where each date came from ---------------------


def test_without_publication_date_weekdays_are_not_given_an_earlier_date(pipe: Pipeline) -> None:
    text = (
        "Gunmen killed three villagers in Djibo on 3 March 2019.\n\n"
        "On Tuesday, soldiers clashed with militants near Kaya.\n\n"
        "Two days later, a bomb exploded near Dori."
    )
    evs = _events(pipe, text, None)
    by_place = {e.location: e for e in evs}
    assert by_place["Djibo"].event_date == "2019-03-03"
    kaya = by_place["Kaya"]
    assert kaya.event_date == ""  # not 3 March at precision 1
    assert kaya.evidence[0].date_source == {
        "kind": "publication",
        "text": "Tuesday",
        "date": None,
        "anchor": "",
    }
    # counted from an undated day: undated too
    assert by_place["Dori"].event_date == ""


def test_without_publication_date_indonesian_weekdays_stay_undated(pipe: Pipeline) -> None:
    text = (
        "Kelompok bersenjata menembak mati dua warga di Ilaga pada 3 Maret 2019.\n\n"
        "Pada Selasa, kontak tembak pecah antara prajurit TNI dan kelompok itu di Beoga."
    )
    evs = _events(pipe, text, None, lang="id")
    assert {e.location: e.event_date for e in evs} == {"Ilaga": "2019-03-03", "Beoga": ""}


def test_an_event_dated_by_publication_says_so(pipe: Pipeline) -> None:
    evs = _events(pipe, "Gunmen killed two herders in Djibo.", dt.date(2023, 6, 14))
    assert _dates(evs) == [("2023-06-14", 2)]
    assert evs[0].evidence[0].date_source == {"kind": "publication date", "date": "2023-06-14"}


_PAGE = """<html><head><title>Attack in Djibo</title>
<meta property="article:published_time" content="2023-06-14T08:00:00Z">
</head><body><article><h1>Attack in Djibo</h1>
<p>Gunmen killed two herders in Djibo, residents said. The herders had been grazing cattle
outside the town when the attackers arrived on motorbikes and opened fire on them.</p>
<p>Residents said the attackers fled towards the border after the shooting, and that the army
sent a patrol to the area in the afternoon.</p></article></body></html>"""

_PAGE_NO_META = _PAGE.replace(
    '<meta property="article:published_time" content="2023-06-14T08:00:00Z">', ""
).replace("residents said.", "residents said on 2 May 2021.")


def test_page_dates_come_from_metadata_and_say_so(tmp_path: Path, pipe: Pipeline) -> None:
    page = tmp_path / "page.html"
    page.write_text(_PAGE, encoding="utf-8")
    warnings: list[str] = []
    docs = list(read_documents([page], on_warning=warnings.append))
    assert docs[0].published == dt.date(2023, 6, 14)
    assert docs[0].published_source == "page metadata"
    assert any("metadata" in w for w in warnings)  # announced
    evs = pipe.process(docs[0]).events
    assert evs and evs[0].evidence[0].date_source == {
        "kind": "page metadata",
        "date": "2023-06-14",
    }


def test_a_date_in_the_page_body_is_not_its_publication_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(_PAGE_NO_META, encoding="utf-8")
    docs = list(read_documents([page], on_warning=lambda _m: None))
    assert docs[0].published is None
    assert docs[0].published_source == ""
