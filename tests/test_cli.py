"""The command line, run as a user runs it: a real subprocess, real files, a real DuckDB file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EN = (
    "On 3 March 2021, unidentified gunmen killed four civilians in Djibo. "
    "Separately, soldiers arrested two suspects in Kaya on Thursday."
)
ID = "Dua warga tewas ditembak orang tak dikenal di Wamena, Senin (8/3/2021)."


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groundfacts.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    (d / "en.txt").write_text(EN, encoding="utf-8")
    lines = [
        {"id": "a", "text": EN, "published": "2021-03-05", "source": "wire"},
        {"id": "b", "text": ID, "published": "2021-03-09", "lang": "id"},
    ]
    (d / "docs.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    bad = [json.dumps(lines[0]), "{not json", json.dumps(lines[1])]
    (d / "bad.jsonl").write_text("\n".join(bad) + "\n", encoding="utf-8")
    return d


def test_extract_text_file_to_jsonl(corpus: Path) -> None:
    r = run("extract", str(corpus / "en.txt"), "--published", "2021-03-05")
    assert r.returncode == 0, r.stderr
    events = [json.loads(x) for x in r.stdout.splitlines()]
    kinds = {e["sub_event_type"] for e in events}
    assert "Attack" in kinds and "Arrests" in kinds
    attack = next(e for e in events if e["sub_event_type"] == "Attack")
    assert attack["event_date"] == "2021-03-03"
    assert attack["fatalities"] == 4
    assert attack["actor2"].startswith("Civilians (Burkina Faso)")
    assert attack["evidence"][0]["trigger"]
    assert "events" in r.stderr  # the summary goes to stderr, stdout holds only data


def test_stdin_csv_and_language_option(corpus: Path) -> None:
    r = run(
        "extract", "-", "--lang", "id", "--published", "2021-03-09", "--format", "csv", stdin=ID
    )
    assert r.returncode == 0, r.stderr
    header, *rows = r.stdout.splitlines()
    assert header.startswith("event_id,event_date")
    assert rows and "Wamena" in r.stdout


def test_malformed_jsonl_names_file_and_line(corpus: Path) -> None:
    r = run("extract", str(corpus / "bad.jsonl"))
    assert r.returncode == 3
    assert "bad.jsonl:2" in r.stderr
    r = run("extract", str(corpus / "bad.jsonl"), "--skip-bad")
    assert r.returncode == 4
    ids = {json.loads(x)["doc_id"] for x in r.stdout.splitlines()}
    assert ids == {"a", "b"}  # the bad line is skipped, the rest goes on


def test_bad_option_values() -> None:
    assert run("extract", "-", "--published", "03/05/2021", stdin="x").returncode == 2
    assert run("extract", "-", "--format", "xml", stdin="x").returncode == 2


def test_ingest_twice_adds_nothing_then_query_and_dyads(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    r1 = run("ingest", str(corpus / "docs.jsonl"), "--db", str(db))
    assert r1.returncode == 0, r1.stderr
    r2 = run("ingest", str(corpus / "docs.jsonl"), "--db", str(db))
    assert "added 0 documents and 0 events" in r2.stderr
    q = run("events", "--db", str(db), "--country", "BF")
    evs = [json.loads(x) for x in q.stdout.splitlines()]
    assert evs and all(e["iso"] == "BF" for e in evs)
    q = run("events", "--db", str(db), "--event-type", "Strategic developments", "--format", "csv")
    assert "Arrests" in q.stdout
    d = run("dyads", "--db", str(db), "--json")
    rows = [json.loads(x) for x in d.stdout.splitlines()]
    assert sum(x["events"] for x in rows) == len(
        list(run("events", "--db", str(db)).stdout.splitlines())
    )


def test_non_events_are_listed_on_request(tmp_path: Path) -> None:
    text = "The militia threatened to attack Djibo. The army did not attack the town."
    r = run("extract", "-", "--published", "2021-03-05", "--non-events", stdin=text)
    assert r.returncode == 0
    assert r.stdout.strip() == ""
    assert "threat" in r.stderr and "negation" in r.stderr
    out = tmp_path / "non.jsonl"
    run("extract", "-", "--non-events-out", str(out), stdin=text)
    reasons = [json.loads(x)["reason"] for x in out.read_text().splitlines()]
    assert len(reasons) == 2


def test_geocode_verb() -> None:
    recs = [
        {"id": "1", "name": "Aleppo", "country": "SY"},
        {"id": "2", "name": "Ouagadougou"},
        {"id": "3", "name": ""},
    ]
    r = run("geocode", "-", stdin="\n".join(json.dumps(x) for x in recs))
    assert r.returncode == 0, r.stderr
    out = {x["id"]: x for x in map(json.loads, r.stdout.splitlines())}
    assert abs(out["1"]["latitude"] - 36.2) < 0.2 and out["1"]["country"] == "Syria"
    assert out["2"]["country"] == "Burkina Faso"
    assert out["3"]["latitude"] is None


def test_geocode_verb_joint_context_and_short_forms() -> None:
    text = "Students marched in California and in the US capital; the UAE and the EU spoke."
    s = text.index("California")
    recs = [
        {"id": "a", "name": "California", "context": text, "start": s, "end": s + 10},
        {"id": "b", "name": "US", "context": text},
        {"id": "c", "name": "UAE", "context": text},
        {"id": "d", "name": "Korean Peninsula"},
    ]
    r = run("geocode", "-", stdin="\n".join(json.dumps(x) for x in recs))
    assert r.returncode == 0, r.stderr
    out = {x["id"]: x for x in map(json.loads, r.stdout.splitlines())}
    assert (out["a"]["feature"], out["a"]["iso"]) == ("admin1", "US")  # the state
    assert out["b"]["iso"] == "US" and out["c"]["iso"] == "AE"
    assert out["d"]["feature"] == "region"


def test_geoparse_verb(corpus: Path) -> None:
    r = run("geoparse", str(corpus / "docs.jsonl"))
    assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    keys = ["doc_id", "name", "start", "end", "geonameid", "latitude", "longitude", "country"]
    keys += ["iso", "admin1", "feature", "precision", "score"]
    assert all(list(x) == keys for x in recs)
    by = {(x["doc_id"], x["name"]): x for x in recs}
    djibo = by[("a", "Djibo")]
    assert EN[djibo["start"] : djibo["end"]] == "Djibo" and djibo["iso"] == "BF"
    assert by[("b", "Wamena")]["iso"] == "ID"
    bad = run("geoparse", str(corpus / "bad.jsonl"))
    assert bad.returncode == 3 and "bad.jsonl:2" in bad.stderr
    skipped = run("geoparse", str(corpus / "bad.jsonl"), "--skip-bad")
    assert skipped.returncode == 4 and skipped.stdout.strip()


def test_demo_runs_on_bundled_samples() -> None:
    r = run("demo")
    assert r.returncode == 0, r.stderr
    # not a terminal: stdout is JSONL only, the dyads table goes to stderr
    events = [json.loads(x) for x in r.stdout.splitlines()]
    assert {e["language"] for e in events} == {"en", "id"}
    assert any(line.startswith("actor1") for line in r.stderr.splitlines())


_GOLD_HEADER = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin1,location,"
    "latitude,longitude,fatalities,country,notes\n"
)


def _gold(path: Path, rows: list[str]) -> Path:
    path.write_text(_GOLD_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_acled_scores_each_set_with_confusion_and_worst_notes(tmp_path: Path) -> None:
    # two made-up theatres, one note each that we code right, one that we cannot
    a = _gold(
        tmp_path / "north.csv",
        [
            "N1,2021-03-03,Violence against civilians,Attack,"
            "Unidentified Armed Group (Burkina Faso),"
            'Civilians (Burkina Faso),,,,,4,Burkina Faso,"On 3 March 2021, unidentified gunmen '
            'killed four civilians in Djibo."',
            "N2,2021-03-04,Protests,Peaceful protest,Protesters (Burkina Faso),,,,,,0,Burkina Faso,"
            '"Nothing of note happened."',
        ],
    )
    b = _gold(
        tmp_path / "south.csv",
        [
            "S1,2021-03-05,Strategic developments,Arrests,Police Forces of Burkina Faso,"
            'Civilians (Burkina Faso),,,,,0,Burkina Faso,"Police arrested two suspects in Kaya."',
        ],
    )
    out = tmp_path / "r.json"
    r = run("eval", "acled", str(a), str(b), "--report", str(out))
    assert r.returncode == 0, r.stderr
    assert f"== {a}" in r.stdout and f"== {b}" in r.stdout and "== all sets" in r.stdout
    assert "Peaceful protest -> (none)" in r.stdout  # the confusion of the first set
    assert "worst notes" in r.stdout and "N2" in r.stdout
    data = json.loads(out.read_text())
    assert [s["gold"] for s in data["sets"]] == [str(a), str(b)]
    north, south = (s["figures"] for s in data["sets"])
    assert north["notes"] == 2 and south["notes"] == 1
    assert north["sub_event_type"] == 0.5 and north["actor1"] == 0.5
    assert data["figures"] == north  # the first set stays at the top, as with one set
    assert data["sets"][0]["worst"][0]["id"] == "N2"


def test_eval_acled_names_a_missing_or_bad_gold_file(tmp_path: Path) -> None:
    r = run("eval", "acled", str(tmp_path / "absent.csv"))
    assert r.returncode == 3 and "absent.csv" in r.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text(_GOLD_HEADER + "X1,not-a-date,,,,,,,,,0,,note\n", encoding="utf-8")
    r = run("eval", "acled", str(bad))
    assert r.returncode == 3 and "bad.csv:2" in r.stderr
