"""What runs on a Dask worker: one pipeline per worker, and the task that extracts a partition.

The pipeline is built once per worker process by a :class:`PipelinePlugin` (its ``setup``
runs when the worker starts, again on a worker that replaces a dead one) and kept on the
plugin object, so partitions reuse its loaded resources and no module-level state is needed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from distributed import WorkerPlugin, get_worker

from groundfacts.records import DocResult, Document
from groundfacts.scale.partitions import Partition, PartitionSummary, write_partition

PLUGIN_NAME = "groundfacts-pipeline"
MAX_ERRORS = 20  # examples of failed documents kept per partition; counts stay exact


class Processor(Protocol):
    """Anything shaped like :class:`groundfacts.pipeline.Pipeline` for our purpose."""

    def run(self, docs: Iterable[Document]) -> Iterable[DocResult]: ...


ProcessorFactory = Callable[[], Processor]


def default_processor() -> Processor:
    """The default pipeline with every resource loaded, ready for many partitions."""
    from groundfacts.pipeline import Pipeline

    pipe = Pipeline()
    pipe.resources.warm()
    return pipe


class PipelinePlugin(WorkerPlugin):
    """Builds the processor once when a worker starts and keeps it for the worker's life."""

    name = PLUGIN_NAME

    def __init__(self, factory: ProcessorFactory = default_processor) -> None:
        self.factory = factory
        self.processor: Processor | None = None
        # processors of other factories a task asked for (one cluster, several kinds of run)
        self.others: dict[ProcessorFactory, Processor] = {}

    def setup(self, worker: Any) -> None:
        self.processor = self.factory()

    def teardown(self, worker: Any) -> None:
        self.processor = None
        self.others.clear()

    def get(self, factory: ProcessorFactory) -> Processor:
        """The processor for ``factory``, built on first use and kept."""
        if factory == self.factory:
            if self.processor is None:
                self.processor = self.factory()
            return self.processor
        if factory not in self.others:
            self.others[factory] = factory()
        return self.others[factory]


def _worker_processor(factory: ProcessorFactory) -> tuple[Processor, str]:
    """The processor of the worker running this task; built here when not on a worker."""
    try:
        worker = get_worker()
    except ValueError:
        return factory(), "local"
    plugin = worker.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PipelinePlugin):
        plugin = PipelinePlugin(factory)
        worker.plugins[PLUGIN_NAME] = plugin
    return plugin.get(factory), str(worker.address)


def extract_partition(
    part: Partition, out: str, factory: ProcessorFactory = default_processor
) -> dict[str, Any]:
    """Extract one partition and write its Parquet file and marker; returns the marker."""
    from groundfacts.store.export import events_table

    t0 = time.perf_counter()
    processor, where = _worker_processor(factory)
    summary = PartitionSummary(part.index, part.fingerprint, worker=where)
    events = []
    non_events: list[str] = []
    for r in processor.run(part.docs):
        summary.documents += 1
        summary.sentences += r.sentences
        summary.non_events += len(r.non_events)
        non_events.extend(json.dumps(ne.to_dict(), ensure_ascii=False) for ne in r.non_events)
        if r.error:
            summary.failed += 1
            if len(summary.errors) < MAX_ERRORS:
                summary.errors.append(f"{r.doc.origin or r.doc.id}: {r.error}")
        elif r.language is None:
            summary.skipped += 1
        events.extend(r.events)
    summary.events = len(events)
    summary.seconds = round(time.perf_counter() - t0, 4)
    write_partition(Path(out), summary, events_table(events), non_events)
    return summary.to_dict()
