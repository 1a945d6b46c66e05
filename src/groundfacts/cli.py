"""The command line: a thin typer layer over the library.

Data goes to stdout (or --out); progress, warnings and summaries go to stderr.
Exit codes: 0 success; 1 failure; 2 usage error; 3 bad input (unreadable file, malformed
JSONL line without --skip-bad); 4 partial success (some documents failed or were skipped
as bad; the rest were processed and written).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from groundfacts.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_PARTIAL,
    GroundfactsError,
)

if TYPE_CHECKING:
    from groundfacts.pipeline import Pipeline
    from groundfacts.records import DocResult, Document, Event

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="groundfacts: conflict reporting to geocoded, de-duplicated ACLED-style events.",
)
gazetteer_app = typer.Typer(no_args_is_help=True, help="The gazetteer: build, import, inspect.")
eval_app = typer.Typer(no_args_is_help=True, help="Score the extractor against gold data.")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(eval_app, name="eval")

Paths = Annotated[
    list[str] | None, typer.Argument(help="Text, HTML, JSONL files or directories; - for stdin.")
]


def _warn(msg: str) -> None:
    typer.echo(f"warning: {msg}", err=True)


def _die(msg: str, code: int) -> NoReturn:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(code)


def _parse_date(value: str | None, what: str = "--published") -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _die(f"{what} must be YYYY-MM-DD, got {value!r}", 2)


def _progress(items: Iterable[Any], *, desc: str, show: bool | None, unit: str = "doc") -> Any:
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True)


def _documents(
    paths: list[str],
    published: dt.date | None,
    lang: str | None,
    skip_bad: bool,
    stats: Any,
    country: str | None = None,
) -> Iterator[Document]:
    from groundfacts.ingest import read_documents

    for doc in read_documents(
        paths, published=published, lang=lang, skip_bad=skip_bad, on_warning=_warn, stats=stats
    ):
        if country and not doc.country:
            doc.country = country
        yield doc


def _run(pipe: Pipeline, docs: Iterable[Document], progress: bool | None) -> Iterator[DocResult]:
    for r in _progress(pipe.run(docs), desc="extract", show=progress):
        if r.error:
            _warn(f"{r.doc.origin or r.doc.id}: {r.error}")
        yield r


def _lang_option(lang: str) -> str | None:
    if lang not in ("auto", "en", "id", "ms"):
        _die(f"--lang must be auto, en or id, got {lang!r}", 2)
    return None if lang == "auto" else lang


@app.command()
def extract(
    paths: Paths = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    lang: Annotated[str, typer.Option(help="auto, en or id.")] = "auto",
    country: Annotated[
        str | None,
        typer.Option(help="Country the documents are about (ISO2 or name), when known."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, geojson or parquet.")] = "jsonl",
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

    if fmt not in FORMATS:
        _die(f"--format must be one of {', '.join(FORMATS)}", 2)
    pub = _parse_date(published)
    language = _lang_option(lang)
    inputs = paths or ["-"]
    if workers < 0:
        _die("--workers must be 0 (one process) or more", 2)
    if fmt == "parquet" and out is None:
        _die("--format parquet needs --out FILE", 2)
    if workers or scheduler:
        from groundfacts.scale import extract_distributed

        if out is None:
            _die("--workers/--scheduler write partitioned Parquet: give --out DIR", 2)
        summary = extract_distributed(
            inputs,
            out,
            workers=workers or None,
            scheduler=scheduler,
            published=pub,
            lang=language,
            skip_bad=skip_bad,
            progress=progress,
        )
        typer.echo(json.dumps(summary), err=True)
        return
    stats = ReadStats()
    pipe = Pipeline()
    failed = 0
    all_non: list[Any] = []

    def events() -> Iterator[Event]:
        nonlocal failed
        docs = _documents(inputs, pub, language, skip_bad, stats, country)
        for r in _run(pipe, docs, progress):
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
        _die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        _die(str(exc), EXIT_FAILURE)
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
    skipped = dict(pipe.stats.skipped)
    typer.echo(
        f"{pipe.stats.documents} documents, {pipe.stats.sentences} sentences, {n} events, "
        f"{pipe.stats.non_events} non-events"
        + (f", skipped {skipped}" if skipped else "")
        + (f", {stats.bad_lines} bad input lines" if getattr(stats, "bad_lines", 0) else ""),
        err=True,
    )
    if failed or stats.bad_lines or stats.skipped_files or stats.skipped_documents:
        raise typer.Exit(EXIT_PARTIAL)


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
            docs = _documents(
                paths or ["-"], _parse_date(published), _lang_option(lang), skip_bad, stats
            )
            for r in _run(pipe, docs, progress):
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
        _die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        _die(str(exc), EXIT_FAILURE)
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
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, geojson or parquet.")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
) -> None:
    """Query the store."""
    from groundfacts.store import EventStore, write_events
    from groundfacts.store.duckdb_store import EventFilter

    if limit is not None and limit < 1:
        _die("--limit must be 1 or more", 2)
    if fmt == "parquet" and out is None:
        _die("--format parquet needs --out FILE", 2)

    flt = EventFilter(
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        country=country,
        actor=actor,
        event_type=event_type,
        sub_event_type=sub_event_type,
        limit=limit,
    )
    try:
        with EventStore(db, read_only=True) as store:
            write_events(store.events(flt), fmt, out if out is not None else sys.stdout)
    except GroundfactsError as exc:
        _die(str(exc), EXIT_FAILURE)


def _open_input(path: str) -> Any:
    """Standard input for "-", else the file, or a clear error (exit 3) when it cannot be read."""
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        _die(f"{path}: {exc.strerror or exc}", EXIT_BAD_INPUT)


def _read_event_file(path: str) -> Iterator[Event]:
    from groundfacts.records import Event

    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except (OSError, ValueError) as exc:
            _die(f"{path}: cannot read Parquet ({exc})", EXIT_BAD_INPUT)
        for row in table.to_pylist():
            yield Event.from_dict(
                {k: ("" if v is None and k == "evidence" else v) for k, v in row.items()}
            )
        return
    fh = _open_input(path)
    with fh:
        if path.endswith(".csv"):
            import csv

            for row in csv.DictReader(fh):
                yield Event.from_dict(
                    {
                        k: v
                        for k, v in row.items()
                        if k in ("actor1", "actor2", "event_type", "sub_event_type", "fatalities")
                    }
                    | {"fatalities": int(row.get("fatalities") or 0)}
                )
            return
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield Event.from_dict(json.loads(line))
            except (ValueError, TypeError) as exc:
                _die(f"{path}:{i}: not an event record ({exc})", EXIT_BAD_INPUT)


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
        rows = count_dyads(_read_event_file(path or "-"), by_sub_type=sub_types)
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


@app.command()
def geocode(
    path: Annotated[
        str, typer.Argument(help="JSONL of {id, name, context?, country?}; - for stdin.")
    ] = "-",
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
) -> None:
    """Resolve toponyms the caller already found."""
    from groundfacts.geo import Gazetteer, geocode_records

    def records() -> Iterator[dict[str, Any]]:
        fh = _open_input(path)
        with fh:
            for i, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    _die(f"{path}:{i}: malformed JSON ({exc})", EXIT_BAD_INPUT)
                if not isinstance(rec, dict):
                    _die(f"{path}:{i}: expected a JSON object", EXIT_BAD_INPUT)
                yield rec

    gaz = Gazetteer.open()
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        for rec in geocode_records(records(), gaz):
            sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()


@app.command()
def demo(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or geojson.")] = "jsonl",
) -> None:
    """Run the whole path on the bundled sample articles; print the events and the dyads."""
    if fmt not in ("jsonl", "csv", "geojson"):
        _die("--format must be jsonl, csv or geojson", 2)
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
    for r in pipe.run(docs):
        evs.extend(r.events)
        typer.echo(
            f"# {r.doc.id} ({r.language}): {len(r.events)} events, {len(r.non_events)} non-events",
            err=True,
        )
        for ne in r.non_events:
            typer.echo(f"#   not an event: {ne.trigger!r} ({ne.reason})", err=True)
    write_events(evs, fmt, sys.stdout)
    typer.echo("")
    typer.echo(format_table(count_dyads(evs)))


@gazetteer_app.command("build")
def gazetteer_build(
    rebuild: Annotated[bool, typer.Option(help="Rebuild even if the index is current.")] = False,
) -> None:
    """Build the on-disk index from the bundled sources (done automatically on first use)."""
    from groundfacts.geo import Gazetteer, info

    Gazetteer.open(rebuild=rebuild)
    typer.echo(json.dumps(info(), default=str, indent=2))


@gazetteer_app.command("info")
def gazetteer_info() -> None:
    """What the gazetteer holds: sources, counts, index path and size."""
    from groundfacts.geo import info

    typer.echo(json.dumps(info(), default=str, indent=2))


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[list[Path], typer.Argument(help="GeoNames dump files (.txt or .zip).")],
) -> None:
    """Add GeoNames dump files (allCountries, a country file, alternateNamesV2) to the index."""
    from groundfacts.geo import import_files

    try:
        paths: list[str | Path] = list(files)
        report = import_files(paths)
    except GroundfactsError as exc:
        _die(str(exc), EXIT_FAILURE)
    typer.echo(json.dumps(report, default=str, indent=2))


@gazetteer_app.command("download")
def gazetteer_download(
    country: Annotated[str, typer.Argument(help="ISO2 country code, e.g. SY.")],
) -> None:
    """Fetch a country's GeoNames dump and import it (needs the internet)."""
    from groundfacts.geo import download

    try:
        report = download(country)
    except GroundfactsError as exc:
        _die(str(exc), EXIT_FAILURE)
    typer.echo(json.dumps(report, default=str, indent=2))


