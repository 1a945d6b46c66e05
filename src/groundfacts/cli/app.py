"""The typer application and its verb groups; verbs register themselves on import."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="groundfacts: conflict reporting to geocoded, de-duplicated ACLED-style events.",
)
gazetteer_app = typer.Typer(no_args_is_help=True, help="The gazetteer: build, import, inspect.")
eval_app = typer.Typer(no_args_is_help=True, help="Score the extractor against gold data.")
app.add_typer(gazetteer_app, name="gazetteer")
store_app = typer.Typer(no_args_is_help=True, help="The store: check its integrity, migrate it.")
app.add_typer(eval_app, name="eval")
app.add_typer(store_app, name="store")


def _version(value: bool) -> None:
    if value:
        from groundfacts import __version__

        typer.echo(f"groundfacts {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """groundfacts: conflict reporting to geocoded, de-duplicated ACLED-style events."""
