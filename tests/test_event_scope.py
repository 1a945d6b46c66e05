"""What a report tells as an event of its own, on made-up reports (Lupi is made up): what a
crowd protests about is its grievance, not an event; an operation or deployment that nobody
is named as carrying out only frames the events told with it (ACLED has no event without an
actor1), and stays a non-event with its reason."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import DocResult, Document


def run(pipe: Pipeline, text: str, country: str, lang: str) -> DocResult:
    doc = Document(id="t", text=text, published=dt.date(2020, 5, 6), country=country, lang=lang)
    return pipe.process(doc)


@pytest.mark.parametrize(
    ("text", "lang", "country", "cause"),
    [
        (
            "On 28 January, teachers in Lupi staged a sit-in against the non-implementation of "
            "an accord signed in 2018 between the government and their unions.",
            "en",
            "BF",
            "Agreement",
        ),
        (
            "Ratusan mahasiswa berunjuk rasa di Lupi, Senin (4/5/2020), mengecam pengiriman "
            "pasukan ke daerah itu.",
            "id",
            "ID",
            "Change to group/activity",
        ),
    ],
)
def test_what_a_crowd_protests_about_is_no_event(
    pipe: Pipeline, text: str, lang: str, country: str, cause: str
) -> None:
    r = run(pipe, text, country, lang)
    assert [e.sub_event_type for e in r.events] == ["Peaceful protest"]
    assert any(n.sub_event_type == cause and n.reason.startswith("grievance") for n in r.non_events)


@pytest.mark.parametrize(
    ("text", "lang", "country", "subs"),
    [
        (
            "Police arrested 30 drug suspects in an anti-drug operation in Lupi on 4 May.",
            "en",
            "PH",
            ["Arrests"],
        ),
        (
            "Polisi menangkap lima tersangka dalam operasi di Desa Lupi, Senin (4/5/2020).",
            "id",
            "ID",
            ["Arrests"],
        ),
    ],
)
def test_an_operation_nobody_carries_out_frames_the_events_told_with_it(
    pipe: Pipeline, text: str, lang: str, country: str, subs: list[str]
) -> None:
    r = run(pipe, text, country, lang)
    assert [e.sub_event_type for e in r.events] == subs
    assert all(e.actor1 for e in r.events)
    assert any(
        n.sub_event_type == "Change to group/activity" and n.reason.startswith("no actor")
        for n in r.non_events
    )


def test_a_deployment_with_its_force_named_stays_an_event(pipe: Pipeline) -> None:
    r = run(pipe, "The army deployed 300 troops to Lupi on 4 May.", "PH", "en")
    assert [e.sub_event_type for e in r.events] == ["Change to group/activity"]
    assert r.events[0].actor1.startswith("Military Forces of the Philippines")


@pytest.mark.parametrize(
    ("text", "lang", "country", "sub"),
    [
        (
            "Weapons seizure: Troops seized a cache of explosives at a jungle camp near Lupi on "
            "15 April.",
            "en",
            "PH",
            "Disrupted weapons use",
        ),
        (
            "Property destruction: Armed men attacked a power plant in Lupi on 15 April.",
            "en",
            "PH",
            "Looting/property destruction",
        ),
        (
            "Penangkapan: Polisi menangkap dua anggota KKB di Distrik Lupi, Senin (4/5/2020).",
            "id",
            "ID",
            "Arrests",
        ),
    ],
)
def test_a_label_names_the_kind_of_the_event_told_after_it(
    pipe: Pipeline, text: str, lang: str, country: str, sub: str
) -> None:
    r = run(pipe, text, country, lang)
    assert [e.sub_event_type for e in r.events] == [sub]
    assert all(e.actor1 for e in r.events)
    assert any(n.reason.startswith("label") for n in r.non_events)


def test_the_parties_that_sign_an_agreement_act(pipe: Pipeline) -> None:
    text = "The Philippine Government and the National Democratic Front signed a truce on 5 April."
    evs = run(pipe, text, "PH", "en").events
    assert [e.sub_event_type for e in evs] == ["Agreement"]
    assert evs[0].actor1.startswith("Government of the Philippines")
