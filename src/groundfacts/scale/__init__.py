"""Scale: partitioned, resumable extraction on Dask, written as partitioned Parquet."""

from __future__ import annotations

from groundfacts.scale.partitions import (
    Partition,
    PartitionSummary,
    finished,
    partitions,
    read_events,
)
from groundfacts.scale.runner import (
    DEFAULT_PARTITION_SIZE,
    InputChangedError,
    extract_distributed,
    local_cluster,
    run_partitions,
)
from groundfacts.scale.worker import PipelinePlugin, Processor, default_processor

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "InputChangedError",
    "Partition",
    "PartitionSummary",
    "PipelinePlugin",
    "Processor",
    "default_processor",
    "extract_distributed",
    "finished",
    "local_cluster",
    "partitions",
    "read_events",
    "run_partitions",
]
