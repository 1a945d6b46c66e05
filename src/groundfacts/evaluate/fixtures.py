"""Scoring against the team's hand-written report fixtures (JSONL with expected events).

Each line: {"id", "text", "published", "events": [{sub_event_type, event_type, actor1, actor2,
location, country, event_date, fatalities, geonameid?}], "non_events": [...]}. Every expected
event is matched to a distinct predicted event (same sub-event type and location first, then
same event type); fields are scored over expected events, and precision over predicted ones.
``location`` compares names; ``location_25km`` compares coordinates with those of the expected
GeoNames id (within 25 km, as the ACLED evaluation does), or of ``seat_geonameid`` (the seat of
a district the gazetteer lacks), falling back to the name where the record has no id (a
made-up place) or no gazetteer is given.

Two figures measure the type of events over a whole set, as a shared-task scoring of ACLED's
25 sub-event types does: ``sub_event_f1_weighted`` is each type's F1 (a predicted event is
right when it is matched to an expected event of its type), weighted by the expected events of
that type; ``false_event_rate`` is the share of items expecting no event that still give one.

Parallel pairs: lines that also carry ``"lang"`` and ``"pair"`` (the same report written in two
languages, one line each, sharing the pair key) are scored per language, and
:class:`PairReport` gives each field's gap between the languages (the absolute difference).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groundfacts.evaluate.acled import actors_match, haversine_km
from groundfacts.records import Document, Event

FIELDS = (
    "found",
    "event_type",
    "sub_event_type",
    "actor1",
    "both_actors",
    "location",
    "location_25km",
    "country",
    "date",
    "fatalities",
)


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in s if ch.isalnum())


def _place_match(pred: Event, want: str) -> bool:
    if not want:
        return True
    w = _key(want)
    return bool(w) and (
        w in _key(pred.location) or (_key(pred.location) in w and len(_key(pred.location)) > 2)
    )


@dataclass
class FixtureReport:
    expected: int = 0
    predicted: int = 0
    matched_predictions: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)
    # per sub-event type: expected events, predicted events, predictions matched to its type
    sub_expected: Counter[str] = field(default_factory=Counter)
    sub_predicted: Counter[str] = field(default_factory=Counter)
    sub_right: Counter[str] = field(default_factory=Counter)
    no_event_items: int = 0
    false_event_items: int = 0

    def by_sub_event(self) -> dict[str, dict[str, float]]:
        """Precision, recall, F1 and support of each sub-event type expected or predicted."""
        out: dict[str, dict[str, float]] = {}
        for sub in sorted(set(self.sub_expected) | set(self.sub_predicted)):
            right, want, got = self.sub_right[sub], self.sub_expected[sub], self.sub_predicted[sub]
            p = right / got if got else 0.0
            r = right / want if want else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            out[sub] = {
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(f1, 4),
                "support": want,
                "predicted": got,
            }
        return out

    def sub_event_f1_weighted(self) -> float:
        support = sum(self.sub_expected.values())
        if not support:
            return 0.0
        table = self.by_sub_event()
        return round(sum(table[s]["f1"] * n for s, n in self.sub_expected.items()) / support, 4)

    def figures(self) -> dict[str, float]:
        out = {
            f: round(self.correct[f] / self.expected, 4) if self.expected else 0.0 for f in FIELDS
        }
        out["precision"] = (
            round(self.matched_predictions / self.predicted, 4) if self.predicted else 0.0
        )
        out["expected_events"] = self.expected
        out["predicted_events"] = self.predicted
        out["sub_event_f1_weighted"] = self.sub_event_f1_weighted()
        out["false_event_rate"] = (
            round(self.false_event_items / self.no_event_items, 4) if self.no_event_items else 0.0
        )
        out["no_event_items"] = self.no_event_items
        return out


def read_fixtures(path: Path) -> list[dict[str, Any]]:
    items = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except ValueError as exc:
                    raise ValueError(f"{path}:{i}: malformed fixture line ({exc})") from exc
    return items


def _match(want: dict[str, Any], preds: list[Event]) -> Event | None:
    tests: list[Callable[[Event], bool]] = [
        lambda e: (
            e.sub_event_type == want.get("sub_event_type")
            and _place_match(e, want.get("location", ""))
        ),
        lambda e: e.sub_event_type == want.get("sub_event_type"),
        lambda e: e.event_type == want.get("event_type"),
    ]
    for t in tests:
        hit = next((e for e in preds if t(e)), None)
        if hit is not None:
            return hit
    return None


# (lat, lon) of a GeoNames id, or None when unknown (Gazetteer.coordinates)
Coordinates = Callable[[int], "tuple[float, float] | None"]
NEAR_KM = 25.0


def _near(ev: Event, want: dict[str, Any], coords: Coordinates | None, by_name: bool) -> bool:
    # a district the gazetteer lacks is near when it is placed within 25 km of its seat
    gid = want.get("geonameid") or want.get("seat_geonameid")
    if not gid or coords is None:
        return by_name
    if ev.geonameid == gid:
        return True
    gold = coords(int(gid))
    if gold is None or ev.latitude is None or ev.longitude is None:
        return by_name if gold is None else False
    return haversine_km(ev.latitude, ev.longitude, gold[0], gold[1]) <= NEAR_KM


def score_item(
    item: dict[str, Any],
    events: Sequence[Event],
    rep: FixtureReport,
    coords: Coordinates | None = None,
) -> None:
    preds = list(events)
    rep.predicted += len(preds)
    rep.sub_predicted.update(e.sub_event_type for e in preds)
    if not item.get("events"):
        rep.no_event_items += 1
        rep.false_event_items += bool(preds)
    for want in item.get("events", []):
        rep.expected += 1
        rep.sub_expected[str(want.get("sub_event_type"))] += 1
        ev = _match(want, preds)
        ok = dict.fromkeys(FIELDS, False)
        if ev is not None:
            preds.remove(ev)
            if ev.sub_event_type == want.get("sub_event_type"):
                rep.sub_right[ev.sub_event_type] += 1
            rep.matched_predictions += 1
            ok["found"] = True
            ok["event_type"] = ev.event_type == want.get("event_type")
            ok["sub_event_type"] = ev.sub_event_type == want.get("sub_event_type")
            ok["actor1"] = actors_match(ev.actor1, want.get("actor1", ""))
            ok["both_actors"] = ok["actor1"] and actors_match(ev.actor2, want.get("actor2", ""))
            ok["location"] = _place_match(ev, want.get("location", ""))
            ok["location_25km"] = _near(ev, want, coords, ok["location"])
            ok["country"] = _key(ev.country) == _key(want.get("country", ""))
            ok["date"] = (want.get("event_date") or "") in ("", ev.event_date)
            ok["fatalities"] = int(ev.fatalities or 0) == int(want.get("fatalities") or 0)
        for f, v in ok.items():
            rep.correct[f] += v
        if not all(ok.values()):
            rep.failures.append(
                {
                    "id": item.get("id"),
                    "expected": want,
                    "predicted": ev.to_dict() if ev else None,
                    "wrong": [f for f, v in ok.items() if not v],
                }
            )


def _document(item: dict[str, Any]) -> Document:
    pub = item.get("published")
    return Document(
        id=str(item.get("id")),
        text=item["text"],
        published=dt.date.fromisoformat(pub) if pub else None,
    )


def evaluate_fixtures(
    path: Path,
    extract_doc: Callable[[Document], Sequence[Event]],
    coords: Coordinates | None = None,
) -> FixtureReport:
    rep = FixtureReport()
    for item in read_fixtures(path):
        score_item(item, extract_doc(_document(item)), rep, coords)
    return rep


@dataclass
class PairReport:
    """Parallel reports scored per language, and the gap between the languages per field."""

    by_lang: dict[str, FixtureReport] = field(default_factory=dict)
    pairs: int = 0

    def gap(self) -> dict[str, float]:
        figs = [r.figures() for r in self.by_lang.values()]
        if len(figs) != 2:
            return {}
        a, b = figs
        return {f: round(abs(a[f] - b[f]), 4) for f in FIELDS}

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {lang: r.figures() for lang, r in sorted(self.by_lang.items())}
        out["gap"] = self.gap()
        out["pairs"] = self.pairs
        return out


def read_pairs(path: Path) -> list[dict[str, Any]]:
    """The items of a parallel file, checked: every pair has one item in each of two languages."""
    items = read_fixtures(path)
    langs: dict[str, set[str]] = {}
    for n, item in enumerate(items, 1):
        if not item.get("pair") or not item.get("lang"):
            raise ValueError(f"{path}:{n}: a parallel item needs 'pair' and 'lang'")
        langs.setdefault(str(item["pair"]), set()).add(str(item["lang"]))
    every = {lang for ls in langs.values() for lang in ls}
    if len(every) != 2:
        raise ValueError(f"{path}: parallel items must be in exactly two languages, not {every}")
    bad = sorted(p for p, ls in langs.items() if ls != every)
    if bad:
        raise ValueError(f"{path}: pairs missing a language: {', '.join(bad[:5])}")
    return items


def is_parallel(path: Path) -> bool:
    """True when the file's items carry pair keys (a parallel file)."""
    return any("pair" in item for item in read_fixtures(path)[:5])


def evaluate_pairs(
    path: Path,
    extract_doc: Callable[[Document], Sequence[Event]],
    coords: Coordinates | None = None,
) -> PairReport:
    rep = PairReport()
    items = read_pairs(path)
    rep.pairs = len({str(it["pair"]) for it in items})
    for item in items:
        doc = _document(item)  # the language is detected, as for any document
        lang_rep = rep.by_lang.setdefault(str(item["lang"]), FixtureReport())
        score_item(item, extract_doc(doc), lang_rep, coords)
    return rep
