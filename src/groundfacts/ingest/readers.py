"""Read documents from files, directories, JSONL and stdin, one bad input at a time."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from groundfacts.ingest import decoding, jsonl
from groundfacts.ingest.chunks import chunk_lines, chunk_text
from groundfacts.ingest.errors import InputError, ReadStats
from groundfacts.ingest.webpage import extract_page
from groundfacts.records import Document

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES

# A document longer than this (characters) is read and emitted in parts.
MAX_CHARS = 1_000_000
# Whole-file formats (HTML, a .json array) larger than this are refused.
MAX_FILE_BYTES = 64 * 1024 * 1024
STDIN_ID = "stdin"
STDIN_NAME = "<stdin>"


def content_id(text: str) -> str:
    """The id of a document read from standard input: a hash of its text, so the same text
    gets the same id however it is piped in."""
    return f"{STDIN_ID}:{hashlib.blake2b(text.encode('utf-8'), digest_size=8).hexdigest()}"


class _Reader:
    """The settings of one read_documents call, shared by the format readers."""

    def __init__(
        self,
        *,
        published: dt.date | None,
        lang: str | None,
        skip_bad: bool,
        on_warning: Callable[[str], None] | None,
        stats: ReadStats,
        max_chars: int,
    ) -> None:
        self.published = published
        self.lang = None if lang in (None, "", "auto") else lang
        self.skip_bad = skip_bad
        self.warn: Callable[[str], None] = on_warning or logger.warning
        self.stats = stats
        self.max_chars = max_chars

    # -- bookkeeping -------------------------------------------------------------------------

    def skip(self, origin: str, reason: str, *, is_file: bool) -> None:
        self.stats.skip(origin, reason, is_file=is_file)
        self.warn(f"{origin}: skipped: {reason}")

    def bad(self, origin: str, message: str) -> None:
        """A malformed record: fatal unless skip_bad."""
        if not self.skip_bad:
            raise InputError(origin, message)
        self.stats.bad_line(origin)
        self.warn(f"{origin}: bad line skipped: {message}")

    def invalid_utf8(self, origin: str) -> Callable[[], None]:
        def report() -> None:
            self.stats.decode_errors += 1
            self.warn(f"{origin}: invalid UTF-8, those bytes read as Windows-1252")

        return report

    def emit(self, doc: Document) -> Iterator[Document]:
        """Yield ``doc`` (split into parts if huge) unless it is empty."""
        if not doc.text.strip():
            self.skip(doc.origin, "empty document", is_file=False)
            return
        if doc.published is None:
            doc.published = self.published
        if doc.lang in (None, "", "auto"):
            doc.lang = self.lang
        if len(doc.text) <= self.max_chars:
            self.stats.documents += 1
            yield doc
            return
        yield from self.parts(doc, chunk_text(doc.text, self.max_chars))

    def parts(self, doc: Document, chunks: Iterable[tuple[int, str]]) -> Iterator[Document]:
        """One document per chunk; ids get "#part<n>" only when there is more than one."""
        base_line = _line_of(doc.origin)
        path = doc.origin.rsplit(":", 1)[0]
        pending: Document | None = None
        n = 0
        for lineno, text in chunks:
            n += 1
            part = Document(
                id=f"{doc.id}#part{n}",
                text=text,
                published=doc.published,
                lang=doc.lang,
                source=doc.source,
                url=doc.url,
                origin=f"{path}:{base_line + lineno - 1}",
                country=doc.country,
            )
            if pending is not None:
                yield from self._count(pending)
            pending = part
        if pending is None:
            return
        if n == 1:
            pending.id = doc.id
        else:
            self.stats.chunked_documents += 1
        yield from self._count(pending)

    def _count(self, doc: Document) -> Iterator[Document]:
        if doc.text.strip():
            self.stats.documents += 1
            yield doc

    # -- formats -----------------------------------------------------------------------------

    def sniffed(self, chunks: Iterable[bytes], name: str) -> tuple[str | None, Iterator[bytes]]:
        """(encoding, the same blocks), or (None, ...) after skipping a binary input."""
        rest = iter(chunks)
        first = next(rest, b"")
        encoding, reason = decoding.sniff(first[:8192])
        if encoding is None:
            self.skip(name, reason, is_file=True)
        return encoding, _chain(first, rest)

    def text_stream(self, chunks: Iterable[bytes], doc_id: str, name: str) -> Iterator[Document]:
        encoding, blocks = self.sniffed(chunks, name)
        if encoding is None:
            return
        text = decoding.decode(blocks, encoding, self.invalid_utf8(name))
        lines = decoding.lines(text, 2 * self.max_chars)
        template = Document(id=doc_id, text="", origin=f"{name}:1")
        docs = self.parts(template, chunk_lines(lines, self.max_chars))
        found = False
        base = ""
        for doc in docs:
            if doc_id == STDIN_ID:
                # the parts of one text share the id of its first part's content
                base = base or content_id(doc.text)
                doc.id = base + doc.id[len(STDIN_ID) :]
            found = True
            doc.published = self.published
            doc.lang = self.lang
            yield doc
        if not found and name != STDIN_NAME:
            self.skip(f"{name}:1", "empty document", is_file=False)
        # empty standard input is no documents, not a bad one: "echo -n | extract" is a no-op

    def jsonl_stream(self, chunks: Iterable[bytes], id_base: str, name: str) -> Iterator[Document]:
        encoding, blocks = self.sniffed(chunks, name)
        if encoding is None:
            return
        if encoding not in ("utf-8", "utf-8-sig"):
            # Lines are split on the byte b"\n", which only UTF-8 guarantees.
            self.skip(name, f"JSON lines must be UTF-8, found {encoding}", is_file=True)
            return
        lines = _split_lone_cr(decoding.byte_lines(blocks, MAX_FILE_BYTES))
        for lineno, raw in enumerate(lines, 1):
            origin = f"{name}:{lineno}"
            if raw is None:
                self.bad(origin, f"line longer than {MAX_FILE_BYTES} bytes")
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.invalid_utf8(origin)()
                line = raw.decode("utf-8", errors=decoding.fallback_errors())
            try:
                value = jsonl.parse_line(line)
            except jsonl.RecordError as exc:
                self.bad(origin, str(exc))
                continue
            default = f"{id_base}:{lineno}"
            if id_base == STDIN_ID and isinstance(value, dict):
                text = value.get("text")
                default = content_id(text) if isinstance(text, str) else default
            yield from self.record(value, default, origin)

    def record(self, value: object, default_id: str, origin: str) -> Iterator[Document]:
        try:
            doc, warning = jsonl.to_document(value, default_id=default_id, origin=origin)
        except jsonl.RecordError as exc:
            self.bad(origin, str(exc))
            return
        if warning:
            self.warn(f"{origin}: {warning}")
        yield from self.emit(doc)

    def json_file(self, path: Path, id_base: str, name: str) -> Iterator[Document]:
        """A .json file: one object, an array of objects, or JSON lines after all."""
        data = self.whole_file(path, name)
        if data is None:
            return
        text = data.decode("utf-8", errors="replace")
        try:
            value = jsonl.parse_line(text)
        except jsonl.RecordError:
            yield from self.jsonl_stream([data], id_base, name)
            return
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items, 1):
            origin = f"{name}:{i}" if isinstance(value, list) else f"{name}:1"
            yield from self.record(item, f"{id_base}:{i}", origin)

    def html_file(self, path: Path, doc_id: str, name: str) -> Iterator[Document]:
        data = self.whole_file(path, name)
        if data is None:
            return
        origin = f"{name}:1"
        try:
            page = extract_page(data)
        # trafilatura and lxml raise many types; one bad page must not stop a batch.
        except Exception as exc:
            self.skip(origin, f"HTML extraction failed: {exc}", is_file=True)
            return
        if page is None:
            self.skip(origin, "no main text found in HTML", is_file=True)
            return
        # The caller's date wins over the page's own; a page date is only ever read from the
        # page's metadata (never guessed from its text) and the evidence says so.
        published = self.published or page.date
        doc = Document(doc_id, page.text, published, self.lang, page.source, page.url, origin)
        if self.published is None and page.date is not None:
            doc.published_source = "page metadata"
            self.warn(f"{origin}: publication date {page.date} taken from the page's metadata")
        yield from self.emit(doc)

    def whole_file(self, path: Path, name: str) -> bytes | None:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            self.skip(name, f"file too large ({size} bytes > {MAX_FILE_BYTES})", is_file=True)
            return None
        data = path.read_bytes()
        encoding, reason = decoding.sniff(data[:8192])
        if encoding is None:
            self.skip(name, reason, is_file=True)
            return None
        return data

    def file(self, path: Path, doc_id: str) -> Iterator[Document]:
        name = str(path)
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                with path.open("rb") as fh:
                    yield from self.jsonl_stream(decoding.blocks(fh), doc_id, name)
            elif suffix in JSON_SUFFIXES:
                yield from self.json_file(path, doc_id, name)
            elif suffix in HTML_SUFFIXES:
                yield from self.html_file(path, doc_id, name)
            else:
                with path.open("rb") as fh:
                    yield from self.text_stream(decoding.blocks(fh), doc_id, name)
        except OSError as exc:
            self.skip(name, f"cannot read: {exc.strerror or exc}", is_file=True)

    def directory(self, root: Path) -> Iterator[Document]:
        """Every document under ``root``, each with its path relative to ``root`` as id.
        Files that are no documents (.pdf, .png, ...) are passed over with one warning."""
        strays: list[str] = []
        for path in _walk(root):
            if path.suffix.lower() not in SUFFIXES:
                strays.append(path.relative_to(root).as_posix())
                continue
            yield from self.file(path, path.relative_to(root).as_posix())
        if strays:
            shown = ", ".join(strays[:3]) + (
                f" and {len(strays) - 3} more" if len(strays) > 3 else ""
            )
            self.warn(
                f"{root}: {len(strays)} file(s) not of a document type passed over ({shown}); "
                f"documents are {', '.join(sorted(SUFFIXES))}"
            )

    def stdin(self, stream: BinaryIO) -> Iterator[Document]:
        first = stream.read(decoding.BLOCK)
        chunks = decoding.blocks(stream, first)
        if first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            yield from self.jsonl_stream(chunks, STDIN_ID, STDIN_NAME)
        else:
            yield from self.text_stream(chunks, STDIN_ID, STDIN_NAME)


def count_documents(paths: Sequence[str | Path]) -> int | None:
    """About how many documents ``paths`` hold (one a text or HTML file, one a non-empty
    JSONL line), read cheaply for a progress bar; None when it cannot be known in advance
    (standard input, .json files)."""
    total = 0
    for arg in paths:
        if str(arg) == "-":
            return None
        path = Path(arg)
        files = list(_walk(path)) if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            suffix = f.suffix.lower()
            if suffix in JSON_SUFFIXES:
                return None
            if suffix in JSONL_SUFFIXES:
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    continue
            elif suffix in SUFFIXES:
                total += 1
    return total


def _file_id(path: Path, taken: set[str]) -> str:
    """A file named on the command line is its own input root: its id is its name, however
    the path is typed ("a.txt", "news/a.txt", an absolute path). A second file of the same
    name in one run gets the name and a hash of its content."""
    name = path.name
    if name in taken:
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=4).hexdigest()
        except OSError:
            digest = hashlib.blake2b(str(path).encode(), digest_size=4).hexdigest()
        name = f"{name}~{digest}"
    taken.add(name)
    return name


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in path order (a/b/c before a/d), skipping hidden entries
    (.git, .DS_Store) and not following links to folders, which could loop."""
    with os.scandir(folder) as entries:
        ordered = sorted(entries, key=lambda e: e.name)
    for entry in ordered:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _split_lone_cr(lines: Iterable[bytes | None]) -> Iterator[bytes | None]:
    """Lines ended by a lone CR (old Mac files) are lines too: JSON has no raw CR inside a
    string, so a CR that does not end a CRLF separates records."""
    for raw in lines:
        if raw is None or b"\r" not in raw.rstrip(b"\r\n"):
            yield raw
            continue
        body = raw.rstrip(b"\r\n")
        yield from (piece + b"\n" for piece in body.split(b"\r"))


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _line_of(origin: str) -> int:
    tail = origin.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 1


