"""Nearest gazetteer entry to a point: a grid of 1-degree cells, searched ring by ring."""

from __future__ import annotations

import math
from collections.abc import Iterable

from groundfacts.geo.distance import haversine_km

KM_PER_DEGREE = 111.2
MAX_RINGS = 20  # beyond this (about 2,000 km) scan everything: empty oceans and poles


class PointGrid:
    """Points bucketed by whole degrees; ``nearest_km`` looks at rings of cells outward and
    stops once no unseen cell can hold a closer point."""

    def __init__(self, points: Iterable[tuple[float, float]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        n = 0
        for lat, lon in points:
            key = (math.floor(lat), ((math.floor(lon) + 180) % 360) - 180)
            self.cells.setdefault(key, []).append((lat, lon))
            n += 1
        self.size = n

    def nearest_km(self, lat: float, lon: float) -> float | None:
        if not self.size:
            return None
        ci, cj = math.floor(lat), math.floor(lon)
        best = math.inf
        for r in range(MAX_RINGS + 1):
            for i in range(ci - r, ci + r + 1):
                for j in range(cj - r, cj + r + 1):
                    if r and abs(i - ci) != r and abs(j - cj) != r:
                        continue  # inside the ring: already seen
                    for la, lo in self.cells.get((i, ((j + 180) % 360) - 180), ()):
                        d = haversine_km(lat, lon, la, lo)
                        if d < best:
                            best = d
            # Any point in ring r+1 or beyond is at least r whole cells away.
            shrink = math.cos(math.radians(min(89.0, abs(lat) + r + 1)))
            if best <= r * KM_PER_DEGREE * shrink:
                return best
        # Near a pole or in an empty ocean the rings prove nothing: scan everything.
        return min(haversine_km(lat, lon, la, lo) for pts in self.cells.values() for la, lo in pts)
