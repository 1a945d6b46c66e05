"""What frame building knows of one document: its mentions per sentence, its context
(language, text, country, the resolver) and the state carried from sentence to sentence."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from groundfacts.frames.resolver import DocResolver
from groundfacts.frames.syntax import Syntax
from groundfacts.records import (
    Actor,
    ActorMention,
    Casualties,
    Cue,
    DateMention,
    Frame,
    PlaceMention,
    Sentence,
    Trigger,
)

ARMED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# classes of triggers that name a fight, a strike or a violent crowd: the events whose outcome
# a killing told in their sentence is ("attacked a post, killing two soldiers")
FIGHT_CLASSES = frozenset(
    {
        "attack",
        "clash",
        "airstrike",
        "explosion",
        "grenade",
        "shelling",
        "suicide",
        "chemical",
        "excessive",
        "mob",
        "brawl",
        "riot",
        "capture",
        "regain",
    }
)
# how many sentences back an agent or casualty count may be carried
CARRY = 2


@dataclass(slots=True)
class SentenceMentions:
    sentence: Sentence
    triggers: list[Trigger] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    casualties: list[Casualties] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)


@dataclass(slots=True)
class DocContext:
    doc_id: str
    lang: str
    text: str
    published: dt.date | None
    country: str | None  # ISO2 the document is mostly about
    resolve: DocResolver
    syntax: Syntax


@dataclass(slots=True)
class DocState:
    """What frame building carries through a document, sentence after sentence."""

    ctx: DocContext
    frames: list[Frame] = field(default_factory=list)
    anchor: PlaceMention | None = None  # the place last named
    # the first place the story names, and the index of its sentence
    first_place: tuple[int, PlaceMention] | None = None
    date: DateMention | None = None  # the date last stated
    named: Actor | None = None  # the armed group named last
    off_duty: set[int] = field(default_factory=set)  # sentences saying someone was off duty


def recent(st: DocState, sent_index: int) -> Iterator[Frame]:
    """Frames so far, latest first, back to ``CARRY`` sentences before ``sent_index``: what a
    mention may refer back to (looking no further keeps long documents linear)."""
    for f in reversed(st.frames):
        if sent_index - f.sentence.index > CARRY:
            return
        yield f


def within_carry(frames: list[Frame], sent_index: int) -> list[Frame]:
    """The frames (in sentence order) from ``CARRY`` sentences before ``sent_index`` up to it,
    found by bisection rather than by a scan of the whole document."""
    lo = bisect_left(frames, sent_index - CARRY, key=_sentence_index)
    hi = bisect_right(frames, sent_index, key=_sentence_index)
    return frames[lo:hi]


def _sentence_index(f: Frame) -> int:
    return f.sentence.index


def event_country(st: DocState, f: Frame) -> str | None:
    """The country an event happens in: its place's, else the document's."""
    if f.place is not None and f.place.place is not None:
        return f.place.place.country_iso or st.ctx.country
    return st.ctx.country


def document_country(places: list[PlaceMention], actors: list[ActorMention]) -> str | None:
    """The country a document is mostly about: its resolved places first, then its actors."""
    counts: Counter[str] = Counter()
    for p in places:
        if p.place is not None and p.place.country_iso:
            counts[p.place.country_iso] += 2 if p.place.feature != "country" else 1
    if not counts:
        for a in actors:
            if a.country:
                counts[a.country] += 1
    return counts.most_common(1)[0][0] if counts else None
