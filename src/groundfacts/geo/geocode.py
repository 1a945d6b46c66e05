"""Batch geocoding of toponyms the caller already found (the ``groundfacts geocode`` verb).

Records that share their ``context`` (one after another, as a caller sends the toponyms of
one article) are resolved jointly, as :meth:`Gazetteer.geoparse` resolves a document: the
same toponym in the same text gets the same answer whichever way it comes in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from groundfacts.geo.gazetteer import Gazetteer
    from groundfacts.records import Place

OUTPUT_FIELDS = ("id", "name", "geonameid", "latitude", "longitude", "country", "admin1", "feature")
MIN_NAME_LEN = 2


def place_fields(place: Place | None) -> dict[str, Any]:
    """The output fields of one resolved place (nulls when unresolved)."""
    if place is None:
        return {
            "geonameid": None,
            "latitude": None,
            "longitude": None,
            "country": None,
            "admin1": None,
            "feature": None,
            "iso": None,
            "admin2": None,
            "precision": None,
        }
    return {
        "geonameid": place.geonameid,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "country": place.country or None,
        "admin1": place.admin1 or None,
        "feature": place.feature,
        "iso": place.country_iso or None,
        "admin2": place.admin2 or None,
        "precision": place.precision,
    }


def _offset(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def geocode_records(records: Iterable[dict[str, Any]], gaz: Gazetteer) -> Iterator[dict[str, Any]]:
    """``{"id", "name", "context"?, "country"?, "start"?, "end"?}`` in; one output record per
    input record: ``{"id", "name", "geonameid", "latitude", "longitude", "country", "admin1",
    "feature"}`` plus ``iso``, ``admin2`` and ``precision``. ``start``/``end`` are the name's
    offsets in ``context``. Unresolved names get nulls; empty names, names of one letter
    and offsets outside the context also get an ``error`` field."""
    group: list[dict[str, Any]] = []
    key: tuple[str, str | None] | None = None
    for rec in records:
        context = str(rec.get("context") or "")
        country = rec.get("country") or None
        k = (context, str(country) if country else None)
        if group and (k != key or not context):
            yield from _resolve_group(group, key, gaz)
            group = []
        key = k
        group.append(rec)
    if group and key is not None:
        yield from _resolve_group(group, key, gaz)


def _resolve_group(
    group: list[dict[str, Any]], key: tuple[str, str | None] | None, gaz: Gazetteer
) -> Iterator[dict[str, Any]]:
    context, country = key if key is not None else ("", None)
    outs: list[dict[str, Any]] = []
    asked: list[tuple[int, tuple[str, int | None, int | None]]] = []
    for i, rec in enumerate(group):
        name = rec.get("name")
        out: dict[str, Any] = dict.fromkeys(OUTPUT_FIELDS)
        out.update(id=rec.get("id"), name=name, iso=None, admin2=None, precision=None)
        outs.append(out)
        if not isinstance(name, str) or not name.strip():
            out["error"] = "empty name"
            continue
        if len(name.strip()) < MIN_NAME_LEN:
            out["error"] = f"name too short to geocode: {name.strip()!r}"
            continue
        start, end = _offset(rec.get("start")), _offset(rec.get("end"))
        if (start is None) != (end is None) or (
            start is not None and end is not None and not 0 <= start < end <= len(context)
        ):
            out["error"] = "start/end must both be given, inside the context"
            continue
        asked.append((i, (name, start, end)))
    if asked:
        places = gaz.resolve_names(context, [a for _i, a in asked], country=country)
        for (i, _a), place in zip(asked, places, strict=True):
            outs[i].update(place_fields(place))
    yield from outs
