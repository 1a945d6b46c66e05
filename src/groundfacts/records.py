"""Typed records passed between pipeline stages.

Every stage takes and returns these; no loose dicts travel between stages.
Offsets (``start``/``end``) are always character offsets into the document's
cleaned text (``Document.text`` after normalisation and paragraph de-duplication).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

# ACLED's six event types and their 25 sub-event types, spelled exactly as ACLED does.
EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

# Columns of the event record, in export order (ACLED's, lower case, then provenance).
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "country",
    "iso",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geonameid",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
    "doc_id",
    "language",
    "mentions",
    "evidence",
    "confidence",
)

# Columns that hold numbers (the rest are text; evidence is a list, JSON text in flat exports).
INT_COLUMNS = frozenset(
    {"time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities", "mentions"}
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
TEXT_COLUMNS = frozenset(
    c for c in EVENT_COLUMNS if c not in INT_COLUMNS | FLOAT_COLUMNS | {"geonameid", "evidence"}
)


@dataclass(slots=True)
class Document:
    """One input document. ``origin`` says where it came from (``file`` or ``file:line``);
    ``country`` is an optional hint (ISO2 code or name) of the country the document is about,
    as a feed or dataset organised by country knows it."""

    id: str
    text: str
    published: dt.date | None = None
    lang: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""
    country: str | None = None
    # where ``published`` came from when not given with the document: "page metadata"
    published_source: str = ""


@dataclass(slots=True)
class Drop:
    """Something a stage removed, with the reason (repeated paragraph, unsupported language...)."""

    doc_id: str
    stage: str
    reason: str
    detail: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(slots=True)
class Trigger:
    """A word or phrase that names an event, with the sub-event type the pack gives it."""

    start: int
    end: int
    text: str
    sub_event_type: str
    lemma: str = ""
    voice: str = "active"  # "active" | "passive" | "nominal"
    weight: float = 1.0
    cls: str = ""  # trigger class from the pack ("attack", "capture"...): see packs/README.md

    @property
    def event_type(self) -> str:
        return EVENT_TYPES[self.sub_event_type]


@dataclass(slots=True, frozen=True)
class Actor:
    """A resolved actor: ACLED-style name (with its year range, if any) and inter code."""

    name: str
    inter: int
    country: str | None = None  # ISO 3166-1 alpha-2
    actor_id: str = ""


@dataclass(slots=True)
class ActorMention:
    """An actor named in text.

    ``kind`` is ``named`` (a group in the registry), ``role`` (a generic noun such as
    soldiers/polisi/warga that needs a country to resolve) or ``country`` (a bare
    country name or demonym used as an actor: "Rusia", "Russian").
    ``key`` is the registry id (named), the role name (role) or the ISO code (country).
    """

    start: int
    end: int
    text: str
    kind: str
    key: str
    actor: Actor | None = None
    country: str | None = None


@dataclass(slots=True)
class Place:
    """A resolved location with ACLED's geo_precision."""

    name: str
    latitude: float
    longitude: float
    country_iso: str
    country: str
    admin1: str = ""
    admin2: str = ""
    geonameid: int | None = None
    feature: str = ""  # "city", "admin1", "country", "fallback", ...
    population: int = 0
    precision: int = 1


@dataclass(slots=True)
class PlaceMention:
    """A place named in text; ``place`` is None when it could not be resolved."""

    start: int
    end: int
    text: str
    place: Place | None = None
    cue: str = ""  # the word that signalled a place ("di", "near", "village of")
    qualifier: str = ""  # "north", "near", "outskirts" ... (lowers precision to 2)
    score: float = 0.0
    # names the unit that holds the place named before it ("Pikit, Cotabato"): no place
    # of an event of its own
    container: bool = False
    # the place's name without the unit words written in the span ("Desa X" -> "X");
    # empty when it is the text itself
    name: str = ""

    @property
    def place_name(self) -> str:
        return self.name or self.text


# Where a date mention's date comes from (DateMention.kind).
DATE_STATED = "stated"  # a calendar date in the text ("10 October 2023", "(4/9/2023)")
DATE_PUBLISHED = "publication"  # counted from the publication date ("yesterday", "on Sunday")
DATE_STORY = "relative"  # counted from the date stated before it ("two days later")


