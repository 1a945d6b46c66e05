"""Views over events: dyads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groundfacts.cli.analyse import (
    VIEW_FORMATS,
    Actor,
    Country,
    EventType,
    Merged,
    Since,
    SubEventType,
    Until,
    write_rows,
)
from groundfacts.cli.app import app
from groundfacts.cli.common import die, event_filter, open_store, read_event_file


@app.command()
def dyads(
    path: Annotated[
        str | None, typer.Argument(help="Events file (JSONL or CSV); - for stdin.")
    ] = None,
    db: Annotated[Path | None, typer.Option(help="Read events from this DuckDB store.")] = None,
    sub_types: Annotated[bool, typer.Option(help="Count by sub-event type.")] = False,
    by: Annotated[
        str | None, typer.Option(help="Also split by period: week, month or year.")
    ] = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    actor: Actor = None,
    event_type: EventType = None,
    sub_event_type: SubEventType = None,
    merged: Merged = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSONL instead of a table.")] = False,
    fmt: Annotated[
        str | None, typer.Option("--format", help="table, json (JSON lines) or csv.")
    ] = None,
) -> None:
    """Who acts on whom: counts by actor1 -> actor2 and event type (per period with --by)."""
    from groundfacts.analyse.dyads import dyads as count_dyads
    from groundfacts.analyse.dyads import format_table, store_dyads

    if by is not None and by not in ("week", "month", "year"):
        die("--by must be week, month or year", 2)
    if fmt is not None and fmt not in VIEW_FORMATS:
        die(f"--format must be one of {', '.join(VIEW_FORMATS)}", 2)
    if db is not None:
        flt = event_filter(since, until, country, actor, event_type, sub_event_type)
        with open_store(db) as store:
            rows = store_dyads(store, flt, by_sub_type=sub_types, by=by, merged=merged)
    else:
        if since or until or country or actor or event_type or sub_event_type or merged:
            die("the filters and --merged need --db", 2)
        rows = count_dyads(read_event_file(path or "-"), by_sub_type=sub_types, by=by)
    write_rows(rows, fmt or ("json" if as_json else "table"), format_table)
