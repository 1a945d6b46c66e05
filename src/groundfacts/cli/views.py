"""Views over events: dyads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import read_event_file


@app.command()
def dyads(
    path: Annotated[
        str | None, typer.Argument(help="Events file (JSONL or CSV); - for stdin.")
    ] = None,
    db: Annotated[Path | None, typer.Option(help="Read events from this DuckDB store.")] = None,
    sub_types: Annotated[bool, typer.Option(help="Count by sub-event type.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSONL instead of a table.")] = False,
) -> None:
    """Who acts on whom: counts by actor1 -> actor2 and event type."""
    from groundfacts.analyse.dyads import dyads as count_dyads
    from groundfacts.analyse.dyads import format_table

    if db is not None:
        from groundfacts.store import EventStore

        with EventStore(db, read_only=True) as store:
            rows = count_dyads(store.events(), by_sub_type=sub_types)
    else:
        rows = count_dyads(read_event_file(path or "-"), by_sub_type=sub_types)
    if as_json:
        for d in rows:
            typer.echo(
                json.dumps(
                    {
                        "actor1": d.actor1,
                        "actor2": d.actor2,
                        "event_type": d.event_type,
                        "events": d.events,
                        "fatalities": d.fatalities,
                    }
                )
            )
    else:
        typer.echo(format_table(rows))
