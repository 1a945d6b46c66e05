"""Partitioned, resumable extraction on a Dask cluster (local or remote).

The driver reads documents in order, cuts them into numbered partitions and submits each
unfinished one as a task; a bounded number are in flight, so memory does not grow with the
input. Workers write ``part-NNNNN.parquet`` and its ``.done`` marker themselves. Run again
on the same input and output folder, finished partitions (marker present, same documents)
are skipped, so a killed run loses nothing and duplicates nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from groundfacts.errors import OutputError, first_line
from groundfacts.records import Document
from groundfacts.scale.partitions import (
    PREFIX,
    Partition,
    PartitionSummary,
    done_path,
    partitions,
    read_done,
)
from groundfacts.scale.worker import (
    PipelinePlugin,
    ProcessorFactory,
    default_processor,
    extract_partition,
)

DEFAULT_PARTITION_SIZE = 200
MANIFEST = "_run.json"


class InputChangedError(OutputError):
    """The output folder holds a finished partition made from different documents."""


def _prepare_out(out: Path, partition_size: int | None) -> int:
    """Create the folder, check it is writable, and settle the partition size with the
    manifest of an earlier run (the earlier size wins unless another was asked for)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"output folder {out} is not writable: {exc.strerror or exc}") from exc
    manifest = out / MANIFEST
    earlier: int | None = None
    if manifest.exists():
        try:
            earlier = int(json.loads(manifest.read_text(encoding="utf-8"))["partition_size"])
        except (ValueError, KeyError, TypeError) as exc:
            raise OutputError(f"{manifest}: unreadable run manifest ({exc})") from exc
    if earlier is not None and partition_size is not None and earlier != partition_size:
        raise OutputError(
            f"{out} holds a run with {earlier} documents per partition, not {partition_size}; "
            "use the same size to resume, or a fresh output folder"
        )
    size = partition_size or earlier or DEFAULT_PARTITION_SIZE
    if earlier is None:
        try:
            manifest.write_text(json.dumps({"partition_size": size}), encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write {manifest}: {exc.strerror or exc}") from exc
    # Temporary files of a killed run are never renamed into place; clear them away.
    for stale in out.glob(f".{PREFIX}*.tmp"):
        stale.unlink(missing_ok=True)
    return size


def _already_done(out: Path, part: Partition) -> PartitionSummary | None:
    summary = read_done(out, part.index)
    if summary is None:
        return None
    if summary.fingerprint != part.fingerprint:
        raise InputChangedError(
            f"{done_path(out, part.index)} was made from other documents than partition "
            f"{part.index} of this input; the input changed since the earlier run. "
            "Use a fresh output folder."
        )
    return summary


class _Totals:
    """Sums of partition summaries, split into written now and resumed from an earlier run."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {
            "partitions": 0,
            "written": 0,
            "resumed": 0,
            "documents": 0,
            "sentences": 0,
            "events": 0,
            "non_events": 0,
            "skipped_documents": 0,
            "failed_documents": 0,
            "errors": [],
        }

    def add(self, s: PartitionSummary, *, resumed: bool) -> None:
        v = self.values
        v["partitions"] += 1
        v["resumed" if resumed else "written"] += 1
        v["documents"] += s.documents
        v["sentences"] += s.sentences
        v["events"] += s.events
        v["non_events"] += s.non_events
        v["skipped_documents"] += s.skipped
        v["failed_documents"] += s.failed
        if len(v["errors"]) < 20:
            v["errors"].extend(s.errors[: 20 - len(v["errors"])])


def run_partitions(
    docs: Iterable[Document],
    out: str | Path,
    client: Any,
    *,
    partition_size: int | None = None,
    factory: ProcessorFactory = default_processor,
    max_in_flight: int | None = None,
    on_partition: Callable[[PartitionSummary], None] | None = None,
) -> dict[str, Any]:
    """Extract ``docs`` on the cluster behind ``client`` into ``out``; returns the totals.

    The client must already have a :class:`PipelinePlugin` registered (see
    :func:`extract_distributed`) or the task builds the processor on first use.
    """
    from distributed import as_completed

    out = Path(out)
    size = _prepare_out(out, partition_size)
    if max_in_flight is None:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        max_in_flight = 2 * n_workers + 1
    totals = _Totals()
    run_id = uuid.uuid4().hex[:12]
    pending = as_completed()
    in_flight = 0

    def collect_one() -> None:
        nonlocal in_flight
        future = next(pending)
        in_flight -= 1
        try:
            result = future.result()
        except BaseException:
            for f in list(pending.futures):
                f.cancel()
            raise
        s = PartitionSummary.from_dict(result)
        totals.add(s, resumed=False)
        if on_partition is not None:
            on_partition(s)

    for part in partitions(docs, size):
        done = _already_done(out, part)
        if done is not None:
            totals.add(done, resumed=True)
            if on_partition is not None:
                on_partition(done)
            continue
        future = client.submit(
            extract_partition,
            part,
            str(out),
            factory,
            # unique per run: a key the scheduler still remembers would not run again
            key=f"gf-{part.name}-{run_id}",
            pure=False,
            retries=1,
        )
        pending.add(future)
        in_flight += 1
        while in_flight >= max_in_flight:
            collect_one()
    while in_flight:
        collect_one()
    totals.values["partition_size"] = size
    return totals.values


def local_cluster(workers: int) -> Any:
    """A Dask cluster of ``workers`` single-threaded processes on this machine, its scheduler
    on loopback and its dashboard on a free port (several runs at once must not collide)."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        host="127.0.0.1",
    )


