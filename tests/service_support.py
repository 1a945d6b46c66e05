"""A store of made-up reports and a real ``groundfacts serve`` process, for the service tests.

The reports describe invented clashes in two invented countries (Arland, Belmora), one of
them told twice (arland-1 and arland-4, merged into one real event); the events are written
with the store's own code, their evidence pointing at the words in the reports, so the tests
know exactly what the page must show.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groundfacts.records import EVENT_TYPES, DocResult, Document, Event, Evidence
from groundfacts.store import EventStore

# (doc id, language, published, text, events as (sentence, trigger, actor1 words, actor2
# words, sub-event type, actor1, actor2, country, iso, admin1, location, lat, lon, dead, date))
REPORTS: list[tuple[str, str, str, str, list[tuple[Any, ...]]]] = [
    (
        "arland-1",
        "en",
        "2024-03-04",
        "KESTRA - Fighting spread across northern Arland this week.\n\n"
        "On 2 March 2024 the Red Hand Brigade attacked an army post near Velm, killing "
        "four soldiers.\n\n"
        "The next day the army shelled Red Hand positions outside Velm; two fighters died.\n\n"
        "Farmers in Orsk said armed men abducted three villagers on 3 March 2024.",
        [
            (
                1,
                "attacked",
                "the Red Hand Brigade",
                "an army post",
                "Armed clash",
                "Red Hand Brigade",
                "Military Forces of Arland",
                "Arland",
                "XA",
                "North",
                "Velm",
                11.20,
                21.40,
                4,
                "2024-03-02",
            ),
            (
                2,
                "shelled",
                "the army",
                "Red Hand positions",
                "Shelling/artillery/missile attack",
                "Military Forces of Arland",
                "Red Hand Brigade",
                "Arland",
                "XA",
                "North",
                "Velm",
                11.21,
                21.41,
                2,
                "2024-03-03",
            ),
            (
                3,
                "abducted",
                "armed men",
                "three villagers",
                "Abduction/forced disappearance",
                "Unidentified Armed Group (Arland)",
                "Civilians (Arland)",
                "Arland",
                "XA",
                "North",
                "Orsk",
                11.90,
                22.60,
                0,
                "2024-03-03",
            ),
        ],
    ),
    (
        "arland-2",
        "en",
        "2024-03-20",
        "KESTRA - Hundreds of traders protested in Kestra on 18 March 2024 against new taxes.\n\n"
        "Police arrested twelve protesters in Kestra the same evening.\n\n"
        "On 19 March 2024 a roadside bomb hit a bus near Dunmore, killing six passengers.",
        [
            (
                0,
                "protested",
                "traders",
                None,
                "Peaceful protest",
                "Protesters (Arland)",
                "",
                "Arland",
                "XA",
                "Capital",
                "Kestra",
                9.50,
                20.10,
                0,
                "2024-03-18",
            ),
            (
                1,
                "arrested",
                "Police",
                "twelve protesters",
                "Arrests",
                "Police Forces of Arland",
                "Protesters (Arland)",
                "Arland",
                "XA",
                "Capital",
                "Kestra",
                9.51,
                20.11,
                0,
                "2024-03-18",
            ),
            (
                2,
                "hit",
                None,
                "a bus",
                "Remote explosive/landmine/IED",
                "Unidentified Armed Group (Arland)",
                "Civilians (Arland)",
                "Arland",
                "XA",
                "South",
                "Dunmore",
                8.10,
                23.80,
                6,
                "2024-03-19",
            ),
        ],
    ),
    (
        "arland-3",
        "en",
        "2024-04-12",
        "VELM - The Red Hand Brigade attacked the town of Velm again on 10 April 2024.\n\n"
        "Army drones struck a Red Hand camp near Orsk on 11 April 2024, killing nine fighters.\n\n"
        "Rioters looted shops in Dunmore on 11 April 2024.",
        [
            (
                0,
                "attacked",
                "The Red Hand Brigade",
                None,
                "Attack",
                "Red Hand Brigade",
                "Civilians (Arland)",
                "Arland",
                "XA",
                "North",
                "Velm",
                11.19,
                21.39,
                1,
                "2024-04-10",
            ),
            (
                1,
                "struck",
                "Army drones",
                "a Red Hand camp",
                "Air/drone strike",
                "Military Forces of Arland",
                "Red Hand Brigade",
                "Arland",
                "XA",
                "North",
                "Orsk",
                11.92,
                22.62,
                9,
                "2024-04-11",
            ),
            (
                2,
                "looted",
                "Rioters",
                "shops",
                "Looting/property destruction",
                "Rioters (Arland)",
                "",
                "Arland",
                "XA",
                "South",
                "Dunmore",
                8.12,
                23.82,
                0,
                "2024-04-11",
            ),
        ],
    ),
    (
        "arland-4",
        "en",
        "2024-03-05",
        "VELM - Residents said Red Hand Brigade fighters attacked the army post at Velm on "
        "2 March 2024; four soldiers were killed.",
        [
            (
                0,
                "attacked",
                "Red Hand Brigade fighters",
                "the army post",
                "Armed clash",
                "Red Hand Brigade",
                "Military Forces of Arland",
                "Arland",
                "XA",
                "North",
                "Velm",
                11.20,
                21.40,
                4,
                "2024-03-02",
            ),
        ],
    ),
    (
        "belmora-1",
        "id",
        "2024-03-15",
        "PORTAVA - Kelompok Bayu Hitam menyerang pos polisi di Portava pada 12 Maret 2024, "
        "menewaskan dua polisi.\n\n"
        "Tentara Belmora menangkap lima anggota Bayu Hitam di Selat pada 14 Maret 2024.\n\n"
        "Ratusan mahasiswa berunjuk rasa di Portava pada 14 Maret 2024.",
        [
            (
                0,
                "menyerang",
                "Kelompok Bayu Hitam",
                "pos polisi",
                "Armed clash",
                "Bayu Hitam",
                "Police Forces of Belmora",
                "Belmora",
                "XB",
                "Pesisir",
                "Portava",
                -4.20,
                112.30,
                2,
                "2024-03-12",
            ),
            (
                1,
                "menangkap",
                "Tentara Belmora",
                "lima anggota Bayu Hitam",
                "Arrests",
                "Military Forces of Belmora",
                "Bayu Hitam",
                "Belmora",
                "XB",
                "Pesisir",
                "Selat",
                -4.90,
                113.10,
                0,
                "2024-03-14",
            ),
            (
                2,
                "berunjuk rasa",
                "mahasiswa",
                None,
                "Peaceful protest",
                "Protesters (Belmora)",
                "",
                "Belmora",
                "XB",
                "Pesisir",
                "Portava",
                -4.21,
                112.31,
                0,
                "2024-03-14",
            ),
        ],
    ),
    (
        "belmora-2",
        "id",
        "2024-04-02",
        "Bayu Hitam menyerang warga di sebuah desa di Belmora pada 1 April 2024.",
        [
            (
                0,
                "menyerang",
                "Bayu Hitam",
                "warga",
                "Attack",
                "Bayu Hitam",
                "Civilians (Belmora)",
                "Belmora",
                "XB",
                "",
                "",
                None,
                None,
                0,
                "2024-04-01",
            ),
        ],
    ),
]


SOURCES = {"arland-4": "fixture radio"}

# a made-up district map over the fixtures' invented country, in the user's own GeoJSON
USER_BOUNDARIES: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "North"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[20, 10], [24, 10], [24, 13], [20, 13], [20, 10]]],
            },
        },
        {
            "type": "Feature",
            "properties": {"name": "river line"},
            "geometry": {"type": "LineString", "coordinates": [[20, 9], [24, 9.5]]},
        },
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
    ],
}


@dataclass(slots=True)
class FixtureStore:
    path: Path
    events: list[Event] = field(default_factory=list)

    @property
    def located(self) -> list[Event]:
        return [e for e in self.events if e.latitude is not None]

    def where(self, **match: str) -> list[Event]:
        return [e for e in self.events if all(getattr(e, k) == v for k, v in match.items())]


def _span(sentence: str, start: int, words: str | None) -> tuple[int | None, int | None]:
    if not words:
        return None, None
    at = sentence.index(words)
    return start + at, start + at + len(words)


def build_store(path: Path) -> FixtureStore:
    """Write the reports and their events into a new store at ``path``."""
    out = FixtureStore(path)
    results = []
    for doc_id, lang, published, text, rows in REPORTS:
        sentences = text.split("\n\n")
        starts = [0]
        for s in sentences[:-1]:
            starts.append(starts[-1] + len(s) + 2)
        events = []
        for i, trig, a1w, a2w, sub, a1, a2, country, iso, adm1, loc, lat, lon, dead, date in rows:
            sent, s0 = sentences[i], starts[i]
            t0 = s0 + sent.index(trig)
            ev = Event(
                event_id=f"{doc_id}-{i}",
                event_date=date,
                event_type=EVENT_TYPES[sub],
                sub_event_type=sub,
                actor1=a1,
                actor2=a2,
                country=country,
                iso=iso,
                admin1=adm1,
                location=loc,
                latitude=lat,
                longitude=lon,
                geo_precision=1 if lat is not None else None,
                fatalities=dead,
                notes=sent,
                source=SOURCES.get(doc_id, "fixture wire"),
                doc_id=doc_id,
                language=lang,
                evidence=[
                    Evidence(
                        doc_id,
                        i,
                        t0,
                        t0 + len(trig),
                        trig,
                        s0,
                        s0 + len(sent),
                        *_span(sent, s0, a1w),
                        *_span(sent, s0, a2w),
                    )
                ],
            )
            events.append(ev)
        doc = Document(
            id=doc_id,
            text=text,
            published=dt.date.fromisoformat(published),
            lang=lang,
            source=SOURCES.get(doc_id, "fixture wire"),
        )
        results.append(DocResult(doc, lang, events, text=text))
        out.events.extend(events)
    with EventStore(path) as store:
        store.add_results(results)
        store.merge_new()  # arland-4 reports the attack of arland-1 again
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def groundfacts_command() -> list[str]:
    return [sys.executable, "-m", "groundfacts.cli"]


@dataclass(slots=True)
class Server:
    url: str
    process: subprocess.Popen[str]
    token: str | None = None

    def get(self, path: str, *, token: str | None = None, raw: bool = False) -> Any:
        return request(self.url + path, token=token if token is not None else self.token, raw=raw)

    def post(self, path: str, body: Any, *, token: str | None = None) -> Any:
        return request(
            self.url + path,
            data=json.dumps(body).encode(),
            token=token if token is not None else self.token,
        )


@dataclass(slots=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    url: str,
    *,
    data: bytes | None = None,
    token: str | None = None,
    raw: bool = False,
    headers: dict[str, str] | None = None,
) -> Reply:
    """One real HTTP request; error statuses are returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            return Reply(res.status, {k.lower(): v for k, v in res.headers.items()}, res.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


@contextlib.contextmanager
def serve(
    db: Path,
    *args: str,
    host: str = "127.0.0.1",
    token: str | None = None,
    connect: str = "127.0.0.1",
) -> Iterator[Server]:
    """``groundfacts serve`` in a subprocess on a free port, stopped afterwards."""
    port = free_port()
    cmd = [*groundfacts_command(), "serve", "--db", str(db), "--host", host, "--port", str(port)]
    if token:
        cmd += ["--token", token]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [*cmd, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    server = Server(f"http://{connect}:{port}", proc, token)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"serve stopped: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if server.get("/api/health").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not answer within 60 s")
            time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
