"""Extraction verbs: extract, demo."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import (
    Paths,
    country_option,
    die,
    documents,
    lang_option,
    parse_date,
    run_pipeline,
    run_summary,
)
from groundfacts.errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_PARTIAL, GroundfactsError

if TYPE_CHECKING:
    from groundfacts.records import Event


@app.command()
def extract(
    paths: Paths = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    lang: Annotated[str, typer.Option(help="auto, en or id.")] = "auto",
    country: Annotated[
        str | None,
        typer.Option(
            help="Country the documents are about (ISO code, alpha-2 or alpha-3, or name)."
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="jsonl (default), csv, geojson, parquet or acled (ACLED's own export "
            "columns). With --workers the events are also written in this format to stdout.",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
    non_events: Annotated[
        bool,
        typer.Option("--non-events", help="Also list non-events (negated, future...) on stderr."),
    ] = False,
    non_events_out: Annotated[
        Path | None, typer.Option(help="Write non-events as JSONL to this file.")
    ] = None,
    drops: Annotated[
        bool, typer.Option(help="List dropped paragraphs and documents on stderr.")
    ] = False,
    skip_bad: Annotated[bool, typer.Option(help="Skip malformed JSONL lines and go on.")] = False,
    workers: Annotated[int, typer.Option(help="Run on a local Dask cluster of N workers.")] = 0,
    scheduler: Annotated[
        str | None, typer.Option(help="Address of an existing Dask scheduler, tcp://host:port.")
    ] = None,
    progress: Annotated[bool | None, typer.Option(help="Progress bar on stderr.")] = None,
) -> None:
    """Extract events from documents."""
    from groundfacts.ingest import InputError, ReadStats
    from groundfacts.pipeline import Pipeline
    from groundfacts.store.export import FORMATS, write_events

    if fmt is not None and fmt not in FORMATS:
        die(f"--format must be one of {', '.join(FORMATS)}", 2)
    pub = parse_date(published)
    language = lang_option(lang)
    country = country_option(country)
    inputs = paths or ["-"]
    if workers < 0:
        die("--workers must be 0 (one process) or more", 2)
    if fmt == "parquet" and out is None:
        die("--format parquet needs --out FILE", 2)
    if workers or scheduler:
        from groundfacts.scale import extract_distributed

        if out is None:
            die("--workers/--scheduler write partitioned Parquet: give --out DIR", 2)
        summary = extract_distributed(
            inputs,
            out,
            workers=workers or None,
            scheduler=scheduler,
            published=pub,
            lang=language,
            country=country,
            skip_bad=skip_bad,
            progress=progress,
        )
        _distributed_outputs(out, fmt, non_events_out)
        typer.echo(_distributed_summary(summary), err=True)
        if summary.get("failed_documents") or summary.get("bad_lines"):
            raise typer.Exit(EXIT_PARTIAL)
        return
    fmt = fmt or "jsonl"
    stats = ReadStats()
    pipe = Pipeline()
    failed = 0
    all_non: list[Any] = []

    def events() -> Iterator[Event]:
        nonlocal failed
        docs = documents(inputs, pub, language, skip_bad, stats, country)
        for r in run_pipeline(pipe, docs, progress, inputs):
            failed += bool(r.error)
            if drops:
                for d in r.drops:
                    typer.echo(f"drop\t{d.doc_id}\t{d.stage}\t{d.reason}\t{d.detail}", err=True)
            if non_events or non_events_out:
                all_non.extend(r.non_events)
            yield from r.events

    try:
        n = write_events(events(), fmt, out if out is not None else sys.stdout)
    except InputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    if non_events:
        for ne in all_non:
            typer.echo(
                f"non-event\t{ne.doc_id}\t{ne.sub_event_type}\t{ne.trigger!r}\t{ne.reason}",
                err=True,
            )
    if non_events_out:
        from groundfacts.store.export import atomic_text

        with atomic_text(non_events_out) as fh:
            for ne in all_non:
                fh.write(json.dumps(ne.to_dict(), ensure_ascii=False) + "\n")
    typer.echo(
        run_summary(
            pipe.stats.documents,
            pipe.stats.sentences,
            n,
            pipe.stats.non_events,
            dict(pipe.stats.skipped),
            stats.bad_lines,
            failed,
        ),
        err=True,
    )
    if failed or stats.bad_lines or stats.skipped_files or stats.skipped_documents:
        raise typer.Exit(EXIT_PARTIAL)


def _distributed_outputs(out: Path, fmt: str | None, non_events_out: Path | None) -> None:
    """What a distributed run writes besides its partitions: the events in ``--format`` on
    stdout (when asked for; the partitions are the Parquet) and the non-events."""
    from groundfacts.scale import read_events
    from groundfacts.scale.partitions import read_non_events
    from groundfacts.store.export import atomic_text, write_events

    if fmt is not None and fmt != "parquet":
        from groundfacts.records import Event

        rows = read_events(out).to_pylist()
        write_events(
            (
                Event.from_dict(
                    {k: ("" if v is None and k == "evidence" else v) for k, v in r.items()}
                )
                for r in rows
            ),
            fmt,
            sys.stdout,
        )
    if non_events_out is not None:
        with atomic_text(non_events_out) as fh:
            for line in read_non_events(out):
                fh.write(line + "\n")


def _distributed_summary(summary: dict[str, Any]) -> str:
    """The closing line of a distributed run, as a sentence."""
    line = run_summary(
        summary.get("documents", 0),
        summary.get("sentences", 0),
        summary.get("events", 0),
        summary.get("non_events", 0),
        {"not extracted": summary.get("skipped_documents", 0)},
        summary.get("bad_lines", 0),
        summary.get("failed_documents", 0),
    )
    parts = summary.get("partitions", 0)
    resumed = summary.get("resumed", 0)
    return (
        f"{line[:-1]} in {parts} partition{'s' if parts != 1 else ''}"
        + (f" ({resumed} resumed from an earlier run)" if resumed else "")
        + f" on {summary.get('workers', 0)} workers, {summary.get('seconds', 0)} s;"
        f" written to {summary.get('out', '')}."
    )


def _event_lines(evs: list[Event]) -> str:
    """Events as aligned lines a person reads: date, type, who on whom, where, deaths."""
    lines = [
        (
            ev.event_date or "(undated)",
            ev.sub_event_type,
            f"{ev.actor1 or '?'} -> {ev.actor2 or '-'}",
            f"{ev.location or '?'} ({ev.fatalities} killed)",
        )
        for ev in evs
    ]
    widths = [max((len(line[i]) for line in lines), default=0) for i in range(3)]
    return "\n".join(
        "  ".join([*(line[i].ljust(widths[i]) for i in range(3)), line[3]]) for line in lines
    )


@app.command()
def demo(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="jsonl, csv or geojson on stdout (the dyads then go to stderr); by default a "
            "table on a terminal, JSONL otherwise.",
        ),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(help="Also store the articles and their events here (for serve)."),
    ] = None,
) -> None:
    """Run the whole path on the bundled sample articles; print the events and the dyads.
    With --db the events go to the store and a line each is printed instead."""
    if fmt is not None and fmt not in ("jsonl", "csv", "geojson"):
        die("--format must be jsonl, csv or geojson", 2)
    from importlib import resources

    from groundfacts.analyse.dyads import dyads as count_dyads
    from groundfacts.analyse.dyads import format_table
    from groundfacts.ingest import read_documents
    from groundfacts.pipeline import Pipeline
    from groundfacts.store.export import write_events

    sample = resources.files("groundfacts.samples").joinpath("demo.jsonl")
    with resources.as_file(sample) as p:
        docs = list(read_documents([str(p)]))
    pipe = Pipeline()
    evs: list[Event] = []
    results = []
    for r in pipe.run(docs):
        results.append(r)
        evs.extend(r.events)
        typer.echo(
            f"# {r.doc.id} ({r.language}): {len(r.events)} events, {len(r.non_events)} non-events",
            err=True,
        )
        for ne in r.non_events:
            typer.echo(f"#   not an event: {ne.trigger!r} ({ne.reason})", err=True)
    # data formats keep stdout parseable: the dyads go to stderr beside them
    table = db is not None or (fmt is None and sys.stdout.isatty())
    if db is None and not table:
        write_events(evs, fmt or "jsonl", sys.stdout)
    else:
        typer.echo(_event_lines(evs))
    if db is not None:
        from groundfacts.store import EventStore

        try:
            from groundfacts.store.merged import stored_merge_options

            with EventStore(db) as store:
                added_docs, added = store.add_results(results)
                store.merge_new(stored_merge_options(store))  # as ingest does
                held = store.counts()["events"]
        except GroundfactsError as exc:
            die(str(exc), EXIT_FAILURE)
        typer.echo(
            f"# stored {added_docs} documents and {added} events in {db} ({held} events "
            f"there); see them on a map: groundfacts serve --db {db}",
            err=True,
        )
    typer.echo("", err=not table)
    typer.echo(format_table(count_dyads(evs)), err=not table)
