"""Scoring against ACLED-format gold data: each note is a document, its row the gold event.

Conventions: a note's published date is the gold event date plus two days (notes often omit
the year), and its country hint is the row's ``country`` (ACLED data comes per country; notes
rarely name it); the predicted event that matches the gold row is the first with the same
sub-event type, else the first with the same event type, else the first. Fields are scored
over all notes (a note with no event counts as wrong on every field). Actor names compare
without year ranges; an acronym-prefixed name ("JNIM: Group for ...") matches its acronym or
its long form.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groundfacts.records import Document, Event

_YEARS = re.compile(r"\s*\((?:\d{4})?-?(?:\d{4})?\)\s*")

FIELDS = (
    "coverage",
    "event_type",
    "sub_event_type",
    "actor1",
    "both_actors",
    "location_25km",
    "location_100km",
    "admin1",
    "date",
    "fatalities",
)


def actor_forms(name: str) -> set[str]:
    """The forms an actor name may take: without years; acronym and long form of 'A: Long'."""
    base = _YEARS.sub(" ", name or "").strip().lower()
    base = re.sub(r"\s+", " ", base)
    forms = {base}
    if ":" in base:
        head, tail = (p.strip() for p in base.split(":", 1))
        forms |= {head, tail}
    return {f for f in forms if f}


def actors_match(pred: str, gold: str) -> bool:
    if not gold:
        return not pred
    return bool(actor_forms(pred) & actor_forms(gold))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(min(1.0, a)))


# Columns a gold file must have to be scored.
GOLD_COLUMNS = ("event_date", "event_type", "sub_event_type", "notes")


@dataclass(slots=True)
class GoldRow:
    id: str
    notes: str
    event_date: dt.date
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    fatalities: int
    country: str = ""


def read_gold(path: Path, *, sample: int | None = None) -> list[GoldRow]:
    """Rows of an ACLED CSV (any date format ACLED uses); ``sample`` keeps every k-th row
    deterministically. A bad row raises AcledFileError naming ``file:line``."""
    from groundfacts.store.acled_format import read_acled

    rows = [
        GoldRow(
            id=r.event_id_cnty,
            notes=r.notes,
            event_date=r.event_date,
            event_type=r.event_type,
            sub_event_type=r.sub_event_type,
            actor1=r.actor1,
            actor2=r.actor2,
            admin1=r.admin1,
            location=r.location,
            latitude=r.latitude,
            longitude=r.longitude,
            fatalities=r.fatalities,
            country=r.country,
        )
        for r in read_acled(path, required=GOLD_COLUMNS)
    ]
    if sample and sample < len(rows):
        step = len(rows) / sample
        rows = [rows[int(k * step)] for k in range(sample)]
    return rows


def gold_documents(rows: Iterable[GoldRow]) -> list[Document]:
    return [
        Document(
            id=r.id,
            text=r.notes,
            published=r.event_date + dt.timedelta(days=2),
            source="gold",
            # ACLED data is organised by country: the row's country is the feed's own hint
            country=r.country or None,
        )
        for r in rows
    ]


def pick(events: Sequence[Event], gold: GoldRow) -> Event | None:
    for cond in (
        lambda e: e.sub_event_type == gold.sub_event_type,
        lambda e: e.event_type == gold.event_type,
        lambda e: True,
    ):
        hit = next((e for e in events if cond(e)), None)
        if hit is not None:
            return hit
    return None


@dataclass
class AcledReport:
    n: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    extra_events: int = 0
    located_gold: int = 0
    ceiling_hits: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    worst: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    dated: int = 0  # notes whose matched event has a date read from the text
    dated_correct: int = 0
    with_actor2: int = 0  # notes whose gold event has an actor2
    both_with_actor2: int = 0
    # why each scored field was missed, by cause (see ``miss_causes``)
    misses: dict[str, Counter[str]] = field(default_factory=dict)

    def figures(self) -> dict[str, float]:
        out = {f: round(self.correct[f] / self.n, 4) if self.n else 0.0 for f in FIELDS}
        out["extra_events_per_note"] = round(self.extra_events / self.n, 4) if self.n else 0.0
        # both actors among the notes that have two (one-actor notes need only actor1 and an
        # empty actor2)
        out["both_actors_with_actor2"] = (
            round(self.both_with_actor2 / self.with_actor2, 4) if self.with_actor2 else 0.0
        )
        # exact dates among notes where a date was read from the text (many notes state none,
        # and then the publication date stands in, at week precision)
        out["date_when_stated"] = round(self.dated_correct / self.dated, 4) if self.dated else 0.0
        if self.located_gold:
            out["gazetteer_ceiling_25km"] = round(self.ceiling_hits / self.located_gold, 4)
        out["notes"] = self.n
        out["docs_per_second"] = round(self.n / self.seconds, 1) if self.seconds else 0.0
        return out


def score_note(gold: GoldRow, events: Sequence[Event], rep: AcledReport) -> int:
    """Add one note's result to ``rep``; returns its number of field errors."""
    rep.n += 1
    ev = pick(events, gold)
    ok: dict[str, bool] = dict.fromkeys(FIELDS, False)
    if ev is not None:
        ok["coverage"] = True
        ok["event_type"] = ev.event_type == gold.event_type
        ok["sub_event_type"] = ev.sub_event_type == gold.sub_event_type
        ok["actor1"] = actors_match(ev.actor1, gold.actor1)
        ok["both_actors"] = (ok["actor1"] and actors_match(ev.actor2, gold.actor2)) or (
            actors_match(ev.actor1, gold.actor2) and actors_match(ev.actor2, gold.actor1)
        )
        if ev.latitude is not None and gold.latitude is not None and gold.longitude is not None:
            d = haversine_km(ev.latitude, ev.longitude or 0.0, gold.latitude, gold.longitude)
            ok["location_25km"] = d <= 25
            ok["location_100km"] = d <= 100
        ok["admin1"] = bool(gold.admin1) and ev.admin1.lower() == gold.admin1.lower()
        ok["date"] = ev.event_date == gold.event_date.isoformat()
        published = (gold.event_date + dt.timedelta(days=2)).isoformat()
        if not (ev.event_date == published and ev.time_precision == 2):
            rep.dated += 1
            rep.dated_correct += ok["date"]
        ok["fatalities"] = int(ev.fatalities or 0) == gold.fatalities
        rep.extra_events += len(events) - 1
        rep.confusion[(gold.sub_event_type, ev.sub_event_type)] += 1
    else:
        rep.confusion[(gold.sub_event_type, "(none)")] += 1
    for f, v in ok.items():
        rep.correct[f] += v
    if gold.actor2:
        rep.with_actor2 += 1
        rep.both_with_actor2 += ok["both_actors"]
    for f, cause in miss_causes(gold, events, ev, ok).items():
        rep.misses.setdefault(f, Counter())[cause] += 1
    errors = sum(not v for v in ok.values())
    rep.worst.append(
        {
            "id": gold.id,
            "errors": errors,
            "notes": gold.notes,
            "gold": {
                "sub_event_type": gold.sub_event_type,
                "actor1": gold.actor1,
                "actor2": gold.actor2,
                "location": gold.location,
                "event_date": gold.event_date.isoformat(),
                "fatalities": gold.fatalities,
            },
            "predicted": [
                {
                    "sub_event_type": e.sub_event_type,
                    "actor1": e.actor1,
                    "actor2": e.actor2,
                    "location": e.location,
                    "geo_precision": e.geo_precision,
                    "event_date": e.event_date,
                    "fatalities": e.fatalities,
                }
                for e in events
            ],
            "wrong": [f for f, v in ok.items() if not v],
        }
    )
    return errors


