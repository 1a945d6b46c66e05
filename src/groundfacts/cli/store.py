"""Store verbs: ingest, events (merging lives in cli/merge.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import (
    Paths,
    country_option,
    die,
    documents,
    event_filter,
    lang_option,
    parse_date,
    run_pipeline,
    warn,
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
    no_merge: Annotated[
        bool,
        typer.Option(
            "--no-merge", help="Do not merge reports of one event across documents (see merge)."
        ),
    ] = False,
) -> None:
    """Extract events into a DuckDB store; documents already stored are not added again.
    After each batch the new events are merged with the stored ones: reports of one real
    event from several documents become one merged event (see events --merged)."""
    from groundfacts.ingest import InputError, ReadStats
    from groundfacts.pipeline import Pipeline
    from groundfacts.store import EventStore
    from groundfacts.store.merged import stored_merge_options

    country = country_option(country)
    stats = ReadStats()
    pipe = Pipeline()
    added_docs = added_events = failed = linked = 0
    try:
        with EventStore(db) as store:
            options = None if no_merge else stored_merge_options(store)

            def save(results: list[DocResult]) -> tuple[int, int]:
                nonlocal linked
                added = store.add_results(results)
                if options is not None:
                    linked += store.merge_new(options)[0]
                return added

            pending: list[DocResult] = []
            inputs = paths or ["-"]
            docs = documents(
                inputs, parse_date(published), lang_option(lang), skip_bad, stats, country
            )
            for r in run_pipeline(pipe, docs, progress, inputs):
                failed += bool(r.error)
                pending.append(r)
                if len(pending) >= batch:
                    d, e = save(pending)
                    added_docs, added_events, pending = added_docs + d, added_events + e, []
            d, e = save(pending)
            added_docs += d
            added_events += e
            totals = store.counts()
            totals["merged_events"] = store.count(merged=True)
    except InputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    merged = f", {totals['merged_events']} merged events" if not no_merge else ""
    typer.echo(
        f"added {added_docs} documents and {added_events} events; store holds "
        f"{totals['documents']} documents, {totals['events']} events{merged}",
        err=True,
    )
    if failed or stats.bad_lines or stats.skipped_files or stats.skipped_documents:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def events(
    db: Annotated[Path, typer.Option(help="DuckDB file.")] = Path("groundfacts.duckdb"),
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")] = None,
    country: Annotated[
        str | None, typer.Option(help="Country: ISO code (alpha-2 or alpha-3) or name.")
    ] = None,
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
    merged: Annotated[
        bool,
        typer.Option(
            "--merged",
            help="One row per real event (reports of it merged), with reports, doc_ids, sources.",
        ),
    ] = False,
    min_reports: Annotated[
        int, typer.Option(help="With --merged: only events told by at least this many documents.")
    ] = 1,
) -> None:
    """Query the store: per-document events, or with --merged one row per real event."""
    from groundfacts.store import EventStore, write_events
    from groundfacts.store.export import write_rows
    from groundfacts.store.merged import MERGED_EXTRA

    if limit is not None and limit < 1:
        die("--limit must be 1 or more", 2)
    if fmt == "parquet" and out is None:
        die("--format parquet needs --out FILE", 2)

    flt = event_filter(since, until, country, actor, event_type, sub_event_type)
    flt.limit = limit
    if min_reports < 1:
        die("--min-reports must be 1 or more", 2)
    target = out if out is not None else sys.stdout
    try:
        with EventStore(db, read_only=True) as store:
            if not merged:
                write_events(store.events(flt), fmt, target)
                return
            pending = store.unmerged_count()
            if pending:
                warn(f"{pending} events are not merged yet: run groundfacts merge --db {db}")
            rows = store.merged_rows(flt, min_reports=min_reports)
            write_rows(((r.event, r.extra()) for r in rows), fmt, target, MERGED_EXTRA)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
