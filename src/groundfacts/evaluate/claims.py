"""Claims sets: claims with the verdict each should get, checked against a record, scored as
the share of verdicts right (overall, per language, per expected verdict).

A record is built from files: an ACLED-format CSV is imported as ACLED's events; a JSONL of
reports is extracted by the pipeline, so the figure then measures the whole way from the
reports' text to the verdict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundfacts.analyse.claim_lines import ClaimLine, ClaimLineError, parse_claim_line

if TYPE_CHECKING:
    from groundfacts.analyse.claims import ClaimChecker
    from groundfacts.pipeline import Pipeline
    from groundfacts.store.duckdb_store import EventStore


@dataclass(frozen=True, slots=True)
class ClaimOutcome:
    id: str | int
    claim: str
    language: str | None
    expected: str
    verdict: str
    rule: str
    explanation: str

    @property
    def right(self) -> bool:
        return self.verdict == self.expected

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "right": self.right}


def _share(right: int, n: int) -> float | None:
    return round(right / n, 4) if n else None


@dataclass(slots=True)
class ClaimsReport:
    outcomes: list[ClaimOutcome] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(o.right for o in self.outcomes)

    def _by(self, key: str) -> dict[str, float | None]:
        n: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for o in self.outcomes:
            k = str(getattr(o, key) or "-")
            n[k] += 1
            right[k] += o.right
        return {k: _share(right[k], n[k]) for k in sorted(n)}

    def figures(self) -> dict[str, Any]:
        """``correct`` (share of verdicts right), per language and per expected verdict."""
        return {
            "claims": len(self.outcomes),
            "correct": _share(self.right, len(self.outcomes)),
            "language": self._by("language"),
            "verdict": self._by("expected"),
        }

    def wrong(self) -> list[ClaimOutcome]:
        return [o for o in self.outcomes if not o.right]

    def to_dict(self) -> dict[str, Any]:
        return {**self.figures(), "outcomes": [o.to_dict() for o in self.outcomes]}


def read_claims_set(path: Path) -> list[ClaimLine]:
    """The claims of a claims set; each needs its ``expected`` verdict. A bad line raises
    :class:`~groundfacts.analyse.claim_lines.ClaimLineError` naming ``path:line``."""
    items = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            item = parse_claim_line(line, str(path), number)
            if item.expected is None:
                raise ClaimLineError(f'{path}:{number}: a claims set line needs "expected"')
            items.append(item)
    return items


def build_record(store: EventStore, paths: Sequence[Path], pipeline: Pipeline | None = None) -> int:
    """Fill ``store`` from record files (``.csv``: an ACLED export, imported; anything else:
    reports, extracted); the number of events added."""
    from groundfacts.ingest.readers import read_documents
    from groundfacts.store.acled_import import import_acled

    added = 0
    reports = [p for p in paths if p.suffix.lower() != ".csv"]
    for path in paths:
        if path.suffix.lower() == ".csv":
            added += import_acled(store, path).added
    if reports:
        if pipeline is None:
            from groundfacts.pipeline import Pipeline

            pipeline = Pipeline()
        added += store.add_results(pipeline.run(read_documents(reports)))[1]
    return added


def evaluate_claims(items: Iterable[ClaimLine], checker: ClaimChecker) -> ClaimsReport:
    """Check every claim of a claims set and compare its verdict with the expected one."""
    report = ClaimsReport()
    for item in items:
        result = checker.check(
            item.claim,
            since=item.since,
            until=item.until,
            country=item.country,
            lang=item.lang,
        )
        report.outcomes.append(
            ClaimOutcome(
                id=item.id,
                claim=item.claim,
                language=item.lang or result.language,
                expected=item.expected or "",
                verdict=result.verdict,
                rule=item.rule,
                explanation=result.explanation,
            )
        )
    return report
