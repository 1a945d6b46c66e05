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
from typing import Any

import typer

from groundfacts.cli.app import app
from groundfacts.errors import EXIT_BAD_INPUT, EXIT_FAILURE, BadInputError, GroundfactsError

__all__ = ["app", "command", "main"]

# modules of this package that define no verb
_HELPERS = frozenset({"app", "common", "__main__"})


def _register_verbs() -> None:
    """Import every verb module of this package: each registers its verbs on ``app``."""
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _HELPERS:
            importlib.import_module(f"{__name__}.{info.name}")


_register_verbs()


def _plain_flags(cmd: Any) -> None:
    """On/off flags take no value: their help shows no ``<bool>`` type beside them."""
    # the help option is made (and kept) by the command itself, not listed in its params
    helper = cmd.get_help_option(typer.Context(cmd))
    for p in [*cmd.params, *([helper] if helper is not None else [])]:
        if getattr(p, "is_flag", False):
            p.metavar = ""
    for sub in getattr(cmd, "commands", {}).values():
        _plain_flags(sub)


def command() -> Any:
    """The click command of the whole command line, as users meet it."""
    cmd = typer.main.get_command(app)
    _plain_flags(cmd)
    return cmd


def main() -> None:
    try:
        command()(prog_name="groundfacts")
    except BadInputError as exc:
        # a file a verb could not read, in any verb: bad input
        typer.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except GroundfactsError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)
