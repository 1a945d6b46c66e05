"""Store verbs: ingest, events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import (
    Paths,
    die,
    documents,
    event_filter,
    lang_option,
    parse_date,
    run_pipeline,
)
from groundfacts.errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_PARTIAL, GroundfactsError

if TYPE_CHECKING:
    from groundfacts.records import DocResult


@app.command()
def ingest(
    paths: Paths = None,
    db: Annotated[Path, typer.Option(help="DuckDB file (created if missing).")] = Path(
        "groundfacts.duckdb"
    ),
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    lang: Annotated[str, typer.Option(help="auto, en or id.")] = "auto",
    country: Annotated[
        str | None,
        typer.Option(help="Country the documents are about (ISO2 or name), when known."),
    ] = None,
    skip_bad: Annotated[bool, typer.Option(help="Skip malformed JSONL lines and go on.")] = False,
    batch: Annotated[int, typer.Option(help="Documents per transaction.")] = 500,
    progress: Annotated[bool | None, typer.Option(help="Progress bar on stderr.")] = None,
) -> None:
    """Extract events into a DuckDB store; documents already stored are not added again."""
    from groundfacts.ingest import InputError, ReadStats
    from groundfacts.pipeline import Pipeline
    from groundfacts.store import EventStore

    stats = ReadStats()
    pipe = Pipeline()
    added_docs = added_events = failed = 0
    try:
        with EventStore(db) as store:
            pending: list[DocResult] = []
            docs = documents(
                paths or ["-"], parse_date(published), lang_option(lang), skip_bad, stats
            )
            for r in run_pipeline(pipe, docs, progress):
                failed += bool(r.error)
                pending.append(r)
                if len(pending) >= batch:
                    d, e = store.add_results(pending)
                    added_docs, added_events, pending = added_docs + d, added_events + e, []
            d, e = store.add_results(pending)
            added_docs += d
            added_events += e
            totals = store.counts()
    except InputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    typer.echo(
        f"added {added_docs} documents and {added_events} events; store holds "
        f"{totals['documents']} documents, {totals['events']} events",
        err=True,
    )
    if failed or stats.bad_lines or stats.skipped_files or stats.skipped_documents:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def events(
    db: Annotated[Path, typer.Option(help="DuckDB file.")] = Path("groundfacts.duckdb"),
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, typer.Option(help="Country name or ISO2 code.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name.")] = None,
    event_type: Annotated[str | None, typer.Option(help="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, typer.Option(help="ACLED sub-event type.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="jsonl, csv, geojson, parquet or acled (ACLED's own export columns)."
        ),
    ] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
) -> None:
    """Query the store."""
    from groundfacts.store import EventStore, write_events

    if limit is not None and limit < 1:
        die("--limit must be 1 or more", 2)
    if fmt == "parquet" and out is None:
        die("--format parquet needs --out FILE", 2)

    flt = event_filter(since, until, country, actor, event_type, sub_event_type)
    flt.limit = limit
    try:
        with EventStore(db, read_only=True) as store:
            write_events(store.events(flt), fmt, out if out is not None else sys.stdout)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
