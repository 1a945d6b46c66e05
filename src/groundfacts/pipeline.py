"""The default pipeline: one document in, its events, non-events and drops out.

Each step is a plain function of typed records; :class:`Pipeline` holds the shared read-only
resources and counts what each step did, so the same object runs in one process or in each
worker of a cluster.
"""

from __future__ import annotations

import datetime as dt
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from groundfacts.frames.build import DocContext, FrameBuilder, SentenceMentions, document_country
from groundfacts.frames.syntax import Syntax
from groundfacts.merge import frames_to_events
from groundfacts.records import (
    Actor,
    ActorMention,
    Casualties,
    Cue,
    DateMention,
    DocResult,
    Document,
    Drop,
    Event,
    Place,
    PlaceMention,
    Trigger,
)
from groundfacts.resources import PACK_FOR_LANGUAGE, Resources

# Documents longer than this are processed in pieces of about this size, cut at paragraph
# boundaries, so memory stays bounded whatever the input.
MAX_CHARS = 200_000
# CPU seconds one document may take (all its pieces); past it the document is given up with
# a reason rather than holding the batch. Every stage is linear in the document's length
# (about 10 s per MB), so only a pathological input meets it.
DEFAULT_TIME_BUDGET = 300.0
# how many sentences between two looks at the clock in the per-sentence loops
_CLOCK_EVERY = 64


class OverBudget(Exception):
    """A document took longer than its time budget (raised between steps, never inside one)."""

    def __init__(self, stage: str) -> None:
        super().__init__(stage)
        self.stage = stage


class _Clock:
    """The time budget of one document, in CPU seconds."""

    __slots__ = ("budget", "deadline")

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.deadline = time.process_time() + budget if budget is not None else None

    def check(self, stage: str) -> None:
        if self.deadline is not None and time.process_time() > self.deadline:
            raise OverBudget(stage)


@dataclass
class StepStats:
    """Counts and timings per step, summed over the documents a pipeline has processed."""

    documents: int = 0
    sentences: int = 0
    events: int = 0
    non_events: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    characters: int = 0

    def merge(self, other: StepStats) -> None:
        self.documents += other.documents
        self.sentences += other.sentences
        self.events += other.events
        self.non_events += other.non_events
        self.skipped.update(other.skipped)
        for k, v in other.seconds.items():
            self.seconds[k] = self.seconds.get(k, 0.0) + v
        self.characters += other.characters


_M = TypeVar("_M", Trigger, ActorMention, PlaceMention, DateMention, Casualties, Cue)


def _shift(items: Iterable[_M], offset: int) -> list[_M]:
    out = list(items)
    if offset:
        for it in out:
            it.start += offset
            it.end += offset
    return out


def _chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Pieces of at most about ``limit`` characters, cut at paragraph ends where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            end = cut + 1 if cut > 0 else end
        yield start, text[start:end]
        start = end


