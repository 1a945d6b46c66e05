"""Dataset-level scoring: extract every note of an ACLED file (as ``eval acled`` reads it:
published two days after the event, the row's country as the hint) into a store, then
compare the extracted events with the file's own events, one to one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from groundfacts.analyse.compare import CompareOptions, Comparison, compare_store
from groundfacts.evaluate.acled import gold_documents, read_gold
from groundfacts.pipeline import Pipeline
from groundfacts.store.acled_import import acled_events
from groundfacts.store.duckdb_store import EventStore


def compare_with_notes(
    path: Path,
    store: EventStore,
    *,
    options: CompareOptions | None = None,
    pipeline: Pipeline | None = None,
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
) -> Comparison:
    """Ingest the notes of ``path`` into ``store`` (documents already there are kept) and
    compare what was extracted with the file's events."""
    pipe = pipeline or Pipeline()
    docs: Iterable[Any] = gold_documents(read_gold(path))
    if progress is not None:
        docs = progress(docs)
    batch = []
    for result in pipe.run(docs):
        batch.append(result)
        if len(batch) >= 500:
            store.add_results(batch)
            batch = []
    store.add_results(batch)
    return compare_store(store, acled_events(path), None, options)