def read_documents(
    paths: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    lang: str | None = None,
    skip_bad: bool = False,
    on_warning: Callable[[str], None] | None = None,
    stats: ReadStats | None = None,
    stdin: BinaryIO | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Document]:
    """Documents from files, directories, JSONL files and stdin ("-"), lazily and in order.

    Text, HTML and JSONL are read as streams; a text longer than ``max_chars`` comes out as
    parts ("<id>#part1", ...) cut at paragraph boundaries. Binary files, empty documents and
    unsupported file types are skipped with a warning; invalid UTF-8 is replaced, with a
    warning. A malformed JSONL line raises :class:`InputError` ("file:line: ...") unless
    ``skip_bad``, when it is counted in ``stats`` and reading goes on. A path that does not
    exist is an error too (a warning with ``skip_bad``). Warnings go to ``on_warning``, or
    to this module's logger.
    """
    reader = _Reader(
        published=published,
        lang=lang,
        skip_bad=skip_bad,
        on_warning=on_warning,
        stats=stats if stats is not None else ReadStats(),
        max_chars=max_chars,
    )
    names: set[str] = set()
    for arg in paths:
        if str(arg) == "-":
            yield from reader.stdin(stdin if stdin is not None else sys.stdin.buffer)
            continue
        path = Path(arg)
        if path.is_dir():
            yield from reader.directory(path)
        elif path.is_file():
            yield from reader.file(path, _file_id(path, names))
        elif skip_bad:
            reader.skip(str(arg), "no such file or directory", is_file=True)
        else:
            raise InputError(str(arg), "no such file or directory")
