"""Evaluation verbs: eval acled, compare, claims, fixtures, geo, ner, merge."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from groundfacts.cli.app import eval_app
from groundfacts.cli.common import die, open_store, progress_bar, warn
from groundfacts.errors import EXIT_BAD_INPUT, BadInputError

if TYPE_CHECKING:
    from groundfacts.records import Document, Event


def _extractor() -> Any:
    from groundfacts.pipeline import Pipeline

    pipe = Pipeline()
    failures = 0

    def run(doc: Document) -> list[Event]:
        nonlocal failures
        r = next(iter(pipe.run([doc])))
        if r.error:
            failures += 1
            if failures <= 3:
                warn(f"{doc.id}: extraction failed: {r.error}")
        return r.events

    return run


def _write_report(report: Path | None, data: dict[str, Any]) -> None:
    if report is not None:
        report.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
        typer.echo(f"report written to {report}", err=True)


@eval_app.command("acled")
def eval_acled(
    gold: Annotated[
        list[Path],
        typer.Argument(help="ACLED-format CSVs with notes and gold fields (one or more sets)."),
    ],
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
    sample: Annotated[
        int | None, typer.Option(help="Score a deterministic sample of N notes.")
    ] = None,
    worst: Annotated[int, typer.Option(help="How many of the worst notes to print.")] = 20,
    progress: Annotated[bool | None, typer.Option(help="Progress bar on stderr.")] = None,
) -> None:
    """Score extraction on ACLED notes, per set: per-field accuracy, confusion, worst notes."""
    from groundfacts.evaluate.acled import evaluate_acled, format_report, format_sets
    from groundfacts.resources import Resources

    missing = [str(p) for p in gold if not p.is_file()]
    if missing:
        die(f"no such gold file: {', '.join(missing)}", EXIT_BAD_INPUT)
    res = Resources()
    near = getattr(res.gazetteer, "nearest_km", None)
    run = _extractor()
    reports = []
    for path in gold:
        desc = f"eval {path.name}"
        try:
            rep = evaluate_acled(
                path,
                run,
                sample=sample,
                near_gazetteer=near,
                progress=partial(progress_bar, desc=desc, show=progress),
            )
        except (BadInputError, ValueError) as exc:  # a bad gold row names its file and line
            die(str(exc), EXIT_BAD_INPUT)
        reports.append((path, rep))
    for path, rep in reports:
        if len(reports) > 1:
            typer.echo(f"== {path}")
        typer.echo(format_report(rep, worst=worst))
        typer.echo("")
    if len(reports) > 1:
        typer.echo("== all sets")
        typer.echo(format_sets([(p.stem, r) for p, r in reports]))
    sets = [
        {
            "gold": str(path),
            "figures": rep.figures(),
            "confusion": [
                {"gold": g, "predicted": p, "count": c} for (g, p), c in rep.confusion.most_common()
            ],
            "misses": {f: dict(c.most_common()) for f, c in rep.misses.items()},
            "worst": rep.worst,
        }
        for path, rep in reports
    ]
    # the first set's figures stay at the top level, as before several sets were scored
    _write_report(report, {**{k: v for k, v in sets[0].items() if k != "gold"}, "sets": sets})


@eval_app.command("compare")
def eval_compare(
    gold: Annotated[Path, typer.Argument(help="ACLED-format CSV with notes and gold fields.")],
    db: Annotated[
        Path | None, typer.Option(help="Keep the extracted notes in this store (default: none).")
    ] = None,
    days: Annotated[int, typer.Option(help="Dates at most this many days apart match.")] = 2,
    km: Annotated[float, typer.Option(help="Places at most this many km apart match.")] = 25.0,
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
    progress: Annotated[bool | None, typer.Option(help="Progress bar on stderr.")] = None,
) -> None:
    """Dataset-level agreement: extract every note, then match the extracted events with the
    file's events one to one (as `compare` does); recall and precision per event type."""
    import tempfile

    from groundfacts.analyse.compare import CompareOptions
    from groundfacts.cli.analyse import compare_table
    from groundfacts.evaluate.dataset import compare_with_notes
    from groundfacts.store import EventStore

    with tempfile.TemporaryDirectory() as tmp:
        path = db if db is not None else Path(tmp) / "notes.duckdb"
        try:
            with EventStore(path) as store:
                result = compare_with_notes(
                    gold,
                    store,
                    options=CompareOptions(days=days, km=km),
                    progress=lambda it: progress_bar(it, desc="extract", show=progress),
                )
        except BadInputError as exc:
            die(str(exc), EXIT_BAD_INPUT)
    typer.echo(compare_table(result))
    _write_report(report, result.to_dict())


