"""Claims files: one JSON object a line, ``{"id", "claim", "since"?, "until"?, "country"?,
"lang"?}``; a claims set for evaluation adds ``"expected"`` (a verdict) and ``"rule"`` (what
the claim tests). Read by ``check --claims`` and by ``eval claims`` alike."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from groundfacts.errors import BadInputError


class ClaimLineError(BadInputError):
    """A line of a claims file that is not a claim; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class ClaimLine:
    id: str | int
    claim: str
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    lang: str | None = None
    expected: str | None = None  # the verdict a claims set expects
    rule: str = ""


def parse_claim_line(line: str, origin: str, number: int) -> ClaimLine:
    """One line of a claims file, or :class:`ClaimLineError` naming ``origin:number``."""
    from groundfacts.analyse.claims import VERDICTS

    try:
        obj = json.loads(line)
        if not isinstance(obj, dict) or not isinstance(obj.get("claim"), str):
            raise ValueError('needs a "claim" string')
        dates = {}
        for key in ("since", "until"):
            dates[key] = dt.date.fromisoformat(str(obj[key])) if obj.get(key) else None
        expected = obj.get("expected")
        if expected is not None and expected not in VERDICTS:
            raise ValueError(f"expected must be one of {', '.join(VERDICTS)}")
        raw_id = obj.get("id", number)
        return ClaimLine(
            id=raw_id if isinstance(raw_id, (str, int)) else str(raw_id),
            claim=obj["claim"],
            since=dates["since"],
            until=dates["until"],
            country=str(obj["country"]) if obj.get("country") else None,
            lang=str(obj["lang"]) if obj.get("lang") else None,
            expected=expected,
            rule=str(obj.get("rule") or ""),
        )
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        raise ClaimLineError(f"{origin}:{number}: not a claim line ({exc})") from exc


def read_claim_lines(
    lines: Iterable[str],
    origin: str,
    on_bad: Callable[[ClaimLineError], None] | None = None,
) -> Iterator[ClaimLine]:
    """The claims of a file's lines (blank lines skipped). A bad line raises, or with
    ``on_bad`` is handed to it and reading goes on: one bad line never stops the rest."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield parse_claim_line(line, origin, number)
        except ClaimLineError as exc:
            if on_bad is None:
                raise
            on_bad(exc)
