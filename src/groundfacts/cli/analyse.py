"""Analysis verbs: check (claims), compare (with a gold dataset), trends, hotspots."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import (
    country_option,
    die,
    event_filter,
    open_input,
    open_store,
    parse_date,
    warn,
)
from groundfacts.errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_PARTIAL, GroundfactsError

VIEW_FORMATS = ("table", "json", "csv")

Db = Annotated[Path, typer.Option(help="DuckDB file.")]
Since = Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")]
Country = Annotated[
    str | None, typer.Option(help="Country: ISO code (alpha-2 or alpha-3) or name.")
]
Actor = Annotated[str | None, typer.Option(help="Part of an actor's name.")]
EventType = Annotated[str | None, typer.Option(help="ACLED event type.")]
SubEventType = Annotated[str | None, typer.Option(help="ACLED sub-event type.")]
Merged = Annotated[bool, typer.Option(help="Count merged events (one per real event).")]
ViewFormat = Annotated[str, typer.Option("--format", help="table, json (JSON lines) or csv.")]

_DB = Path("groundfacts.duckdb")


def write_rows(rows: Sequence[Any], fmt: str, table: Any) -> None:
    """Rows with ``to_dict()`` as JSON lines, CSV (lists as JSON text) or ``table(rows)``."""
    if fmt not in VIEW_FORMATS:
        die(f"--format must be one of {', '.join(VIEW_FORMATS)}", 2)
    if fmt == "json":
        for r in rows:
            typer.echo(json.dumps(r.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        dicts = [r.to_dict() for r in rows]
        if not dicts:
            return
        w = csv.DictWriter(sys.stdout, fieldnames=list(dicts[0]), lineterminator="\n")
        w.writeheader()
        for d in dicts:
            w.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                    for k, v in d.items()
                }
            )
    else:
        typer.echo(table(rows))


# ---- check ----------------------------------------------------------------------------------


@app.command()
def check(
    claim: Annotated[str | None, typer.Argument(help="A claim in English or Indonesian.")] = None,
    db: Db = _DB,
    claims: Annotated[
        str | None,
        typer.Option(help='JSONL of {"id", "claim", "since"?, "until"?, "country"?}; - for stdin.'),
    ] = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    lang: Annotated[
        str | None, typer.Option(help="The claims' language (default: detected).")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Only events from this source (e.g. ACLED).")
    ] = None,
    merged: Merged = False,
    fmt: Annotated[str, typer.Option("--format", help="json or text.")] = "json",
) -> None:
    """Check a claim against the record: supported, not-found, contradicted, consistent or
    unparsed, with the evidence and an explanation in the claim's language."""
    from groundfacts.analyse.claim_lines import ClaimLine
    from groundfacts.analyse.claims import ClaimChecker

    if fmt not in ("json", "text"):
        die("--format must be json or text", 2)
    if (claim is None) == (claims is None):
        die("give one claim, or --claims FILE", 2)
    flags = (parse_date(since, "--since"), parse_date(until, "--until"), country_option(country))
    store = open_store(db)
    bad = 0

    def skip(exc: Exception) -> None:
        nonlocal bad
        bad += 1
        warn(str(exc))

    with store:
        checker = ClaimChecker(store, merged=merged, source=source)
        if claim is not None:
            items: Iterable[ClaimLine] = [ClaimLine(id="", claim=claim)]
        else:
            items = _claims_file(claims or "-", skip)
        for item in items:
            result = checker.check(
                item.claim,
                since=flags[0] or item.since,
                until=flags[1] or item.until,
                country=flags[2] or item.country,
                lang=lang or item.lang,
            )
            if fmt == "text":
                head = f"[{item.id}] " if claim is None else ""
                typer.echo(f"{head}{result.verdict}: {result.explanation}")
                continue
            out = result.to_dict()
            if claim is None:
                out = {"id": item.id, **out}
            typer.echo(json.dumps(out, ensure_ascii=False))
    if bad:
        raise typer.Exit(EXIT_PARTIAL)


def _claims_file(path: str, on_bad: Callable[[Exception], None]) -> Iterator[Any]:
    """The claims of a JSONL file ("-": stdin); a bad line goes to ``on_bad``."""
    from groundfacts.analyse.claim_lines import read_claim_lines

    with open_input(path) as fh:
        yield from read_claim_lines(fh, path, on_bad=on_bad)


# ---- compare --------------------------------------------------------------------------------


