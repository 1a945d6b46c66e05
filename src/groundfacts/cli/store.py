"""Store verbs: ingest, events, and the store group (check, migrate); merging lives in
cli/merge.py."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from groundfacts.cli.app import app, store_app
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
    from groundfacts.records import DocResult, Document

Wait = Annotated[
    float,
    typer.Option(help="Seconds to keep trying while another process holds the store."),
]


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
    wait: Wait = 60.0,
    no_merge: Annotated[
        bool,
        typer.Option(
            "--no-merge", help="Do not merge reports of one event across documents (see merge)."
        ),
    ] = False,
) -> None:
    """Extract events into a DuckDB store; documents already stored are not added again
    (a known text from another source gets that source recorded). After each batch the new
    events are merged with the stored ones: reports of one real event from several documents
    become one merged event (see events --merged). Killed and run again, it goes on where it
    stopped."""
    from groundfacts.ingest import InputError, ReadStats
    from groundfacts.pipeline import Pipeline
    from groundfacts.store.ingest import ingest_documents

    country = country_option(country)
    if batch < 1:
        die("--batch must be 1 or more", 2)
    stats = ReadStats()
    pipe = Pipeline()

    def process(docs: list[Document]) -> Iterator[DocResult]:
        return run_pipeline(pipe, docs, progress)

    try:
        docs = documents(
            paths or ["-"], parse_date(published), lang_option(lang), skip_bad, stats, country
        )
        summary = ingest_documents(docs, db, process, batch=batch, wait=wait, merge=not no_merge)
    except InputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    if summary.migrated_from is not None:
        typer.echo(f"store migrated from schema version {summary.migrated_from}", err=True)
    totals = summary.totals
    known = f"; {summary.already_stored} were stored already" if summary.already_stored else ""
    merged = f", {totals['merged_events']} merged events" if "merged_events" in totals else ""
    typer.echo(
        f"added {summary.documents_added} documents and {summary.events_added} events; "
        f"store holds {totals['documents']} documents, {totals['events']} events{merged}{known}",
        err=True,
    )
    if summary.failed or stats.bad_lines or stats.skipped_files or stats.skipped_documents:
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
    wait: Wait = 60.0,
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
        with EventStore(db, read_only=True, wait=wait) as store:
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


@store_app.command("check")
def store_check(
    db: Annotated[Path, typer.Option(help="DuckDB file.")] = Path("groundfacts.duckdb"),
    as_json: Annotated[bool, typer.Option("--json", help="The report as JSON on stdout.")] = False,
    wait: Wait = 60.0,
) -> None:
    """Verify a store: schema version, counts, ids and evidence references, readable pages.
    Exit 0 when sound, 1 with what is wrong."""
    import json

    from groundfacts.store.check import check_store

    try:
        report = check_store(db, wait=wait)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in report.counts.items())
    if report.ok:
        typer.echo(f"ok: {db} (schema version {report.schema_version}): {counts}", err=True)
        return
    typer.echo(f"{db}: {len(report.problems)} kinds of fault ({counts})", err=True)
    for p in report.problems:
        typer.echo(f"  {p}", err=True)
    raise typer.Exit(EXIT_FAILURE)


@store_app.command("migrate")
def store_migrate(
    db: Annotated[Path, typer.Option(help="DuckDB file.")] = Path("groundfacts.duckdb"),
    wait: Wait = 60.0,
) -> None:
    """Bring a store made by an earlier version to the current schema, in one transaction
    (ingest does this by itself; read-only verbs ask for it)."""
    from groundfacts.store import EventStore
    from groundfacts.store.schema import SCHEMA_VERSION

    if not db.exists():
        die(f"no store at {db}", EXIT_FAILURE)
    try:
        with EventStore(db, wait=wait) as store:
            before = store.migrated_from
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    if before is None:
        typer.echo(f"{db} is at schema version {SCHEMA_VERSION} already", err=True)
    else:
        typer.echo(f"{db}: migrated from schema version {before} to {SCHEMA_VERSION}", err=True)
