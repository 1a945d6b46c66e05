"""The actor registry: load time and recognition speed, measured, never asserted.

python benchmarks/bench_actors.py [--repeat 500]
"""

from __future__ import annotations

import argparse
import json
import time

SENTENCES = [
    (
        "en",
        "Burkinabe soldiers and VDP clashed with JNIM fighters near the village; civilians fled.",
    ),
    ("en", "Police arrested two suspected members of the New People's Army in the province."),
    ("id", "Aparat gabungan TNI-Polri terlibat kontak tembak dengan KKB di Distrik Ilaga."),
    (
        "id",
        ("Ratusan mahasiswa dari BEM berunjuk rasa di depan kantor DPRD dan dibubarkan polisi."),
    ),
]


def main() -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args()
    from groundfacts.actors import ActorRegistry

    t = time.perf_counter()
    reg = ActorRegistry.load()
    res = {"load_s": round(time.perf_counter() - t, 3)}
    for lang, text in SENTENCES:
        reg.find(text, lang)  # warm
    t = time.perf_counter()
    for _ in range(args.repeat):
        for lang, text in SENTENCES:
            reg.find(text, lang)
    per = (time.perf_counter() - t) / (args.repeat * len(SENTENCES))
    res["find_us_per_sentence"] = round(per * 1e6, 1)
    print(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
