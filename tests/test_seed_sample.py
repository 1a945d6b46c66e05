"""The acceptance reading of the shared sample article, when the shared folder is beside us.

The sample is read from ../shared at test time (it is never copied into the project); the
facts asserted are those its reading guide lists.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from shared_files import shared_file

from groundfacts.evaluate.acled import haversine_km
from groundfacts.pipeline import Pipeline
from groundfacts.records import DocResult, Document

SAMPLE = shared_file("samples", "seed-id.txt")
ALEPPO = (36.20, 37.16)

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")


@pytest.fixture(scope="module")
def result() -> DocResult:
    doc = Document(
        id="seed", text=SAMPLE.read_text(encoding="utf-8"), published=dt.date(2015, 10, 12)
    )
    return Pipeline().process(doc)


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def test_language_and_repeats(result: DocResult) -> None:
    assert result.language == "id"
    assert sum(d.reason == "repeated-paragraph" for d in result.drops) == 4


def test_isis_takes_villages_north_of_aleppo(result: DocResult) -> None:
    takes = [
        e
        for e in result.events
        if e.sub_event_type == "Non-state actor overtakes territory" and "Islamic State" in e.actor1
    ]
    assert len(takes) >= 6, [(e.location, e.actor1) for e in takes]
    for e in takes:
        assert e.latitude is not None and e.longitude is not None
        assert haversine_km(e.latitude, e.longitude, *ALEPPO) <= 60, (e.location, e.latitude)
    assert all(e.mentions == 2 for e in takes)
    assert len({e.location for e in takes}) == len(takes)


def test_isis_battles_rebels_in_aleppo(result: DocResult) -> None:
    assert any(
        e.event_type == "Battles"
        and "Islamic State" in e.actor1
        and e.actor2
        and "Islamic State" not in e.actor2
        and e.latitude is not None
        and haversine_km(e.latitude, e.longitude or 0, *ALEPPO) <= 60
        for e in result.events
    ), [(e.sub_event_type, e.actor1, e.actor2, e.location) for e in result.events]


def test_russian_strikes_on_named_rebel_groups(result: DocResult) -> None:
    hit = {
        e.actor2
        for e in result.events
        if e.actor1.startswith("Military Forces of Russia")
        and e.event_type == "Explosions/Remote violence"
    }
    wanted = ("Nusra", "Ahrar al-Sham", "Jaish al-Fath")
    assert all(any(w in a for a in hit) for w in wanted), hit


def test_regime_assault_on_hama_and_latakia_backed_by_russia(result: DocResult) -> None:
    regime = [
        e
        for e in result.events
        if e.actor1.startswith("Military Forces of Syria")
        and ("Russia" in e.assoc_actor_1 or "Russia" in e.actor2)
    ]
    places = {_ascii(e.location) for e in regime}
    assert any("Hama" in p for p in places), places
    assert any("Lat" in p for p in places), places


def test_no_russian_attack_on_isis_and_spared_places_are_not_events(result: DocResult) -> None:
    for e in result.events:
        assert not (
            e.actor1.startswith("Military Forces of Russia") and "Islamic State" in e.actor2
        )
        assert "Raqq" not in e.location and "Hasak" not in e.location
    reasons = " ".join(n.reason for n in result.non_events)
    assert "negation" in reasons and "spared" in reasons


def test_each_event_once(result: DocResult) -> None:
    keys = [(e.sub_event_type, e.actor1, e.actor2, e.location) for e in result.events]
    assert len(keys) == len(set(keys))
