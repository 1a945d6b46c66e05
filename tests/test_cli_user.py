"""The command line as users meet it: version, option errors that say what is accepted,
stray files, empty input, demo output, sentences for summaries, progress, distributed
runs that honour --format, GeoJSON read back, one evidence span once, exit 3 for bad
input in every verb. A real subprocess, real files, a real Dask cluster."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from groundfacts import __version__

EN = (
    "Gunmen killed three villagers in Djibo on Tuesday. Soldiers clashed with militants near "
    "Kaya on Monday, killing two militants. The army denied that its troops had attacked "
    "civilians."
)
CLI = Callable[..., subprocess.CompletedProcess[str]]
SENTENCE = re.compile(r"^\d+ documents?, \d+ sentences?, \d+ events? and \d+ non-events?.*\.$")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("news")
    (d / "sahel").mkdir()
    (d / "sahel" / "a.txt").write_text(EN, encoding="utf-8")
    (d / "b.jsonl").write_text(
        json.dumps({"id": "b", "text": EN, "published": "2023-06-15"}) + "\n", encoding="utf-8"
    )
    (d / "scan.pdf").write_bytes(b"%PDF-1.4 not a document we read")
    return d


def test_version(cli: CLI) -> None:
    r = cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"groundfacts {__version__}"


def test_unknown_country_or_language_is_a_usage_error_that_says_what_is_accepted(cli: CLI) -> None:
    r = cli("extract", "-", "--country", "Narnia", stdin=EN)
    assert r.returncode == 2
    assert "alpha-2" in r.stderr and "alpha-3" in r.stderr and "Narnia" in r.stderr
    r = cli("extract", "-", "--lang", "xx", stdin=EN)
    assert r.returncode == 2 and "en" in r.stderr and "id" in r.stderr


@pytest.mark.parametrize("code", ["BF", "BFA", "bfa", "Burkina Faso"])
def test_country_codes_of_three_letters_work_like_two(cli: CLI, code: str) -> None:
    r = cli("extract", "-", "--published", "2023-06-15", "--country", code, stdin=EN)
    assert r.returncode == 0, r.stderr
    events = [json.loads(x) for x in r.stdout.splitlines()]
    assert events and all(e["iso"] == "BF" for e in events)


def test_events_filter_takes_a_three_letter_code(cli: CLI, tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    r = cli(
        "ingest", "-", "--db", str(db), "--published", "2023-06-15", "--country", "BF", stdin=EN
    )
    assert r.returncode == 0, r.stderr
    two = cli("events", "--db", str(db), "--country", "BF")
    three = cli("events", "--db", str(db), "--country", "BFA")
    assert two.stdout and two.stdout == three.stdout
    assert cli("events", "--db", str(db), "--country", "Narnia").returncode == 2


def test_a_stray_file_is_passed_over_with_one_warning(cli: CLI, folder: Path) -> None:
    r = cli("extract", str(folder), "--published", "2023-06-15")
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "scan.pdf" in warnings[0]
    ids = {json.loads(x)["doc_id"] for x in r.stdout.splitlines()}
    assert ids == {"sahel/a.txt", "b"}


def test_empty_stdin_is_no_documents(cli: CLI) -> None:
    r = cli("extract", "-", stdin="")
    assert (r.returncode, r.stdout) == (0, "")
    assert r.stderr.strip().splitlines()[-1].startswith("0 documents")


def test_the_summary_is_a_sentence(cli: CLI, folder: Path) -> None:
    r = cli("extract", str(folder), "--published", "2023-06-15")
    last = r.stderr.strip().splitlines()[-1]
    assert SENTENCE.match(last), last
    assert "{" not in last


def test_demo_geojson_is_valid_geojson(cli: CLI) -> None:
    r = cli("demo", "--format", "geojson")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)  # nothing but the FeatureCollection on stdout
    assert data["type"] == "FeatureCollection" and len(data["features"]) >= 8
    assert "actor1" in r.stderr  # the dyads table went to stderr


def test_demo_csv_is_nothing_but_the_events(cli: CLI) -> None:
    r = cli("demo", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    header, body = rows[0], rows[1:]
    assert header[0] == "event_id" and len(body) >= 8
    # no table after the events: every line is an event row of the header's width
    assert all(len(row) == len(header) and row[0] for row in body)
    assert "actor1" in r.stderr  # the dyads table went to stderr


def test_demo_on_a_terminal_prints_a_table() -> None:
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "groundfacts.cli", "demo"],
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=900) == 0
    text = b"".join(chunks).decode("utf-8")
    assert "{" not in text  # no JSON for a person to read
    assert re.search(r"2023-10-12\s+Remote explosive/landmine/IED\s+.*Dori \(5 killed\)", text)
    assert "actor1" in text


def test_progress_bar_has_a_total(cli: CLI, folder: Path) -> None:
    r = cli("extract", str(folder), "--published", "2023-06-15", "--progress")
    assert r.returncode == 0, r.stderr
    assert re.search(r"\b2/2\b", r.stderr), r.stderr  # done of total, so it can tell time left


def test_dyads_reads_the_geojson_extract_writes(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    r = cli(
        "extract",
        "-",
        "--published",
        "2023-06-15",
        "--format",
        "geojson",
        "--out",
        str(out),
        stdin=EN,
    )
    assert r.returncode == 0, r.stderr
    r = cli("dyads", str(out))
    assert r.returncode == 0, r.stderr
    assert "Civilians (Burkina Faso)" in r.stdout and "Violence against civilians" in r.stdout


def test_one_evidence_span_appears_once(cli: CLI) -> None:
    text = "Gunmen attacked Djibo and Arbinda on Tuesday, killing four villagers."
    r = cli("extract", "-", "--published", "2023-06-15", stdin=text)
    for line in r.stdout.splitlines():
        spans = [(e["sentence"], e["start"], e["end"]) for e in json.loads(line)["evidence"]]
        assert len(spans) == len(set(spans))


def test_workers_honour_format_and_non_events_out(cli: CLI, folder: Path, tmp_path: Path) -> None:
    out, non = tmp_path / "parts", tmp_path / "non.jsonl"
    r = cli(
        "extract",
        str(folder),
        "--published",
        "2023-06-15",
        "--workers",
        "1",
        "--out",
        str(out),
        "--format",
        "csv",
        "--non-events-out",
        str(non),
    )
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and {row["doc_id"] for row in rows} == {"sahel/a.txt", "b"}
    assert list(out.glob("part-*.parquet"))  # the partitions are still written
    denied = [json.loads(x) for x in non.read_text(encoding="utf-8").splitlines()]
    assert denied and all(d["reason"] for d in denied)
    assert SENTENCE.match(r.stderr.strip().splitlines()[-1].split(" in ")[0] + ".")


@pytest.mark.parametrize(
    ("verb", "name", "content"),
    [
        ("eval acled", "gold.csv", "not,an,acled,file\n1,2,3,4\n"),
        ("eval fixtures", "fx.jsonl", '{"id": 1, "text"\n'),
        ("eval geo", "gold.xml", "<articles><article"),
        ("eval ner", "gold.txt", "<xml>\n"),
        ("gazetteer import", "XX.zip", "not a zip"),
        ("dyads", "events.jsonl", "{not json\n"),
        ("geocode", "places.jsonl", "{not json\n"),
    ],
)
def test_bad_input_files_exit_3(
    cli: CLI, tmp_path: Path, verb: str, name: str, content: str
) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    r = cli(*verb.split(), str(bad))
    assert r.returncode == 3, (r.returncode, r.stderr)
    assert name in r.stderr
    missing = cli(*verb.split(), str(tmp_path / ("no-" + name)))
    assert missing.returncode == 3, (missing.returncode, missing.stderr)


@pytest.mark.parametrize(
    ("code", "country"), [("LB", "Lebanon"), ("LBN", "Lebanon"), ("lby", "Libya")]
)
def test_geocode_takes_three_letter_codes(cli: CLI, code: str, country: str) -> None:
    r = cli("geocode", stdin=json.dumps({"id": "1", "name": "Tripoli", "country": code}) + "\n")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["country"] == country


def test_geocode_skips_bad_lines_when_asked_and_goes_on(cli: CLI) -> None:
    lines = [
        json.dumps({"id": "1", "name": "Djibo"}),
        "{not json",
        "[1, 2]",
        json.dumps({"id": "2", "name": "Dori"}),
    ]
    stdin = "\n".join(lines) + "\n"
    stopped = cli("geocode", stdin=stdin)
    assert stopped.returncode == 3 and "-:2" in stopped.stderr
    r = cli("geocode", "--skip-bad", stdin=stdin)
    assert r.returncode == 4, r.stderr  # partial: two lines skipped
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["1", "2"]
    assert "-:2" in r.stderr and "-:3" in r.stderr


@pytest.mark.parametrize("verb", [(), ("extract",), ("eval", "acled"), ("gazetteer", "build")])
def test_help_shows_no_type_beside_on_off_flags(cli: CLI, verb: tuple[str, ...]) -> None:
    r = cli(*verb, "--help")
    assert r.returncode == 0, r.stderr
    assert "--help" in r.stdout
    assert "<bool>" not in r.stdout
    if verb == ("extract",):
        # options that take a value still say what kind
        assert "--skip-bad" in r.stdout and "<int>" in r.stdout
