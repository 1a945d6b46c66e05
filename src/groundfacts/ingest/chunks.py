"""Split very large texts at paragraph boundaries so memory stays bounded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def chunk_lines(lines: Iterable[str], max_chars: int) -> Iterator[tuple[int, str]]:
    """Group lines into chunks of about ``max_chars``: (first line number, text).

    Once a chunk has ``max_chars`` characters, the next paragraph (a line after a blank
    line) starts a new chunk; with no blank line in sight, a chunk ends at any line break
    by ``2 * max_chars``. Line numbers start at 1 and count "\\n"s, so a forced piece of an
    enormous line keeps its line's number.
    """
    buf: list[str] = []
    size = 0
    first = lineno = 1
    after_blank = False
    for line in lines:
        blank = not line.strip()
        paragraph_start = after_blank and not blank
        if buf and ((size >= max_chars and paragraph_start) or size + len(line) > 2 * max_chars):
            yield first, "".join(buf)
            buf, size, first = [], 0, lineno
        after_blank = blank
        buf.append(line)
        size += len(line)
        if line.endswith("\n"):
            lineno += 1
    if buf:
        yield first, "".join(buf)


def chunk_text(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """:func:`chunk_lines` for a text already in memory."""
    return chunk_lines(text.splitlines(keepends=True), max_chars)
