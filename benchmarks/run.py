"""The benchmark suite, in one command.

    python benchmarks/run.py [--quick] [--seconds 40] [--no-dask] [--no-store] [--profile]
    python -m benchmarks ...            (the same)

Builds a corpus from the team's documents (tests/fixtures/*.jsonl, the bundled samples) and,
when present, the notes of ../shared/dev/acled-bfa.csv (published = event_date + 2 days),
repeated until extraction takes about ``--seconds`` in one process. Reports per language:
documents, sentences and MB of text per second per core, and the ratio of full extraction to a
bare pass that only cleans the text and splits it into sentences; peak memory with the default
gazetteer; the cold start of ``groundfacts extract`` on one document; the speed-up of the Dask
runner with 2 workers over one process; per-step times and the top hot spots (``--profile``);
the store at volume (``bench_store.py``, scaled down). Results go to
benchmarks/results/latest.json and a short table on stdout. Timings are measured, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
ACLED = ROOT.parent / "shared" / "dev" / "acled-bfa.csv"
TARGETS = {
    "sentences_per_s_per_core": 2000,
    "ratio_to_bare_pass": 10,
    "peak_memory_mb": 1500,
    "cold_start_s": 1.5,
    "dask_speedup_2_workers": 1.7,
}

if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


def _log(msg: str, t0: float) -> None:
    print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def _rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def base_documents(use_dev: bool = True) -> list[Any]:
    """The team's documents, then (if present) the ACLED development notes."""
    from groundfacts.ingest import read_documents
    from groundfacts.records import Document

    paths = sorted((ROOT / "tests" / "fixtures").glob("*.jsonl"))
    samples = ROOT / "src" / "groundfacts" / "samples"
    paths += sorted(p for p in samples.iterdir() if p.suffix in (".txt", ".jsonl"))
    docs = list(read_documents([str(p) for p in paths], skip_bad=True, on_warning=lambda m: None))
    if use_dev and ACLED.exists():
        with ACLED.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                try:
                    pub = dt.date.fromisoformat(row["event_date"]) + dt.timedelta(days=2)
                except (KeyError, ValueError):
                    pub = None
                if row.get("notes"):
                    docs.append(
                        Document(id=f"acled-{i}", text=row["notes"], published=pub, origin="acled")
                    )
    return docs


def _repeat(docs: list[Any], n: int) -> list[Any]:
    from groundfacts.records import Document

    out = []
    for k in range(n):
        for d in docs:
            out.append(
                Document(
                    id=f"{d.id}#r{k}",
                    text=d.text,
                    published=d.published,
                    lang=d.lang,
                    source=d.source,
                    url=d.url,
                    origin=d.origin,
                )
            )
    return out


def bare_pass(docs: list[Any], lang: str) -> tuple[float, int]:
    """Clean and split into sentences only: the floor any extraction pays."""
    from groundfacts.text import SentenceSplitter, clean, sentences

    splitter = SentenceSplitter.for_language(lang)
    t = time.perf_counter()
    n = 0
    for d in docs:
        ct = clean(d.id, d.text)
        n += len(sentences(d.id, ct, splitter))
    return time.perf_counter() - t, n


