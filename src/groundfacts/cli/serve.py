"""The service verb: serve."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import die, warn
from groundfacts.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_USAGE,
    BadInputError,
    ServiceConfigError,
    StoreError,
)


@app.command()
def serve(
    db: Annotated[Path, typer.Option(help="DuckDB store to serve.")],
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port.", min=0, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="GROUNDFACTS_TOKEN",
            help="Require 'Authorization: Bearer TOKEN' on the API (needed off loopback).",
        ),
    ] = None,
    no_auth: Annotated[
        bool, typer.Option(help="Serve a non-loopback address without a token (warns).")
    ] = False,
    read_only: Annotated[
        bool, typer.Option(help="Never write to the store (the default).")
    ] = False,
    allow_writes: Annotated[
        bool, typer.Option(help="Let POST /api/extract store documents (store=true).")
    ] = False,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes.")] = 2 * 1024**2,
    extract_timeout: Annotated[float, typer.Option(help="Seconds one extraction may take.")] = 20.0,
    extract_workers: Annotated[int, typer.Option(help="Extraction worker processes.")] = 1,
    cors_origin: Annotated[
        list[str] | None, typer.Option(help="Allow this origin cross-site (repeatable).")
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn's log level.")] = "warning",
    boundaries: Annotated[
        Path | None,
        typer.Option(help="GeoJSON of boundaries the map draws instead of the packaged ones."),
    ] = None,
) -> None:
    """Serve the API and the dashboard page over a store."""
    import uvicorn

    from groundfacts.service import ServiceSettings
    from groundfacts.service.app import create_app

    if read_only and allow_writes:
        die("--read-only and --allow-writes contradict each other", EXIT_USAGE)
    settings = ServiceSettings(
        db=db,
        host=host,
        port=port,
        token=token,
        no_auth=no_auth,
        allow_writes=allow_writes,
        max_body=max_body,
        extract_timeout=extract_timeout,
        extract_workers=extract_workers,
        cors_origins=tuple(cors_origin or ()),
        boundaries=boundaries,
    )
    try:
        service = create_app(settings)
    except ServiceConfigError as exc:
        die(str(exc), EXIT_USAGE)
    except StoreError as exc:
        die(str(exc), EXIT_FAILURE)
    except BadInputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    if settings.open_warning:
        warn(settings.open_warning)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"serving {db} at http://{shown}:{port}/ (API description at /docs; Ctrl-C stops)",
        err=True,
    )
    uvicorn.run(service, host=host, port=port, log_level=log_level, access_log=False)
