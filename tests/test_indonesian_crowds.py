"""Indonesian crowds as ACLED codes them, end to end: supporters of two parties who clash, and
two villages or communities that fight, are rioters on both sides (Mob violence) with the
party or the community as associated actor, not an armed group or identity militias; a crowd
("massa") that demonstrates is a peaceful protest until it turns violent. Made-up reports and
villages; the parties are real."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event

PUB = dt.date(2023, 6, 15)
RIOTERS = "Rioters (Indonesia)"


def only_event(pipe: Pipeline, text: str) -> Event:
    evs = pipe.process(Document("t", text, PUB, "id")).events
    assert len(evs) == 1, [(e.sub_event_type, e.actor1, e.location) for e in evs]
    return evs[0]


@pytest.mark.parametrize(
    ("text", "party1", "party2"),
    [
        (
            "Pendukung Partai Gerindra dan pendukung PDI Perjuangan bentrok di Kota Surabaya, "
            "Jawa Timur, Senin (12/6/2023). Dua orang luka-luka terkena lemparan batu.",
            "Gerindra: Great Indonesia Movement Party",
            "PDI-P: Indonesian Democratic Party of Struggle",
        ),
        (
            "Massa PKB dan massa PPP terlibat bentrok usai kampanye di Kabupaten Sampang, "
            "Senin (12/6/2023). Seorang pendukung tewas dibacok.",
            "PKB: National Awakening Party",
            "PPP: United Development Party",
        ),
        (
            "Simpatisan PDI-P bentrok dengan simpatisan Gerindra di Kota Surakarta, Jawa "
            "Tengah, Senin (12/6/2023).",
            "PDI-P: Indonesian Democratic Party of Struggle",
            "Gerindra: Great Indonesia Movement Party",
        ),
        (
            # one noun for both sides: "pendukung Partai A dan Partai B"
            "Massa pendukung Partai Demokrat dan Partai Golkar bentrok di Kota Medan, Sumatera "
            "Utara, Senin (12/6/2023). Tiga orang terluka terkena lemparan batu.",
            "PD: Democratic Party",
            "Golkar: Party of Functional Groups",
        ),
    ],
)
def test_party_supporters_who_clash_are_rioters_with_their_parties(
    pipe: Pipeline, text: str, party1: str, party2: str
) -> None:
    ev = only_event(pipe, text)
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Mob violence")
    assert (ev.actor1, ev.actor2) == (RIOTERS, RIOTERS)
    assert (ev.assoc_actor_1, ev.assoc_actor_2) == (party1, party2)
    assert ev.inter1 == ev.inter2 == 5


def test_communities_that_clash_are_rioters_not_militias(pipe: Pipeline) -> None:
    text = (
        "Warga Dayak dan warga Madura terlibat bentrok di Desa Pundu, Kabupaten Kotawaringin "
        "Timur, Kalimantan Tengah, Senin (12/6/2023). Dua rumah dibakar."
    )
    ev = only_event(pipe, text)
    assert ev.sub_event_type == "Mob violence"
    assert (ev.actor1, ev.actor2) == (RIOTERS, RIOTERS)
    assert ev.assoc_actor_1 == "Dayak Ethnic Group (Indonesia)"
    assert ev.assoc_actor_2 == "Madurese Ethnic Group (Indonesia)"


@pytest.mark.parametrize(
    "text",
    [
        "Bentrok antarwarga Desa Waimorat dan Desa Lohulatu pecah di Kabupaten Maluku Tengah, "
        "Maluku, Senin (12/6/2023). Seorang warga tewas terkena panah.",
        "Warga Desa Waimorat dan warga Desa Lohulatu bentrok di Kabupaten Maluku Tengah, "
        "Maluku, Senin (12/6/2023). Seorang warga tewas terkena panah.",
    ],
)
def test_two_villages_that_fight_are_their_communal_groups(pipe: Pipeline, text: str) -> None:
    ev = only_event(pipe, text)  # one fight, not one event per village
    assert ev.sub_event_type == "Mob violence"
    assert (ev.actor1, ev.actor2) == (RIOTERS, RIOTERS)
    assert ev.assoc_actor_1 == "Waimorat Communal Group (Indonesia)"
    assert ev.assoc_actor_2 == "Lohulatu Communal Group (Indonesia)"
    assert ev.fatalities == 1


@pytest.mark.parametrize(
    ("text", "assoc"),
    [
        (
            "Ratusan massa berdemo di depan kantor DPRD Kabupaten Jember, Jawa Timur, Senin "
            "(12/6/2023), menolak kenaikan harga BBM. Aksi berlangsung tertib.",
            "",
        ),
        (
            "Ratusan pendukung Partai Golkar berunjuk rasa di depan kantor KPU Kota Makassar, "
            "Senin (12/6/2023), menuntut penghitungan ulang suara.",
            "Golkar: Party of Functional Groups",
        ),
    ],
)
def test_a_crowd_that_demonstrates_peacefully_is_no_riot(
    pipe: Pipeline, text: str, assoc: str
) -> None:
    # "massa" and "pendukung" are named by what they did: protesters, with their party
    ev = only_event(pipe, text)
    assert ev.sub_event_type == "Peaceful protest"
    assert ev.actor1 == "Protesters (Indonesia)"
    assert ev.assoc_actor_1 == assoc


def test_a_crowd_that_wrecks_while_demonstrating_is_a_violent_demonstration(
    pipe: Pipeline,
) -> None:
    text = (
        "Ratusan massa berdemo di depan kantor DPRD Kabupaten Jember, Jawa Timur, Senin "
        "(12/6/2023). Massa kemudian merusak pagar kantor dan melempari petugas dengan batu."
    )
    evs = pipe.process(Document("t", text, PUB, "id")).events
    assert [e.sub_event_type for e in evs] == ["Violent demonstration"]
    assert evs[0].actor1 == RIOTERS


@pytest.mark.parametrize(
    "text",
    [
        "Massa membakar tiga rumah warga di Desa Waimorat, Maluku Tengah, Senin (12/6/2023).",
        # the verb far from its crowd noun: still the crowd's, one mob
        "Ratusan pendukung calon bupati menyerang kantor KPU Kabupaten Yalimo dan membakar dua "
        "mobil, Senin (12/6/2023).",
    ],
)
def test_a_mob_outside_any_demonstration_stays_a_mob(pipe: Pipeline, text: str) -> None:
    ev = only_event(pipe, text)
    assert ev.sub_event_type == "Mob violence"
    assert ev.actor1 == RIOTERS
