"""Writes the cross-document merging test corpus: made-up events reported by several sources.

Run ``python benchmarks/merge_corpus.py`` to regenerate tests/fixtures/merge/events.jsonl
(deterministic, seeded). Each line is an event record plus ``gold``: the real event it
reports. The places, groups and country are imaginary. Reports differ the way real ones do
(a day off, "near" a town, only the province, an unidentified group instead of its name,
a missing target, different death tolls), and hard negatives sit close to real events:
the same actors in a town 25-40 km away on the same day, the same town four or more days
later, another sub-event type in the same town on the same day, and round-up articles
that report two events at once.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "merge" / "events.jsonl"

COUNTRY, ISO = "Valoria", "XV"
# name, admin1, latitude, longitude: two provinces, towns from 6 to 60 km apart
TOWNS = [
    ("Kermi", "Norda", 12.000, 1.000),
    ("Tassa", "Norda", 12.050, 1.040),
    ("Brevo", "Norda", 12.260, 1.010),
    ("Olund", "Norda", 11.790, 1.180),
    ("Sarnik", "Norda", 12.120, 1.330),
    ("Mirel", "Sudra", 10.900, 0.400),
    ("Dallo", "Sudra", 10.950, 0.440),
    ("Fenwa", "Sudra", 10.640, 0.510),
    ("Gorra", "Sudra", 11.100, 0.760),
    ("Ushet", "Sudra", 10.700, 0.150),
]
PROVINCE = {"Norda": (12.05, 1.10), "Sudra": (10.85, 0.45)}
STATE = ("Military Forces of Valoria (2016-)", 1)
REBEL = ("Ostrel Liberation Front", 2)
MILITIA = ("Kanu Communal Militia (Valoria)", 4)
CIVILIANS = ("Civilians (Valoria)", 7)
UNIDENTIFIED = ("Unidentified Armed Group (Valoria)", 3)
PROTESTERS = ("Protesters (Valoria)", 6)
POLICE = ("Police Forces of Valoria (2016-)", 1)
KINDS = [
    ("Battles", "Armed clash", STATE, REBEL),
    ("Battles", "Armed clash", REBEL, MILITIA),
    ("Violence against civilians", "Attack", REBEL, CIVILIANS),
    ("Violence against civilians", "Attack", MILITIA, CIVILIANS),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", REBEL, STATE),
    ("Explosions/Remote violence", "Air/drone strike", STATE, REBEL),
    ("Protests", "Peaceful protest", PROTESTERS, ("", None)),
    ("Protests", "Protest with intervention", PROTESTERS, POLICE),
    ("Violence against civilians", "Abduction/forced disappearance", REBEL, CIVILIANS),
]
SOURCES = ["Valoria Herald", "Norda Radio", "Kermi Times", "Wire Service", "Sudra Post"]


def _shift(lat: float, lon: float, km: float, rng: random.Random) -> tuple[float, float]:
    angle = rng.uniform(0, 2 * math.pi)
    dlat = km * math.cos(angle) / 111.0
    dlon = km * math.sin(angle) / (111.0 * math.cos(math.radians(lat)))
    return round(lat + dlat, 4), round(lon + dlon, 4)


class Builder:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict[str, object]] = []
        self.doc_no = 0
        self.gold_no = 0
        self.taken: list[tuple[tuple, tuple, dt.date]] = []

    def new_doc(self) -> str:
        self.doc_no += 1
        return f"doc-{self.doc_no:04d}"

    def report(
        self,
        gold: str,
        kind: tuple,
        town: tuple,
        day: dt.date,
        deaths: int,
        doc: str,
        noisy: bool = True,
    ) -> None:
        rng = self.rng
        event_type, sub, a1, a2 = kind
        name, admin1, lat, lon = town
        precision, location = 1, name
        if noisy:
            roll = rng.random()
            if roll < 0.2:
                lat, lon = _shift(lat, lon, rng.uniform(1, 4), rng)
                precision = 2
            elif roll < 0.28:
                lat, lon = PROVINCE[admin1]
                precision, location = 3, admin1
            if rng.random() < 0.25:
                day = day + dt.timedelta(days=rng.choice([-1, 1]))
            if rng.random() < 0.2 and a1[1] in (2, 4):
                a1 = UNIDENTIFIED
            if rng.random() < 0.2:
                a2 = ("", None)
            if deaths and rng.random() < 0.4:
                deaths = max(0, deaths + rng.choice([-2, -1, 1, 3]))
            if rng.random() < 0.15:
                a1 = (a1[0].replace(" (2016-)", ""), a1[1])
        n = len(self.rows)
        inter1, inter2 = a1[1], a2[1]
        self.rows.append(
            {
                "event_id": f"e{n:04d}",
                "event_date": day.isoformat(),
                "time_precision": 1,
                "event_type": event_type,
                "sub_event_type": sub,
                "actor1": a1[0],
                "inter1": inter1,
                "actor2": a2[0],
                "inter2": inter2,
                "country": COUNTRY,
                "iso": ISO,
                "admin1": admin1,
                "location": location,
                "latitude": lat,
                "longitude": lon,
                "geo_precision": precision,
                "fatalities": deaths,
                "notes": f"Report {n} of a {sub.lower()} in {location}.",
                "source": rng.choice(SOURCES),
                "doc_id": doc,
                "language": "en",
                "mentions": 1,
                "evidence": [
                    {"doc_id": doc, "sentence": 0, "start": 0, "end": 6, "trigger": "attack"}
                ],
                "confidence": round(rng.uniform(0.5, 0.9), 2),
                "gold": gold,
            }
        )

    def real_event(self) -> tuple[str, tuple, tuple, dt.date, int]:
        # Independent events never fall within a week and 20 km of one of the same kind, so
        # that every pair the gold calls distinct is distinct by design, not by accident.
        while True:
            kind = self.rng.choice(KINDS)
            town = self.rng.choice(TOWNS)
            day = dt.date(2024, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 240))
            if not any(
                k[1] == kind[1] and abs((d - day).days) <= 7 and _km(t, town) < 20
                for k, t, d in self.taken
            ):
                break
        self.taken.append((kind, town, day))
        self.gold_no += 1
        deaths = self.rng.choice([0, 0, 1, 2, 3, 5, 8, 12])
        return f"g{self.gold_no:03d}", kind, town, day, deaths

    def build(self, n_events: int = 70) -> list[dict[str, object]]:
        rng = self.rng
        for _ in range(n_events):
            gold, kind, town, day, deaths = self.real_event()
            for _r in range(rng.choice([1, 2, 2, 3, 3, 4])):
                self.report(gold, kind, town, day, deaths, self.new_doc())
            hard = rng.random()
            if hard < 0.2:  # the same actors, same day, a town 25+ km away
                far = [t for t in TOWNS if t[1] == town[1] and _km(t, town) > 25]
                if far:
                    self.gold_no += 1
                    self.report(
                        f"g{self.gold_no:03d}",
                        kind,
                        rng.choice(far),
                        day,
                        deaths,
                        self.new_doc(),
                        noisy=False,
                    )
            elif hard < 0.35:  # the same town, four to six days later
                self.gold_no += 1
                later = day + dt.timedelta(days=rng.choice([4, 5, 6]))
                for _r in range(2):
                    self.report(
                        f"g{self.gold_no:03d}",
                        kind,
                        town,
                        later,
                        deaths,
                        self.new_doc(),
                        noisy=False,
                    )
            elif hard < 0.45:  # another kind of event, same town and day
                other = rng.choice([k for k in KINDS if k[1] != kind[1]])
                self.gold_no += 1
                self.report(f"g{self.gold_no:03d}", other, town, day, 0, self.new_doc())
            elif hard < 0.55:  # a round-up article: this event and another one
                doc = self.new_doc()
                self.report(gold, kind, town, day, deaths, doc)
                g2, k2, t2, d2, n2 = self.real_event()
                self.report(g2, k2, t2, d2, n2, doc)
                self.report(g2, k2, t2, d2, n2, self.new_doc())
        return self.rows


def _km(a: tuple, b: tuple) -> float:
    return math.hypot((a[2] - b[2]) * 111.0, (a[3] - b[3]) * 111.0 * math.cos(math.radians(a[2])))


def main() -> None:
    rows = Builder().build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} reports of {len({r['gold'] for r in rows})} events -> {OUT}")


if __name__ == "__main__":
    main()
