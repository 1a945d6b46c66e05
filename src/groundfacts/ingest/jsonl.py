"""One JSON object per line: {"id", "text", "published"?, "lang"?, "source"?, "url"?,
"country"?}."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import TYPE_CHECKING, Any

from groundfacts.records import Document

if TYPE_CHECKING:
    from groundfacts.actors.countries import CountryTable


class RecordError(ValueError):
    """A JSON value that is not a usable document record."""


def parse_published(value: Any) -> dt.date:
    """A date from "YYYY-MM-DD" or an ISO timestamp that starts with one."""
    if not isinstance(value, str):
        raise ValueError(f"published must be a string, got {type(value).__name__}")
    return dt.date.fromisoformat(value.strip()[:10])


# A "\\ud800" escape alone is valid JSON but no character: it cannot be stored or written
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", value)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(f'"{key}" must be a string, got {type(value).__name__}')
    return _clean(value)


def to_document(record: Any, *, default_id: str, origin: str) -> tuple[Document, str]:
    """A Document from a decoded JSON value, and a warning ("" if none).

    ``published`` stays None here when absent or unreadable; the caller applies its default.
    """
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise RecordError('missing "text" string')
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        doc_id = default_id
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        raise RecordError(f'"id" must be a string or integer, got {type(raw_id).__name__}')
    warning = ""
    published = None
    if record.get("published") not in (None, ""):
        try:
            published = parse_published(record["published"])
        except ValueError as exc:
            warning = f"unreadable published date ignored: {exc}"
    country = _optional_str(record, "country")
    if country is not None and _countries().code_of(country) is None:
        # the hint would be dropped later without a word: say so where the line is known
        warning = "; ".join(w for w in (warning, f"unknown country {country!r} ignored") if w)
        country = None
    doc = Document(
        id=_clean(doc_id),
        text=_clean(text),
        published=published,
        lang=_optional_str(record, "lang"),
        source=_optional_str(record, "source"),
        url=_optional_str(record, "url"),
        origin=origin,
        country=country,
    )
    return doc, warning


@functools.cache
def _countries() -> CountryTable:
    """The country table (read once: the records of a large file share it)."""
    from groundfacts.actors.countries import CountryTable

    return CountryTable.load()


def parse_line(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise RecordError("JSON nested too deep to read") from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise RecordError(f"unreadable JSON: {exc}") from exc
