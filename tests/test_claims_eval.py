"""Claims sets scored against a record: the share of verdicts right, per language and per
expected verdict, over real DuckDB stores built from made-up files (an ACLED-format record
imported, made-up reports extracted), from the library, the gate and the command line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from groundfacts.analyse.claim_lines import ClaimLineError, read_claim_lines
from groundfacts.analyse.claims import VERDICTS, ClaimChecker
from groundfacts.evaluate.claims import build_record, evaluate_claims, read_claims_set
from groundfacts.evaluate.gate import measure_claims
from groundfacts.pipeline import Pipeline
from groundfacts.store import EventStore

FIXTURES = Path(__file__).parent / "fixtures"
RECORD = FIXTURES / "acled" / "claims-record.csv"

# Made-up reports, extracted into the record beside the ACLED rows.
REPORTS = [
    {
        "id": "r1",
        "text": "On 3 March 2021, police arrested two suspected smugglers in Kaya, "
        "Burkina Faso, a security source said.",
        "published": "2021-03-04",
    },
    {
        "id": "r2",
        "text": "Gunmen killed four villagers near Djibo, Burkina Faso, on 5 March 2021, "
        "residents said.",
        "published": "2021-03-06",
    },
]
# (claim, expected): the last two are deliberately wrong, to be counted wrong
SET = [
    ("Russia struck Jabhat al-Nusra", "supported"),
    ("Rusia tidak menyerang ISIS di Aleppo", "consistent"),
    ("Police arrested people in Kaya in March 2021", "supported"),
    ("The weather was lovely all week long", "unparsed"),
    ("Polisi menangkap anggota JAD di Jawa Timur pada 2019", "not-found"),  # wrong: supported
    ("Russia did not bomb ISIS", "consistent"),  # wrong: contradicted
]


def _write_set(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = [
        json.dumps({"id": f"c{i}", "claim": c, "expected": e, "rule": "test"})
        for i, (c, e) in enumerate(rows, 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory, pipe: Pipeline) -> Iterator[EventStore]:
    folder = tmp_path_factory.mktemp("claims-eval")
    reports = folder / "reports.jsonl"
    reports.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    path = folder / "record.duckdb"
    with EventStore(path) as store:
        added = build_record(store, [RECORD, reports], pipe)
        assert added >= 12 + 2  # the ACLED rows and the reports' events
        sources = {e.source for e in store.events()}
        assert "ACLED" in sources and len(sources) > 1
    with EventStore(path, read_only=True) as store:
        yield store


def test_share_of_right_verdicts(record: EventStore, pipe: Pipeline, tmp_path: Path) -> None:
    items = read_claims_set(_write_set(tmp_path / "set.jsonl", SET))
    report = evaluate_claims(items, ClaimChecker(record, pipe.resources))
    figs = report.figures()
    assert figs["claims"] == 6 and figs["correct"] == round(4 / 6, 4)
    assert [(o.id, o.verdict) for o in report.wrong()] == [
        ("c5", "supported"),
        ("c6", "contradicted"),
    ]
    assert figs["verdict"] == {
        "consistent": 0.5,
        "not-found": 0.0,
        "supported": 1.0,
        "unparsed": 1.0,
    }
    assert figs["language"] == {"en": 0.75, "id": 0.5}
    outcome = report.to_dict()["outcomes"][2]
    assert outcome["right"] and outcome["language"] == "en"  # the extracted arrest in Kaya


def test_the_team_claims_set_is_all_right_over_its_record(pipe: Pipeline, tmp_path: Path) -> None:
    with EventStore(tmp_path / "r.duckdb") as store:
        build_record(store, [RECORD], pipe)
        items = read_claims_set(FIXTURES / "acled" / "claims.jsonl")
        report = evaluate_claims(items, ClaimChecker(store, pipe.resources))
    assert report.figures()["correct"] == 1.0, [o.to_dict() for o in report.wrong()]
    assert set(report.figures()["verdict"]) == set(VERDICTS)


def test_bad_claim_lines_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"claim": "Russia struck ISIS", "expected": "supported"}\n\n{"claim": 3}\n')
    with pytest.raises(ClaimLineError, match=r"bad\.jsonl:3: not a claim line"):
        read_claims_set(bad)
    bad.write_text('{"claim": "Russia struck ISIS", "expected": "true"}\n')
    with pytest.raises(ClaimLineError, match=r"bad\.jsonl:1: .*expected must be one of"):
        read_claims_set(bad)
    bad.write_text('{"claim": "Russia struck ISIS"}\n')
    with pytest.raises(ClaimLineError, match=r"bad\.jsonl:1: .*needs \"expected\""):
        read_claims_set(bad)
    seen: list[str] = []
    lines = ['{"claim": "a", "since": "2019-13-01"}', "[1]", '{"id": 7, "claim": "b"}']
    got = list(read_claim_lines(lines, "x.jsonl", on_bad=lambda e: seen.append(str(e))))
    assert [(c.id, c.claim) for c in got] == [(7, "b")]  # the bad lines never stop the rest
    assert ["x.jsonl:1" in seen[0], "x.jsonl:2" in seen[1]] == [True, True]


def test_the_gate_measures_the_claims_sets_it_finds(tmp_path: Path, pipe: Pipeline) -> None:
    (tmp_path / "acled").mkdir()
    shutil.copy(RECORD, tmp_path / "acled" / "claims-record.csv")
    _write_set(tmp_path / "acled" / "claims.jsonl", SET[:2] + SET[-1:])
    figures = measure_claims(tmp_path, pipe)
    assert list(figures) == ["claims"]  # the reports set's files are not there
    assert figures["claims"]["correct"] == round(2 / 3, 4)


def test_cli_eval_claims(tmp_path: Path, cli: Callable[..., Any]) -> None:
    claims = _write_set(tmp_path / "set.jsonl", SET[:2] + SET[-1:])
    report = tmp_path / "report.json"
    r = cli("eval", "claims", str(claims), "--record", str(RECORD), "--report", str(report))
    assert r.returncode == 0, r.stderr
    assert "correct                  0.6667" in r.stdout
    assert "wrong  c3: consistent expected, contradicted" in r.stdout
    assert json.loads(report.read_text())["outcomes"][2]["right"] is False
    db = tmp_path / "r.duckdb"
    assert cli("import", "acled", str(RECORD), "--db", str(db)).returncode == 0
    again = cli("eval", "claims", str(claims), "--db", str(db))
    assert "correct                  0.6667" in again.stdout
    assert cli("eval", "claims", str(claims)).returncode == 2
    (tmp_path / "bad.jsonl").write_text("{oops\n")
    bad = cli("eval", "claims", str(tmp_path / "bad.jsonl"), "--record", str(RECORD))
    assert bad.returncode == 3 and "bad.jsonl:1" in bad.stderr
