"""Documents cut into numbered partitions, and the files each finished partition leaves.

A partition is ``size`` consecutive documents of the input; partition ``i`` holds documents
``i*size`` to ``(i+1)*size - 1`` in reading order, so the same input and size always give the
same numbering. A finished partition leaves ``part-NNNNN.parquet`` (its events) and then
``part-NNNNN.done`` (JSON counts and a fingerprint of the documents it held). Both are
written under a temporary name and renamed, and the marker comes last: a partition without
its marker is not finished, whatever else lies in the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from groundfacts.errors import OutputError
from groundfacts.records import Document

PREFIX = "part-"


@dataclass(slots=True)
class Partition:
    """A numbered batch of documents and the fingerprint that identifies its content."""

    index: int
    docs: list[Document]
    fingerprint: str = ""

    def __post_init__(self) -> None:
        if not self.fingerprint:
            self.fingerprint = fingerprint(self.docs)

    @property
    def name(self) -> str:
        return f"{PREFIX}{self.index:05d}"


@dataclass(slots=True)
class PartitionSummary:
    """What one partition produced; this is the content of its ``.done`` marker."""

    partition: int
    fingerprint: str
    documents: int = 0
    sentences: int = 0
    events: int = 0
    non_events: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)  # "origin: message", first few only
    failed: int = 0
    seconds: float = 0.0
    worker: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PartitionSummary:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def fingerprint(docs: Iterable[Document]) -> str:
    """A short hash of the ids and text lengths, to notice a changed input on resume."""
    h = hashlib.blake2b(digest_size=12)
    for d in docs:
        h.update(f"{d.id}\x1f{len(d.text)}\x1e".encode())
    return h.hexdigest()


def partitions(docs: Iterable[Document], size: int) -> Iterator[Partition]:
    """Consecutive batches of ``size`` documents, numbered from 0 in input order."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    batch: list[Document] = []
    index = 0
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield Partition(index, batch)
            index += 1
            batch = []
    if batch:
        yield Partition(index, batch)


def parquet_path(out: Path, index: int) -> Path:
    return out / f"{PREFIX}{index:05d}.parquet"


def non_events_path(out: Path, index: int) -> Path:
    return out / f"{PREFIX}{index:05d}.nonevents.jsonl"


def done_path(out: Path, index: int) -> Path:
    return out / f"{PREFIX}{index:05d}.done"


def read_done(out: Path, index: int) -> PartitionSummary | None:
    """The marker of a finished partition, or None when it is not finished."""
    path = done_path(out, index)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return PartitionSummary.from_dict(json.loads(text))
    except (ValueError, TypeError) as exc:
        # A marker is renamed into place only when complete, so this is outside damage.
        raise OutputError(f"{path}: unreadable completion marker ({exc})") from exc


def _atomic_write(path: Path, write: Any) -> None:
    """Call ``write(tmp_path)`` then rename into place; on any failure leave nothing behind."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_partition(
    out: Path, summary: PartitionSummary, table: Any, non_events: list[str] | None = None
) -> None:
    """Write the events table (and the non-events, one JSON line each), then the completion
    marker, each atomically."""
    import pyarrow.parquet as pq

    index = summary.partition

    def write_table(tmp: str) -> None:
        pq.write_table(table, tmp, compression="zstd")

    def write_marker(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(summary.to_dict(), fh)

    def write_non_events(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.writelines(line + "\n" for line in non_events or [])

    _atomic_write(parquet_path(out, index), write_table)
    if non_events is not None:
        _atomic_write(non_events_path(out, index), write_non_events)
    _atomic_write(done_path(out, index), write_marker)


def finished(out: Path) -> list[int]:
    """Indices of the partitions in ``out`` that have a completion marker, in order."""
    found = []
    for p in out.glob(f"{PREFIX}*.done"):
        stem = p.stem[len(PREFIX) :]
        if stem.isdigit():
            found.append(int(stem))
    return sorted(found)


def read_events(out: str | Path) -> Any:
    """All events of the finished partitions of a run, as one pyarrow Table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from groundfacts.store.export import arrow_schema, conform

    out = Path(out)
    # partitions of an earlier version (dates as text) read alike
    tables = [conform(pq.read_table(parquet_path(out, i))) for i in finished(out)]
    if not tables:
        return arrow_schema().empty_table()
    return pa.concat_tables(tables)


def read_non_events(out: str | Path) -> Iterator[str]:
    """The non-events of the finished partitions of a run, one JSON line each, in order."""
    out = Path(out)
    for i in finished(out):
        path = non_events_path(out, i)
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                yield from (line.rstrip("\n") for line in fh if line.strip())