# the fields whose misses are sorted by cause (the sub-event type's are its confusion)
CAUSE_FIELDS = ("actor1", "location_25km", "fatalities")


def miss_causes(
    gold: GoldRow, events: Sequence[Event], ev: Event | None, ok: dict[str, bool]
) -> dict[str, str]:
    """Why each missed field of one note was missed: what limits a figure, told by counts
    rather than by reading notes one at a time."""
    if ev is None:
        return {f: "no event found" for f in CAUSE_FIELDS}
    out: dict[str, str] = {}
    if not ok["actor1"]:
        out["actor1"] = _actor1_cause(gold, events, ev)
    if not ok["fatalities"]:
        out["fatalities"] = _toll_cause(gold, events, int(ev.fatalities or 0))
    if not ok["location_25km"] and gold.latitude is not None:
        if ev.latitude is None:
            out["location_25km"] = "no place resolved"
        elif ev.location.lower() == gold.location.lower():
            # the gazetteer lacks the place: a containing unit's point stands in
            out["location_25km"] = "same name, point more than 25 km off"
        elif ok["location_100km"]:
            out["location_25km"] = "another place, 25-100 km off"
        else:
            out["location_25km"] = "another place, more than 100 km off"
    return out


def _actor1_cause(gold: GoldRow, events: Sequence[Event], ev: Event) -> str:
    if not ev.actor1:
        cause = "no actor1"
    elif gold.actor2 and actors_match(ev.actor1, gold.actor2):
        cause = "sides swapped"
    elif any(actors_match(e.actor1, gold.actor1) for e in events):
        cause = "right actor1 on another event of the note"
    elif "Unidentified" in ev.actor1 and "Unidentified" not in gold.actor1:
        cause = "a named actor given as unidentified"
    elif "Unidentified" in gold.actor1:
        cause = "an unidentified actor given a name"
    else:
        cause = "another actor"
    return cause if ev.sub_event_type == gold.sub_event_type else cause + ", wrong sub-event"


