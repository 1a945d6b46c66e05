"""Acts that make a demonstration violent (ACLED: road blocks with barricades, burning tyres,
clashes with the police), in both languages, on made-up reports (Lupi is made up)."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from tests.test_who_did_what import bare, events


@pytest.mark.parametrize(
    ("text", "lang", "country", "actor1"),
    [
        (
            "On 3 May, residents of Lupi barricaded the main road to protest against the dust "
            "raised by trucks.",
            "en",
            "BF",
            "rioters (burkina faso)",
        ),
        (
            "On 3 May, traders in Lupi set up barricades and burned tyres, demanding the "
            "reopening of the market.",
            "en",
            "BF",
            "rioters (burkina faso)",
        ),
        (
            "Hundreds of farmers blocked the highway in Lupi on 3 May to demand land reform.",
            "en",
            "PH",
            "rioters (philippines)",
        ),
        (
            "Truck drivers blocked traffic on the national road at Lupi on 3 May to protest "
            "the new licence fees.",
            "en",
            "BF",
            "rioters (burkina faso)",
        ),
        (
            "Warga Desa Lupi memblokade jalan utama, Minggu (3/5/2020), menuntut penutupan "
            "tambang.",
            "id",
            "ID",
            "rioters (indonesia)",
        ),
    ],
)
def test_crowds_that_barricade_roads_demonstrate_violently(
    pipe: Pipeline, text: str, lang: str, country: str, actor1: str
) -> None:
    evs = events(pipe, text, country, lang, published=dt.date(2020, 5, 5))
    assert [e.sub_event_type for e in evs] == ["Violent demonstration"]
    assert bare(evs[0].actor1) == actor1


def test_gunmen_who_block_a_path_make_no_demonstration(pipe: Pipeline) -> None:
    text = "Unidentified armed men blocked a policeman's path in Lupi on 3 May and shot him dead."
    subs = [e.sub_event_type for e in events(pipe, text, "PH", "en", published=dt.date(2020, 5, 5))]
    assert "Violent demonstration" not in subs and subs


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May, several dozen bus drivers gathered to demonstrate in Lupi over fuel prices.",
        "On 3 May, market women assembled to protest in front of the town hall of Lupi.",
    ],
)
def test_a_crowd_gathered_to_demonstrate_is_a_protest(pipe: Pipeline, text: str) -> None:
    evs = events(pipe, text, "BF", "en")
    assert [(e.sub_event_type, bare(e.actor1)) for e in evs] == [
        ("Peaceful protest", "protesters (burkina faso)")
    ]
