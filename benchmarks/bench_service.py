"""The service under load: a real ``groundfacts serve`` on loopback over a store of synthetic
events, hit by concurrent clients.

    python benchmarks/bench_service.py [--events 1000000] [--clients 50] [--quick] [--json FILE]
                                       [--db FILE (reuse a store of synthetic events)]

Three phases, each bounded by a request count and a duration (whichever ends first):
``/api/events`` with filters (a fixed, seeded mix of date ranges, countries, actors and
event types; a page of 100 events and the total) from one client, then from ``--clients``
at once, then ``POST /api/extract`` on a short report. Reports queries per second,
p50/p90/p99 latency and errors (any status but 200, or a failed connection). Traffic goes
to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from groundfacts.scale.synthetic import synthetic_events
from groundfacts.store import EventStore

HOST = "127.0.0.1"
REPORT = (
    "On 5 May 2024 gunmen attacked a village near Gao in Mali. Four civilians were killed, "
    "the army said. Two days later soldiers arrested three suspects in Gao."
)


def build(db: Path, n: int, batch: int = 200_000) -> float:
    t = time.perf_counter()
    with EventStore(db) as store:
        for first in range(0, n, batch):
            store.add_events_table(synthetic_events(min(batch, n - first), seed=first, first=first))
    return time.perf_counter() - t


def queries(seed: int, n: int) -> list[str]:
    """A fixed mix of filtered queries over the synthetic store's values."""
    rng = random.Random(seed)
    types = ["Battles", "Riots", "Protests", "Violence against civilians"]
    out = []
    for _ in range(n):
        p: dict[str, Any] = {"limit": 100}
        kind = rng.randrange(5)
        year = rng.randrange(2015, 2025)
        month = rng.randrange(1, 13)
        if kind in (0, 4):
            p["since"], p["until"] = f"{year}-{month:02d}-01", f"{year}-{month:02d}-28"
        if kind in (1, 4):
            p["country"] = f"Country {rng.randrange(40):02d}"
        if kind == 2:
            p["actor"] = f"Group {rng.randrange(200):03d}"
        if kind in (3, 4):
            p["event_type"] = rng.choice(types)
        out.append("/api/events?" + urlencode(p))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(db: Path, workers: int) -> Iterator[int]:
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "groundfacts.cli",
        "serve",
        "--db",
        str(db),
        "--host",
        HOST,
        "--port",
        str(port),
        "--extract-workers",
        str(workers),
        "--extract-timeout",
        "60",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"serve stopped: {proc.stderr.read() if proc.stderr else ''}")
            with contextlib.suppress(OSError):
                con = http.client.HTTPConnection(HOST, port, timeout=5)
                con.request("GET", "/api/health")
                if con.getresponse().status == 200:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("serve did not answer")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def warm_extract(port: int, timeout: float = 300) -> None:
    """Wait until an extraction worker has loaded its resources (not part of the figures)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        con = http.client.HTTPConnection(HOST, port, timeout=timeout)
        con.request(
            "POST",
            "/api/extract",
            body=json.dumps({"text": REPORT}),
            headers={"Content-Type": "application/json"},
        )
        if con.getresponse().status == 200:
            return
        time.sleep(1)
    raise RuntimeError("extraction never became ready")


def load(
    port: int, requests: list[tuple[str, str, bytes | None]], clients: int, duration: float
) -> dict[str, Any]:
    """Send ``requests`` from ``clients`` threads (keep-alive connections) until all are sent
    or ``duration`` seconds have passed."""
    lock = threading.Lock()
    todo = iter(requests)
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + duration

    def client() -> None:
        con = http.client.HTTPConnection(HOST, port, timeout=120)
        while time.monotonic() < stop_at:
            with lock:
                item = next(todo, None)
            if item is None:
                break
            method, path, body = item
            t = time.perf_counter()
            try:
                headers = {"Content-Type": "application/json"} if body else {}
                con.request(method, path, body=body, headers=headers)
                res = con.getresponse()
                res.read()
                ok = res.status == 200
                if not ok:
                    with lock:
                        errors.append(f"{res.status} {path}")
            except (OSError, http.client.HTTPException) as exc:
                ok = False
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
                con.close()
                con = http.client.HTTPConnection(HOST, port, timeout=120)
            if ok:
                with lock:
                    latencies.append(time.perf_counter() - t)
        con.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    lat = sorted(latencies)

    def pct(q: float) -> float:
        return round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 1) if lat else 0.0

    return {
        "requests": len(lat) + len(errors),
        "ok": len(lat),
        "errors": len(errors),
        "first_errors": errors[:5],
        "clients": clients,
        "seconds": round(wall, 2),
        "qps": round(len(lat) / wall, 1) if wall else 0.0,
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else 0.0,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=3000, help="/api/events requests")
    ap.add_argument("--extracts", type=int, default=300, help="/api/extract requests")
    ap.add_argument("--duration", type=float, default=120.0, help="seconds per phase, at most")
    ap.add_argument("--workers", type=int, default=2, help="extraction worker processes")
    ap.add_argument("--solo", type=int, default=50, help="/api/events requests from 1 client")
    ap.add_argument("--quick", action="store_true", help="50,000 events, fewer requests")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--db", type=Path, help="use (or build once and keep) this store")
    args = ap.parse_args(argv)
    if args.quick:
        args.events, args.requests, args.extracts, args.duration = 50_000, 500, 50, 30.0
        args.solo = 20
    out: dict[str, Any] = {"events": args.events, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="gf-bench-service-") as tmp:
        db = args.db or Path(tmp) / "service.duckdb"
        out["build_s"] = 0.0
        if db.exists():
            with EventStore(db, read_only=True) as store:
                out["events"] = store.count()
        else:
            out["build_s"] = round(build(db, args.events), 1)
        with serve(db, args.workers) as port:
            reqs = [("GET", q, None) for q in queries(0, args.requests)]
            load(port, reqs[:100], min(args.clients, 10), args.duration)  # warm the caches
            # one client alone first: the latency of a request with no queue before it
            out["events_api_1"] = load(port, reqs[: args.solo], 1, args.duration)
            out["events_api"] = load(port, reqs, args.clients, args.duration)
            warm_extract(port)
            body = json.dumps({"text": REPORT, "published": "2024-05-08"}).encode()
            ext = [("POST", "/api/extract", body)] * args.extracts
            out["extract_api"] = load(port, ext, args.clients, args.duration)
            out["extract_api"]["workers"] = args.workers
    print(table(out))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


def table(res: dict[str, Any]) -> str:
    built = f" (built in {res['build_s']} s)" if res["build_s"] else ""
    lines = [f"store: {res['events']:,} synthetic events{built}"]
    for key, label in (
        ("events_api_1", "/api/events, 1 client"),
        ("events_api", "/api/events (filters)"),
        ("extract_api", "/api/extract"),
    ):
        r = res[key]
        lines.append(
            f"{label:<24} {r['ok']:>6} ok {r['errors']:>4} errors  {r['clients']} clients  "
            f"{r['qps']:>7} req/s  p50 {r['p50_ms']} ms  p90 {r['p90_ms']} ms  "
            f"p99 {r['p99_ms']} ms  ({r['seconds']} s)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
