"""Bombs, their harm and their disruption, as ACLED codes them: a blast that wounds soldiers is
a remote explosive, not a battle, unless a fight follows it. Made-up reports in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from groundfacts.pipeline import Pipeline
from groundfacts.records import Document

PUB = dt.date(2023, 6, 15)


def _subs(pipe: Pipeline, text: str, lang: str, country: str = "ID") -> list[str]:
    return [
        e.sub_event_type
        for e in pipe.process(Document("t", text, PUB, lang, country=country)).events
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Rebels set off a roadside bomb that wounded three soldiers near Kermi on Monday."),
        (
            "en",
            "Militants detonated an IED against an army convoy near Kermi on Monday and wounded "
            "two soldiers.",
        ),
        ("id", "KKB meledakkan bom rakitan yang melukai tiga prajurit TNI di Kermi pada Senin."),
    ],
)
def test_a_blast_that_wounds_soldiers_is_a_remote_explosive(
    pipe: Pipeline, lang: str, text: str
) -> None:
    assert _subs(pipe, text, lang) == ["Remote explosive/landmine/IED"]


def test_an_ambush_opened_by_a_bomb_stays_a_battle(pipe: Pipeline) -> None:
    text = (
        "Rebels detonated a landmine under an army truck near Kermi on Monday and then "
        "ambushed the soldiers."
    )
    assert _subs(pipe, text, "en") == ["Armed clash"]
