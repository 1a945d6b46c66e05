"""The service's JSON API over real HTTP: a real ``groundfacts serve`` on loopback over a
store of made-up reports (see service_support.py)."""

from __future__ import annotations

import csv
import gzip
import http.client
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from service_support import FixtureStore, Server, build_store, groundfacts_command, request, serve

from groundfacts.records import EVENT_COLUMNS
from groundfacts.service.boundaries import packaged_path

MAX_BODY = 50_000


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> FixtureStore:
    return build_store(tmp_path_factory.mktemp("api") / "events.duckdb")


@pytest.fixture(scope="module")
def server(fixture: FixtureStore) -> Iterator[Server]:
    with serve(fixture.path, "--allow-writes", "--max-body", str(MAX_BODY)) as s:
        yield s


def events(server: Server, **params: object) -> dict:
    reply = server.get("/api/events?" + urlencode(params))
    assert reply.status == 200, reply.body
    return reply.json()


def test_health_counts_the_store(server: Server, fixture: FixtureStore) -> None:
    h = server.get("/api/health").json()
    assert h["status"] == "ok"
    assert h["store"]["documents"] == 6
    assert h["store"]["events"] >= len(fixture.events)  # extraction tests may add one
    assert h["store"]["writable"] is True


def test_pages_cover_every_event_once(server: Server, fixture: FixtureStore) -> None:
    first = events(server, limit=5, country="Arland")
    rest = events(server, limit=5, offset=5, country="Arland")
    assert first["total"] == rest["total"] == len(fixture.where(country="Arland"))
    ids = [e["event_id"] for e in first["events"] + rest["events"]]
    assert sorted(ids) == sorted(e.event_id for e in fixture.where(country="Arland"))
    dates = [e["event_date"] for e in first["events"]]
    assert dates == sorted(dates)
    newest = events(server, limit=1, order="-date", country="Arland")["events"][0]
    assert newest["event_date"] == max(e.event_date for e in fixture.where(country="Arland"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "XB"}, {"country": "Belmora"}),
        ({"country": "xb"}, {"country": "Belmora"}),
        ({"country": "ARLAND"}, {"country": "Arland"}),
        ({"country": "Nowhere"}, {"country": "Nowhere"}),
        ({"admin1": "north"}, {"admin1": "North"}),
        ({"event_type": "Protests"}, {"event_type": "Protests"}),
        ({"sub_event_type": "Arrests"}, {"sub_event_type": "Arrests"}),
    ],
)
def test_filters_select_exactly_the_matching_events(
    server: Server, fixture: FixtureStore, params: dict, expected: dict
) -> None:
    got = events(server, limit=100, **params)
    assert sorted(e["event_id"] for e in got["events"]) == sorted(
        e.event_id for e in fixture.where(**expected)
    )


def test_actor_text_and_date_filters(server: Server, fixture: FixtureStore) -> None:
    red = events(server, actor="red hand")["events"]
    assert {e["event_id"] for e in red} == {
        e.event_id for e in fixture.events if "Red Hand" in e.actor1 + e.actor2
    }
    assert [e["event_id"] for e in events(server, q="roadside bomb")["events"]] == ["arland-2-2"]
    assert events(server, q="100%")["total"] == 0  # a wildcard in the words is a literal
    april = events(server, since="2024-04-01", until="2024-04-30")["events"]
    assert {e["event_id"] for e in april} == {
        e.event_id for e in fixture.events if e.event_date.startswith("2024-04")
    }


def test_csv_and_geojson(server: Server, fixture: FixtureStore) -> None:
    reply = server.get("/api/events?format=csv&limit=1000&country=Belmora")
    assert reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.body.decode())))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert len(rows) == int(reply.headers["x-total-count"]) == len(fixture.where(country="Belmora"))
    geo = server.get("/api/events?format=geojson&limit=1000").json()
    assert geo["type"] == "FeatureCollection"
    located = [f for f in geo["features"] if f["geometry"]]
    assert len(located) == len(fixture.located)
    velm = next(f for f in geo["features"] if f["id"] == "arland-1-1")
    assert velm["geometry"]["coordinates"] == [21.40, 11.20]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("since=2024-13-01", "since"),
        ("until=yesterday", "until"),
        ("limit=0", "limit"),
        ("limit=many", "limit"),
        ("offset=-1", "offset"),
        ("format=xml", "format"),
        ("since=2024-05-01&until=2024-04-01", "since"),
    ],
)
def test_bad_parameters_get_422_naming_the_field(server: Server, query: str, field: str) -> None:
    reply = server.get("/api/events?" + query)
    assert reply.status == 422
    assert any(d["loc"][-1] == field for d in reply.json()["detail"])


