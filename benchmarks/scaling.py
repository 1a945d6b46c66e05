"""Time per MB against document size: it must stay flat (every stage linear in the length).

    python benchmarks/scaling.py [--quick] [--max-mb 10] [--timeout 600]

Documents of 10 kB, 100 kB, 1 MB and 10 MB of made-up report sentences (towns of Burkina
Faso, so that places resolve), in three shapes: paragraphs of five sentences, all in one
paragraph, and the pathological ones (one sentence of many tokens, one place name repeated).
Each is processed by one Pipeline (loaded beforehand) and timed in CPU seconds, so a busy
machine does not move the figures; the table gives CPU seconds per MB. A size that takes
longer than ``--timeout`` (wall) is cut off and shown as such. Results go to
benchmarks/results/scaling.json. Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
SIZES_KB = (10, 100, 1000, 10_000)
_TOWNS = ("Djibo", "Kaya", "Dori", "Ouahigouya", "Arbinda", "Kongoussi", "Titao", "Sebba")
_NUMBERS = ("two", "three", "five", "seven", "ten", "12", "20")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TEMPLATES = (
    "Gunmen killed {n} villagers in {p} on {d}.",
    "Soldiers clashed with militants near {p} on {d}, leaving {n} dead.",
    "Hundreds of protesters marched in {p} on {d}.",
    "An explosive device killed {n} soldiers near {p} on {d}.",
    "Police arrested {n} suspects in {p} on {d}.",
    "Armed men abducted {n} women from a village near {p}.",
)
_WORDS = [
    "gunmen",
    "killed",
    "three",
    "villagers",
    "in",
    "Djibo",
    "and",
    "soldiers",
    "attacked",
    "militants",
    "near",
    "Kaya",
    "with",
]


def document(shape: str, n_bytes: int, seed: int = 1) -> str:
    """About ``n_bytes`` of text in one of the shapes."""
    rnd = random.Random(seed)
    if shape == "long-sentence":
        words: list[str] = []
        size = 0
        while size < n_bytes:
            w = rnd.choice(_WORDS)
            words.append(w)
            size += len(w) + 1
        return " ".join(words) + "."
    if shape == "repeated-place":
        return "Fighting in " + ", ".join(["Djibo"] * (n_bytes // 7)) + "."
    out: list[str] = []
    size = 0
    while size < n_bytes:
        s = rnd.choice(_TEMPLATES).format(
            n=rnd.choice(_NUMBERS), p=rnd.choice(_TOWNS), d=rnd.choice(_DAYS)
        )
        out.append(s)
        size += len(s) + 1
    if shape == "one-paragraph":
        return " ".join(out)
    return "\n\n".join(" ".join(out[i : i + 5]) for i in range(0, len(out), 5))


def _measure(shape: str, kb: int, queue: Any, cpu_limit: float) -> None:
    import resource

    from groundfacts.pipeline import Pipeline
    from groundfacts.records import Document

    limit = int(cpu_limit) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit))  # SIGXCPU past it

    try:
        pipe = Pipeline(time_budget=None)
    except TypeError:  # a version from before the time budget, to measure what it did
        pipe = Pipeline()
    pipe.process(Document("warm", "Gunmen killed two people in Djibo.", dt.date(2020, 1, 5)))
    text = document(shape, kb * 1000)
    t0 = time.process_time()
    res = pipe.process(Document("d", text, dt.date(2020, 1, 5)))
    cpu = time.process_time() - t0
    queue.put({"cpu_s": round(cpu, 3), "events": len(res.events), "chars": len(text)})


def measure(shape: str, kb: int, cpu_limit: float) -> dict[str, Any]:
    """One document in a child process, stopped after ``cpu_limit`` CPU seconds."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure, args=(shape, kb, queue, cpu_limit))
    proc.start()
    t0 = time.perf_counter()
    proc.join()
    if proc.exitcode != 0:
        return {"shape": shape, "kb": kb, "cut_off_after_s": cpu_limit, "exit": proc.exitcode}
    got = queue.get(timeout=10)
    got.update(shape=shape, kb=kb, wall_s=round(time.perf_counter() - t0, 2))
    got["cpu_s_per_mb"] = round(got["cpu_s"] / (got["chars"] / 1e6), 2)
    return dict(got)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10 kB to 1 MB, two shapes")
    ap.add_argument("--max-mb", type=float, default=10.0)
    ap.add_argument("--cpu-limit", type=float, default=600.0, help="CPU seconds a document")
    ap.add_argument("--shapes", default="paragraphs,one-paragraph,long-sentence,repeated-place")
    ap.add_argument("--out", type=Path, default=RESULTS / "scaling.json")
    args = ap.parse_args()
    shapes = args.shapes.split(",")
    sizes = [kb for kb in SIZES_KB if kb <= args.max_mb * 1000]
    if args.quick:
        shapes, sizes = shapes[:2], [kb for kb in sizes if kb <= 1000]
    rows = []
    for shape in shapes:
        for kb in sizes:
            row = measure(shape, kb, args.cpu_limit)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            if "cut_off_after_s" in row:
                break  # larger ones would only take longer
    print(f"{'shape':16} " + " ".join(f"{_label(kb):>10}" for kb in sizes) + "   (CPU s/MB)")
    for shape in shapes:
        cells = []
        for kb in sizes:
            row = next((r for r in rows if r["shape"] == shape and r["kb"] == kb), None)
            if row is None:
                cells.append(f"{'-':>10}")
            elif "cut_off_after_s" in row:
                cells.append(f"{'>' + str(int(row['cut_off_after_s'])) + ' s':>10}")
            else:
                cells.append(f"{row['cpu_s_per_mb']:>10.2f}")
        print(f"{shape:16} " + " ".join(cells))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


def _label(kb: int) -> str:
    return f"{kb // 1000} MB" if kb >= 1000 else f"{kb} kB"


if __name__ == "__main__":
    sys.exit(main())
