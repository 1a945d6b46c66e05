"""The reader's error and its counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from groundfacts.errors import BadInputError


class InputError(BadInputError):
    """Input that cannot be read. The message starts with ``origin`` (``file:line``)."""

    def __init__(self, origin: str, message: str) -> None:
        self.origin = origin
        super().__init__(f"{origin}: {message}")


@dataclass(slots=True)
class ReadStats:
    """What a call to ``read_documents`` read and what it skipped.

    ``bad_line_origins`` and ``skipped`` keep only the first few examples, so a huge bad
    input cannot grow them without bound; the counters are exact.
    """

    EXAMPLES: ClassVar[int] = 10

    documents: int = 0
    bad_lines: int = 0
    bad_line_origins: list[str] = field(default_factory=list)
    skipped_files: int = 0
    skipped_documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    decode_errors: int = 0
    chunked_documents: int = 0

    def bad_line(self, origin: str) -> None:
        self.bad_lines += 1
        if len(self.bad_line_origins) < self.EXAMPLES:
            self.bad_line_origins.append(origin)

    def skip(self, origin: str, reason: str, *, is_file: bool) -> None:
        if is_file:
            self.skipped_files += 1
        else:
            self.skipped_documents += 1
        if len(self.skipped) < self.EXAMPLES:
            self.skipped.append((origin, reason))

    def summary(self) -> str:
        parts = [f"{self.documents} documents"]
        if self.bad_lines:
            parts.append(
                f"{self.bad_lines} bad lines (first: {', '.join(self.bad_line_origins[:3])})"
            )
        if self.skipped_files:
            parts.append(f"{self.skipped_files} files skipped")
        if self.skipped_documents:
            parts.append(f"{self.skipped_documents} documents skipped")
        if self.decode_errors:
            parts.append(f"{self.decode_errors} inputs with invalid UTF-8")
        if self.chunked_documents:
            parts.append(f"{self.chunked_documents} large documents split into parts")
        return ", ".join(parts)
