"""Hotspots: where events and deaths concentrate, per admin1, admin2 or grid cell of N km."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from groundfacts.analyse.sql import actors_of, scope

if TYPE_CHECKING:
    from groundfacts.store.duckdb_store import EventFilter, EventStore

AREAS = ("admin1", "admin2", "grid")
KM_PER_DEGREE = 111.2


@dataclass(slots=True)
class HotspotRow:
    area: str  # "Sahel" (admin1), "Sahel / Oudalan" (admin2), "14.85,-0.12" (grid cell centre)
    country: str
    admin1: str
    admin2: str  # for a grid cell: the units most of its events lie in
    latitude: float | None  # mean of the area's events (the cell's centre, for a grid)
    longitude: float | None
    events: int
    fatalities: int
    top_actors: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__slots__}
        d["top_actors"] = [[a, n] for a, n in self.top_actors]
        return d


def _cell_width(mid_lat: float, km: float) -> float:
    return km / (KM_PER_DEGREE * max(math.cos(math.radians(mid_lat)), 0.01))


def grid_cell(lat: float, lon: float, km: float) -> tuple[int, int]:
    """A cell of about ``km`` x ``km``: rows of equal latitude span, each row cut into
    columns of equal ground width at its middle latitude."""
    dlat = km / KM_PER_DEGREE
    row = math.floor(lat / dlat)
    return row, math.floor(lon / _cell_width((row + 0.5) * dlat, km))


def cell_centre(row: int, col: int, km: float) -> tuple[float, float]:
    dlat = km / KM_PER_DEGREE
    mid = (row + 0.5) * dlat
    return round(mid, 5), round((col + 0.5) * _cell_width(mid, km), 5)


def _grid_sql(km: float) -> tuple[str, str]:
    """SQL for a row's cell (as grid_cell computes it)."""
    dlat = km / KM_PER_DEGREE
    row = f"floor(latitude / {dlat!r})"
    width = (
        f"({km!r} / ({KM_PER_DEGREE!r} * greatest(cos(radians(({row} + 0.5) * {dlat!r})), 0.01)))"
    )
    return f"CAST({row} AS BIGINT)", f"CAST(floor(longitude / {width}) AS BIGINT)"


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
    """Areas of the store's events matching ``flt`` by events, then fatalities (most first),
    each with its ``top`` actors (named without year ranges); a grid counts only located
    events. ``merged`` counts merged events (one per real event)."""
    if by not in AREAS:
        raise ValueError(f"area must be one of {', '.join(AREAS)}, not {by!r}")
    if by == "grid" and not cell_km > 0:
        raise ValueError("grid cells need a size in km above 0")
    source, params = scope(flt, merged=merged)
    if by == "grid":
        row, col = _grid_sql(cell_km)
        keyed = (
            f"(SELECT *, {row} AS k1, {col} AS k2, '' AS k3 FROM {source} "
            "WHERE latitude IS NOT NULL AND longitude IS NOT NULL)"
        )
        names = "mode(country), mode(admin1), mode(admin2)"
    elif by == "admin1":
        keyed = (
            f"(SELECT *, coalesce(country, '') AS k1, coalesce(admin1, '') AS k2, '' AS k3 "
            f"FROM {source})"
        )
        names = "any_value(k1), any_value(k2), ''"
    else:
        keyed = (
            f"(SELECT *, coalesce(country, '') AS k1, coalesce(admin1, '') AS k2, "
            f"coalesce(admin2, '') AS k3 FROM {source})"
        )
        names = "any_value(k1), any_value(k2), any_value(k3)"
    con = store.con
    areas = con.execute(
        f"SELECT k1, k2, k3, {names}, avg(latitude), avg(longitude), count(*), "
        f"sum(coalesce(fatalities, 0)) FROM {keyed} GROUP BY k1, k2, k3 "
        "ORDER BY 9 DESC, 10 DESC, 1, 2, 3" + (f" LIMIT {int(limit)}" if limit else ""),
        params,
    ).fetchall()
    actors: dict[tuple[Any, ...], list[tuple[str, int]]] = {}
    if top > 0 and areas:
        ranked = con.execute(
            f"SELECT k1, k2, k3, actor, n FROM (SELECT k1, k2, k3, actor, count(*) AS n, "
            "row_number() OVER (PARTITION BY k1, k2, k3 ORDER BY count(*) DESC, actor) AS rk "
            f"FROM ({actors_of(keyed, 'k1, k2, k3')}) GROUP BY k1, k2, k3, actor) "
            f"WHERE rk <= {int(top)} ORDER BY k1, k2, k3, rk",
            params * 2,  # actors_of reads the events twice
        ).fetchall()
        for k1, k2, k3, actor, n in ranked:
            actors.setdefault((k1, k2, k3), []).append((actor, int(n)))
    out = []
    for k1, k2, k3, country, admin1, admin2, lat, lon, n, dead in areas:
        if by == "grid":
            lat, lon = cell_centre(int(k1), int(k2), cell_km)
            area = f"{lat},{lon}"
        else:
            lat = round(lat, 5) if lat is not None else None
            lon = round(lon, 5) if lon is not None else None
            area = admin1 if by == "admin1" else f"{admin1} / {admin2}"
        out.append(
            HotspotRow(
                area,
                country or "",
                admin1 or "",
                admin2 or "",
                lat,
                lon,
                int(n),
                int(dead),
                actors.get((k1, k2, k3), []),
            )
        )
    return out
