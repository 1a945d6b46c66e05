"""Read-only questions the service asks the store, beyond the store's own methods.

Every value reaches DuckDB as a bound parameter; only column names chosen here are ever
written into SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from groundfacts.records import Event
from groundfacts.store.duckdb_store import EventFilter, EventStore


@dataclass(slots=True)
class ServiceFilter(EventFilter):
    """The store's filter plus the two the API adds: first-level unit, words in the notes."""

    admin1: str | None = None
    text: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        sql, params = EventFilter.where(self)
        clauses = [sql.removeprefix(" WHERE ")] if sql else []
        if self.admin1:
            clauses.append("lower(admin1) = lower(?)")
            params.append(self.admin1)
        if self.text:
            # the user's words match literally: LIKE's wildcards in them are escaped
            clauses.append("notes ILIKE ? ESCAPE '\\'")
            params.append("%" + _escape_like(self.text) + "%")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def weekly(store: EventStore, flt: EventFilter) -> list[dict[str, Any]]:
    """Events and fatalities per ISO week (its Monday) and event type, for the timeline."""
    where, params = flt.where()
    dated = "TRY_CAST(event_date AS DATE) IS NOT NULL"
    where = f"{where} AND {dated}" if where else f" WHERE {dated}"
    rows = store.con.execute(
        "SELECT strftime(date_trunc('week', CAST(event_date AS DATE)), '%Y-%m-%d') AS week, "
        "event_type, count(*), sum(fatalities) "
        f"FROM events{where} GROUP BY week, event_type ORDER BY week, event_type",
        params,
    ).fetchall()
    return [
        {"week": w, "event_type": t, "events": int(n), "fatalities": int(f or 0)}
        for w, t, n, f in rows
    ]


def facets(store: EventStore) -> dict[str, list[dict[str, Any]]]:
    """The values the page's filters offer: countries and event types with their counts."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, col in (("countries", "country"), ("event_types", "event_type")):
        rows = store.con.execute(
            f"SELECT {col}, count(*) FROM events WHERE {col} <> '' "
            f"GROUP BY {col} ORDER BY count(*) DESC, {col}"
        ).fetchall()
        out[name] = [{"value": v, "events": int(n)} for v, n in rows]
    row = store.con.execute(
        "SELECT min(event_date), max(event_date) FROM events WHERE event_date <> ''"
    ).fetchone()
    out["dates"] = [{"first": row[0] if row else None, "last": row[1] if row else None}]
    return out


def highlighted(ev: Event, texts: dict[str, str | None]) -> list[dict[str, Any]]:
    """Each piece of evidence with its sentence and the spans to highlight in it
    (offsets within the sentence). ``texts`` maps a doc_id to its stored text.

    Offsets are checked against the text before use: a store without texts, or a document
    cut into pieces, falls back to finding the trigger in the event's notes.
    """
    out = []
    for e in ev.evidence:
        text = texts.get(e.doc_id)
        item: dict[str, Any] = e.to_dict()
        sentence, spans = None, []
        ss, se = e.sentence_start, e.sentence_end
        if text and ss is not None and se is not None and text[e.start : e.end] == e.trigger:
            sentence = text[ss:se]
            for kind, a, b in (
                ("trigger", e.start, e.end),
                ("actor1", e.actor1_start, e.actor1_end),
                ("actor2", e.actor2_start, e.actor2_end),
            ):
                if a is not None and b is not None and ss <= a < b <= se:
                    spans.append({"kind": kind, "start": a - ss, "end": b - ss})
        if sentence is None:
            sentence = ev.notes
            at = sentence.lower().find(e.trigger.lower()) if e.trigger else -1
            if at >= 0:
                spans.append({"kind": "trigger", "start": at, "end": at + len(e.trigger)})
        item["sentence_text"] = sentence
        item["spans"] = sorted(spans, key=lambda s: (s["start"], s["end"]))
        out.append(item)
    return out