def test_unknown_ids_get_404(server: Server) -> None:
    assert server.get("/api/events/no-such-event").status == 404
    assert server.get("/api/documents/no-such-document").status == 404


def test_event_detail_points_at_its_words(server: Server) -> None:
    d = server.get("/api/events/arland-1-1").json()
    assert d["event"]["sub_event_type"] == "Armed clash"
    (ev,) = d["evidence"]
    sentence = ev["sentence_text"]
    assert sentence.startswith("On 2 March 2024 the Red Hand Brigade attacked")
    marked = {s["kind"]: sentence[s["start"] : s["end"]] for s in ev["spans"]}
    assert marked == {
        "trigger": "attacked",
        "actor1": "the Red Hand Brigade",
        "actor2": "an army post",
    }
    assert d["document"]["doc_id"] == "arland-1"
    assert "Farmers in Orsk" in d["text"]


def test_merged_events_are_one_row_per_real_event(server: Server, fixture: FixtureStore) -> None:
    merged = events(server, merged="true", country="Arland", limit=100)
    assert merged["total"] == len(fixture.where(country="Arland")) - 1
    (velm,) = [e for e in merged["events"] if e["mentions"] == 2]
    assert {e["doc_id"] for e in velm["evidence"]} == {"arland-1", "arland-4"}
    detail = server.get("/api/events/" + velm["event_id"]).json()
    sentences = {e["doc_id"]: e["sentence_text"] for e in detail["evidence"]}
    assert sentences["arland-4"].startswith("VELM - Residents said Red Hand Brigade fighters")
    assert sentences["arland-1"].startswith("On 2 March 2024 the Red Hand Brigade attacked")
    for e in detail["evidence"]:
        trig = next(s for s in e["spans"] if s["kind"] == "trigger")
        assert e["sentence_text"][trig["start"] : trig["end"]] == "attacked"
    weeks = server.get("/api/timeline?merged=true&country=Arland").json()["weeks"]
    assert {"week": "2024-02-26", "event_type": "Battles", "events": 1, "fatalities": 4} in weeks


def test_documents_by_id_and_by_hash(server: Server) -> None:
    by_id = server.get("/api/documents/belmora-1").json()
    assert by_id["document"]["language"] == "id"
    assert by_id["text"].startswith("PORTAVA - Kelompok Bayu Hitam")
    by_hash = server.get("/api/documents/" + by_id["document"]["doc_hash"]).json()
    assert by_hash == by_id


def test_dyads_follow_the_filters(server: Server) -> None:
    all_ = server.get("/api/dyads").json()["dyads"]
    top = all_[0]
    assert (top["actor1"], top["actor2"], top["events"]) == (
        "Military Forces of Arland",
        "Red Hand Brigade",
        2,
    )
    belmora = server.get("/api/dyads?country=Belmora").json()["dyads"]
    assert {d["actor1"] for d in belmora} == {
        "Bayu Hitam",
        "Military Forces of Belmora",
        "Protesters (Belmora)",
    }


def test_timeline_counts_weeks_by_type(server: Server, fixture: FixtureStore) -> None:
    weeks = server.get("/api/timeline?country=Arland").json()["weeks"]
    assert sum(w["events"] for w in weeks) == len(fixture.where(country="Arland"))
    # 2 March 2024 is a Saturday: its week starts on Monday 26 February
    assert {"week": "2024-02-26", "event_type": "Battles", "events": 2, "fatalities": 8} in weeks


def test_facets_list_countries_and_dates(server: Server) -> None:
    f = server.get("/api/facets").json()
    assert {c["value"]: c["events"] for c in f["countries"]} == {"Arland": 10, "Belmora": 4}
    assert f["dates"][0]["first"] == "2024-03-02"


