"""HTML pages: the main text by trafilatura, without reader comments, title first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Page:
    text: str
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None


def extract_page(data: bytes | str) -> Page | None:
    """Main text of a page, paragraphs separated by blank lines; None if there is none."""
    import trafilatura  # a third of a second to import: only when a page is read

    # trafilatura types the result as "Document | dict"; without as_dict it is a Document.
    # the page's date from its markup only: a date guessed from the body text is no
    # publication date
    dates = {"extensive_search": False, "original_date": True}
    found: Any = trafilatura.bare_extraction(
        data, include_comments=False, with_metadata=True, date_extraction_params=dates
    )
    if found is None or not found.text:
        # Short pages defeat the precision-oriented default; ask for recall once.
        found = trafilatura.bare_extraction(
            data,
            include_comments=False,
            with_metadata=True,
            favor_recall=True,
            date_extraction_params=dates,
        )
    if found is None or not found.text:
        return None
    paragraphs = [p.strip() for p in found.text.split("\n") if p.strip()]
    title = (found.title or "").strip()
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    date = None
    if found.date:
        try:
            date = dt.date.fromisoformat(str(found.date)[:10])
        except ValueError:
            date = None
    return Page("\n\n".join(paragraphs), date, found.url or None, found.sitename or None)
