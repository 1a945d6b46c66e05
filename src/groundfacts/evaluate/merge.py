"""Scoring cross-document merging end to end: reports in, merged events out.

The corpus is a JSONL of documents (the input of ``ingest``), each with ``event``, the key
of the real event it reports, and optionally ``written_in``; beside it a JSONL of the real
events (``event``, ``sub_event_type``, ``actor1``, ``actor2``, ``latitude``, ``longitude``,
``event_date``...). The documents go through extraction into a real DuckDB store in
deliveries, in order of publication, each merged into what the store holds (as ``ingest``
does). Then:

- pair precision and recall over documents: two documents are paired when one merged event
  holds events of both; the gold pairs are the documents that report one real event (also
  split by language: both reports in one language, or one English and one Indonesian);
- the share of real events told more than once whose merged record (the one holding most
  of their reports) has the right type, actors, place (within ``PLACE_KM``) and date;
- recall over the pairs whose two reports were both extracted right (``recall_extracted``:
  an event of the real one's sub-event type, country and actors, within ``EXTRACTED_KM``),
  which tells merging apart from extraction.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundfacts.records import Document, Event

if TYPE_CHECKING:
    from groundfacts.merge_across import MergeOptions
    from groundfacts.pipeline import Pipeline

PLACE_KM = 10.0
EXTRACTED_KM = 150.0
# Sub-event types whose two sides a record may give in either order.
_SYMMETRIC = frozenset({"Armed clash", "Mob violence", "Violent demonstration"})


@dataclass
class MergeEvalReport:
    docs: int = 0
    events: int = 0
    multi_events: int = 0
    docs_without_event: int = 0
    docs_with_gold_type: int = 0
    extracted: set[str] = field(default_factory=set)  # documents extracted right
    gold_pairs_extracted: int = 0
    hit_pairs_extracted: int = 0
    predicted_pairs: int = 0
    gold_pairs: int = 0
    hit_pairs: int = 0
    gold_pairs_by: Counter[str] = field(default_factory=Counter)
    hit_pairs_by: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)
    merged_events: int = 0
    false_pairs: list[dict[str, Any]] = field(default_factory=list)
    missed_pairs: list[dict[str, Any]] = field(default_factory=list)
    wrong_records: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        p = self.hit_pairs / self.predicted_pairs if self.predicted_pairs else 1.0
        r = self.hit_pairs / self.gold_pairs if self.gold_pairs else 1.0
        n = self.multi_events or 1

        def recall(kind: str) -> float:
            g = self.gold_pairs_by[kind]
            return round(self.hit_pairs_by[kind] / g, 4) if g else 1.0

        return {
            "pair_precision": round(p, 4),
            "pair_recall": round(r, 4),
            "pair_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "recall_same_language": recall("same"),
            "recall_cross_language": recall("cross"),
            "recall_extracted": round(self.hit_pairs_extracted / self.gold_pairs_extracted, 4)
            if self.gold_pairs_extracted
            else 1.0,
            "records_right": round(self.records["all"] / n, 4),
            "record_type": round(self.records["type"] / n, 4),
            "record_actors": round(self.records["actors"] / n, 4),
            "record_place": round(self.records["place"] / n, 4),
            "record_date": round(self.records["date"] / n, 4),
            "docs_with_gold_type": round(self.docs_with_gold_type / (self.docs or 1), 4),
            "docs": self.docs,
            "events": self.events,
            "merged_events": self.merged_events,
        }


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    from groundfacts.errors import BadInputError

    rows = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise BadInputError(f"{path}:{i}: not JSON ({exc})") from exc
    return rows


def events_path_for(reports: Path) -> Path:
    """The real events beside a reports file: ``x.jsonl`` -> ``x_events.jsonl``."""
    return reports.with_name(f"{reports.stem}_events{reports.suffix}")


def _actors_right(rec: Event, gold: dict[str, Any]) -> bool:
    from groundfacts.merge_across import actor_key

    want1, want2 = actor_key(gold["actor1"]), actor_key(gold.get("actor2", ""))
    got1, got2 = actor_key(rec.actor1), actor_key(rec.actor2)
    if (got1, got2) == (want1, want2):
        return True
    return rec.sub_event_type in _SYMMETRIC and (got2, got1) == (want1, want2)


def _extracted_right(e: Event, gold: dict[str, Any]) -> bool:
    """Whether extraction read a report of ``gold`` right enough for merging to be asked
    to join it: the type, the country, actors that do not contradict, a place near."""
    from groundfacts.merge_across import actor_key, km_between

    if e.sub_event_type != gold["sub_event_type"] or e.iso != gold.get("iso", e.iso):
        return False
    if e.latitude is None or e.longitude is None:
        return False
    if km_between(e.latitude, e.longitude, gold["latitude"], gold["longitude"]) > EXTRACTED_KM:
        return False
    a1, a2 = actor_key(e.actor1), actor_key(e.actor2)
    if a1 and a1 != actor_key(gold["actor1"]) and not a1.startswith("unidentified"):
        return False
    return not a2 or a2 == actor_key(gold.get("actor2", ""))


def _record_checks(rec: Event, gold: dict[str, Any]) -> dict[str, bool]:
    from groundfacts.merge_across import km_between

    place = (
        rec.latitude is not None
        and rec.longitude is not None
        and km_between(rec.latitude, rec.longitude, gold["latitude"], gold["longitude"]) <= PLACE_KM
    )
    return {
        "type": rec.sub_event_type == gold["sub_event_type"],
        "actors": _actors_right(rec, gold),
        "place": place,
        "date": rec.event_date == gold["event_date"],
    }


def evaluate_merge(
    reports: Path,
    pipeline: Pipeline,
    *,
    events: Path | None = None,
    options: MergeOptions | None = None,
    batch: int = 100,
    keep: int = 25,
) -> MergeEvalReport:
    """Ingest the reports into a fresh store (in deliveries of ``batch`` documents, merging
    after each), then score the merged events against the real ones."""
    from groundfacts.store import EventStore

    rows = _read_jsonl(reports)
    gold_events = {e["event"]: e for e in _read_jsonl(events or events_path_for(reports))}
    rows.sort(key=lambda r: (r.get("published") or "", r["id"]))
    docs = [
        Document(
            id=r["id"],
            text=r["text"],
            published=dt.date.fromisoformat(r["published"]) if r.get("published") else None,
            source=r.get("source"),
            country=r.get("country"),
        )
        for r in rows
    ]
    event_of = {r["id"]: r["event"] for r in rows}
    lang_of = {r["id"]: r.get("written_in", "") for r in rows}
    rep = MergeEvalReport(docs=len(docs), events=len(gold_events))
    with (
        tempfile.TemporaryDirectory(prefix="gf-merge-eval-") as tmp,
        EventStore(Path(tmp) / "merge.duckdb") as store,
    ):
        for first in range(0, len(docs), batch):
            results = list(pipeline.run(docs[first : first + batch]))
            for r in results:
                g = gold_events.get(event_of[r.doc.id], {})
                rep.docs_without_event += not r.events
                rep.docs_with_gold_type += any(
                    e.sub_event_type == g.get("sub_event_type") for e in r.events
                )
                if g and any(_extracted_right(e, g) for e in r.events):
                    rep.extracted.add(r.doc.id)
            store.add_results(results)
            store.merge_new(options)
        links = store.con.execute(
            "SELECT e.doc_id, l.merged_id FROM events e JOIN event_links l USING (event_id)"
        ).fetchall()
        merged = {row.event.event_id: row for row in store.merged_rows()}
    rep.merged_events = len(merged)
    docs_of: dict[str, set[str]] = defaultdict(set)
    clusters_of: dict[str, set[str]] = defaultdict(set)
    for doc_id, mid in links:
        docs_of[mid].add(doc_id)
        clusters_of[doc_id].add(mid)
    from groundfacts.merge_across import cluster_pairs

    predicted = cluster_pairs(docs_of.values())
    by_event: dict[str, list[str]] = defaultdict(list)
    for doc_id, key in sorted(event_of.items()):
        by_event[key].append(doc_id)
    gold_pairs = cluster_pairs(by_event.values())
    rep.predicted_pairs, rep.gold_pairs = len(predicted), len(gold_pairs)
    rep.hit_pairs = len(predicted & gold_pairs)
    for a, b in sorted(gold_pairs):
        kind = "same" if lang_of[a] == lang_of[b] else "cross"
        rep.gold_pairs_by[kind] += 1
        both = a in rep.extracted and b in rep.extracted
        rep.gold_pairs_extracted += both
        if (a, b) in predicted:
            rep.hit_pairs_by[kind] += 1
            rep.hit_pairs_extracted += both
        elif len(rep.missed_pairs) < keep:
            rep.missed_pairs.append({"a": a, "b": b, "event": event_of[a]})
    for a, b in sorted(predicted - gold_pairs)[:keep]:
        rep.false_pairs.append({"a": a, "b": b, "events": [event_of[a], event_of[b]]})
    for key, ids in sorted(by_event.items()):
        if len(ids) < 2 or key not in gold_events:
            continue
        rep.multi_events += 1
        held = Counter(mid for d in ids for mid in clusters_of.get(d, ()))
        if not held:
            continue
        mid = max(held, key=lambda m: (held[m], merged[m].reports if m in merged else 0, m))
        if mid not in merged:
            continue
        checks = _record_checks(merged[mid].event, gold_events[key])
        for name, ok in checks.items():
            rep.records[name] += ok
        if all(checks.values()):
            rep.records["all"] += 1
        elif len(rep.wrong_records) < keep:
            rec = merged[mid].event
            rep.wrong_records.append(
                {
                    "event": key,
                    "wrong": [n for n, ok in checks.items() if not ok],
                    "record": {
                        "sub_event_type": rec.sub_event_type,
                        "actor1": rec.actor1,
                        "actor2": rec.actor2,
                        "location": rec.location,
                        "event_date": rec.event_date,
                    },
                }
            )
    return rep