def test_oversized_body_gets_413(server: Server) -> None:
    reply = server.post("/api/extract", {"text": "x" * (MAX_BODY + 10)})
    assert reply.status == 413
    # without a declared length (chunked), the cap holds too
    parts = urlsplit(server.url)
    con = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    body = json.dumps({"text": "y" * (MAX_BODY + 10)}).encode()
    con.putrequest("POST", "/api/extract")
    con.putheader("Content-Type", "application/json")
    con.putheader("Transfer-Encoding", "chunked")
    con.endheaders()
    for i in range(0, len(body), 8192):
        chunk = body[i : i + 8192]
        con.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    con.send(b"0\r\n\r\n")
    assert con.getresponse().status == 413
    con.close()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({}, "text"),
        ({"text": "x", "lang": "fr"}, "lang"),
        ({"text": "x", "published": "soon"}, "published"),
    ],
)
def test_bad_extract_requests_get_422(server: Server, body: dict, field: str) -> None:
    reply = server.post("/api/extract", body)
    assert reply.status == 422
    assert any(d["loc"][-1] == field for d in reply.json()["detail"])


REPORT = (
    "On 5 May 2024 gunmen attacked a village near Gao in Mali. Four civilians were killed, "
    "the army said."
)


def test_extract_reads_text_and_stores_only_when_asked(server: Server) -> None:
    before = server.get("/api/health").json()["store"]["events"]
    reply = server.post("/api/extract", {"text": REPORT, "published": "2024-05-06"})
    assert reply.status == 200, reply.body
    out = reply.json()
    assert out["language"] == "en"
    assert out["stored"] is None
    assert out["events"], out
    (ev,) = out["events"]
    assert (ev["sub_event_type"], ev["location"], ev["fatalities"]) == ("Attack", "Gao", 4)
    assert all(REPORT[e["start"] : e["end"]] == e["trigger"] for e in ev["evidence"])
    # the evidence records the sentence and the actors' words as well as the trigger
    first = ev["evidence"][0]
    assert REPORT[first["sentence_start"] : first["sentence_end"]] == (
        "On 5 May 2024 gunmen attacked a village near Gao in Mali."
    )
    assert REPORT[first["actor1_start"] : first["actor1_end"]] == "gunmen"
    assert server.get("/api/health").json()["store"]["events"] == before

    stored = server.post(
        "/api/extract",
        {"text": REPORT, "published": "2024-05-06", "id": "api-report", "store": True},
    ).json()
    assert stored["stored"] == {"documents": 1, "events": len(stored["events"])}
    assert server.get("/api/health").json()["store"]["events"] == before + len(stored["events"])
    found = events(server, q="village near Gao")["events"]
    assert [e["event_id"] for e in found] == [e["event_id"] for e in stored["events"]]
    detail = server.get("/api/events/" + found[0]["event_id"]).json()
    assert detail["text"].startswith("On 5 May 2024")


def test_import_acled_stores_its_events_once_and_names_bad_lines(tmp_path: Path) -> None:
    # a store of its own: the imported events would count in the other tests' claims
    with serve(build_store(tmp_path / "events.duckdb").path, "--allow-writes") as server:
        _import_acled_through(server)


def _import_acled_through(server: Server) -> None:
    record = Path(__file__).parent / "fixtures" / "acled" / "claims-record.csv"
    text = record.read_text(encoding="utf-8")
    before = server.get("/api/health").json()["store"]["events"]
    first = server.post("/api/import/acled", {"csv": text, "countries": ["ID"]})
    assert first.status == 200, first.body
    rep = first.json()
    assert rep["added"] > 0 and rep["added"] + rep["skipped"] == len(text.splitlines()) - 1
    assert server.get("/api/health").json()["store"]["events"] == before + rep["added"]
    ev = server.get("/api/events/IDN9004").json()["event"]
    assert ev["source"] == "ACLED" and ev["iso"] == "ID"
    again = server.post("/api/import/acled", {"csv": text, "countries": ["ID"]}).json()
    assert (again["added"], again["already"]) == (0, rep["added"])
    # a bad row stops the import (nothing written) and is named by its line in the body
    lines = text.splitlines()
    lines.insert(2, "IDN8999,not a date" + "," * (lines[0].count(",") - 1))
    bad = server.post("/api/import/acled", {"csv": "\n".join(lines)})
    assert bad.status == 422 and "body:3" in bad.json()["detail"]
    assert server.get("/api/health").json()["store"]["events"] == before + rep["added"]


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*groundfacts_command(), "serve", *args], capture_output=True, text=True, timeout=60
    )


