"""Labels: a report that opens with the kind of event it tells ("Property destruction: rebels
attacked a power plant ...", "Penangkapan: polisi menangkap ..."). The label names the event
told after it, not an event of its own, and says what kind that event is: the coder's word
for it is surer than a word of the story ("seized", "captured", "attacked")."""

from __future__ import annotations

from dataclasses import replace

from groundfacts.frames.context import DocState
from groundfacts.records import Frame

_LABEL = "label: names the kind of the event the report tells after it"


def _is_label(st: DocState, f: Frame) -> bool:
    """The trigger is the head of a short opening "Label:" ("Property destruction:")."""
    text = st.ctx.text
    head = text[f.sentence.start : f.trigger.start]
    return (
        len(head.split()) <= 2
        and ":" not in head
        and text[f.trigger.end : f.trigger.end + 3].lstrip().startswith(":")
    )


def apply_labels(st: DocState) -> None:
    """Fold each label into the live event told after it in the document."""
    live = [f for f in st.frames if not f.negated]
    labels = [f for f in live if _is_label(st, f)]
    for lab in labels:
        told = [g for g in live if g not in labels and g.trigger.start > lab.trigger.end]
        if not told:
            continue  # the label is all the report says of the event
        lab.negated = _LABEL
        first = told[0]
        if first.sub_event_type != lab.sub_event_type:
            first.trigger = replace(
                first.trigger, sub_event_type=lab.sub_event_type, cls=lab.trigger.cls
            )
            first.sub_event_type = lab.sub_event_type