@eval_app.command("claims")
def eval_claims(
    claims: Annotated[
        Path, typer.Argument(help='JSONL of claims, each with its "expected" verdict.')
    ],
    record: Annotated[
        list[Path] | None,
        typer.Option(help="Record file: ACLED CSV (imported) or reports (extracted); repeatable."),
    ] = None,
    db: Annotated[Path | None, typer.Option(help="Check against this store instead.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
) -> None:
    """Share of claims given the verdict they should get, against a record built from
    --record files (or an existing --db); per language and per expected verdict."""
    import tempfile

    from groundfacts.analyse.claims import ClaimChecker
    from groundfacts.evaluate.claims import build_record, evaluate_claims, read_claims_set
    from groundfacts.store import EventStore

    if (db is None) == (not record):
        die("give --record FILE (one or more) or --db FILE", 2)
    try:
        items = read_claims_set(claims)
    except OSError as exc:
        die(f"{claims}: {exc.strerror or exc}", EXIT_BAD_INPUT)
    except BadInputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            if db is not None:
                store = open_store(db)
            else:
                store = EventStore(Path(tmp) / "record.duckdb")
                with store:
                    build_record(store, record or [])
                store = EventStore(Path(tmp) / "record.duckdb", read_only=True)
        except (OSError, BadInputError) as exc:
            die(str(exc), EXIT_BAD_INPUT)
        with store:
            rep = evaluate_claims(items, ClaimChecker(store))
    figs = rep.figures()
    typer.echo(f"{'claims':<24} {figs['claims']}")
    typer.echo(f"{'correct':<24} {figs['correct']}")
    for group in ("language", "verdict"):
        for key, share in figs[group].items():
            typer.echo(f"{group + ' ' + key:<24} {share}")
    for o in rep.wrong():
        typer.echo(f"wrong  {o.id}: {o.expected} expected, {o.verdict}: {o.explanation}")
    _write_report(report, rep.to_dict())


@eval_app.command("fixtures")
def eval_fixtures(
    path: Annotated[Path, typer.Argument(help="JSONL of reports with expected events.")],
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
) -> None:
    """Score extraction on hand-written reports with expected events.

    A file of parallel pairs (items with "pair" and "lang") is scored per language, with the
    gap between the two languages per field.
    """
    from groundfacts.evaluate.fixtures import evaluate_fixtures, evaluate_pairs, is_parallel
    from groundfacts.resources import Resources

    coords = Resources().gazetteer.coordinates
    try:
        parallel = is_parallel(path)
        if parallel:
            pairs = evaluate_pairs(path, _extractor(), coords)
        else:
            rep = evaluate_fixtures(path, _extractor(), coords)
    except (OSError, ValueError) as exc:
        die(str(exc), EXIT_BAD_INPUT)
    if parallel:
        figs = pairs.figures()
        langs = sorted(pairs.by_lang)
        typer.echo(f"{'field':<20} " + " ".join(f"{lang:>8}" for lang in langs) + "      gap")
        for k in figs["gap"]:
            row = " ".join(f"{figs[lang][k]:>8}" for lang in langs)
            typer.echo(f"{k:<20} {row} {figs['gap'][k]:>8}")
        typer.echo(f"{'pairs':<20} {pairs.pairs}")
        failures = [f for lang in langs for f in pairs.by_lang[lang].failures]
        _write_report(report, {"figures": figs, "failures": failures})
        return
    for k, v in rep.figures().items():
        typer.echo(f"{k:<20} {v}")
    table = rep.by_sub_event()
    typer.echo(f"{'sub-event type':<36} {'recall':>7} {'prec.':>7} {'f1':>7} {'n':>4}")
    for sub, per in table.items():
        typer.echo(
            f"{sub:<36} {per['recall']:>7} {per['precision']:>7} {per['f1']:>7}"
            f" {int(per['support']):>4}"
        )
    _write_report(
        report, {"figures": rep.figures(), "by_sub_event": table, "failures": rep.failures}
    )


@eval_app.command("geo")
def eval_geo(
    path: Annotated[Path, typer.Argument(help="GeoWebNews or LGL/TR-News format XML.")],
    report: Annotated[Path | None, typer.Option(help="Write the report as JSON here.")] = None,
) -> None:
    """Toponym resolution: within 161 km, within 25 km, exact, median error, ceiling."""
    from groundfacts.evaluate.geo import evaluate_geo
    from groundfacts.geo import Gazetteer

    try:
        figs = evaluate_geo(path, Gazetteer.open())
    except BadInputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    typer.echo(json.dumps(figs, indent=2, default=str))
    _write_report(report, figs)


@eval_app.command("ner")
def eval_ner(
    path: Annotated[Path, typer.Argument(help="CoNLL-style BIO file (token TAB tag).")],
    lang: Annotated[str, typer.Option(help="Language of the text.")] = "id",
    report: Annotated[Path | None, typer.Option(help="Write the report as JSON here.")] = None,
) -> None:
    """Place and organisation mention precision and recall."""
    from groundfacts.evaluate.ner import evaluate_ner
    from groundfacts.resources import Resources

    res = Resources()
    gaz, actors = res.gazetteer, res.actors

    def places(text: str) -> list[tuple[int, int]]:
        return [(p.start, p.end) for p in gaz.find_places(text, lang)]

    def orgs(text: str) -> list[tuple[int, int]]:
        return [(a.start, a.end) for a in actors.find(text, lang) if a.kind == "named"]

    try:
        figs = evaluate_ner(path, places, orgs)
    except BadInputError as exc:
        die(str(exc), EXIT_BAD_INPUT)
    typer.echo(json.dumps(figs, indent=2, default=str))
    _write_report(report, figs)


@eval_app.command("merge")
def eval_merge(
    reports: Annotated[
        Path, typer.Argument(help="JSONL of documents, each with the key of the event it reports.")
    ],
    events: Annotated[
        Path | None,
        typer.Option(help="JSONL of the real events (default: <reports>_events.jsonl beside it)."),
    ] = None,
    km: Annotated[float | None, typer.Option(help="Merge distance limit (km).")] = None,
    days: Annotated[int | None, typer.Option(help="Merge day limit.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON here.")] = None,
) -> None:
    """Cross-document merging end to end: ingest the reports into a fresh store, merge,
    score pair precision and recall and the merged records against the real events."""
    from groundfacts.evaluate.merge import evaluate_merge
    from groundfacts.merge_across import MergeOptions
    from groundfacts.pipeline import Pipeline

    rep = evaluate_merge(reports, Pipeline(), events=events, options=MergeOptions(km, days))
    for k, v in rep.figures().items():
        typer.echo(f"{k:<22} {v}")
    _write_report(
        report,
        {
            "figures": rep.figures(),
            "false_pairs": rep.false_pairs,
            "missed_pairs": rep.missed_pairs,
            "wrong_records": rep.wrong_records,
        },
    )