class Pipeline:
    """Extraction with loaded resources; reuse one object for many documents."""

    def __init__(
        self,
        resources: Resources | None = None,
        *,
        timing: bool = False,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
    ) -> None:
        self.resources = resources or Resources()
        self.stats = StepStats()
        self.timing = timing
        self.time_budget = time_budget
        self._syntax: dict[str, Syntax] = {}

    def _syntax_for(self, lang: str) -> Syntax:
        if lang not in self._syntax:
            self._syntax[lang] = Syntax.load(lang)
        return self._syntax[lang]

    def _tick(self, step: str, t0: float) -> float:
        now = time.perf_counter()
        if self.timing:
            self.stats.seconds[step] = self.stats.seconds.get(step, 0.0) + now - t0
        return now

    def process(self, doc: Document) -> DocResult:
        """Run every step on one document. Never raises on bad text: errors are recorded,
        and a document that outruns the time budget comes back with the reason."""
        clock = _Clock(self.time_budget)
        try:
            return self._process(doc, clock)
        except OverBudget as over:
            self.stats.skipped["time-budget"] += 1
            why = (
                f"time budget of {clock.budget:g} CPU seconds exceeded during {over.stage}; "
                "document not extracted"
            )
            return DocResult(doc, None, drops=[Drop(doc.id, over.stage, "time-budget")], error=why)

    def _process(self, doc: Document, clock: _Clock) -> DocResult:
        from groundfacts.text import clean, detect_language, sentences

        res = self.resources
        self.stats.documents += 1
        self.stats.characters += len(doc.text)
        t = time.perf_counter()
        if not doc.text or not doc.text.strip():
            self.stats.skipped["empty"] += 1
            return DocResult(doc, None, drops=[Drop(doc.id, "ingest", "empty-document")])
        if len(doc.text) > MAX_CHARS:
            return self._process_large(doc, clock)
        ct = clean(doc.id, doc.text)
        t = self._tick("clean", t)
        clock.check("clean")
        drops = list(ct.drops)
        lang: str | None
        if doc.lang:
            lang = PACK_FOR_LANGUAGE.get(doc.lang.lower().split("-")[0])
            reason = f"unsupported-language:{doc.lang}"
        else:
            # the opening of a document tells its language; the rest only costs time
            lang, reason, _conf = detect_language(ct.text[:2000], allowed=("en", "id"))
            lang = PACK_FOR_LANGUAGE.get(lang) if lang else None
        t = self._tick("language", t)
        if lang is None:
            self.stats.skipped[reason.split(":")[0]] += 1
            drops.append(Drop(doc.id, "language", reason))
            return DocResult(doc, None, drops=drops)
        pack = res.pack(lang)
        sents = sentences(doc.id, ct, res.splitter(lang))
        t = self._tick("sentences", t)
        clock.check("sentences")
        self.stats.sentences += len(sents)
        gaz = res.gazetteer
        actors_reg = res.actors
        year = doc.published.year if doc.published else None

        hint = self._country_hint(doc.country)
        places = gaz.geoparse(ct.text, lang, country=hint)
        t = self._tick("places", t)
        clock.check("places")
        per_sentence: list[SentenceMentions] = []
        all_actors: list[ActorMention] = []
        for k, s in enumerate(sents):
            if k % _CLOCK_EVERY == 0:
                clock.check("triggers and actors")
            sm = SentenceMentions(s)
            sm.triggers = _shift(pack.triggers(s.text), s.start)
            sm.actors = _shift(actors_reg.find(s.text, lang), s.start)
            all_actors.extend(sm.actors)
            per_sentence.append(sm)
        t = self._tick("triggers+actors", t)
        places.sort(key=lambda p: p.start)
        starts = [p.start for p in places]
        for k, sm in enumerate(per_sentence):
            if k % _CLOCK_EVERY == 0:
                clock.check("cues, numbers and dates")
            s = sm.sentence
            lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
            sm.places = [p for p in places[lo:hi] if p.end <= s.end]
            sm.cues = _shift(pack.cues(s.text), s.start)
            sm.casualties = _shift(pack.casualties(s.text), s.start)
            sm.dates = _shift(pack.dates(s.text, doc.published), s.start)
        t = self._tick("cues+numbers+dates", t)

        country = hint or document_country(places, all_actors)

        def resolve_actor(m: ActorMention, ev_country: str | None, context: str) -> Actor | None:
            return actors_reg.resolve(m, country=ev_country or country, year=year, context=context)

        def role_actor(role: str, ev_country: str | None) -> Actor | None:
            where = ev_country or country
            try:
                return actors_reg.role(role, where, year=year)
            except (KeyError, ValueError):
                return None

        def crowd_actor(
            m: ActorMention, crowd: str, ev_country: str | None
        ) -> tuple[Actor, Actor | None]:
            return actors_reg.as_crowd(m, crowd, country=ev_country or country)

        def resolve_place(
            name: str, cc: str | None, near: tuple[float, float] | None
        ) -> Place | None:
            return gaz.resolve(name, context="", country=cc, near=[near] if near else ())

        ctx = DocContext(
            doc_id=doc.id,
            lang=lang,
            text=ct.text,
            published=doc.published,
            country=country,
            resolve_actor=resolve_actor,
            role_actor=role_actor,
            crowd_actor=crowd_actor,
            militia_actor=lambda m, cc: actors_reg.identity_militia(m, cc or country),
            resolve_place=resolve_place,
            country_place=gaz.country,
            syntax=self._syntax_for(lang),
            is_country_name=lambda t: actors_reg.countries.iso_of(t) is not None,
        )
        builder = FrameBuilder(ctx)
        for k, sm in enumerate(per_sentence):
            if k % _CLOCK_EVERY == 0:
                clock.check("frames")
            if sm.triggers or sm.casualties or sm.dates or sm.places or sm.actors:
                builder.add_sentence(sm)
        frames = builder.finish()
        t = self._tick("frames", t)
        clock.check("frames")
        fallback_date = doc.published.isoformat() if doc.published else ""
        events, non_events = frames_to_events(
            frames,
            repeats=ct.repeats,
            source=doc.source or "",
            language=lang,
            published_fallback=fallback_date,
            civilians=lambda cc: role_actor("civilians", cc),
        )
        if country:
            self._place_by_country(events, country)
        self._tick("merge", t)
        self.stats.events += len(events)
        self.stats.non_events += len(non_events)
        return DocResult(doc, lang, events, non_events, drops, sentences=len(sents))

    def _country_hint(self, value: str | None) -> str | None:
        """ISO2 code of a document's country hint (a code or a name in any pack language)."""
        if not value:
            return None
        if len(value) == 2 and value.isalpha():
            return value.upper()
        return self.resources.actors.countries.iso_of(value)

    def _place_by_country(self, events: list[Event], country: str) -> None:
        """Events with no place named get the document's country at precision 3."""
        place = None
        for ev in events:
            if ev.latitude is not None:
                continue
            if place is None:
                place = self.resources.gazetteer.country(country)
                if place is None:
                    return
            ev.country, ev.iso, ev.location = place.country, place.country_iso, place.name
            ev.latitude, ev.longitude = place.latitude, place.longitude
            ev.geonameid, ev.geo_precision = place.geonameid, 3
            ev.admin1 = ev.admin2 = ""

    def _process_large(self, doc: Document, clock: _Clock) -> DocResult:
        """A very large document: processed piece by piece, results joined."""
        out = DocResult(doc, None)
        for i, (off, piece) in enumerate(_chunks(doc.text, MAX_CHARS)):
            part = Document(
                id=doc.id,
                text=piece,
                published=doc.published,
                lang=doc.lang or out.language,
                source=doc.source,
                url=doc.url,
                origin=doc.origin,
                country=doc.country,
            )
            r = self._process(part, clock)
            self.stats.documents -= 1
            out.language = out.language or r.language
            for ev in r.events:
                ev.event_id = f"{ev.event_id}-{i}" if i else ev.event_id
                for e in ev.evidence:  # offsets into the whole document, not the piece
                    e.start += off
                    e.end += off
            for ne in r.non_events:
                ne.start += off
                ne.end += off
            out.events.extend(r.events)
            out.non_events.extend(r.non_events)
            out.drops.extend(r.drops)
            out.sentences += r.sentences
        return out

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult]:
        """Process documents one by one; one bad document never stops the batch."""
        for doc in docs:
            try:
                yield self.process(doc)
            except Exception as exc:
                self.stats.skipped["error"] += 1
                yield DocResult(doc, None, error=f"{type(exc).__name__}: {exc}")


def published_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