@dataclass(slots=True)
class DateMention:
    """A date in text. ``date`` is None when the words need an anchor the document lacks
    ("on Tuesday" with no publication date): the event is then left undated rather than
    given an earlier sentence's date. ``chain`` is the (unit, offset) of a date counted from
    the date stated before it, resolved once the document's dates are known."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int = 1  # ACLED time_precision
    kind: str = DATE_STATED
    anchor: str = ""  # what a relative date was counted from
    chain: tuple[str, int] | None = None


@dataclass(slots=True)
class Casualties:
    """A reported number of people killed or injured."""

    start: int
    end: int
    text: str
    kind: str  # "killed" | "injured"
    count: int
    # how this toll relates to others of its event: "" a toll as told, "additional" more
    # victims ("two civilians were also killed"), "update" a new total ("the toll rose to 9")
    relation: str = ""
    victims: str = ""  # the person noun counted ("soldier"), "" for people in general
    vague: bool = False  # a vague quantity ("several", "puluhan") stands for the count
    sentence: int = -1


@dataclass(slots=True)
class Cue:
    """A modality cue: negation, denial, future, hypothetical, threat, spared, report..."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(slots=True)
class FieldSpan:
    """Where one field of an event was read: ``field`` is actor1, actor2, assoc_actor_1,
    location, event_date or fatalities; offsets are into the document."""

    field: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Evidence:
    """Where an event was read: the trigger's offsets and, when known, the sentence's and the
    actors' (all offsets into the document's cleaned text), so a reader can show the words;
    and where its date came from (``date_source``: ``kind`` stated | relative | publication |
    publication date | page metadata | none, the date words ``text``, the ``anchor`` a
    relative date was counted from, and the ``date``)."""

    doc_id: str
    sentence: int
    start: int
    end: int
    trigger: str
    sentence_start: int | None = None
    sentence_end: int | None = None
    actor1_start: int | None = None
    actor1_end: int | None = None
    actor2_start: int | None = None
    actor2_end: int | None = None
    date_source: dict[str, Any] | None = None
    # the words each field came from, beside the trigger (omitted in older records)
    spans: list[FieldSpan] = field(default_factory=list)

    def shift(self, by: int) -> None:
        """Move every offset by ``by`` characters (a piece's offsets into the whole text)."""
        for name in _OFFSETS:
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, value + by)
        for span in self.spans:
            span.start += by
            span.end += by

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        spans = [s if isinstance(s, FieldSpan) else FieldSpan(**s) for s in d.get("spans") or ()]
        return cls(**{**d, "spans": spans})


_OFFSETS = (
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "actor1_start",
    "actor1_end",
    "actor2_start",
    "actor2_end",
)


def unique_evidence(items: Iterable[Evidence]) -> list[Evidence]:
    """Evidence with each span once (several frames of one trigger share it), in order."""
    seen: set[tuple[str, int, int, int]] = set()
    out: list[Evidence] = []
    for e in items:
        key = (e.doc_id, e.sentence, e.start, e.end)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


@dataclass(slots=True)
class Frame:
    """One event mention in one sentence, before merging."""

    doc_id: str
    sentence: Sentence
    trigger: Trigger
    sub_event_type: str
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc1: list[Actor] = field(default_factory=list)
    assoc2: list[Actor] = field(default_factory=list)
    place: PlaceMention | None = None
    date: DateMention | None = None
    fatalities: int = 0
    confidence: float = 0.5
    negated: str = ""  # non-empty: the reason this mention is not an event
    casualties: list[Casualties] = field(default_factory=list)
    agent_mention: ActorMention | None = None
    target_mention: ActorMention | None = None
    assoc_mentions: list[ActorMention] = field(default_factory=list)
    infighting: bool = False  # both sides are actor1's own ("factions of X clashed")

    @property
    def event_type(self) -> str:
        return EVENT_TYPES[self.sub_event_type]


@dataclass(slots=True)
class Event:
    """The output record: ACLED's columns plus provenance."""

    event_id: str = ""
    event_date: str = ""
    time_precision: int = 1
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    country: str = ""
    iso: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    notes: str = ""
    source: str = ""
    doc_id: str = ""
    language: str = ""
    mentions: int = 1
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        d = {c: getattr(self, c) for c in EVENT_COLUMNS}
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        kw = {c: d[c] for c in EVENT_COLUMNS if c in d}
        ev = kw.get("evidence") or []
        if isinstance(ev, str):
            import json

            ev = json.loads(ev) if ev else []
        kw["evidence"] = [Evidence.from_dict(e) for e in ev]
        return cls(**kw)


@dataclass(slots=True)
class NonEvent:
    """A mention that is not an event (negated, denied, future, hypothetical...)."""

    doc_id: str
    sentence: int
    start: int
    end: int
    trigger: str
    sub_event_type: str
    reason: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DocResult:
    """Everything the pipeline learnt from one document."""

    doc: Document
    language: str | None
    events: list[Event] = field(default_factory=list)
    non_events: list[NonEvent] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)
    sentences: int = 0
    error: str = ""
    text: str = ""  # the cleaned text that evidence offsets point into (empty if unknown)
