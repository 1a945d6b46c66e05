"""Toponym recognition and resolution scored against GeoWebNews (or LGL / TR-News) gold.

Measured through the public verbs' code: resolution sends each article's gold toponyms to
``geocode`` as records sharing the article as their context (with their offsets), so they
are resolved jointly as one document; recognition runs ``geoparse`` on the article and
compares its spans with the gold spans (a predicted span that overlaps a gold one counts).
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
    """Share of gold toponyms resolved within 161 km / 25 km / exactly, median error, the
    gazetteer's ceiling, and recognition precision/recall/F1. ``max_articles`` samples
    articles deterministically."""
    from groundfacts.geo.geocode import geocode_records
    from groundfacts.geo.geoparse import geoparse_document
    from groundfacts.records import Document

    t0 = time.perf_counter()
    articles = read_gold(xml_path)
    if max_articles is not None and len(articles) > max_articles:
        articles = random.Random(seed).sample(articles, max_articles)
    errors: list[float] = []
    exact = 0
    held = held_161 = held_exact = 0
    found = found_hit = gold_hit = 0
    for ai, art in enumerate(articles):
        records = []
        for k, t in enumerate(art.toponyms):
            rec: dict[str, Any] = {"id": k, "name": t.phrase, "context": art.text}
            if art.text[t.start : t.end] == t.phrase:
                rec.update(start=t.start, end=t.end)
            records.append(rec)
        resolved = list(geocode_records(records, gaz))
        for t, out in zip(art.toponyms, resolved, strict=True):
            if out.get("latitude") is None:
                err = MAX_ERROR_KM
                same = False
            else:
                err = haversine_km(t.lat, t.lon, out["latitude"], out["longitude"])
                same = out["geonameid"] == t.geonameid if t.geonameid else err <= SAME_KM
            errors.append(err)
            exact += same
            if _name_held(gaz, t):
                held += 1
                held_161 += err <= NEAR_KM
                held_exact += same
        spans = [
            (r["start"], r["end"])
            for r in geoparse_document(Document(id=str(ai), text=art.text, lang="en"), gaz)
        ]
        found += len(spans)
        found_hit += sum(any(s < t.end and t.start < e for t in art.toponyms) for s, e in spans)
        gold_hit += sum(any(s < t.end and t.start < e for s, e in spans) for t in art.toponyms)
    n = len(errors)
    if n == 0:
        raise BadInputError(f"{xml_path}: no gold toponyms with coordinates")
    any_near = _any_entry_within(gaz, articles, CLOSE_KM)
    precision = found_hit / found if found else 0.0
    recall = gold_hit / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
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
        "recognition_precision": round(precision, 4),
        "recognition_recall": round(recall, 4),
        "recognition_f1": round(f1, 4),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _name_held(gaz: Gazetteer, t: GoldToponym) -> bool:
    """Does the gazetteer hold a place of this name within 25 km of the gold point?"""
    return any(
        haversine_km(t.lat, t.lon, c.lat, c.lon) <= CLOSE_KM
        for c in gaz.finder.find(t.phrase, fuzzy=False)
    )


def _any_entry_within(gaz: Gazetteer, articles: list[GoldArticle], km: float) -> int:
    """How many gold points have a gazetteer place within ``km`` (a loose upper bound)."""
    hits = 0
    for art in articles:
        for t in art.toponyms:
            d = gaz.nearest_km(t.lat, t.lon)
            hits += d is not None and d <= km
    return hits