def _extractor() -> Any:
    from groundfacts.pipeline import Pipeline

    pipe = Pipeline()
    failures = 0

    def run(doc: Document) -> list[Event]:
        nonlocal failures
        r = next(iter(pipe.run([doc])))
        if r.error:
            failures += 1
            if failures <= 3:
                _warn(f"{doc.id}: extraction failed: {r.error}")
        return r.events

    return run


def _write_report(report: Path | None, data: dict[str, Any]) -> None:
    if report is not None:
        report.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
        typer.echo(f"report written to {report}", err=True)


@eval_app.command("acled")
def eval_acled(
    gold: Annotated[Path, typer.Argument(help="ACLED-format CSV with notes and gold fields.")],
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
    sample: Annotated[
        int | None, typer.Option(help="Score a deterministic sample of N notes.")
    ] = None,
    progress: Annotated[bool | None, typer.Option(help="Progress bar on stderr.")] = None,
) -> None:
    """Score extraction on ACLED notes: per-field accuracy, confusion, worst notes."""
    from groundfacts.evaluate.acled import evaluate_acled, format_report
    from groundfacts.resources import Resources

    res = Resources()
    near = getattr(res.gazetteer, "nearest_km", None)
    rep = evaluate_acled(
        gold,
        _extractor(),
        sample=sample,
        near_gazetteer=near,
        progress=lambda it: _progress(it, desc="eval", show=progress),
    )
    typer.echo(format_report(rep))
    _write_report(
        report,
        {
            "figures": rep.figures(),
            "confusion": [
                {"gold": g, "predicted": p, "count": c} for (g, p), c in rep.confusion.most_common()
            ],
            "worst": rep.worst,
        },
    )


