"""Helpers shared by the verbs: messages, exits, options, document and event input."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from groundfacts.errors import EXIT_BAD_INPUT, EXIT_FAILURE, GroundfactsError

if TYPE_CHECKING:
    from pathlib import Path

    from groundfacts.pipeline import Pipeline
    from groundfacts.records import DocResult, Document, Event
    from groundfacts.store import EventStore
    from groundfacts.store.duckdb_store import EventFilter

Paths = Annotated[
    list[str] | None, typer.Argument(help="Text, HTML, JSONL files or directories; - for stdin.")
]
Lang = Annotated[str, typer.Option(help="auto, en or id.")]
Country = Annotated[
    str | None,
    typer.Option(help="Country the documents are about (ISO2 or name), when known."),
]
SkipBad = Annotated[bool, typer.Option(help="Skip malformed JSONL lines and go on.")]


def warn(msg: str) -> None:
    typer.echo(f"warning: {msg}", err=True)


def die(msg: str, code: int) -> NoReturn:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(code)


def parse_date(value: str | None, what: str = "--published") -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        die(f"{what} must be YYYY-MM-DD, got {value!r}", 2)


def progress_bar(
    items: Iterable[Any],
    *,
    desc: str,
    show: bool | None,
    unit: str = "doc",
    total: int | None = None,
) -> Any:
    """A progress bar on stderr (when it is a terminal, or asked for); with ``total`` (or
    items that know their length) it shows how far along and the time left."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True, total=total)


def documents(
    paths: list[str],
    published: dt.date | None,
    lang: str | None,
    skip_bad: bool,
    stats: Any,
    country: str | None = None,
) -> Iterator[Document]:
    from groundfacts.ingest import read_documents

    for doc in read_documents(
        paths, published=published, lang=lang, skip_bad=skip_bad, on_warning=warn, stats=stats
    ):
        if country and not doc.country:
            doc.country = country
        yield doc


def run_pipeline(
    pipe: Pipeline,
    docs: Iterable[Document],
    progress: bool | None,
    paths: list[str] | None = None,
) -> Iterator[DocResult]:
    """The pipeline over ``docs``; the progress bar counts ``paths``' documents first (not
    for standard input, whose length is unknown) so it can show the time left."""
    show = sys.stderr.isatty() if progress is None else progress
    total = None
    if show and paths:
        from groundfacts.ingest.readers import count_documents

        total = count_documents(paths)
    for r in progress_bar(pipe.run(docs), desc="extract", show=show, total=total):
        if r.error:
            warn(f"{r.doc.origin or r.doc.id}: {r.error}")
        yield r


def country_option(value: str | None, what: str = "--country") -> str | None:
    """The ISO2 code of a country option: an ISO 3166-1 alpha-2 or alpha-3 code or a name;
    anything else is a usage error (exit 2) that says what is accepted."""
    if not value:
        return None
    from groundfacts.actors.countries import CountryTable

    table = CountryTable.load()
    code = table.code_of(value)
    if code is None:
        close = table.suggest(value)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        die(
            f"{what} {value!r} is not a country{hint}: give an ISO 3166-1 code, alpha-2 (BF) "
            "or alpha-3 (BFA), or a country's name in English or Indonesian (Burkina Faso)",
            2,
        )
    return code


