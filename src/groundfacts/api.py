"""The Python API behind :func:`groundfacts.extract`."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from groundfacts.pipeline import Pipeline, published_date
from groundfacts.records import Document, Event


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """One pipeline per process for the convenience API (its resources are read-only)."""
    return Pipeline()


def extract_text(
    text: str,
    *,
    lang: str | None = None,
    published: dt.date | str | None = None,
    doc_id: str = "text",
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Events found in ``text``. Pass a :class:`Pipeline` to control resource loading."""
    pipe = pipeline or default_pipeline()
    doc = Document(id=doc_id, text=text, published=published_date(published), lang=lang)
    return pipe.process(doc).events
