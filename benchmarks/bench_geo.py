"""The gazetteer: build, cold start, recognition and resolution speed, memory, accuracy.

    python benchmarks/bench_geo.py [--rebuild] [--sentences 5000] [--dev] [--json FILE]

Uses the default index ($GROUNDFACTS_CACHE or the user cache; built if missing). Sentences
are generated from templates with places drawn from the index, so timing needs no corpus.
``--dev`` also scores GeoWebNews and NERGrit from ../shared/dev when present. The cold start
is measured in a fresh process: import, open the index, resolve one name. Timings are
measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"

TEMPLATES_EN = [
    "Government forces shelled villages near {a} on Tuesday, the observatory said.",
    "Protesters gathered in {a} and marched towards {b}, police said.",
    "At least three people were killed when gunmen attacked a market in {a}.",
    "Fighting continued in northern {a} as rebels advanced from {b}.",
    "The army said it had retaken the town of {a}, about 30 km from {b}.",
    "Officials in {c} said the talks would resume next week.",
]
TEMPLATES_ID = [
    "Pasukan pemerintah menembaki desa-desa di dekat {a} pada hari Selasa.",
    "Ratusan warga berunjuk rasa di {a} dan berjalan menuju {b}.",
    "Sedikitnya tiga orang tewas ketika kelompok bersenjata menyerang pasar di {a}.",
    "Pertempuran berlanjut di {a} utara setelah pemberontak bergerak dari {b}.",
    "Pemerintah {c} menyatakan perundingan akan dilanjutkan pekan depan.",
]

COLD = (
    "import time; t=time.perf_counter(); from groundfacts.geo import Gazetteer; "
    "g=Gazetteer.open(); p=g.resolve('Aleppo'); "
    "print(time.perf_counter()-t)"
)


def _cold_verb(repeats: int = 5) -> float:
    """Wall time of ``groundfacts geocode`` on one name, start to exit, in a fresh process:
    the best of ``repeats`` runs (other work on the machine only ever adds to it)."""
    cmd = [sys.executable, "-m", "groundfacts.cli", "geocode", "-"]
    line = json.dumps({"id": 1, "name": "Aleppo"}) + "\n"
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, input=line, capture_output=True, text=True, check=True)
        best = min(best, time.perf_counter() - t0)
    return round(best, 3)


def _sentences(gaz: Any, n: int, seed: int = 7) -> list[tuple[str, str]]:
    rows = gaz.con.execute(
        "SELECT name FROM places WHERE kind = 'city' AND pop > 20000 ORDER BY gid LIMIT 4000"
    ).fetchall()
    towns = [r[0] for r in rows]
    countries = [r[0] for r in gaz.con.execute("SELECT name FROM countries").fetchall()]
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        lang = "en" if i % 2 == 0 else "id"
        tpl = rnd.choice(TEMPLATES_EN if lang == "en" else TEMPLATES_ID)
        out.append(
            (tpl.format(a=rnd.choice(towns), b=rnd.choice(towns), c=rnd.choice(countries)), lang)
        )
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rebuild", action="store_true", help="rebuild the index and time it")
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--dev", action="store_true", help="also score GeoWebNews and NERGrit")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    from groundfacts.geo import Gazetteer, info

    res: dict[str, Any] = {}
    t0 = time.perf_counter()
    gaz = Gazetteer.open(rebuild=args.rebuild)
    res["open_s"] = round(time.perf_counter() - t0, 3)
    if args.rebuild:
        res["build_s"] = res["open_s"]
    meta = info(gaz.path)
    res["index_mb"] = round(meta["size_bytes"] / 1e6, 1)
    res["places"], res["names"] = meta["places"], meta["names"]

    cold = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True)
    res["cold_start_one_geocode_s"] = round(float(cold.stdout.strip()), 3)
    res["cold_start_geocode_verb_s"] = _cold_verb()

    t0 = time.perf_counter()
    gaz.find_places("warm up")
    res["automaton_load_s"] = round(time.perf_counter() - t0, 3)
    cache = gaz.path.with_name(gaz.path.name + ".automaton.pickle")
    res["automaton_mb"] = round(cache.stat().st_size / 1e6, 1) if cache.exists() else None

    sents = _sentences(gaz, args.sentences)
    for lang in ("en", "id"):
        batch = [s for s, lg in sents if lg == lang]
        t0 = time.perf_counter()
        n = sum(len(gaz.find_places(s, lang)) for s in batch)
        dt = time.perf_counter() - t0
        res[f"find_places_us_per_sentence_{lang}"] = round(dt / len(batch) * 1e6, 1)
        res[f"mentions_per_sentence_{lang}"] = round(n / len(batch), 2)
        t0 = time.perf_counter()
        for s in batch:
            gaz.geoparse(s, lang)
        dt = time.perf_counter() - t0
        res[f"geoparse_us_per_sentence_{lang}"] = round(dt / len(batch) * 1e6, 1)
    names = [s.split(" in ")[-1].split(" ")[0].strip(".,") for s, _ in sents[:2000]]
    t0 = time.perf_counter()
    for nm in names:
        gaz.resolve(nm)
    res["resolve_us_per_name"] = round((time.perf_counter() - t0) / len(names) * 1e6, 1)

    if args.dev:
        geo_xml = DEV / "geowebnews.xml"
        if geo_xml.exists():
            from groundfacts.evaluate.geo import evaluate_geo

            res["geowebnews"] = evaluate_geo(geo_xml, gaz)
        ner = DEV / "nergrit" / "test.txt"
        if ner.exists():
            from groundfacts.evaluate.ner import evaluate_ner

            res["nergrit_test"] = evaluate_ner(
                ner, lambda t: [(m.start, m.end) for m in gaz.find_places(t, "id")]
            )
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    text = json.dumps(res, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return res


if __name__ == "__main__":
    main()
