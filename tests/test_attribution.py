"""Who is named behind an attack whose attacker the report first leaves unknown, on made-up
reports (Lupi is made up): a claim nobody made does not hide the attribution that follows it."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from tests.test_who_did_what import bare, events


@pytest.mark.parametrize(
    ("text", "lang", "country", "actor1"),
    [
        (
            "Two children were killed in a roadside bomb explosion in Lupi on 3 May. No group "
            "has claimed responsibility but the military blamed the incident on the Abu Sayyaf.",
            "en",
            "PH",
            "asg: abu sayyaf",
        ),
        (
            "A civilian was injured when a bomb went off in Lupi on 3 May. No one has claimed "
            "responsibility but authorities believe the BIFF is behind the attack.",
            "en",
            "PH",
            "biff: bangsamoro islamic freedom fighters",
        ),
        (
            "On 3 May, two people were killed when their cart struck an IED near Lupi. The "
            "device is suspected to have been planted by JNIM militants.",
            "en",
            "BF",
            "jnim: group for support of islam and muslims",
        ),
        (
            "Sebuah bom meledak di Distrik Lupi, Minggu (3/5/2020), melukai dua warga. Belum ada "
            "kelompok yang mengklaim bertanggung jawab, tetapi KKB diduga berada di balik "
            "ledakan itu.",
            "id",
            "ID",
            "tpnpb: west papua national liberation army",
        ),
    ],
)
def test_an_unclaimed_attack_takes_the_group_blamed_for_it(
    pipe: Pipeline, text: str, lang: str, country: str, actor1: str
) -> None:
    evs = events(pipe, text, country, lang, published=dt.date(2020, 5, 5))
    assert [bare(e.actor1) for e in evs] == [actor1]
