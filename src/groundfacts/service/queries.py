"""Read-only questions the service asks the store, beyond the store's own methods.

Every value reaches DuckDB as a bound parameter; only column names chosen here are ever
written into SQL text.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from groundfacts.records import Event
from groundfacts.store.duckdb_store import EventFilter, EventStore


@dataclass(slots=True)
class ServiceFilter(EventFilter):
    """The store's filter plus the two the API adds: first-level unit, words in the notes.

    ``countries``/``isos``, when set, are the stored spellings that ``country`` matches
    (see :class:`CountryIndex`): the same events as the store's case-insensitive test, found
    by exact comparison on one column, which the database does several times faster."""

    admin1: str | None = None
    text: str | None = None
    merged: bool = False  # one row per real event (the store's merged events)
    countries: tuple[str, ...] | None = None
    isos: tuple[str, ...] = ()

    def where(self) -> tuple[str, list[Any]]:
        if self.countries is None or not self.country:
            sql, params = EventFilter.where(self)
        else:
            rest = EventFilter(
                self.since, self.until, None, self.actor, self.event_type, self.sub_event_type
            )
            sql, params = rest.where()
        clauses = [sql.removeprefix(" WHERE ")] if sql else []
        if self.countries is not None and self.country:
            tests = []
            for column, values in (("country", self.countries), ("iso", self.isos)):
                if values:
                    tests.append(f"{column} IN ({', '.join('?' * len(values))})")
                    params.extend(values)
            clauses.append("(" + " OR ".join(tests) + ")" if tests else "FALSE")
        if self.admin1:
            clauses.append("lower(admin1) = lower(?)")
            params.append(self.admin1)
        if self.text:
            # the user's words match literally: LIKE's wildcards in them are escaped
            clauses.append("notes ILIKE ? ESCAPE '\\'")
            params.append("%" + _escape_like(self.text) + "%")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class CountryIndex:
    """The country names and ISO codes a store holds, read again when its events change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen = -1
        self._names: dict[str, tuple[str, ...]] = {}
        self._isos: dict[str, tuple[str, ...]] = {}

    def resolve(self, store: EventStore, flt: ServiceFilter) -> ServiceFilter:
        """``flt`` with the stored spellings its country matches filled in."""
        if not flt.country:
            return flt
        row = store.con.execute("SELECT count(*) FROM events").fetchone()
        n = int(row[0]) if row else 0
        with self._lock:
            if n != self._seen:
                names: dict[str, list[str]] = {}
                isos: dict[str, list[str]] = {}
                for country, iso in store.con.execute(
                    "SELECT DISTINCT country, iso FROM events"
                ).fetchall():
                    if country is not None:
                        names.setdefault(country.lower(), []).append(country)
                    if iso is not None:
                        isos.setdefault(iso.upper(), []).append(iso)
                self._names = {k: tuple(sorted(set(v))) for k, v in names.items()}
                self._isos = {k: tuple(sorted(set(v))) for k, v in isos.items()}
                self._seen = n
            flt.countries = self._names.get(flt.country.lower(), ())
            flt.isos = self._isos.get(flt.country.upper(), ())
        return flt


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def weekly(store: EventStore, flt: ServiceFilter) -> list[dict[str, Any]]:
    """Events and fatalities per ISO week (its Monday) and event type, for the timeline."""
    from groundfacts.analyse.trends import trends

    return [
        {"week": r.start, "event_type": r.key, "events": r.events, "fatalities": r.fatalities}
        for r in trends(store, flt, by="event_type", every="week", merged=flt.merged)
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
        "SELECT min(event_date), max(event_date) FROM events WHERE event_date IS NOT NULL"
    ).fetchone()
    first, last = (row[0], row[1]) if row else (None, None)
    out["dates"] = [
        {
            "first": first.isoformat() if first is not None else None,
            "last": last.isoformat() if last is not None else None,
        }
    ]
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


def dyad_counts(
    store: EventStore, flt: ServiceFilter, *, by_sub_type: bool = False, limit: int = 50
) -> tuple[int, list[dict[str, Any]]]:
    """The first ``limit`` rows of ``groundfacts.analyse.dyads.store_dyads`` (same keys, same
    order) and how many there are, with the limit applied inside the database: the page asks
    for the top dyads on every change of filter, and a store of many actors holds hundreds of
    thousands of them (4x faster on 1,000,000 synthetic events than fetching them all)."""
    where, params = flt.where()
    kind = "sub_event_type" if by_sub_type else "event_type"
    grouped = (
        "SELECT coalesce(nullif(actor1, ''), '(unknown)') AS a1, "
        "coalesce(nullif(actor2, ''), '(none)') AS a2, "
        f"coalesce({kind}, '') AS kind, count(*) AS n, coalesce(sum(fatalities), 0) AS dead "
        f"FROM {'merged_events' if flt.merged else 'events'}{where} GROUP BY a1, a2, kind"
    )
    total = store.con.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()
    rows = store.con.execute(
        f"{grouped} ORDER BY n DESC, a1, a2, kind LIMIT ?", [*params, int(limit)]
    ).fetchall()
    return int(total[0]) if total else 0, [
        {"actor1": a1, "actor2": a2, "event_type": k, "events": int(n), "fatalities": int(d)}
        for a1, a2, k, n, d in rows
    ]