# why the pipeline skipped a document, as the summary says it
_REASONS = {
    "empty": "empty",
    "undetermined": "in no language we could tell",
    "unsupported-language": "in a language without a pack",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def run_summary(
    documents: int,
    sentences: int,
    events: int,
    non_events: int,
    skipped: dict[str, int] | None = None,
    bad_lines: int = 0,
    failed: int = 0,
) -> str:
    """The closing line of a run, as a sentence: "3 documents, 12 sentences, 4 events and 1
    non-event; 2 documents skipped (1 empty, 1 unsupported language); 1 bad input line."""
    out = (
        f"{_plural(documents, 'document')}, {_plural(sentences, 'sentence')}, "
        f"{_plural(events, 'event')} and {_plural(non_events, 'non-event')}"
    )
    reasons = {k: v for k, v in (skipped or {}).items() if v and k != "error"}
    if reasons:
        why = ", ".join(
            f"{v} {_REASONS.get(k, k.replace('-', ' '))}" for k, v in sorted(reasons.items())
        )
        out += f"; {_plural(sum(reasons.values()), 'document')} skipped ({why})"
    failed = failed or (skipped or {}).get("error", 0)
    if failed:
        out += f"; {_plural(failed, 'document')} failed"
    if bad_lines:
        out += f"; {_plural(bad_lines, 'bad input line')}"
    return out + "."


def lang_option(lang: str) -> str | None:
    """``auto`` or a language some installed pack serves (the packs say which)."""
    from groundfacts.packs.discovery import find_packs

    served = find_packs().languages
    if lang != "auto" and find_packs().pack_for(lang) is None:
        die(f"--lang must be auto or one of {', '.join(served)}, got {lang!r}", 2)
    return None if lang == "auto" else lang


def open_input(path: str) -> Any:
    """Standard input for "-", else the file, or a clear error (exit 3) when it cannot be read."""
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        die(f"{path}: {exc.strerror or exc}", EXIT_BAD_INPUT)


def event_from_row(row: dict[str, Any]) -> Event:
    """An event from a row of the export columns (Parquet, Arrow: evidence as JSON text)."""
    from groundfacts.records import Event

    return Event.from_dict(
        {k: ("" if v is None and k == "evidence" else v) for k, v in row.items()}
    )


def _geojson_events(path: str, fh: Any) -> Iterator[Event]:
    """The events of a GeoJSON FeatureCollection as ``extract --format geojson`` writes it."""
    from groundfacts.records import Event

    try:
        data = json.load(fh)
    except ValueError as exc:
        die(f"{path}: not GeoJSON ({exc})", EXIT_BAD_INPUT)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        die(f"{path}: not a GeoJSON FeatureCollection of events", EXIT_BAD_INPUT)
    for i, feat in enumerate(features, 1):
        props = feat.get("properties") if isinstance(feat, dict) else None
        try:
            if not isinstance(props, dict):
                raise TypeError("no properties")
            yield Event.from_dict(props)
        except (ValueError, TypeError) as exc:
            die(f"{path}: feature {i} is not an event record ({exc})", EXIT_BAD_INPUT)


def read_event_file(path: str) -> Iterator[Event]:
    """Event records from JSONL, CSV, Parquet or GeoJSON (by the file's suffix)."""
    from groundfacts.records import Event

    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except (OSError, ValueError) as exc:
            die(f"{path}: cannot read Parquet ({exc})", EXIT_BAD_INPUT)
        from groundfacts.store.export import event_from_row

        for row in table.to_pylist():
            yield event_from_row(row)
        return
    fh = open_input(path)
    with fh:
        if path.endswith((".geojson", ".json")):
            yield from _geojson_events(path, fh)
            return
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
                die(f"{path}:{i}: not an event record ({exc})", EXIT_BAD_INPUT)


def open_store(db: Path) -> EventStore:
    """A store to read, or a clear error: exit 3 when there is none, 1 when it is unusable."""
    from groundfacts.store import EventStore

    if not db.exists():
        die(f"no store at {db}", EXIT_BAD_INPUT)
    try:
        return EventStore(db, read_only=True)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)


def event_filter(
    since: str | None,
    until: str | None,
    country: str | None,
    actor: str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
) -> EventFilter:
    """The usual event filters from their option values (dates checked: exit 2 when bad)."""
    from groundfacts.store.duckdb_store import EventFilter

    return EventFilter(
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        country=country_option(country),
        actor=actor,
        event_type=event_type,
        sub_event_type=sub_event_type,
    )
