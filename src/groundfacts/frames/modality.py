"""Whether a trigger reports something that happened: negation, denial, future, threat...

A cue governs a trigger when it stands before it, in the same clause, within a few words;
how far each kind of cue reaches is the table below (in words between cue and trigger).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from groundfacts.records import Cue, Trigger

# Maximum words between the cue and the trigger, per cue kind. None: anywhere before it in the
# clause. Kinds not listed do not make a non-event.
_REACH: dict[str, int | None] = {
    "negation": 3,
    "future": 3,
    "threat": 4,
    "plan": 4,
    "call": 4,
    "hypothetical": 4,
    "denial": 6,
    "spared": 3,
    "failed": 3,
    "question": None,
    "foiled": 3,
}

# cues whose scope is the verb phrase they stand in; the others govern a whole complement
# ("denied reports that its troops had attacked")
_SHORT_SCOPE = frozenset({"negation", "future", "spared", "failed", "foiled"})

_WORD = re.compile(r"\w+")


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text[start:end])) if end > start else 0


def non_event_reason(
    trigger: Trigger,
    cues: list[Cue],
    text: str,
    clause_start: int,
    offset: int = 0,
    blockers: Sequence[tuple[int, int]] = (),
) -> str:
    """The reason ``trigger`` is not an event, or "" when it is one.

    ``text`` is the sentence, ``offset`` the sentence's start in the document (cue and trigger
    offsets are document offsets), ``clause_start`` the document offset where the clause begins.
    A cue's scope ends at a comma or at an actor standing between it and the trigger
    (``blockers``: actor spans): "without warning, gunmen attacked" is an attack.
    """
    for cue in cues:
        if cue.kind not in _REACH or cue.end > trigger.start or cue.start < clause_start:
            continue
        between = text[cue.end - offset : trigger.start - offset]
        blocked = "," in between or any(
            cue.end <= b0 and b1 <= trigger.start for b0, b1 in blockers
        )
        if blocked and cue.kind in _SHORT_SCOPE:
            continue
        reach = _REACH[cue.kind]
        if reach is None or _words_between(text, cue.end - offset, trigger.start - offset) <= reach:
            return f"{cue.kind}: {cue.text!r}"
    return ""
