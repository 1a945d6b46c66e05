"""Ingest: documents through the pipeline into a store, batch by batch, safe to kill and rerun.

Each batch is one transaction, and the store is held only while a batch is written, so a
second ingest or a reader takes its turn in between (``wait`` seconds at most). Documents
whose text is already stored are not extracted again (their source is recorded), so a killed
run started again redoes only the batches that had not committed: nothing is lost and nothing
is stored twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from groundfacts.records import DocResult, Document
from groundfacts.store.duckdb_store import EventStore, doc_hash

DEFAULT_WAIT = 60.0


@dataclass(slots=True)
class IngestSummary:
    documents_added: int = 0
    events_added: int = 0
    already_stored: int = 0
    failed: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    migrated_from: int | None = None
    linked: int = 0  # new reports joined to merged events


# A batch holds at most this much text, whatever its count of documents: a 50 MB one-line file
# read in 1 MB pieces is many large documents, and each batch's events are held until written.
BATCH_CHARS = 4_000_000


def _batches(
    docs: Iterable[Document], size: int, chars: int = BATCH_CHARS
) -> Iterator[list[Document]]:
    """Runs of ``size`` documents at most, cut earlier once they hold ``chars`` of text."""
    chunk: list[Document] = []
    held = 0
    for d in docs:
        chunk.append(d)
        held += len(d.text)
        if len(chunk) >= size or held >= chars:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def ingest_documents(
    docs: Iterable[Document],
    db: str | Path,
    process: Callable[[list[Document]], Iterable[DocResult]],
    *,
    batch: int = 500,
    wait: float = DEFAULT_WAIT,
    merge: bool = True,
) -> IngestSummary:
    """Extract ``docs`` with ``process`` (a pipeline's ``run``, say) into the store ``db``;
    with ``merge``, each batch's new events are merged with the stored ones in the same
    transaction's wake (reports of one real event become one merged event)."""
    from groundfacts.store.merged import stored_merge_options

    out = IngestSummary()
    with EventStore(db, wait=wait) as store:  # create or migrate it before any extraction
        out.migrated_from = store.migrated_from
    for chunk in _batches(docs, max(1, batch)):
        with EventStore(db, wait=wait) as store:
            known = store.known([doc_hash(d.text) for d in chunk])
        todo = [d for d in chunk if doc_hash(d.text) not in known]
        done = {id(r.doc): r for r in process(todo)}
        results = [done.get(id(d)) or DocResult(d, None) for d in chunk]
        out.already_stored += len(chunk) - len(todo)
        out.failed += sum(1 for r in results if r.error)
        with EventStore(db, wait=wait) as store:
            added_docs, added_events = store.add_results(results)
            if merge:
                out.linked += store.merge_new(stored_merge_options(store))[0]
        out.documents_added += added_docs
        out.events_added += added_events
    with EventStore(db, wait=wait) as store:
        out.totals = store.counts()
        if merge:
            out.totals["merged_events"] = store.count(merged=True)
    return out
