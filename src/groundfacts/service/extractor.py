"""Extraction for the service, in worker processes that can be stopped.

A thread cannot be interrupted in Python, so a document that takes too long would hold
its thread (and a core) for good. Each worker is a process holding one loaded
``Pipeline``; a request that runs past its time budget has its worker killed and replaced,
and gets an answer at once.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from groundfacts.records import DocResult, Document


class ExtractionTimeout(Exception):
    """The extraction ran past its time budget; its worker was stopped."""


class ExtractionBusy(Exception):
    """No worker became free in time."""


def _serve(conn: Connection) -> None:
    """The worker's loop: documents in, results out, until told to stop (None)."""
    from groundfacts.pipeline import Pipeline

    pipe = Pipeline()
    # warm the resources (packs, registry, gazetteer) before saying ready
    pipe.process(Document(id="warm-up", text="Soldiers attacked a village.", lang="en"))
    conn.send("ready")
    while True:
        try:
            doc = conn.recv()
        except EOFError:
            return
        if doc is None:
            return
        try:
            result = next(iter(pipe.run([doc])))
        except Exception as exc:  # the pipeline records errors itself; this is a last guard
            result = DocResult(doc, None, error=f"{type(exc).__name__}: {exc}")
        conn.send(result)


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection


class ExtractorPool:
    """``size`` worker processes; ``extract`` hands a document to a free one."""

    def __init__(self, size: int, *, timeout: float, wait: float) -> None:
        self.size = size
        self.timeout = timeout
        self.wait = wait
        self._ctx = mp.get_context("spawn")  # never fork a process that runs threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._closed = False

    def start(self) -> None:
        for _ in range(self.size):
            self._spawn()

    def _spawn(self) -> None:
        """Start a worker; it joins the idle queue once its resources are loaded."""
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_serve, args=(child,), daemon=True, name="gf-extract")
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        with self._lock:
            self._workers.append(worker)
        threading.Thread(target=self._await_ready, args=(worker,), daemon=True).start()

    def _await_ready(self, worker: _Worker) -> None:
        try:
            ready = worker.conn.poll(600) and worker.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if ready and not self._closed:
            self._idle.put(worker)
        else:
            self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def extract(self, doc: Document) -> DocResult:
        """The pipeline's result for ``doc``; raises ExtractionBusy or ExtractionTimeout."""
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise ExtractionBusy(
                f"no extraction worker became free within {self.wait:g} s"
            ) from None
        died = False
        try:
            worker.conn.send(doc)
            if worker.conn.poll(self.timeout):
                result: DocResult = worker.conn.recv()
                self._idle.put(worker)
                return result
        except (EOFError, OSError):
            died = True  # out of memory or killed: replaced like a worker out of time
        self._retire(worker)
        if not self._closed:
            self._spawn()
        if died:
            raise ExtractionTimeout("the extraction worker stopped while reading this document")
        raise ExtractionTimeout(
            f"extraction stopped after {self.timeout:g} s (the document is too long or too "
            "hard for one request; use 'groundfacts extract' for it)"
        )

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for w in workers:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in workers:
            w.process.join(2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(2)
            w.conn.close()
        with self._lock:
            self._workers.clear()