def extract_distributed(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    published: dt.date | None = None,
    lang: str | None = None,
    country: str | None = None,
    skip_bad: bool = False,
    progress: bool | None = None,
    partition_size: int | None = None,
    factory: ProcessorFactory = default_processor,
    on_warning: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Read ``inputs`` and extract them on Dask into partitioned Parquet under ``out``.

    ``scheduler`` (``tcp://host:port``) uses an existing cluster; otherwise a local cluster
    of ``workers`` processes (default: one per core), one thread each, is started and
    stopped. ``country`` is the hint for documents that give none. Returns a summary:
    partitions written now and resumed, documents, sentences, events, non-events, failed
    documents (with examples), malformed input lines (with their positions), wall time.
    """
    from distributed import Client
    from distributed.client import FutureCancelledError, FuturesCancelledError
    from distributed.comm.core import CommClosedError

    from groundfacts.ingest import ReadStats, read_documents

    t0 = time.perf_counter()
    out = Path(out)
    _prepare_out(out, partition_size)  # fail on a bad folder before starting a cluster
    warnings: list[str] = []

    def warn(msg: str) -> None:
        if len(warnings) < 20:
            warnings.append(msg)
        if on_warning is not None:
            on_warning(msg)
        else:
            print(f"warning: {msg}", file=sys.stderr)

    stats = ReadStats()
    docs = read_documents(
        list(inputs),
        published=published,
        lang=lang,
        skip_bad=skip_bad,
        on_warning=warn,
        stats=stats,
    )
    if country:
        docs = _with_country(docs, country)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = local_cluster(n)
        client = Client(cluster)
    bar = None
    try:
        client.register_plugin(PipelinePlugin(factory))
        show = sys.stderr.isatty() if progress is None else progress
        if show:
            from tqdm import tqdm

            bar = tqdm(desc="partitions", unit="part", file=sys.stderr, dynamic_ncols=True)
        summary = run_partitions(
            docs,
            out,
            client,
            partition_size=partition_size,
            factory=factory,
            on_partition=(lambda s: bar.update(1)) if bar is not None else None,
        )
        summary["workers"] = len(client.scheduler_info().get("workers", {}))
    except (CommClosedError, FutureCancelledError, FuturesCancelledError) as exc:
        # the scheduler went away: as a closed connection, or as the futures it cancelled
        raise OutputError(
            f"lost the connection to the Dask scheduler ({first_line(exc)}); "
            "finished partitions are kept "
            f"in {out}: run the same command again to go on"
        ) from exc
    finally:
        if bar is not None:
            bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    summary["bad_lines"] = stats.bad_lines
    summary["bad_line_origins"] = list(stats.bad_line_origins)
    summary["warnings"] = warnings
    summary["out"] = str(out)
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    return summary


def _with_country(docs: Iterable[Document], country: str) -> Iterator[Document]:
    for doc in docs:
        doc.country = doc.country or country
        yield doc
