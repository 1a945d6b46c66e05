"""ACLED data in the store: import acled."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import country_option, die, warn
from groundfacts.errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_PARTIAL, GroundfactsError

import_app = typer.Typer(no_args_is_help=True, help="Load other datasets into the store.")
app.add_typer(import_app, name="import")


@import_app.command("acled")
def import_acled_cmd(
    path: Annotated[Path, typer.Argument(help="ACLED export (CSV, its columns, any countries).")],
    db: Annotated[Path, typer.Option(help="DuckDB file (created if missing).")] = Path(
        "groundfacts.duckdb"
    ),
    country: Annotated[
        list[str] | None,
        typer.Option(help="Keep only this country (ISO code or name); repeatable."),
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option(help="Skip bad rows (exit 4) instead of stopping.")
    ] = False,
) -> None:
    """Load an ACLED export as events with source "ACLED" and their own ids; re-importing
    adds nothing, a newer export updates its events; a failed import writes nothing."""
    from groundfacts.store import EventStore
    from groundfacts.store.acled_format import AcledFileError
    from groundfacts.store.acled_import import import_acled

    try:
        with EventStore(db) as store:
            wanted = [c for c in (country_option(c) for c in country or []) if c] or None
            rep = import_acled(store, path, countries=wanted, skip_bad=skip_bad, on_bad=warn)
            total = store.count()
    except AcledFileError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    typer.echo(
        f"read {rep.rows} ACLED events: {rep.added} added, {rep.already} already stored"
        + (f", {rep.skipped} of other countries left out" if rep.skipped else "")
        + (f", {len(rep.bad)} bad rows skipped" if rep.bad else "")
        + f"; store holds {total} events",
        err=True,
    )
    if rep.bad:
        raise typer.Exit(EXIT_PARTIAL)