def by_language(pipe: Any, docs: list[Any]) -> dict[str, list[Any]]:
    """Documents grouped by the language the pipeline finds (a warm-up pass over them)."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in pipe.run(docs):
        if r.language:
            groups[r.language].append(r.doc)
    return dict(groups)


def bench_language(lang: str, docs: list[Any], seconds: float) -> dict[str, Any]:
    from groundfacts.pipeline import Pipeline

    pipe = Pipeline(timing=True)
    pipe.resources.warm()
    t = time.perf_counter()
    list(pipe.run(docs))
    once = time.perf_counter() - t
    reps = max(1, round(seconds / max(once, 1e-6)))
    corpus = _repeat(docs, reps)
    pipe = Pipeline(pipe.resources, timing=True)
    t = time.perf_counter()
    events = failed = 0
    for r in pipe.run(corpus):
        events += len(r.events)
        failed += bool(r.error)
    wall = time.perf_counter() - t
    bare_s, bare_sents = bare_pass(corpus, lang)
    chars = sum(len(d.text) for d in corpus)
    mb = sum(len(d.text.encode("utf-8")) for d in corpus) / 1e6
    steps = {k: round(v, 3) for k, v in sorted(pipe.stats.seconds.items(), key=lambda kv: -kv[1])}
    return {
        "documents": len(corpus),
        "distinct_documents": len(docs),
        "repeats": reps,
        "sentences": pipe.stats.sentences,
        "characters": chars,
        "events": events,
        "failed_documents": failed,
        "seconds": round(wall, 3),
        "docs_per_s_per_core": round(len(corpus) / wall, 1),
        "sentences_per_s_per_core": round(pipe.stats.sentences / wall, 1),
        "mb_per_s": round(mb / wall, 3),
        "bare_pass_s": round(bare_s, 3),
        "bare_pass_sentences": bare_sents,
        "ratio_to_bare_pass": round(wall / bare_s, 1) if bare_s else None,
        "step_seconds": steps,
    }


def cold_start(repeats: int = 3) -> dict[str, Any]:
    """Wall time of ``groundfacts extract`` on one short document in a fresh process."""
    exe = Path(sys.executable).with_name("groundfacts")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "groundfacts.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "one.txt"
        doc.write_text("Gunmen killed two villagers in Kaya on Monday.\n", encoding="utf-8")
        times = []
        out = ""
        for _ in range(repeats):
            t = time.perf_counter()
            proc = subprocess.run(
                [*cmd, "extract", str(doc), "--published", "2024-05-08", "--lang", "en"],
                capture_output=True,
                text=True,
                timeout=300,
            )
            times.append(time.perf_counter() - t)
            out = proc.stdout
        imp = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import groundfacts.cli"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    return {
        "seconds_median": round(statistics.median(times), 3),
        "seconds_all": [round(x, 3) for x in times],
        "events_found": out.count("\n"),
        "returncode": proc.returncode,
        "cli_import_top": _import_top(imp.stderr),
    }


def _import_top(stderr: str, n: int = 5) -> list[str]:
    rows = []
    for line in stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].strip()))
    rows.sort(reverse=True)
    return [f"{name} {us / 1000:.0f} ms" for us, name in rows[:n]]


def dask_speedup(docs: list[Any], single_s: float, workers: int = 2) -> dict[str, Any]:
    """The same documents on a local cluster of ``workers`` processes; the single-process
    time is measured just before on the same documents."""
    from distributed import Client

    from groundfacts.scale import PipelinePlugin, finished, local_cluster, run_partitions
    from groundfacts.scale.partitions import read_done

    t = time.perf_counter()
    with (
        local_cluster(workers) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(PipelinePlugin())  # each worker loads its resources here
        startup = time.perf_counter() - t
        with tempfile.TemporaryDirectory() as tmp:
            size = max(20, len(docs) // (workers * 8))
            t = time.perf_counter()
            summary = run_partitions(docs, Path(tmp) / "out", client, partition_size=size)
            wall = time.perf_counter() - t
            # time the workers spent inside partitions: against the single-process time it
            # shows how much slower each worker ran (a shared machine), apart from overhead
            busy = sum(
                s.seconds
                for i in finished(Path(tmp) / "out")
                if (s := read_done(Path(tmp) / "out", i)) is not None
            )
    return {
        "workers": workers,
        "documents": summary["documents"],
        "partitions": summary["partitions"],
        "cluster_start_and_load_s": round(startup, 2),
        "extract_s": round(wall, 3),
        "single_process_s": round(single_s, 3),
        "speedup": round(single_s / wall, 2),
        "worker_busy_s": round(busy, 3),
        "worker_slowdown": round(busy / single_s, 2),
        "parallel_efficiency": round(busy / (workers * wall), 2),
        "sentences_per_s_per_core": round(summary["sentences"] / wall / workers, 1),
    }


def profile(docs: list[Any], top: int = 25) -> dict[str, Any]:
    """cProfile of one process over ``docs``: functions by own time, and by cumulative time
    within our package, so the heavy step is visible."""
    from groundfacts.pipeline import Pipeline

    pipe = Pipeline(timing=True)
    pipe.resources.warm()
    list(pipe.run(docs[:100]))  # lazy loads (automata, syntax tables) out of the profile
    pipe = Pipeline(pipe.resources, timing=True)
    prof = cProfile.Profile()
    prof.enable()
    list(pipe.run(docs))
    prof.disable()
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        short = file.split("site-packages/")[-1].split("src/")[-1]
        rows.append((tt, ct, nc, f"{short}:{line}({func})"))
    own = sorted(rows, reverse=True)[:top]
    ours = sorted((r for r in rows if "groundfacts/" in r[3]), key=lambda r: -r[1])[:top]
    return {
        "documents": len(docs),
        "step_seconds": {
            k: round(v, 3) for k, v in sorted(pipe.stats.seconds.items(), key=lambda kv: -kv[1])
        },
        "top_own_time": [
            f"{tt:7.3f}s own {ct:7.3f}s cum {nc:>8} calls  {name}" for tt, ct, nc, name in own
        ],
        "top_cumulative_groundfacts": [
            f"{ct:7.3f}s cum {tt:7.3f}s own  {name}" for tt, ct, nc, name in ours
        ],
    }


def table(res: dict[str, Any]) -> str:
    out = io.StringIO()
    w = out.write
    w(
        f"{'lang':<5} {'docs':>7} {'sents':>8} {'docs/s':>8} {'sents/s/core':>13} "
        f"{'MB/s':>6} {'x bare':>7}\n"
    )
    for lang, r in res["languages"].items():
        w(
            f"{lang:<5} {r['documents']:>7} {r['sentences']:>8} {r['docs_per_s_per_core']:>8} "
            f"{r['sentences_per_s_per_core']:>13} {r['mb_per_s']:>6} {r['ratio_to_bare_pass']:>7}\n"
        )
    w(
        f"peak memory {res['peak_memory_mb']:.0f} MB (resources loaded: "
        f"{res['memory_after_load_mb']:.0f} MB)\n"
    )
    if "cold_start" in res:
        w(
            f"cold start of `groundfacts extract` on one document: "
            f"{res['cold_start']['seconds_median']} s\n"
        )
    if "dask" in res:
        d = res["dask"]
        w(
            f"dask, {d['workers']} workers: {d['speedup']}x one process "
            f"({d['extract_s']} s vs {d['single_process_s']} s; cluster start and load "
            f"{d['cluster_start_and_load_s']} s; workers ran {d['worker_slowdown']}x slower "
            f"than one process alone, parallel efficiency {d['parallel_efficiency']})\n"
        )
    if "store" in res:
        from bench_store import table as store_table

        w(store_table(res["store"]) + "\n")
    for line in res.get("targets", []):
        w(line + "\n")
    return out.getvalue()


def check_targets(res: dict[str, Any]) -> list[str]:
    lines = []
    for lang, r in res["languages"].items():
        v = r["sentences_per_s_per_core"]
        lines.append(_verdict(f"{lang} sentences/s/core", v, TARGETS["sentences_per_s_per_core"]))
        lines.append(
            _verdict(
                f"{lang} x bare pass",
                r["ratio_to_bare_pass"],
                TARGETS["ratio_to_bare_pass"],
                lower=True,
            )
        )
    lines.append(
        _verdict(
            "peak memory MB", round(res["peak_memory_mb"]), TARGETS["peak_memory_mb"], lower=True
        )
    )
    if "cold_start" in res:
        lines.append(
            _verdict(
                "cold start s",
                res["cold_start"]["seconds_median"],
                TARGETS["cold_start_s"],
                lower=True,
            )
        )
    if "dask" in res:
        lines.append(
            _verdict("dask speed-up", res["dask"]["speedup"], TARGETS["dask_speedup_2_workers"])
        )
    return lines


def _verdict(name: str, value: Any, target: float, lower: bool = False) -> str:
    if value is None:
        return f"  ?    {name}: not measured"
    ok = value <= target if lower else value >= target
    return (
        f"  {'ok ' if ok else 'MISS'} {name}: {value} (target {'<=' if lower else '>='} {target})"
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description="groundfacts benchmarks")
    ap.add_argument("--quick", action="store_true", help="a few seconds, for a smoke test")
    ap.add_argument(
        "--seconds",
        type=float,
        default=40.0,
        help="single-process extraction time to aim for, over all languages",
    )
    ap.add_argument("--no-dev", action="store_true", help="leave out ../shared/dev notes")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-store", action="store_true")
    ap.add_argument("--profile", action="store_true", help="cProfile one pass, list hot spots")
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = ap.parse_args(argv)
    seconds = 3.0 if args.quick else args.seconds
    t_all = time.perf_counter()
    res: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "quick": args.quick,
    }
    if not args.quick:
        res["cold_start"] = cold_start()  # first, before this process warms the disk cache
        _log(f"cold start {res['cold_start']['seconds_median']} s", t_all)
    from groundfacts.pipeline import Pipeline

    docs = base_documents(not args.no_dev)
    t = time.perf_counter()
    warm = Pipeline()
    warm.resources.warm()
    res["load_s"] = round(time.perf_counter() - t, 2)
    res["memory_after_load_mb"] = round(_rss_peak_mb(), 1)
    groups = by_language(warm, docs)
    if args.quick:
        groups = {lang: g[:150] for lang, g in groups.items()}
    del warm
    res["languages"] = {}
    share = seconds / max(1, len(groups))
    for lang, lang_docs in sorted(groups.items()):
        res["languages"][lang] = bench_language(lang, lang_docs, share)
        _log(f"{lang}: {res['languages'][lang]['sentences_per_s_per_core']} sentences/s", t_all)
    res["peak_memory_mb"] = round(_rss_peak_mb(), 1)
    if not args.no_dask:
        everything = [d for g in groups.values() for d in g]
        reps = 1 if args.quick else max(1, round(12.0 / max(1e-6, _one_pass(everything))))
        corpus = _repeat(everything, reps)
        t = time.perf_counter()
        single = Pipeline()
        single.resources.warm()
        t = time.perf_counter()
        list(single.run(corpus))
        single_s = time.perf_counter() - t
        del single
        res["dask"] = dask_speedup(corpus, single_s)
        _log(f"dask speed-up {res['dask']['speedup']}x", t_all)
    if args.profile:
        everything = [d for g in groups.values() for d in g]
        res["profile"] = profile(everything[:: max(1, len(everything) // 800)])
        _log("profile done", t_all)
    if not args.no_store:
        from bench_store import bench as store_bench

        with tempfile.TemporaryDirectory(prefix="gf-bench-") as tmp:
            n = 20_000 if args.quick else 200_000
            res["store"] = store_bench(n, 100_000, 2_000 if args.quick else 20_000, Path(tmp))
    res["targets"] = check_targets(res)
    res["wall_s"] = round(time.perf_counter() - t_all, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(res), end="")
    if "profile" in res:
        print("hot spots (own time):")
        for line in res["profile"]["top_own_time"][:12]:
            print("  " + line)
    print(f"wall {res['wall_s']} s; results in {args.out}")
    return res


def _one_pass(docs: list[Any]) -> float:
    from groundfacts.pipeline import Pipeline

    pipe = Pipeline()
    pipe.resources.warm()
    t = time.perf_counter()
    list(pipe.run(docs[:200]))
    return (time.perf_counter() - t) * len(docs) / max(1, min(200, len(docs)))


if __name__ == "__main__":
    main()
