"""Toponym resolution scored against GeoWebNews (or LGL / TR-News) gold annotations.

Each article is resolved as one document: all its gold toponyms are resolved jointly, so
the other places of the article are context, as they are for the extractor.
"""

from __future__ import annotations

import random
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundfacts.errors import BadInputError
from groundfacts.geo.distance import haversine_km

if TYPE_CHECKING:
    from groundfacts.geo import Gazetteer

MAX_ERROR_KM = 20_038.0  # half the Earth's circumference: the error of an unresolved name
NEAR_KM, CLOSE_KM, SAME_KM = 161.0, 25.0, 1.0


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    geonameid: int | None


@dataclass(slots=True)
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def read_gold(path: str | Path) -> list[GoldArticle]:
    """GeoWebNews (<extractedName>, <latitude>, <geonamesID>) or LGL/TR-News (<phrase>,
    <gaztag geonameid=..><lat><lon>) articles; toponyms without coordinates are left out."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise BadInputError(f"cannot read gold toponyms from {path}: {exc}") from exc
    out: list[GoldArticle] = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            lat = _float(t.findtext("latitude")) if gaz is None else _float(gaz.findtext("lat"))
            lon = _float(t.findtext("longitude")) if gaz is None else _float(gaz.findtext("lon"))
            if lat is None or lon is None:
                continue
            gid_s = t.findtext("geonamesID") if gaz is None else gaz.get("geonameid")
            gid = int(gid_s) if gid_s and gid_s.strip().isdigit() else None
            start, end = t.findtext("start"), t.findtext("end")
            phrase = t.findtext("extractedName") or t.findtext("phrase") or ""
            if start is None or end is None or not phrase:
                continue
            tops.append(GoldToponym(int(start), int(end), phrase, lat, lon, gid))
        if tops:
            out.append(GoldArticle(text, tops))
    return out


def evaluate_geo(
    xml_path: str | Path,
    gaz: Gazetteer,
    *,
    max_articles: int | None = None,
    seed: int = 13,
) -> dict[str, Any]:
    """Share of gold toponyms resolved within 161 km / 25 km / exactly, median error, and
    the gazetteer's ceiling. ``max_articles`` samples articles deterministically."""
    t0 = time.perf_counter()
    articles = read_gold(xml_path)
    if max_articles is not None and len(articles) > max_articles:
        articles = random.Random(seed).sample(articles, max_articles)
    errors: list[float] = []
    exact = 0
    held = held_161 = held_exact = 0
    for art in articles:
        spans = []
        for t in art.toponyms:
            ok = art.text[t.start : t.end] == t.phrase
            spans.append((t.start, t.end) if ok else (-1, -1))
        resolved = _resolve_article(gaz, art, spans)
        for t, place in zip(art.toponyms, resolved, strict=True):
            if place is None:
                err = MAX_ERROR_KM
                same = False
            else:
                err = haversine_km(t.lat, t.lon, place[0], place[1])
                same = place[2] == t.geonameid if t.geonameid else err <= SAME_KM
            errors.append(err)
            exact += same
            if _name_held(gaz, t):
                held += 1
                held_161 += err <= NEAR_KM
                held_exact += same
    n = len(errors)
    if n == 0:
        raise BadInputError(f"{xml_path}: no gold toponyms with coordinates")
    any_near = _any_entry_within(gaz, articles, CLOSE_KM)
    return {
        "articles": len(articles),
        "toponyms": n,
        "within_161km": round(sum(e <= NEAR_KM for e in errors) / n, 4),
        "within_25km": round(sum(e <= CLOSE_KM for e in errors) / n, 4),
        "exact": round(exact / n, 4),
        "median_km": round(statistics.median(errors), 1),
        "resolved": round(sum(e < MAX_ERROR_KM for e in errors) / n, 4),
        "ceiling_name_within_25km": round(held / n, 4),
        "ceiling_any_entry_within_25km": round(any_near / n, 4),
        "held_within_161km": round(held_161 / held, 4) if held else None,
        "held_exact": round(held_exact / held, 4) if held else None,
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _resolve_article(
    gaz: Gazetteer, art: GoldArticle, spans: list[tuple[int, int]]
) -> list[tuple[float, float, int | None] | None]:
    good = [s for s in spans if s[0] >= 0]
    mentions = gaz.resolve_spans(art.text, good, "en")
    by_span = {(m.start, m.end): m.place for m in mentions}
    out: list[tuple[float, float, int | None] | None] = []
    for t, s in zip(art.toponyms, spans, strict=True):
        p = by_span.get(s) if s[0] >= 0 else gaz.resolve(t.phrase, context=art.text[:3000])
        out.append(None if p is None else (p.latitude, p.longitude, p.geonameid))
    return out


def _name_held(gaz: Gazetteer, t: GoldToponym) -> bool:
    """Does the gazetteer hold a place of this name within 25 km of the gold point?"""
    return any(
        haversine_km(t.lat, t.lon, c.lat, c.lon) <= CLOSE_KM
        for c in gaz.finder.find(t.phrase, fuzzy=False)
    )


def _any_entry_within(gaz: Gazetteer, articles: list[GoldArticle], km: float) -> int:
    """How many gold points have any gazetteer place within ``km`` (a loose upper bound)."""
    import numpy as np

    rows = gaz.con.execute("SELECT lat, lon FROM places WHERE kind != 'country'").fetchall()
    pts = np.radians(np.array(rows, dtype=np.float64))
    lat, lon = pts[:, 0], pts[:, 1]
    hits = 0
    for art in articles:
        for t in art.toponyms:
            p1, l1 = np.radians(t.lat), np.radians(t.lon)
            a = np.sin((lat - p1) / 2) ** 2 + np.cos(p1) * np.cos(lat) * np.sin((lon - l1) / 2) ** 2
            d = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
            hits += bool((d <= km).any())
    return hits
