"""One catalogue of user-facing errors, each with a code a user can search for."""

from __future__ import annotations


class GroundfactsError(Exception):
    """Base class: ``code`` is stable (GFnnn) and appears in the message."""

    code = "GF000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class BadInputError(GroundfactsError):
    code = "GF001"


class UnsupportedLanguageError(GroundfactsError):
    code = "GF002"


class PackDataError(GroundfactsError):
    code = "GF003"


class StoreError(GroundfactsError):
    code = "GF004"


class OutputError(GroundfactsError):
    code = "GF005"


class GazetteerError(GroundfactsError):
    code = "GF006"


class GazetteerInputError(GazetteerError, BadInputError):
    """A gazetteer file that cannot be read (missing, not a zip, no dump inside): bad input."""

    code = "GF006"


class ServiceConfigError(GroundfactsError):
    """Service settings that would expose the store without saying so, or cannot work."""

    code = "GF010"


# Exit codes of the command line, documented in the README.
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_PARTIAL = 4  # some documents failed or were skipped as bad, the rest were processed


def first_line(exc: BaseException) -> str:
    """An exception's message, first line only (the name of its type when it has none)."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
