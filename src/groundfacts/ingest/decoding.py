"""Bytes to text, in bounded memory: binary sniffing, BOMs, invalid UTF-8, long lines.

Text is UTF-8 unless a BOM says otherwise or the bytes show UTF-16/UTF-32 without one (every
second or fourth byte zero). Bytes that are not UTF-8 are read as Windows-1252 (a superset
of printable Latin-1), the usual other encoding of news text, so that a Latin-1 file or a
file of mixed encodings keeps its letters instead of losing them to replacement characters.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

BLOCK = 1 << 16

# Leading bytes of common binary formats that someone may drop into a folder of articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\xd0\xcf\x11\xe0", "OLE/Office"),
    (b"\x7fELF", "ELF"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"Rar!", "RAR"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")


def sniff(head: bytes) -> tuple[str | None, str]:
    """(encoding, "") for text, or (None, reason) for binary data, from the first bytes."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, ""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return None, f"binary file ({name})"
    wide = _wide_encoding(head)
    if wide is not None:
        return wide, ""
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    # a stray NUL or control character is text with a flaw; many of them are binary data
    if head and controls * 20 > len(head):
        return None, "binary file (NUL bytes)" if b"\x00" in head else "binary file (control bytes)"
    return "utf-8", ""


def _wide_encoding(head: bytes) -> str | None:
    """UTF-32 or UTF-16 without a BOM, told by where the zero bytes of mostly-Latin text
    fall; None when the bytes do not look like either."""
    n = len(head) - len(head) % 4
    if n < 16 or b"\x00" not in head:
        return None
    zero = [sum(1 for b in head[k:n:4] if b == 0) / (n // 4) for k in range(4)]
    if zero[2] > 0.95 and zero[3] > 0.95 and zero[0] < 0.05:
        return "utf-32-le"
    if zero[0] > 0.95 and zero[1] > 0.95 and zero[3] < 0.05:
        return "utf-32-be"
    even = (zero[0] + zero[2]) / 2
    odd = (zero[1] + zero[3]) / 2
    if odd > 0.6 and even < 0.02:
        return "utf-16-le"
    if even > 0.6 and odd < 0.02:
        return "utf-16-be"
    return None


# byte -> character in Windows-1252, or in Latin-1 for the five bytes 1252 leaves undefined
_CP1252 = "".join(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
    for b in range(256)
)
FALLBACK = "groundfacts-cp1252"


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_CP1252[b] for b in exc.object[exc.start : exc.end]), exc.end


def fallback_errors() -> str:
    """The name of the decoding error handler that reads non-UTF-8 bytes as Windows-1252
    (registered on first use)."""
    try:
        codecs.lookup_error(FALLBACK)
    except LookupError:
        codecs.register_error(FALLBACK, _as_cp1252)
    return FALLBACK


def blocks(fh: BinaryIO, first: bytes = b"") -> Iterator[bytes]:
    """The stream's bytes in blocks, after ``first`` (bytes already read to sniff)."""
    if first:
        yield first
    while block := fh.read(BLOCK):
        yield block


def decode(chunks: Iterable[bytes], encoding: str, on_invalid: Callable[[], None]) -> Iterator[str]:
    """Decode incrementally; at the first invalid sequence, call ``on_invalid`` once and go
    on reading invalid bytes as Windows-1252 (UTF-8), or as U+FFFD (other encodings)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    strict = True
    for chunk in chunks:
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError:
            # A failed decode consumes nothing: take the bytes it held back and redo them.
            pending = decoder.getstate()[0] if strict else b""
            on_invalid()
            strict = False
            errors = fallback_errors() if encoding.startswith("utf-8") else "replace"
            decoder = codecs.getincrementaldecoder(encoding)(errors)
            text = decoder.decode(pending + chunk)
        if text:
            yield text
    try:
        tail = decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        on_invalid()
        tail = "\ufffd"
    if tail:
        yield tail


def lines(pieces: Iterable[str], max_len: int) -> Iterator[str]:
    """Lines with their "\\n"; a line longer than ``max_len`` comes out in pieces."""
    buf = ""
    for piece in pieces:
        buf += piece
        start = 0
        while True:
            nl = buf.find("\n", start)
            if nl < 0:
                break
            line_end = nl + 1
            while line_end - start > max_len:
                yield buf[start : start + max_len]
                start += max_len
            yield buf[start:line_end]
            start = line_end
        buf = buf[start:]
        while len(buf) > max_len:
            yield buf[:max_len]
            buf = buf[max_len:]
    if buf:
        yield buf


def byte_lines(chunks: Iterable[bytes], max_len: int) -> Iterator[bytes | None]:
    """Lines of bytes with their b"\\n". A line longer than ``max_len`` is not held in
    memory: None stands for it."""
    buf = b""
    too_long = False
    for chunk in chunks:
        buf += chunk
        start = 0
        while True:
            nl = buf.find(b"\n", start)
            if nl < 0:
                break
            if too_long or nl + 1 - start > max_len:
                yield None
            else:
                yield buf[start : nl + 1]
            too_long = False
            start = nl + 1
        buf = buf[start:]
        if len(buf) > max_len:
            too_long = True
            buf = b""
    if too_long:
        yield None
    elif buf:
        yield buf
