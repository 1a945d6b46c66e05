"""Property tests: extraction never crashes and always returns well-formed records."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundfacts.pipeline import Pipeline
from groundfacts.records import EVENT_TYPES, Document

# Words that make the generated text look like conflict news, mixed with anything at all.
_WORDS = st.sampled_from(
    [
        "militants",
        "attacked",
        "killed",
        "two",
        "soldiers",
        "in",
        "Djibo",
        "on",
        "Monday",
        "tewas",
        "ditembak",
        "di",
        "Wamena",
        "warga",
        "menyerang",
        "tidak",
        "did",
        "not",
        "protesters",
        "police",
        "tear",
        "gas",
        "(",
        ")",
        ",",
        ".",
        "ISIS",
        "Aleppo",
        "utara",
        "captured",
        "the",
        "village",
        "of",
        "Tel",
        "Farah",
        "and",
        "IED",
        "exploded",
        "\n\n",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(_WORDS, max_size=80).map(" ".join),
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXT, lang=st.sampled_from([None, "en", "id"]), day=st.integers(0, 4000))
def test_extraction_never_crashes(
    pipeline: Pipeline, text: str, lang: str | None, day: int
) -> None:
    published = dt.date(2010, 1, 1) + dt.timedelta(days=day)
    result = pipeline.process(Document(id="p", text=text, published=published, lang=lang))
    assert result.error == ""
    for ev in result.events:
        assert EVENT_TYPES[ev.sub_event_type] == ev.event_type
        assert ev.mentions >= 1 and ev.fatalities >= 0
        assert ev.evidence and all(0 <= e.start < e.end for e in ev.evidence)
        if ev.latitude is not None:
            assert -90 <= ev.latitude <= 90 and -180 <= ev.longitude <= 180  # type: ignore[operator]
            assert (ev.latitude, ev.longitude) != (0.0, 0.0)
        if ev.event_date:
            dt.date.fromisoformat(ev.event_date)
