"""The quality gate: run the evaluations and fail when a figure drops below its floor.

Floors live in ``quality/floors.toml`` (the figures reached, minus a small tolerance).
Lowering a floor must be a commit of its own that touches only that file and says why in a
line starting with ``Why:``; the gate checks the history for floors lowered any other way.
It follows main's own line of commits (first parents): a branch may move its floors about
before it is merged, and what counts is that main's floors never drop silently.

Run: ``python -m groundfacts.evaluate.gate --dev ../shared/dev``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

FLOORS = Path("quality/floors.toml")
# Report fixtures (tests/fixtures/<name>.jsonl) and parallel pairs measured by the gate;
# en_world: short wire reports from many theatres, with many no-event items.
FIXTURE_SETS = ("id_reports", "en_reports", "id_press", "en_world")
PARALLEL_SETS = ("parallel",)
# (section of floors.toml, claims set, record files) of the claims sets measured by the gate:
# claims over a made-up ACLED file, and claims over what groundfacts extracts from reports
CLAIM_SETS = (
    ("claims", "acled/claims.jsonl", ("acled/claims-record.csv",)),
    ("claims_reports", "claims/reports_claims.jsonl", ("en_reports.jsonl", "id_reports.jsonl")),
)
# (section of floors.toml, file in the dev folder) of each ACLED development theatre
ACLED_SETS = (("acled", "acled-bfa.csv"), ("acled_phl", "acled-phl.csv"))


def _read_floors(text: str) -> dict[str, dict[str, float]]:
    data = tomllib.loads(text)
    return {
        k: {m: float(v) for m, v in t.items() if isinstance(v, (int, float)) and m != "sample"}
        for k, t in data.items()
        if isinstance(t, dict)
    }


def lowered_without_reason(repo: Path, floors: Path = FLOORS) -> list[str]:
    """Commits that lowered a floor while changing other files, or without a 'Why:' line."""
    try:
        log = subprocess.run(
            ["git", "log", "--first-parent", "--format=%H", "--", str(floors)],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return []  # not a git checkout: nothing to check
    problems = []
    for sha in log:

        def show(rev: str) -> str | None:
            r = subprocess.run(
                ["git", "show", f"{rev}:{floors}"], cwd=repo, capture_output=True, text=True
            )
            return r.stdout if r.returncode == 0 else None

        new, old = show(sha), show(f"{sha}^")
        if new is None or old is None:
            continue
        before, after = _read_floors(old), _read_floors(new)
        lowered = [
            f"{sec}.{m}"
            for sec, metrics in after.items()
            for m, v in metrics.items()
            if m in before.get(sec, {}) and _loosened(m, before[sec][m], v)
        ]
        if not lowered:
            continue
        files = subprocess.run(
            ["git", "show", "--name-only", "--format=", sha],
            cwd=repo,
            capture_output=True,
            text=True,
        ).stdout.split()
        msg = subprocess.run(
            ["git", "show", "-s", "--format=%B", sha], cwd=repo, capture_output=True, text=True
        ).stdout
        if files != [str(floors)] or "Why:" not in msg:
            problems.append(
                f"{sha[:10]} lowered {', '.join(lowered)} without its own 'Why:' commit"
            )
    return problems


def _is_ceiling(metric: str) -> bool:
    """Metrics where lower is better: their bound is a ceiling, not a floor."""
    return (
        metric.startswith("extra_events")
        or metric.startswith("median")
        or metric.startswith("gap.")  # the difference between two languages on parallel text
        # the share of no-event items that still give an event (also per language: "en.…")
        or metric.rsplit(".", 1)[-1].startswith("false_event")
    )


def _loosened(metric: str, before: float, after: float) -> bool:
    """A bound made easier to meet: a floor lowered, or a ceiling raised."""
    return after > before + 1e-9 if _is_ceiling(metric) else after < before - 1e-9


def compare(figures: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """The figures below their floors, as messages."""
    out = []
    for sec, metrics in floors.items():
        for m, floor in metrics.items():
            got = figures.get(sec, {}).get(m)
            if got is None:
                out.append(f"{sec}.{m}: not measured (floor {floor})")
            elif _is_ceiling(m):
                if got > floor + 1e-9:
                    out.append(f"{sec}.{m}: {got} above ceiling {floor}")
            elif got < floor - 1e-9:
                out.append(f"{sec}.{m}: {got} below floor {floor}")
    return out


def measure(dev: Path, sample: int | None) -> dict[str, dict[str, Any]]:
    from groundfacts.evaluate.acled import evaluate_acled
    from groundfacts.evaluate.fixtures import evaluate_fixtures, evaluate_pairs
    from groundfacts.pipeline import Pipeline
    from groundfacts.records import Document, Event

    pipe = Pipeline()

    def run(doc: Document) -> list[Event]:
        r = next(iter(pipe.run([doc])))
        if r.error:
            # an evaluation over documents that fail measures nothing: stop loudly
            raise RuntimeError(f"{doc.id}: extraction failed: {r.error}")
        return r.events

    figures: dict[str, dict[str, Any]] = {}
    # every ACLED theatre the team develops on: a gain must hold on each of them
    for section, name in ACLED_SETS:
        acled = dev / name
        if acled.exists():
            figures[section] = evaluate_acled(acled, run, sample=sample).figures()
    coords = pipe.resources.gazetteer.coordinates
    for name in FIXTURE_SETS:
        path = Path("tests/fixtures") / f"{name}.jsonl"
        if path.exists():
            figures[name] = evaluate_fixtures(path, run, coords).figures()
    for name in PARALLEL_SETS:
        path = Path("tests/fixtures") / f"{name}.jsonl"
        if path.exists():
            figures[name] = evaluate_pairs(path, run, coords).figures()
    figures.update(measure_claims(Path("tests/fixtures"), pipe))
    merge = Path("tests/fixtures/merge/reports.jsonl")
    if merge.exists():
        from groundfacts.evaluate.merge import evaluate_merge

        figures["merge"] = evaluate_merge(merge, pipe).figures()
    geo = dev / "geowebnews.xml"
    if geo.exists():
        from groundfacts.evaluate.geo import evaluate_geo

        geo_figs = evaluate_geo(geo, pipe.resources.gazetteer)
        figures["geo"] = {k: v for k, v in geo_figs.items() if not k.startswith("recognition_")}
        figures["geoparse"] = {
            k.removeprefix("recognition_"): v
            for k, v in geo_figs.items()
            if k.startswith("recognition_")
        }
    ner = dev / "nergrit" / "test.txt"
    if ner.exists():
        from groundfacts.evaluate.ner import evaluate_ner

        gaz, actors = pipe.resources.gazetteer, pipe.resources.actors
        place_finder: Callable[[str], list[tuple[int, int]]] = lambda t: [  # noqa: E731
            (p.start, p.end) for p in gaz.find_places(t, "id")
        ]
        org_finder: Callable[[str], list[tuple[int, int]]] = lambda t: [  # noqa: E731
            (a.start, a.end) for a in actors.find(t, "id") if a.kind == "named"
        ]
        figures["ner"] = evaluate_ner(ner, place_finder, org_finder)
    return figures


def measure_claims(fixtures: Path, pipe: Any) -> dict[str, dict[str, Any]]:
    """The share of right verdicts of each claims set, against its record built afresh."""
    import tempfile

    from groundfacts.analyse.claims import ClaimChecker
    from groundfacts.evaluate.claims import build_record, evaluate_claims, read_claims_set
    from groundfacts.store import EventStore

    figures: dict[str, dict[str, Any]] = {}
    for section, claims, records in CLAIM_SETS:
        paths = [fixtures / r for r in records]
        if not (fixtures / claims).exists() or not all(p.exists() for p in paths):
            continue
        with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "r.duckdb") as store:
            build_record(store, paths, pipe)
            checker = ClaimChecker(store, pipe.resources)
            figures[section] = evaluate_claims(
                read_claims_set(fixtures / claims), checker
            ).figures()
    return figures


def _flatten(figs: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in figs.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out[k] = float(v)
        elif isinstance(v, dict):
            for k2, v2 in v.items():
                if isinstance(v2, (int, float)) and not isinstance(v2, bool):
                    out[f"{k}.{k2}"] = float(v2)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dev", type=Path, required=True, help="folder with the development data")
    ap.add_argument("--floors", type=Path, default=FLOORS)
    ap.add_argument("--out", type=Path, default=None, help="write the measured figures here")
    args = ap.parse_args(argv)
    floors_text = args.floors.read_text(encoding="utf-8")
    sample = tomllib.loads(floors_text).get("acled", {}).get("sample")
    floors = _read_floors(floors_text)
    figures = {k: _flatten(v) for k, v in measure(args.dev, sample).items()}
    print(json.dumps(figures, indent=2))
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
    problems = compare(figures, floors) + lowered_without_reason(Path("."), args.floors)
    for p in problems:
        print(f"quality gate: {p}", file=sys.stderr)
    print(f"quality gate: {'FAILED' if problems else 'passed'}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
