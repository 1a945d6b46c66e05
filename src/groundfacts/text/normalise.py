"""Unicode repair and whitespace normalisation.

Everything downstream counts character offsets in the text this returns, so it runs once,
before paragraphs and sentences are found, and never afterwards.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Characters that are spaces in all but name (no-break, thin, ideographic...) become " ".
_SPACE_LIKE = dict.fromkeys(
    [0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000], " "
)
# Invisible characters that only split words for a matcher (zero-width, soft hyphen, BOM).
_INVISIBLE = dict.fromkeys([0x00AD, 0x200B, 0x2060, 0xFEFF], None)
# Line and paragraph separators other than "\n".
_BREAKS = dict.fromkeys([0x0B, 0x0C, 0x85, 0x2028], "\n") | {0x2029: "\n\n"}
_TABLE: dict[int, str | None] = {**_SPACE_LIKE, **_INVISIBLE, **_BREAKS}

_SPACES = re.compile(r" {2,}")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
# C0/C1 controls left after ftfy (it keeps some); "\n" is the only one we want.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _fix(line: str) -> str:
    return ftfy.fix_text(line, normalization="NFC")


def normalise(text: str) -> str:
    """Repair mojibake and normalise Unicode (NFC) and whitespace.

    Spaces are collapsed to one, lines are stripped, runs of blank lines become one blank
    line ("\\n\\n"), and the whole text is stripped. Paragraph structure (newlines) is kept.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # ftfy is most of the cost of cleaning, and a plain ASCII line without entities has
    # nothing for it to repair, so only the other lines go through it (ftfy works line by
    # line anyway).
    if not text.isascii() or "&" in text:
        text = "\n".join(
            line if line.isascii() and "&" not in line else _fix(line) for line in text.split("\n")
        )
    text = text.translate(_TABLE)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _LINE_EDGES.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    # Removing invisible characters can leave a mark next to a new base: recompose.
    return unicodedata.normalize("NFC", text.strip())
