"""Places: geocode and the gazetteer verbs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from groundfacts.cli.app import app, gazetteer_app
from groundfacts.cli.common import (
    Country,
    Lang,
    Paths,
    SkipBad,
    country_option,
    die,
    documents,
    lang_option,
    open_input,
    warn,
)
from groundfacts.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_PARTIAL,
    BadInputError,
    GroundfactsError,
)


@app.command()
def geocode(
    path: Annotated[
        str,
        typer.Argument(help="JSONL of {id, name, context?, country?, start?, end?}; - for stdin."),
    ] = "-",
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
    skip_bad: Annotated[
        bool, typer.Option(help="Skip malformed lines with a warning and go on (exit 4).")
    ] = False,
) -> None:
    """Resolve toponyms the caller already found (records sharing a context jointly)."""
    from groundfacts.geo import Gazetteer, geocode_records

    bad = 0

    def records() -> Iterator[dict[str, Any]]:
        nonlocal bad
        fh = open_input(path)
        with fh:
            for i, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    problem = "" if isinstance(rec, dict) else "expected a JSON object"
                except ValueError as exc:
                    problem = f"malformed JSON ({exc})"
                if problem and not skip_bad:
                    die(f"{path}:{i}: {problem}", EXIT_BAD_INPUT)
                if problem:
                    warn(f"{path}:{i}: {problem}; skipped")
                    bad += 1
                    continue
                yield rec

    gaz = Gazetteer.open()
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        for rec in geocode_records(records(), gaz):
            sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    if bad:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def geoparse(
    paths: Paths = None,
    lang: Lang = "auto",
    country: Country = None,
    skip_bad: SkipBad = False,
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
) -> None:
    """Find and resolve the toponyms of documents: one JSON line per toponym."""
    from groundfacts.geo import Gazetteer
    from groundfacts.geo.geoparse import geoparse_documents
    from groundfacts.ingest import InputError, ReadStats

    stats = ReadStats()
    failed = 0

    def on_error(doc: Any, exc: Exception) -> None:
        nonlocal failed
        failed += 1
        warn(f"{doc.origin or doc.id}: {exc}")

    country = country_option(country)
    gaz = Gazetteer.open()
    docs = documents(paths or ["-"], None, lang_option(lang), skip_bad, stats, country)
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        for rec in geoparse_documents(docs, gaz, on_error=on_error):
            sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except InputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    finally:
        if out:
            sink.close()
    if failed or stats.bad_lines or stats.skipped_files or stats.skipped_documents:
        raise typer.Exit(EXIT_PARTIAL)


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
    except BadInputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    typer.echo(json.dumps(report, default=str, indent=2))


@gazetteer_app.command("download")
def gazetteer_download(
    country: Annotated[
        str, typer.Argument(help="Country: ISO code (SY or SYR), name, or allCountries.")
    ],
) -> None:
    """Fetch a country's GeoNames dump and import it (needs the internet)."""
    from groundfacts.geo import download

    code = country if country == "allCountries" else country_option(country, "country")
    try:
        report = download(code or country)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    typer.echo(json.dumps(report, default=str, indent=2))