@app.command()
def compare(
    db: Db = _DB,
    gold: Annotated[Path, typer.Option(help="Gold dataset: an ACLED export (CSV).")] = Path(
        "acled.csv"
    ),
    country: Country = None,
    since: Since = None,
    until: Until = None,
    days: Annotated[int, typer.Option(help="Dates at most this many days apart match.")] = 2,
    km: Annotated[float, typer.Option(help="Places at most this many km apart match.")] = 25.0,
    merged: Merged = False,
    missed: Annotated[
        Path | None, typer.Option(help="Write the gold events nothing matched here (CSV).")
    ] = None,
    unmatched: Annotated[
        Path | None, typer.Option(help="Write the extracted events matching no gold here (CSV).")
    ] = None,
    fmt: ViewFormat = "table",
) -> None:
    """How the extracted events agree with a gold dataset: one-to-one matches by date window,
    distance and event type; recall and precision per event type, sub-event type, admin1."""
    from groundfacts.analyse.compare import CompareOptions, compare_store
    from groundfacts.store.acled_format import AcledFileError
    from groundfacts.store.acled_import import acled_events
    from groundfacts.store.export import write_events

    if days < 0 or km < 0:
        die("--days and --km must be 0 or more", 2)
    flt = event_filter(since, until, country)
    try:
        gold_events = acled_events(gold)
    except AcledFileError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    with open_store(db) as store:
        result = compare_store(
            store, gold_events, flt, CompareOptions(days=days, km=km), merged=merged
        )
    try:
        if missed is not None:
            write_events(result.missed, "csv", missed)
        if unmatched is not None:
            write_events(result.unmatched, "csv", unmatched)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["group", *result.total.to_dict()])
        for group, r in _compare_rows(result):
            w.writerow([group, *r.to_dict().values()])
        return
    if fmt != "table":
        die(f"--format must be one of {', '.join(VIEW_FORMATS)}", 2)
    typer.echo(compare_table(result))


def _compare_rows(result: Any) -> list[tuple[str, Any]]:
    return [
        ("total", result.total),
        *(("event type", r) for r in result.by_event_type),
        *(("sub-event type", r) for r in result.by_sub_event_type),
        *(("admin1", r) for r in result.by_admin1),
    ]


def compare_table(result: Any) -> str:
    """A comparison as an aligned table: one line per group, recall and precision in %."""
    from groundfacts.analyse.dyads import align

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{100 * v:.1f}%"

    body = [
        (g, r.key or "(none)", str(r.gold), str(r.extracted), pct(r.recall), pct(r.precision))
        for g, r in _compare_rows(result)
    ]
    head = ("group", "key", "gold", "extracted", "recall", "precision")
    return align(head, body, numeric=4)


# ---- trends, hotspots -----------------------------------------------------------------------


@app.command()
def trends(
    db: Db = _DB,
    every: Annotated[str, typer.Option("--per", help="week, month or year.")] = "month",
    by: Annotated[
        str,
        typer.Option(help="event_type, sub_event_type, actor, admin1, country or none."),
    ] = "event_type",
    since: Since = None,
    until: Until = None,
    country: Country = None,
    actor: Actor = None,
    event_type: EventType = None,
    sub_event_type: SubEventType = None,
    merged: Merged = False,
    fmt: ViewFormat = "table",
) -> None:
    """Events and fatalities per week or month, by event type, actor or admin1."""
    from groundfacts.analyse.dyads import align
    from groundfacts.analyse.trends import trends as trend_view

    flt = event_filter(since, until, country, actor, event_type, sub_event_type)
    with open_store(db) as store:
        try:
            rows = trend_view(store, flt, by=by, every=every, merged=merged)
        except ValueError as exc:
            die(str(exc), 2)

    def table(rs: list[Any]) -> str:
        body = [(r.period, r.key or "-", str(r.events), str(r.fatalities)) for r in rs]
        return align(("period", by, "events", "fatalities"), body, numeric=2)

    write_rows(rows, fmt, table)


@app.command()
def hotspots(
    db: Db = _DB,
    by: Annotated[str, typer.Option(help="admin1, admin2 or grid.")] = "admin1",
    cell_km: Annotated[float, typer.Option(help="Grid cell size in km (with --by grid).")] = 50.0,
    top: Annotated[int, typer.Option(help="Top actors listed per area.")] = 3,
    limit: Annotated[int | None, typer.Option(help="At most this many areas.")] = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    actor: Actor = None,
    event_type: EventType = None,
    sub_event_type: SubEventType = None,
    merged: Merged = False,
    fmt: ViewFormat = "table",
) -> None:
    """Where events and fatalities concentrate: per admin1, admin2 or grid cell, with the
    top actors of each."""
    from groundfacts.analyse.dyads import align
    from groundfacts.analyse.hotspots import hotspots as hotspot_view

    if top < 0 or (limit is not None and limit < 1):
        die("--top must be 0 or more and --limit 1 or more", 2)
    flt = event_filter(since, until, country, actor, event_type, sub_event_type)
    with open_store(db) as store:
        try:
            rows = hotspot_view(
                store, flt, by=by, cell_km=cell_km, top=top, limit=limit, merged=merged
            )
        except ValueError as exc:
            die(str(exc), 2)

    def table(rs: list[Any]) -> str:
        body = [
            (
                r.area or "-",
                r.country or "-",
                "; ".join(f"{a} ({n})" for a, n in r.top_actors),
                str(r.events),
                str(r.fatalities),
            )
            for r in rs
        ]
        return align(("area", "country", "top actors", "events", "fatalities"), body, numeric=2)

    write_rows(rows, fmt, table)
