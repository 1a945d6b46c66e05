"""Scoring against the team's hand-written report fixtures (JSONL with expected events).

Each line: {"id", "text", "published", "events": [{sub_event_type, event_type, actor1, actor2,
location, country, event_date, fatalities}], "non_events": [...]}. Every expected event is
matched to a distinct predicted event (same sub-event type and location first, then same
event type); fields are scored over expected events, and precision over predicted ones.
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

from groundfacts.evaluate.acled import actors_match
from groundfacts.records import Document, Event

FIELDS = (
    "found",
    "event_type",
    "sub_event_type",
    "actor1",
    "both_actors",
    "location",
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

    def figures(self) -> dict[str, float]:
        out = {
            f: round(self.correct[f] / self.expected, 4) if self.expected else 0.0 for f in FIELDS
        }
        out["precision"] = (
            round(self.matched_predictions / self.predicted, 4) if self.predicted else 0.0
        )
        out["expected_events"] = self.expected
        out["predicted_events"] = self.predicted
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


def score_item(item: dict[str, Any], events: Sequence[Event], rep: FixtureReport) -> None:
    preds = list(events)
    rep.predicted += len(preds)
    for want in item.get("events", []):
        rep.expected += 1
        ev = _match(want, preds)
        ok = dict.fromkeys(FIELDS, False)
        if ev is not None:
            preds.remove(ev)
            rep.matched_predictions += 1
            ok["found"] = True
            ok["event_type"] = ev.event_type == want.get("event_type")
            ok["sub_event_type"] = ev.sub_event_type == want.get("sub_event_type")
            ok["actor1"] = actors_match(ev.actor1, want.get("actor1", ""))
            ok["both_actors"] = ok["actor1"] and actors_match(ev.actor2, want.get("actor2", ""))
            ok["location"] = _place_match(ev, want.get("location", ""))
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


def evaluate_fixtures(
    path: Path, extract_doc: Callable[[Document], Sequence[Event]]
) -> FixtureReport:
    rep = FixtureReport()
    for item in read_fixtures(path):
        pub = item.get("published")
        doc = Document(
            id=str(item.get("id")),
            text=item["text"],
            published=dt.date.fromisoformat(pub) if pub else None,
        )
        score_item(item, extract_doc(doc), rep)
    return rep
