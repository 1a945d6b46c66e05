"""The merge verb: merge reports across documents in a store, again with other options, or
explain why reports were joined."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from groundfacts.cli.app import app
from groundfacts.cli.common import die, warn
from groundfacts.errors import EXIT_FAILURE, EXIT_USAGE, GroundfactsError

if TYPE_CHECKING:
    from groundfacts.store.merged import Explanation


def _explanation_json(ex: Explanation) -> dict[str, Any]:
    return {
        "merged_id": ex.merged_id,
        "threshold": ex.threshold,
        "reports": [
            {
                "event_id": r.event_id,
                "doc_id": r.doc_id,
                "source": r.source,
                "language": r.language,
                "event_date": r.event_date,
                "sub_event_type": r.sub_event_type,
                "actor1": r.actor1,
                "actor2": r.actor2,
                "location": r.location,
                "geo_precision": r.geo_precision,
                "fatalities": r.fatalities,
            }
            for r in ex.reports
        ],
        "pairs": [
            {
                "a": a,
                "b": b,
                "score": ps.score,
                "veto": ps.veto,
                "parts": [{"part": p.name, "score": p.score, "why": p.reason} for p in ps.parts],
            }
            for a, b, ps in ex.pairs
        ],
        "not_joined": [
            {"report": a, "other": b, "merged_id": mid, "score": ps.score, "why": ps.describe()}
            for a, b, mid, ps in ex.others
        ],
    }


def _explanation_text(ex: Explanation) -> str:
    lines = [f"merged event {ex.merged_id}: {len(ex.reports)} reports (threshold {ex.threshold})"]
    for r in ex.reports:
        where = f"{r.location} (precision {r.geo_precision})" if r.location else "no place"
        lines.append(
            f"  {r.event_id}  {r.doc_id} [{r.language}] {r.event_date} {r.sub_event_type}: "
            f"{r.actor1 or '?'} / {r.actor2 or '-'}, {where}, {r.fatalities} killed"
        )
    for a, b, ps in ex.pairs:
        lines.append(f"  {a} ~ {b}: {ps.describe()}")
    if ex.others:
        lines.append("nearest reports of other merged events:")
        lines += [f"  {a} ~ {b} (in {mid}): {ps.describe()}" for a, b, mid, ps in ex.others]
    return "\n".join(lines)


@app.command()
def merge(
    db: Annotated[Path, typer.Option(help="DuckDB file.")] = Path("groundfacts.duckdb"),
    km: Annotated[
        float | None,
        typer.Option(help="Farthest apart two town-level reports of one event lie (km)."),
    ] = None,
    days: Annotated[
        int | None, typer.Option(help="Most days between two day-exact reports of one event.")
    ] = None,
    rules: Annotated[
        Path | None, typer.Option(help="Merge rules (TOML, like the package's rules.toml).")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget every merge and merge all events again.")
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(help="Show why the reports of this merged event (or report) were joined."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="--explain as JSON.")] = False,
) -> None:
    """Merge reports of one real event across documents (ingest does it as it goes):
    the events not merged yet, or with --rebuild all of them with the options given."""
    from groundfacts.merge_across import MergeOptions, load_rules
    from groundfacts.store import EventStore
    from groundfacts.store.merged import options_differ, stored_merge_options

    if km is not None and not 0 < km <= 100:
        die(f"--km must be more than 0 and at most 100, got {km}", EXIT_USAGE)
    if days is not None and not 0 <= days <= 60:
        die(f"--days must be between 0 and 60, got {days}", EXIT_USAGE)
    if not db.exists():
        die(f"no store at {db}", EXIT_FAILURE)
    try:
        custom = load_rules(rules) if rules is not None else None
        with EventStore(db, read_only=explain is not None) as store:
            given = km is not None or days is not None or custom is not None
            if explain is not None:
                options = MergeOptions(km, days, custom) if given else None
                ex = store.explain_merge(explain, options)
                if as_json:
                    typer.echo(json.dumps(_explanation_json(ex), ensure_ascii=False, indent=2))
                else:
                    typer.echo(_explanation_text(ex))
                return
            options = MergeOptions(km, days, custom) if given else stored_merge_options(store)
            if rebuild:
                linked, written = store.rebuild_merged(options)
            else:
                if given and options_differ(store, options):
                    warn(
                        "the stored merged events were made with other options; these apply "
                        "to new reports only (--rebuild re-merges them all)"
                    )
                linked, written = store.merge_new(options)
            totals = store.counts()
            totals["merged_events"] = store.count(merged=True)
    except GroundfactsError as exc:
        die(str(exc), EXIT_FAILURE)
    typer.echo(
        f"merged {linked} reports ({written} merged events written); store holds "
        f"{totals['merged_events']} merged events from {totals['events']} events",
        err=True,
    )
