"""Hotspots: where events and deaths concentrate, per admin1, admin2 or grid cell of N km."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from groundfacts.analyse.scope import base_name
from groundfacts.records import Event

if TYPE_CHECKING:
    from groundfacts.store.duckdb_store import EventFilter, EventStore

AREAS = ("admin1", "admin2", "grid")
KM_PER_DEGREE = 111.2


@dataclass(slots=True)
class HotspotRow:
    area: str  # "Sahel" (admin1), "Sahel / Oudalan" (admin2), "14.85,-0.12" (grid cell centre)
    country: str
    admin1: str
    admin2: str
    latitude: float | None  # centre of the area's events (of the cell, for a grid)
    longitude: float | None
    events: int
    fatalities: int
    top_actors: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "events": self.events,
            "fatalities": self.fatalities,
            "top_actors": [[a, n] for a, n in self.top_actors],
        }


def grid_cell(lat: float, lon: float, km: float) -> tuple[int, int]:
    """A cell of about ``km`` x ``km``: rows of equal latitude span, each row cut into
    columns of equal ground width at its middle latitude."""
    dlat = km / KM_PER_DEGREE
    row = math.floor(lat / dlat)
    mid = (row + 0.5) * dlat
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(mid)), 0.01))
    return row, math.floor(lon / dlon)


def cell_centre(row: int, col: int, km: float) -> tuple[float, float]:
    dlat = km / KM_PER_DEGREE
    mid = (row + 0.5) * dlat
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(mid)), 0.01))
    return round(mid, 5), round((col + 0.5) * dlon, 5)


@dataclass(slots=True)
class _Acc:
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    events: int = 0
    fatalities: int = 0
    lat: float = 0.0
    lon: float = 0.0
    located: int = 0
    actors: Counter[str] = field(default_factory=Counter)


def hotspot_rows(
    events: Iterable[Event],
    *,
    by: str = "admin1",
    cell_km: float = 50.0,
    top: int = 3,
    limit: int | None = None,
) -> list[HotspotRow]:
    """Areas by events, then fatalities (most first), each with its ``top`` actors."""
    if by not in AREAS:
        raise ValueError(f"area must be one of {', '.join(AREAS)}, not {by!r}")
    if by == "grid" and not cell_km > 0:
        raise ValueError("grid cells need a size in km above 0")
    acc: dict[tuple[Any, ...], _Acc] = {}
    for ev in events:
        if by == "grid":
            if ev.latitude is None or ev.longitude is None:
                continue
            key: tuple[Any, ...] = grid_cell(ev.latitude, ev.longitude, cell_km)
        elif by == "admin1":
            key = (ev.country, ev.admin1)
        else:
            key = (ev.country, ev.admin1, ev.admin2)
        a = acc.get(key)
        if a is None:
            a = acc[key] = _Acc(ev.country, ev.admin1, ev.admin2 if by != "admin1" else "")
        a.events += 1
        a.fatalities += int(ev.fatalities or 0)
        if ev.latitude is not None and ev.longitude is not None:
            a.lat += ev.latitude
            a.lon += ev.longitude
            a.located += 1
        for name in {base_name(n) for n in (ev.actor1, ev.actor2) if n}:
            a.actors[name] += 1
    out = []
    for key, a in acc.items():
        lat: float | None
        lon: float | None
        if by == "grid":
            lat, lon = cell_centre(key[0], key[1], cell_km)
            area = f"{lat},{lon}"
        else:
            lat = round(a.lat / a.located, 5) if a.located else None
            lon = round(a.lon / a.located, 5) if a.located else None
            area = a.admin1 if by == "admin1" else f"{a.admin1} / {a.admin2}"
        actors = sorted(a.actors.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        out.append(
            HotspotRow(
                area, a.country, a.admin1, a.admin2, lat, lon, a.events, a.fatalities, actors
            )
        )
    out.sort(key=lambda r: (-r.events, -r.fatalities, r.area))
    return out[:limit] if limit else out


def hotspots(
    store: EventStore,
    flt: EventFilter | None = None,
    *,
    by: str = "admin1",
    cell_km: float = 50.0,
    top: int = 3,
    limit: int | None = None,
    merged: bool = False,
) -> list[HotspotRow]:
    """Hotspots among the store's events matching ``flt`` (``merged``: one per real event)."""
    events = (ev for ev, _n in store.merged_events(flt)) if merged else store.events(flt)
    return hotspot_rows(events, by=by, cell_km=cell_km, top=top, limit=limit)
