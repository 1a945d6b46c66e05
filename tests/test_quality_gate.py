"""The quality gate: figures below their floors fail, and floors cannot be lowered quietly."""

from __future__ import annotations

import subprocess
from pathlib import Path

from groundfacts.evaluate.gate import compare, lowered_without_reason

FLOORS_V1 = '[acled]\n"actor1" = 0.80\n"extra_events_per_note" = 0.40\n'


def test_compare_floors_and_ceilings() -> None:
    floors = {"acled": {"actor1": 0.8, "extra_events_per_note": 0.4}}
    assert compare({"acled": {"actor1": 0.81, "extra_events_per_note": 0.3}}, floors) == []
    problems = compare({"acled": {"actor1": 0.79, "extra_events_per_note": 0.5}}, floors)
    assert len(problems) == 2
    assert any("below floor" in p for p in problems) and any("above ceiling" in p for p in problems)
    assert compare({}, floors)[0].endswith("not measured (floor 0.8)")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _commit(repo: Path, floors: str, message: str, other: str | None = None) -> None:
    (repo / "quality").mkdir(exist_ok=True)
    (repo / "quality" / "floors.toml").write_text(floors)
    if other is not None:
        (repo / "other.txt").write_text(other)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)


def test_lowering_a_floor_needs_its_own_commit_with_a_reason(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, FLOORS_V1, "floors")
    # raising a floor and tightening a ceiling are always fine
    _commit(tmp_path, FLOORS_V1.replace("0.80", "0.82").replace("0.40", "0.35"), "raise")
    assert lowered_without_reason(tmp_path) == []
    # lowering a floor together with other changes is refused
    _commit(tmp_path, FLOORS_V1, "tweak", other="x")
    problems = lowered_without_reason(tmp_path)
    assert len(problems) == 1 and "acled.actor1" in problems[0]


def test_lowering_alone_with_why_is_accepted(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, FLOORS_V1, "floors")
    _commit(tmp_path, FLOORS_V1.replace("0.40", "0.45"), "Loosen\n\nWhy: the gold data changed")
    assert lowered_without_reason(tmp_path) == []


def test_main_line_is_what_counts_when_branches_merge(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    _commit(tmp_path, FLOORS_V1, "floors")
    # a branch lowers and then restores its floor before it is merged: main never dropped
    _git(tmp_path, "checkout", "-qb", "side")
    _commit(tmp_path, FLOORS_V1.replace("0.80", "0.70"), "try", other="a")
    _commit(tmp_path, FLOORS_V1, "restore", other="b")
    _git(tmp_path, "checkout", "-q", "main")
    _git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    assert lowered_without_reason(tmp_path) == []
    # a merge that brings a lowered floor onto main is refused
    _git(tmp_path, "checkout", "-qb", "side2")
    _commit(tmp_path, FLOORS_V1.replace("0.80", "0.70"), "lower", other="c")
    _git(tmp_path, "checkout", "-q", "main")
    _git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge side2", "side2")
    problems = lowered_without_reason(tmp_path)
    assert len(problems) == 1 and problems[0].startswith(
        subprocess.run(
            ["git", "rev-parse", "--short=10", "HEAD"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )


def test_false_event_rate_is_a_ceiling_in_every_section() -> None:
    floors = {"en_world": {"false_event_rate": 0.2}, "parallel": {"en.false_event_rate": 0.1}}
    assert (
        compare(
            {"en_world": {"false_event_rate": 0.1}, "parallel": {"en.false_event_rate": 0.05}},
            floors,
        )
        == []
    )
    problems = compare(
        {"en_world": {"false_event_rate": 0.3}, "parallel": {"en.false_event_rate": 0.2}}, floors
    )
    assert len(problems) == 2 and all("above ceiling" in p for p in problems)


def test_the_gate_measures_the_world_set() -> None:
    from groundfacts.evaluate.gate import FIXTURE_SETS

    assert "en_world" in FIXTURE_SETS
    assert (Path(__file__).parent / "fixtures" / "en_world.jsonl").exists()
