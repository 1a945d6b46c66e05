"""Pages saved from Indonesian news sites give the same events as their article text.

The pages are written by the team in the layouts of real sites (a Kompas.com article, an
Antara article, a Jubi article, a Suara.com article whose "Baca Juga:" label stands above
its links and whose dateline names only the site): navigation, photo captions, "Baca juga"
links, bylines, tags, share buttons and footers around the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from groundfacts.ingest.readers import read_documents
from groundfacts.pipeline import Pipeline
from groundfacts.records import Event

PAGES = Path(__file__).parent / "fixtures" / "pages"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _key(events: list[Event]) -> list[tuple[object, ...]]:
    return sorted(
        (e.sub_event_type, e.actor1, e.actor2, e.location, e.event_date, e.fatalities)
        for e in events
    )


@pytest.mark.parametrize("site", ["kompas", "antara", "jubi", "suara"])
def test_page_gives_the_events_of_its_text(pipeline: Pipeline, site: str) -> None:
    (page,) = read_documents([PAGES / f"{site}.html"])
    assert page.published is not None  # from the page's own metadata
    (text,) = read_documents([PAGES / f"{site}.txt"], published=page.published)
    from_page = pipeline.process(page)
    from_text = pipeline.process(text)
    assert from_page.events, site
    assert _key(from_page.events) == _key(from_text.events)
    reasons = {d.reason for d in from_page.drops}
    assert {"dateline", "read-also"} <= reasons, reasons


def test_kompas_page_is_read_as_a_reporter_would(pipeline: Pipeline) -> None:
    (page,) = read_documents([PAGES / "kompas.html"])
    events = pipeline.process(page).events
    assert [(e.sub_event_type, e.actor1, e.event_date, e.fatalities) for e in events] == [
        ("Attack", "TPNPB: West Papua National Liberation Army", "2023-08-21", 2)
    ]
    assert events[0].country == "Indonesia"
    # the "Baca juga" headline (a clash in Sugapa) is another story
    assert all("Sugapa" not in e.notes for e in events)


def test_links_under_a_read_also_label_are_other_stories(pipeline: Pipeline) -> None:
    (page,) = read_documents([PAGES / "suara.html"])
    result = pipeline.process(page)
    dropped = " ".join(d.detail for d in result.drops)
    assert "Intan Jaya" in dropped and "Nabire" in dropped
    assert [(e.sub_event_type, e.location, e.event_date) for e in result.events] == [
        ("Mob violence", "Moanemani", "2024-03-18")
    ]