def test_serve_refuses_missing_corrupt_and_foreign_stores(tmp_path: Path) -> None:
    missing = run_serve("--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "GF004" in missing.stderr and "none.duckdb" in missing.stderr
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"\x00garbage" * 5000)
    bad = run_serve("--db", str(corrupt))
    assert bad.returncode == 1 and "GF004" in bad.stderr
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INTEGER)").close()
    foreign = run_serve("--db", str(other))
    assert foreign.returncode == 1 and "not a groundfacts store" in foreign.stderr


def test_serve_refuses_unsafe_or_contradictory_options(fixture: FixtureStore) -> None:
    open_bind = run_serve("--db", str(fixture.path), "--host", "0.0.0.0")
    assert open_bind.returncode == 2
    assert "GF010" in open_bind.stderr and "--token" in open_bind.stderr
    both = run_serve("--db", str(fixture.path), "--read-only", "--allow-writes")
    assert both.returncode == 2


@pytest.mark.parametrize(
    ("claim", "verdict", "matching"),
    [
        ("Polisi menangkap pengunjuk rasa", "supported", 1),
        ("Police arrested protesters", "supported", 1),
        ("The army did not attack the Red Hand Brigade", "contradicted", 2),
    ],
)
def test_claims_get_their_verdicts(server: Server, claim: str, verdict: str, matching: int) -> None:
    reply = server.get("/api/check?" + urlencode({"claim": claim}))
    assert reply.status == 200, reply.body
    result = reply.json()
    assert (result["verdict"], result["matching_events"]) == (verdict, matching)
    assert len(result["evidence"]) == matching
    assert result["explanation"]


@pytest.mark.parametrize("claim", ["blah blah", "", "Die Armee griff an"])
def test_an_unreadable_claim_is_unparsed_not_an_error(server: Server, claim: str) -> None:
    reply = server.get("/api/check?" + urlencode({"claim": claim}))
    assert reply.status == 200
    assert reply.json()["verdict"] == "unparsed"


def test_a_claim_needs_its_parameter(server: Server) -> None:
    reply = server.get("/api/check")
    assert reply.status == 422
    assert reply.json()["detail"][0]["loc"] == ["query", "claim"]
    long = server.get("/api/check?" + urlencode({"claim": "x" * 1001}))
    assert long.status == 422


def test_trends_count_per_period(server: Server, fixture: FixtureStore) -> None:
    reply = server.get("/api/trends?country=Arland&every=month&by=event_type")
    assert reply.status == 200, reply.body
    rows = reply.json()["trends"]
    assert sum(r["events"] for r in rows) == len(fixture.where(country="Arland"))
    march = {r["key"]: r["events"] for r in rows if r["period"] == "2024-03"}
    assert march["Battles"] == 2 and march["Explosions/Remote violence"] == 2
    merged = server.get("/api/trends?country=Arland&every=month&merged=true").json()["trends"]
    assert {r["key"]: r["events"] for r in merged if r["period"] == "2024-03"}["Battles"] == 1
    assert server.get("/api/trends?every=fortnight").status == 422


def test_hotspots_rank_areas(server: Server, fixture: FixtureStore) -> None:
    reply = server.get("/api/hotspots?by=admin1&country=Arland")
    assert reply.status == 200, reply.body
    top = reply.json()["hotspots"][0]
    assert (top["area"], top["events"]) == ("North", len(fixture.where(admin1="North")))
    assert top["top_actors"][0][0] in ("Red Hand Brigade", "Military Forces of Arland")
    assert server.get("/api/hotspots?by=grid&cell_km=0").status == 422


def test_dyads_by_month(server: Server) -> None:
    reply = server.get("/api/dyads?by=month&country=Belmora")
    periods = {d["period"] for d in reply.json()["dyads"]}
    assert periods == {"2024-03", "2024-04"}


def test_dyads_counted_by_the_database_equal_the_analysis(server: Server) -> None:
    from groundfacts.analyse.dyads import dyads
    from groundfacts.records import Event

    for country in ("", "Arland"):
        stored = [
            Event.from_dict(e) for e in events(server, limit=10_000, country=country)["events"]
        ]
        for sub in (False, True):
            query = urlencode({"country": country, "by_sub_type": sub, "limit": 1000})
            got = server.get(f"/api/dyads?{query}").json()
            expected = dyads(stored, by_sub_type=sub)
            assert got["total"] == len(expected)
            assert got["dyads"] == [
                {
                    "actor1": d.actor1,
                    "actor2": d.actor2,
                    "event_type": d.event_type,
                    "events": d.events,
                    "fatalities": d.fatalities,
                }
                for d in expected
            ]


