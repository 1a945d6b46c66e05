"""Batch geocoding of toponyms the caller already found (the ``groundfacts geocode`` verb)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from groundfacts.geo.gazetteer import Gazetteer

OUTPUT_FIELDS = ("id", "name", "geonameid", "latitude", "longitude", "country", "admin1", "feature")
MIN_NAME_LEN = 3


def geocode_records(records: Iterable[dict[str, Any]], gaz: Gazetteer) -> Iterator[dict[str, Any]]:
    """``{"id", "name", "context"?, "country"?}`` in; one output record per input record:
    ``{"id", "name", "geonameid", "latitude", "longitude", "country", "admin1", "feature"}``
    plus ``iso`` and ``precision``. Unresolved names get nulls; empty names and names of one
    or two letters also get an ``error`` field."""
    for rec in records:
        name = rec.get("name")
        out: dict[str, Any] = dict.fromkeys(OUTPUT_FIELDS)
        out.update(id=rec.get("id"), name=name, iso=None, precision=None)
        if not isinstance(name, str) or not name.strip():
            out["error"] = "empty name"
            yield out
            continue
        if len(name.strip()) < MIN_NAME_LEN:
            out["error"] = f"name too short to geocode: {name.strip()!r}"
            yield out
            continue
        context = rec.get("context") or ""
        country = rec.get("country") or None
        place = gaz.resolve(name, context=str(context), country=country)
        if place is not None:
            out.update(
                geonameid=place.geonameid,
                latitude=place.latitude,
                longitude=place.longitude,
                country=place.country,
                admin1=place.admin1 or None,
                feature=place.feature,
                iso=place.country_iso,
                precision=place.precision,
            )
        yield out
