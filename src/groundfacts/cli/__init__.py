"""The command line: thin typer layers over the library, one module per verb group.

Data goes to stdout (or --out); progress, warnings and summaries go to stderr.
Exit codes: 0 success; 1 failure; 2 usage error; 3 bad input (unreadable file, malformed
JSONL line without --skip-bad); 4 partial success (some documents failed or were skipped
as bad; the rest were processed and written).
"""

from __future__ import annotations

import sys

import typer

from groundfacts.cli import (  # noqa: F401  (register verbs)
    acled,
    analyse,
    evaluate,
    extract,
    geo,
    merge,
    serve,
    store,
    views,
)
from groundfacts.cli.app import app
from groundfacts.errors import EXIT_FAILURE, GroundfactsError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except GroundfactsError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)
