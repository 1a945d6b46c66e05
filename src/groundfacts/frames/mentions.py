"""Which actor mentions of a sentence act, and which triggers are no report (quoted titles)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from groundfacts.frames.context import (
    DocState,
    SentenceMentions,
)
from groundfacts.records import (
    ActorMention,
    Trigger,
)

# a capitalised word right before (not opening the sentence): the country ends a name
_NAME_BEFORE = re.compile(r"(?<=[a-z,;)] )[A-Z][\w'’.-]*\s$")
# between a force and one of its units: "the Army's 5th Marine Battalion"
_UNIT_OF = re.compile(r"^['’]s\s+(?:\d+\w*\s+)?$")
_QUOTED = re.compile(r"[“\"«][^”\"»]{1,80}[”\"»]")


def _abbreviates(short: str, name: str) -> bool:
    """ "SAF" after "PNP Special Action Force": the initials of the name's last words (an
    acronym in brackets repeats the name, whatever else the acronym stands for)."""
    initials = "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())
    return len(short) >= 2 and short.isupper() and initials.endswith(short)


def merge_adjacent_actors(
    actors: list[ActorMention],
    text: str,
    offset: int,
    verbs: Sequence[tuple[int, int]] = (),
    unit_of: Callable[[ActorMention, ActorMention, str], bool] | None = None,
    same_actor: Callable[[ActorMention, ActorMention], bool] | None = None,
    joiner: re.Pattern[str] | None = None,
) -> list[ActorMention]:
    """A role noun right before a named group is the group ("Mujahidin Jabhah Nushrah",
    "pasukan darat ISIS", "JNIM militants"): at most one lower-case word between them, and not
    an event word (``verbs``, document offsets): "soldiers attacked NPA rebels" are two.
    ``unit_of(force, unit, gap)`` says whether a unit noun belongs to the force before it
    ("the Army's 5th Marine Battalion"); by default only the same role after a possessive
    does. ``same_actor`` says whether two
    names stand for one actor ("PNP Special Action Force (SAF)"); by default the same key.
    A list ``joiner`` between two mentions ("soldiers and VDP") keeps them two."""
    out: list[ActorMention] = []
    for a in sorted(actors, key=lambda m: m.start):
        if out:
            prev = out[-1]
            gap = text[prev.end - offset : a.start - offset]
            words = gap.split()
            close = (len(gap) <= 2 and gap.strip() in ("", ")")) or (
                len(words) == 1
                and words[0].isalpha()
                and words[0].islower()
                and len(gap) <= 12
                and not (joiner is not None and joiner.search(gap))
                and not any(prev.end <= v0 and v1 <= a.start for v0, v1 in verbs)
            )
            if (
                a.kind == prev.kind == "named"
                and (
                    a.key == prev.key
                    or _abbreviates(a.text, prev.text)
                    or (same_actor is not None and same_actor(prev, a))
                )
                and gap.strip() in ("(", "'s (")
            ):
                # "New People's Army (NPA)": the bracket repeats the name, which now ends there
                end = a.end + 1 if text[a.end - offset : a.end - offset + 1] == ")" else a.end
                out[-1] = replace(prev, end=end, text=text[prev.start - offset : end - offset])
                continue
            if prev.kind == a.kind == "role" and (
                (_UNIT_OF.match(gap) and prev.key.partition(":")[0] == a.key.partition(":")[0])
                or (unit_of is not None and unit_of(prev, a, gap))
            ):
                # "the Army's 5th Marine Battalion": one unit of one force
                out[-1] = replace(
                    a, start=prev.start, text=text[prev.start - offset : a.end - offset]
                )
                continue
            if close:
                if prev.kind == "role" and a.kind in ("named", "country"):
                    out[-1] = a
                    continue
                if (
                    a.kind == "role"
                    and prev.kind in ("named", "country")
                    and (not words or words == [")"])
                ):
                    continue
        out.append(a)
    return out


def acting_actors(st: DocState, sm: SentenceMentions) -> list[ActorMention]:
    """Actor mentions that act: not a stance ("anti-Assad"), not a country named as a
    place ("in Syria", "di Suriah")."""
    syn, text = st.ctx.syntax, st.ctx.text
    out: list[ActorMention] = []
    resolve, country = st.ctx.resolve, st.ctx.country

    def unit_of(force: ActorMention, unit: ActorMention, gap: str) -> bool:
        if not _UNIT_OF.match(gap):
            return False
        # "the Army's 5th Marine Battalion": the unit's actor is the force's own, with the
        # unit's name after it
        a, b = resolve.actor(force, country, ""), resolve.actor(unit, country, "")
        return (
            a is not None
            and b is not None
            and a.actor_id.startswith("state:")
            and a.actor_id.count(":") == 2
            and b.actor_id.startswith(a.actor_id + ":")
        )

    def same_actor(a: ActorMention, b: ActorMention) -> bool:
        x, y = resolve.actor(a, country, ""), resolve.actor(b, country, "")
        return x is not None and y is not None and x.actor_id == y.actor_id

    merged = merge_adjacent_actors(
        sm.actors,
        text,
        0,
        [(t.start, t.end) for t in sm.triggers],
        unit_of,
        same_actor,
        syn.list_joiner,
    )
    for i, a in enumerate(merged):
        nxt = merged[i + 1] if i + 1 < len(merged) else None
        head = syn.member_head_end.search(text, max(0, a.start - 40), a.start)
        if a.kind == "named" and head is not None and (not out or out[-1].end <= head.start()):
            # "alleged members of the X": the mention is X, from its generic head on
            a = replace(a, start=head.start(), text=text[head.start() : a.end])
        if (
            a.kind == "role"
            and nxt is not None
            and nxt.kind == "named"
            and text[a.end : a.end + 3].lstrip().startswith("(")
            and ")" not in text[a.end : nxt.start]
        ):
            continue  # "armed groups (believed to be JNIM ...)": the bracket names them
        if (
            a.kind == "named"
            and nxt is not None
            and nxt.start - a.end <= 40
            and syn.affiliation_start.match(text, a.end)
        ):
            continue  # "the Islamic State-linked JAD network": the group acting is JAD
        lead = text[max(0, a.start - 24) : a.start]
        if syn.stance_end.search(lead) or _is_source(st, sm, a, lead, merged[i + 1 :]):
            continue
        if (
            a.kind == "country"
            and st.ctx.resolve.is_country_name(a.text)
            and syn.locative_end.search(lead)
        ):
            continue
        if (
            a.kind == "country"
            and st.ctx.resolve.is_country_name(a.text)
            and _NAME_BEFORE.search(lead)
        ):
            continue  # "Del Monte Philippines": a country at the end of a firm's name
        out.append(a)
    return out


def _is_source(
    st: DocState, sm: SentenceMentions, a: ActorMention, lead: str, later: list[ActorMention]
) -> bool:
    """Who tells, not who acts: "according to police", "kata Kapolres", ", the army said",
    "Police said gunmen killed ...". A speaker whose report names no other actor before its
    verb ("Police said they arrested ...") may still act."""
    syn, text = st.ctx.syntax, st.ctx.text
    if syn.source_end.search(lead):
        return True
    said = syn.source_start.search(text[a.end : a.end + 40])
    if said is None:
        return False
    verb = next((t.start for t in sm.triggers if t.start >= a.end), None)
    if verb is None and syn.definite_end.sub("", lead).rstrip().endswith(","):
        return True  # the report came first: "Gunmen killed three people, the army said."
    # the report's own subject follows the speech verb within a few words
    near = a.end + said.end() + 24
    return verb is not None and any(b.start < min(verb, near) for b in later)


def is_quoted(st: DocState, trig: Trigger, sm: SentenceMentions) -> bool:
    """A trigger inside a short quoted phrase names a slogan or a title, not an event."""
    s = sm.sentence
    local = trig.start - s.start
    for m in _QUOTED.finditer(s.text):
        if m.start() < local < m.end() and len(m.group().split()) <= 6:
            return True
    return False
