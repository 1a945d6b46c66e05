"""Indonesian as the press writes it, end to end: the forms of actors, fights and counts that
Indonesian reports use, read to ACLED's names. Made-up reports; the places are real where the
rule is about Indonesia's places, the people and incidents are invented."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from groundfacts.packs import Pack
from groundfacts.pipeline import Pipeline
from groundfacts.records import Document, Event

PUB = dt.date(2023, 6, 15)


def events(pipe: Pipeline, text: str) -> list[Event]:
    return pipe.process(Document("t", text, PUB, "id")).events


def bare(name: str) -> str:
    return re.sub(r" \(\d{4}-(\d{4})?\)", "", name)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "Aparat gabungan TNI-Polri terlibat kontak tembak dengan KKB di Distrik Ilaga, "
            "Kabupaten Puncak, Senin (12/6/2023).",
            "Military Forces of Indonesia",
        ),
        (
            "Satgas Madago Raya terlibat kontak tembak dengan kelompok MIT di Kabupaten Poso, "
            "Senin (12/6/2023).",
            "Police Forces of Indonesia",
        ),
        (
            "Pasukan TNI terlibat tembak-menembak dengan KKB di Distrik Ilaga, Kabupaten Puncak, "
            "Senin (12/6/2023).",
            "Military Forces of Indonesia",
        ),
    ],
)
def test_forces_engaged_in_a_firefight_are_a_side_of_it(
    pipe: Pipeline, text: str, state: str
) -> None:
    """'X terlibat kontak tembak dengan Y': both X and Y fought, whatever stands between."""
    (ev,) = events(pipe, text)
    assert ev.sub_event_type == "Armed clash"
    assert state in {bare(ev.actor1), bare(ev.actor2)}
    assert "Unidentified Armed Group (Indonesia)" not in (ev.actor1, ev.actor2)


def test_initials_are_a_person_not_an_actor(pipe: Pipeline) -> None:
    """'berinisial AS' gives a suspect's initials; AS is not the United States there."""
    text = (
        "Polisi menembak seorang pria di Kecamatan Cikande, Kabupaten Serang, Banten, Senin "
        "(12/6/2023). Pria berinisial AS (29) itu menyerang petugas dengan golok."
    )
    evs = events(pipe, text)
    assert evs
    for ev in evs:
        assert "United States" not in ev.actor1 + ev.actor2 + ev.assoc_actor_1 + ev.assoc_actor_2


def test_initials_do_not_hide_a_group_elsewhere(pipe: Pipeline) -> None:
    text = (
        "Pasukan AS menembak seorang warga di Kabupaten Puncak, Senin (12/6/2023). Warga "
        "berinisial AB itu tewas."
    )
    assert any("United States" in ev.actor1 for ev in events(pipe, text))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # an age between the count and the state word
        ("Seorang pelajar berusia 16 tahun meninggal dunia setelah dibacok.", 1),
        # a short parenthesis (an acronym, an age) inside the noun phrase
        ("Seorang mantan kombatan Gerakan Aceh Merdeka (GAM) tewas ditembak.", 1),
        ("Dua tukang ojek asal Toraja (32) tewas ditembak.", 2),
        # the age is not the count
        ("Seorang warga berumur 40 tahun tewas.", 1),
    ],
)
def test_counts_reach_over_asides(id_: Pack, text: str, count: int) -> None:
    assert [c.count for c in id_.casualties(text) if c.kind == "killed"] == [count]


def test_a_time_is_no_count(id_: Pack) -> None:
    assert id_.casualties("Sekitar pukul 14.00 WIT dua warga tewas.")[0].count == 2


@pytest.mark.parametrize(
    "text",
    [
        "Seorang prajurit TNI gugur setelah diserang KKB di Distrik Mugi, Kabupaten Nduga, "
        "Selasa (28/2/2023).",
        "KKB menembak dua anggota Polri di Distrik Mugi, Kabupaten Nduga, Selasa (28/2/2023).",
    ],
)
def test_soldiers_of_the_tni_are_indonesian_wherever_the_place_is_read(
    pipe: Pipeline, text: str
) -> None:
    """'prajurit TNI', 'anggota Polri' name Indonesia's forces, whatever country a place
    reads as."""
    sides = {bare(a) for ev in events(pipe, text) for a in (ev.actor1, ev.actor2)}
    assert sides & {"Military Forces of Indonesia", "Police Forces of Indonesia"}
    assert not any(
        s.startswith(("Military Forces of", "Police Forces of")) and "Indonesia" not in s
        for s in sides
    )


def test_a_resident_attacked_by_unknown_people_is_an_attack(pipe: Pipeline) -> None:
    (ev,) = events(pipe, "Seorang warga diserang orang tak dikenal di Wamena, Selasa (13/6/2023).")
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Attack",
        "Unidentified Armed Group (Indonesia)",
        "Civilians (Indonesia)",
    )


@pytest.mark.parametrize(
    ("text", "assoc"),
    [
        (
            "Puluhan anggota HMI menggelar aksi damai di Kota Makassar, Senin (12/6/2023).",
            "Students",
        ),
        (
            "Mahasiswa yang tergabung dalam BEM se-Indonesia berunjuk rasa di Jakarta, Senin "
            "(12/6/2023).",
            "Students",
        ),
        (
            "Ratusan pengemudi ojol berunjuk rasa di depan kantor gubernur di Kota Surabaya, "
            "Senin (12/6/2023).",
            "Labour Group",
        ),
    ],
)
def test_student_bodies_and_drivers_are_associated_actors(
    pipe: Pipeline, text: str, assoc: str
) -> None:
    (ev,) = events(pipe, text)
    assert ev.actor1 == "Protesters (Indonesia)"
    assert f"{assoc} (Indonesia)" in ev.assoc_actor_1


@pytest.mark.parametrize(
    "text",
    [
        "Polisi membubarkan tawuran pelajar di Kota Medan, Selasa (13/6/2023).",
        "Puluhan pelajar terlibat tawuran di Kota Medan, Selasa (13/6/2023). Polisi "
        "membubarkan tawuran itu.",
    ],
)
def test_a_brawl_broken_up_stays_a_brawl(pipe: Pipeline, text: str) -> None:
    (ev,) = events(pipe, text)
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Mob violence",
        "Rioters (Indonesia)",
        "Rioters (Indonesia)",
    )


def test_a_protest_broken_up_is_still_an_intervention(pipe: Pipeline) -> None:
    text = (
        "Ratusan mahasiswa berunjuk rasa di Kota Medan, Selasa (13/6/2023). Polisi membubarkan "
        "massa."
    )
    (ev,) = events(pipe, text)
    assert ev.sub_event_type == "Protest with intervention"


def test_warning_shots_alone_are_no_event(pipe: Pipeline) -> None:
    """'tembakan peringatan' hurts no one: told alone it is no attack; told with a
    dispersal it is part of the intervention."""
    text = (
        "Warga Negeri Mamala dan Negeri Morela bentrok di Kecamatan Leihitu, Maluku Tengah, "
        "Rabu (14/6/2023). Aparat TNI-Polri menembakkan tembakan peringatan untuk memisahkan "
        "kedua kelompok."
    )
    assert [e.sub_event_type for e in events(pipe, text)] == ["Mob violence"]
    text = (
        "Ratusan mahasiswa berunjuk rasa di Kota Jayapura, Rabu (14/6/2023). Polisi melepaskan "
        "tembakan peringatan untuk membubarkan massa."
    )
    assert [e.sub_event_type for e in events(pipe, text)] == ["Protest with intervention"]
