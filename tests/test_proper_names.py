"""A trigger word inside a proper name ("the Kermi Massacre", a newspaper's "Kill List") is
no report of an event, and a country's adjective that opens a name ("the Philippine Daily
Star") names no actor; a headline's capitals change nothing. Made-up reports."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.frames.screening import in_a_name, opens_a_name
from groundfacts.pipeline import Pipeline
from groundfacts.records import DocResult, Document

PUB = dt.date(2023, 6, 15)


def _run(pipe: Pipeline, text: str, lang: str, country: str) -> DocResult:
    return pipe.process(Document("t", text, PUB, lang, country=country))


@pytest.mark.parametrize(
    ("lang", "country", "text", "word"),
    [
        (
            "en",
            "BF",
            "Residents marked the anniversary of the Kermi Massacre in Kermi on Monday.",
            "Massacre",
        ),
        (
            "id",
            "ID",
            "Warga memperingati Tragedi Pembantaian Kermi di Kermi pada Senin.",
            "Pembantaian",
        ),
    ],
)
def test_a_named_past_event_is_no_event(
    pipe: Pipeline, lang: str, country: str, text: str, word: str
) -> None:
    res = _run(pipe, text, lang, country)
    assert res.events == []
    assert [n.trigger for n in res.non_events] == [word]
    assert "proper name" in res.non_events[0].reason


@pytest.mark.parametrize(
    ("lang", "country", "text"),
    [
        (
            "en",
            "BF",
            "Two farmers were killed by gunmen in Kermi on Monday, as reported in the Kermi "
            "Daily Star Kill List.",
        ),
        (
            "id",
            "ID",
            "Dua petani ditembak mati di Kermi pada Senin, menurut Daftar Pembunuhan Harian Kermi.",
        ),
    ],
)
def test_a_source_named_for_killings_adds_no_event(
    pipe: Pipeline, lang: str, country: str, text: str
) -> None:
    evs = _run(pipe, text, lang, country).events
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Attack", 2)]


def test_a_headline_keeps_its_capitalised_verb(pipe: Pipeline) -> None:
    evs = _run(pipe, "Gunmen Kill Three Villagers in Kermi", "en", "BF").events
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Attack", 3)]


def test_the_rule_reads_capitals_in_running_text_only() -> None:
    text = "Students rallied against the Visiting Forces Agreement and an IED Attack Plan."
    start = text.index("Agreement")
    assert in_a_name(text, start, start + len("Agreement"))
    # an acronym, a sentence's first word and a word after a lower-case one are no name
    ied = text.index("IED")
    assert not in_a_name(text, ied, ied + 3)
    assert not in_a_name(text, 0, len("Students"))
    assert not in_a_name("Gunmen Kill Three Villagers in Kermi", 7, 11)
    country = "They read the Philippine Daily Star in Kermi on Monday."
    end = country.index(" Daily")
    assert opens_a_name(country, end, set())
    # a capitalised word that begins another mention (an actor, a trigger) is no name
    assert not opens_a_name(country, end, {end + 1})


def test_a_country_adjective_that_opens_a_name_is_no_target(pipe: Pipeline) -> None:
    text = (
        "A farmer was killed in an attack by unidentified armed men in Kermi on Monday, as "
        "reported in the Philippine Daily Star Kill List."
    )
    evs = _run(pipe, text, "en", "PH").events
    assert [(e.sub_event_type, e.actor2) for e in evs] == [("Attack", "Civilians (Philippines)")]
