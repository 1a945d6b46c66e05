"""groundfacts: conflict reporting to geocoded, de-duplicated ACLED-style events with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Event", "__version__", "extract"]

if TYPE_CHECKING:
    import datetime as dt

    from groundfacts.records import Event


def extract(
    text: str, lang: str | None = None, published: dt.date | str | None = None
) -> list[Event]:
    """Extract ACLED-style events from one text. Heavy resources load on first call."""
    from groundfacts.api import extract_text

    return extract_text(text, lang=lang, published=published)


def __getattr__(name: str) -> Any:
    if name == "Event":
        from groundfacts.records import Event

        return Event
    raise AttributeError(name)