def test_the_packaged_boundaries_are_served_as_json(server: Server) -> None:
    static = server.get("/static/basemap/admin1-10m.json")
    api = server.get("/api/boundaries")
    for reply in (static, api):
        assert reply.status == 200
        assert reply.headers["content-type"].startswith("application/json")
        assert reply.body == packaged_path().read_bytes()
    assert server.get("/api/health").json()["boundaries"] == "packaged"
    assert "/api/boundaries" in server.get("/openapi.json").json()["paths"]
    # small enough for the page (the file is committed; the limit keeps rebuilds honest)
    assert len(static.body) < 3 * 1024**2
    # and compressed for a client that asks
    packed = request(server.url + "/api/boundaries", headers={"Accept-Encoding": "gzip"})
    assert packed.headers.get("content-encoding") == "gzip"
    assert len(packed.body) < len(static.body) / 2
    assert gzip.decompress(packed.body) == static.body


def test_openapi_documents_every_endpoint(server: Server) -> None:
    spec = server.get("/openapi.json").json()
    assert set(spec["paths"]) >= {
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents/{doc_id}",
        "/api/dyads",
        "/api/trends",
        "/api/hotspots",
        "/api/check",
        "/api/extract",
        "/api/health",
    }
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params >= {
        "since",
        "until",
        "country",
        "admin1",
        "actor",
        "event_type",
        "sub_event_type",
        "q",
        "limit",
        "offset",
        "format",
        "merged",
    }
    assert server.get("/docs").status == 200


@pytest.mark.parametrize(
    "flt",
    [
        {},
        {"country": "Arland"},
        {"merged": True},
        {"event_type": "Battles", "merged": True},
    ],
)
@pytest.mark.parametrize("by_sub_type", [False, True])
def test_top_dyads_are_the_analysis_dyads(tmp_path: Path, flt: dict, by_sub_type: bool) -> None:
    from groundfacts.analyse.dyads import store_dyads
    from groundfacts.service.queries import ServiceFilter, dyad_counts
    from groundfacts.store import EventStore

    db = build_store(tmp_path / "events.duckdb").path
    with EventStore(db, read_only=True) as store:
        f = ServiceFilter(**flt)
        expected = [
            d.to_dict() for d in store_dyads(store, f, by_sub_type=by_sub_type, merged=f.merged)
        ]
        total, top = dyad_counts(store, f, by_sub_type=by_sub_type, limit=3)
        assert total == len(expected)
        assert top == expected[:3]


def test_an_ingest_while_serving_stops_clearly_and_the_service_goes_on(tmp_path: Path) -> None:
    # DuckDB lets many processes read a file or one write it: the read-only service holds
    # the store, so an ingest started meanwhile waits its --wait, then stops with GF004,
    # storing nothing, and the service still answers
    fx = build_store(tmp_path / "events.duckdb")
    doc = tmp_path / "new.jsonl"
    doc.write_text(
        json.dumps({"id": "late-1", "text": "Gunmen killed two farmers in Velm on 4 May 2024."})
        + "\n",
        encoding="utf-8",
    )
    with serve(fx.path) as s:
        before = s.get("/api/health").json()["store"]
        ingest = subprocess.run(
            [*groundfacts_command(), "ingest", str(doc), "--db", str(fx.path), "--wait", "1"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ingest.returncode == 1
        assert "GF004" in ingest.stderr and "in use by another process" in ingest.stderr
        assert s.get("/api/health").json()["store"] == before
    # once the service has stopped the same ingest goes through
    again = subprocess.run(
        [*groundfacts_command(), "ingest", str(doc), "--db", str(fx.path), "--wait", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr


def test_languages_are_those_the_packs_serve(server: Server) -> None:
    # a language a pack serves is taken; any other is a 422 that lists what is served
    ok = server.post("/api/extract", {"text": REPORT, "published": "2024-05-06", "lang": "en"})
    assert ok.status == 200, ok.body
    bad = server.post("/api/extract", {"text": REPORT, "lang": "xx"})
    assert bad.status == 422
    assert "unknown language 'xx'" in bad.body.decode() and "id" in bad.body.decode()
    check = server.get("/api/check?claim=Gunmen%20attacked%20Gao&lang=xx")
    assert check.status == 422 and "unknown language 'xx'" in check.body.decode()