@eval_app.command("fixtures")
def eval_fixtures(
    path: Annotated[Path, typer.Argument(help="JSONL of reports with expected events.")],
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
) -> None:
    """Score extraction on hand-written reports with expected events."""
    from groundfacts.evaluate.fixtures import evaluate_fixtures

    rep = evaluate_fixtures(path, _extractor())
    for k, v in rep.figures().items():
        typer.echo(f"{k:<20} {v}")
    _write_report(report, {"figures": rep.figures(), "failures": rep.failures})


@eval_app.command("geo")
def eval_geo(
    path: Annotated[Path, typer.Argument(help="GeoWebNews or LGL/TR-News format XML.")],
    report: Annotated[Path | None, typer.Option(help="Write the report as JSON here.")] = None,
) -> None:
    """Toponym resolution: within 161 km, within 25 km, exact, median error, ceiling."""
    from groundfacts.evaluate.geo import evaluate_geo
    from groundfacts.geo import Gazetteer

    figs = evaluate_geo(path, Gazetteer.open())
    typer.echo(json.dumps(figs, indent=2, default=str))
    _write_report(report, figs)


@eval_app.command("ner")
def eval_ner(
    path: Annotated[Path, typer.Argument(help="CoNLL-style BIO file (token TAB tag).")],
    lang: Annotated[str, typer.Option(help="Language of the text.")] = "id",
    report: Annotated[Path | None, typer.Option(help="Write the report as JSON here.")] = None,
) -> None:
    """Place and organisation mention precision and recall."""
    from groundfacts.evaluate.ner import evaluate_ner
    from groundfacts.resources import Resources

    res = Resources()
    gaz, actors = res.gazetteer, res.actors

    def places(text: str) -> list[tuple[int, int]]:
        return [(p.start, p.end) for p in gaz.find_places(text, lang)]

    def orgs(text: str) -> list[tuple[int, int]]:
        return [(a.start, a.end) for a in actors.find(text, lang) if a.kind == "named"]

    figs = evaluate_ner(path, places, orgs)
    typer.echo(json.dumps(figs, indent=2, default=str))
    _write_report(report, figs)


def main() -> None:
    try:
        app()
    except GroundfactsError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)


if __name__ == "__main__":
    main()
