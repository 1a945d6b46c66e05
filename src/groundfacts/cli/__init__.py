"""The command line: thin typer layers over the library, one module per verb group.

Data goes to stdout (or --out); progress, warnings and summaries go to stderr.
Exit codes: 0 success; 1 failure; 2 usage error; 3 bad input (unreadable file, malformed
JSONL line without --skip-bad); 4 partial success (some documents failed or were skipped
as bad; the rest were processed and written).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from groundfacts.cli.app import app
from groundfacts.errors import EXIT_BAD_INPUT, EXIT_FAILURE, BadInputError, GroundfactsError

__all__ = ["app", "main"]

# modules of this package that define no verb
_HELPERS = frozenset({"app", "common", "__main__"})


def _register_verbs() -> None:
    """Import every verb module of this package: each registers its verbs on ``app``."""
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _HELPERS:
            importlib.import_module(f"{__name__}.{info.name}")


_register_verbs()


def main() -> None:
    try:
        app()
    except BadInputError as exc:
        # a file a verb could not read, in any verb: bad input
        typer.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)