def _toll_cause(gold: GoldRow, events: Sequence[Event], got: int) -> str:
    if gold.fatalities and any(int(e.fatalities or 0) == gold.fatalities for e in events):
        return "toll on another event of the note"
    if gold.fatalities == 0:
        return "deaths where the note counts none"
    if got == 0:
        return "no toll attached"
    return "too high" if got > gold.fatalities else "too low"


def evaluate_acled(
    path: Path,
    extract_doc: Callable[[Document], Sequence[Event]],
    *,
    sample: int | None = None,
    near_gazetteer: Callable[[float, float], float | None] | None = None,
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
) -> AcledReport:
    """Run ``extract_doc`` on every note of ``path`` and score it.

    ``near_gazetteer(lat, lon)`` gives the distance in km to the nearest gazetteer entry; it
    measures the ceiling that the gazetteer itself puts on location accuracy.
    """
    rows = read_gold(path, sample=sample)
    rep = AcledReport()
    docs = gold_documents(rows)
    pairs: Iterable[tuple[GoldRow, Document]] = list(zip(rows, docs, strict=True))
    if progress is not None:
        pairs = progress(pairs)
    t0 = time.perf_counter()
    for gold, doc in pairs:
        score_note(gold, extract_doc(doc), rep)
    rep.seconds = time.perf_counter() - t0
    if near_gazetteer is not None:
        for gold in rows:
            if gold.latitude is None or gold.longitude is None:
                continue
            rep.located_gold += 1
            d = near_gazetteer(gold.latitude, gold.longitude)
            rep.ceiling_hits += d is not None and d <= 25
    rep.worst.sort(key=lambda w: -w["errors"])
    rep.worst = rep.worst[:20]
    return rep


def format_report(rep: AcledReport, *, worst: int = 0) -> str:
    """The figures, the most frequent sub-event confusions and, with ``worst``, that many of
    the worst notes (id, wrong fields, gold and first prediction)."""
    figs = rep.figures()
    lines = ["field                    score", "-----------------------  ------"]
    for k, v in figs.items():
        lines.append(f"{k:<23}  {v}")
    lines.append("")
    lines.append("sub-event confusion (gold -> predicted), most frequent errors:")
    errs = [(k, v) for k, v in rep.confusion.most_common() if k[0] != k[1]][:15]
    for (g, p), v in errs:
        lines.append(f"  {v:5d}  {g} -> {p}")
    for f in CAUSE_FIELDS:
        causes = rep.misses.get(f)
        if not causes:
            continue
        lines.append("")
        lines.append(f"{f} misses by cause ({sum(causes.values())}):")
        for cause, v in causes.most_common(8):
            lines.append(f"  {v:5d}  {cause}")
    if worst and rep.worst:
        lines.append("")
        lines.append(f"worst notes ({min(worst, len(rep.worst))}):")
        for w in rep.worst[:worst]:
            gw = w["gold"]
            lines.append(f"  {w['id']}  {w['errors']} wrong: {', '.join(w['wrong'])}")
            lines.append(f"    note: {_clip(w['notes'], 160)}")
            lines.append(f"    gold: {gw['sub_event_type']} | {gw['actor1']} | {gw['actor2']}")
            pw = w["predicted"][0] if w["predicted"] else None
            got = (
                f"{pw['sub_event_type']} | {pw['actor1']} | {pw['actor2']}" if pw else "(no event)"
            )
            more = f" (+{len(w['predicted']) - 1} more)" if len(w["predicted"]) > 1 else ""
            lines.append(f"    got:  {got}{more}")
    return "\n".join(lines)


def format_sets(reports: Sequence[tuple[str, AcledReport]]) -> str:
    """Several dev sets side by side: one column of figures per set."""
    names = [n for n, _ in reports]
    figs = [r.figures() for _, r in reports]
    keys = list(dict.fromkeys(k for f in figs for k in f))
    width = max(12, *(len(n) for n in names))
    lines = [f"{'field':<23}  " + "  ".join(f"{n:>{width}}" for n in names)]
    for k in keys:
        lines.append(f"{k:<23}  " + "  ".join(f"{f.get(k, ''):>{width}}" for f in figs))
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
