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
from typing import TYPE_CHECKING, TypeVar

from groundfacts.frames.build import FrameBuilder
from groundfacts.frames.context import DocContext, SentenceMentions, document_country
from groundfacts.frames.dates import chain_dates
from groundfacts.frames.resolver import DocResolver
from groundfacts.frames.syntax import Syntax
from groundfacts.merge import frames_to_events, join_pieces
from groundfacts.records import (
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
    Sentence,
    Trigger,
)
from groundfacts.resources import Resources

if TYPE_CHECKING:
    from groundfacts.packs import Pack
    from groundfacts.text import CleanText

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
        ct = clean(doc.id, doc.text, res.press)
        t = self._tick("clean", t)
        clock.check("clean")
        drops = list(ct.drops)
        lang: str | None
        if doc.lang:
            lang = res.pack_for(doc.lang)
            reason = f"unsupported-language:{doc.lang}"
        else:
            # the opening of a document tells its language; the rest only costs time
            lang, reason, _conf = detect_language(ct.text[:2000], allowed=res.packs.languages)
            lang = res.pack_for(lang)
        t = self._tick("language", t)
        if lang is None:
            self.stats.skipped[reason.split(":")[0]] += 1
            drops.append(Drop(doc.id, "language", reason))
            return DocResult(doc, None, drops=drops)
        pack = res.pack(lang)
        published = doc.published or _published_from_line(pack, ct.published_line)
        sents = sentences(doc.id, ct, res.splitter(lang))
        sents = _skip_inner_languages(doc.id, ct, lang, sents, drops)
        t = self._tick("sentences", t)
        clock.check("sentences")
        self.stats.sentences += len(sents)
        gaz = res.gazetteer
        actors_reg = res.actors
        year = published.year if published else None

        hint = self._country_hint(doc.country)
        dateline = None
        if ct.dateline:
            # a compound name is written split or joined ("Gunung Sitoli", "Gunungsitoli")
            dateline = gaz.resolve(ct.dateline, country=hint) or gaz.resolve(
                ct.dateline.replace(" ", ""), country=hint
            )
        # The dateline says where the report was filed: without a hint from the caller, the
        # document's places are read in its country first (foreign places the text names
        # keep their own country).
        filed = dateline.country_iso if dateline is not None and dateline.country_iso else None
        per_sentence: list[SentenceMentions] = []
        all_actors: list[ActorMention] = []
        introducer = self._syntax_for(lang).name_introducer_end
        for k, s in enumerate(sents):
            if k % _CLOCK_EVERY == 0:
                clock.check("triggers and actors")
            sm = SentenceMentions(s)
            sm.triggers = _shift(pack.triggers(s.text), s.start)
            found = actors_reg.find(s.text, lang)
            # "tersangka berinisial AS": initials or a person's name, not an actor
            found = [m for m in found if not introducer.search(s.text, 0, m.start)]
            sm.actors = _shift(found, s.start)
            all_actors.extend(sm.actors)
            per_sentence.append(sm)
        t = self._tick("triggers+actors", t)
        # a place inside a named group's name ("Komite Nasional Papua Barat") is no place
        mentions = _outside_names(gaz.find_places(ct.text, lang), all_actors)
        places = gaz.resolve_mentions(ct.text, mentions, country=hint or filed)
        t = self._tick("places", t)
        clock.check("places")
        order = pack.date_finder.document_order(ct.text, hint)
        _places_by_sentence(per_sentence, places)
        for k, sm in enumerate(per_sentence):
            if k % _CLOCK_EVERY == 0:
                clock.check("cues, numbers and dates")
            s = sm.sentence
            sm.cues = _shift(pack.cues(s.text), s.start)
            sm.casualties = _shift(pack.casualties(s.text), s.start)
            for c in sm.casualties:
                c.sentence = s.index
            sm.dates = _shift(pack.dates(s.text, published, order), s.start)
        chain_dates([d for sm in per_sentence for d in sm.dates], published)
        t = self._tick("cues+numbers+dates", t)

        country = hint or filed or document_country(places, all_actors)

        resolver = DocResolver(actors_reg, gaz, country=country, year=year)
        ctx = DocContext(
            doc_id=doc.id,
            lang=lang,
            text=ct.text,
            published=published,
            country=country,
            resolve=resolver,
            syntax=self._syntax_for(lang),
        )
        builder = FrameBuilder(ctx)
        for k, sm in enumerate(per_sentence):
            if k % _CLOCK_EVERY == 0:
                clock.check("frames")
            builder.note_sentence(sm)
            if sm.triggers or sm.casualties or sm.dates or sm.places or sm.actors:
                builder.add_sentence(sm)
        frames = builder.finish()
        t = self._tick("frames", t)
        clock.check("frames")
        fallback_date = published.isoformat() if published else ""
        events, non_events = frames_to_events(
            frames,
            repeats=ct.repeats,
            source=doc.source or "",
            language=lang,
            published_fallback=fallback_date,
            published_source=doc.published_source
            or ("publication line" if published is not None and doc.published is None else ""),
            civilians=lambda cc: resolver.role("civilians", cc),
            rebels_lead=resolver.rebels_first,
            blast_outcomes=self._syntax_for(lang).blast_outcomes,
        )
        _share_tolls(events, pack.casualty_finder.shares(ct.text))
        if dateline is not None:
            self._place_by_dateline(events, dateline)
        if country:
            self._place_by_country(events, country)
        self._tick("merge", t)
        self.stats.events += len(events)
        self.stats.non_events += len(non_events)
        return DocResult(doc, lang, events, non_events, drops, sentences=len(sents), text=ct.text)

    def _country_hint(self, value: str | None) -> str | None:
        """ISO2 code of a document's country hint (a code or a name in any pack language)."""
        if not value:
            return None
        return self.resources.actors.countries.code_of(value)

    @staticmethod
    def _place_by_dateline(events: list[Event], place: Place) -> None:
        """Events with no place named, in the dateline's country, are placed near the place
        the report was filed from (precision 2: the dateline is near, not at, the event)."""
        for ev in events:
            if ev.latitude is not None or (ev.iso and ev.iso != place.country_iso):
                continue
            ev.country, ev.iso, ev.location = place.country, place.country_iso, place.name
            ev.latitude, ev.longitude = place.latitude, place.longitude
            ev.geonameid, ev.geo_precision = place.geonameid, 2
            ev.admin1, ev.admin2 = place.admin1, place.admin2

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
        pieces: list[list[Event]] = []
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
                    e.shift(off)
            for ne in r.non_events:
                ne.start += off
                ne.end += off
            pieces.append(r.events)
            out.non_events.extend(r.non_events)
            out.drops.extend(r.drops)
            out.sentences += r.sentences
        # an event told in two pieces is one event
        out.events = join_pieces(pieces)
        self.stats.events -= sum(map(len, pieces)) - len(out.events)
        return out

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult]:
        """Process documents one by one; one bad document never stops the batch."""
        for doc in docs:
            try:
                yield self.process(doc)
            except Exception as exc:
                self.stats.skipped["error"] += 1
                yield DocResult(doc, None, error=f"{type(exc).__name__}: {exc}")


def _skip_inner_languages(
    doc_id: str, ct: CleanText, lang: str, sents: list[Sentence], drops: list[Drop]
) -> list[Sentence]:
    """Sentences without the paragraphs written in another language (a Javanese quotation
    in an Indonesian report): those are dropped with a reason, not misread."""
    from groundfacts.text.language import inner_language

    skip: set[int] = set()
    for i, (start, end) in enumerate(ct.paragraphs):
        other = inner_language(ct.text[start:end], lang)
        if other is not None:
            skip.add(i)
            drops.append(Drop(doc_id, "language", f"other-language:{other}", "", start, end))
    return [s for s in sents if s.paragraph not in skip] if skip else sents


def _share_tolls(events: list[Event], shares: int) -> None:
    """A toll the text says is split across ``shares`` events: each event its share."""
    if shares > 1:
        for ev in events:
            if ev.fatalities:
                ev.fatalities = int(ev.fatalities / shares + 0.5)


def _outside_names(places: list[PlaceMention], actors: list[ActorMention]) -> list[PlaceMention]:
    """Place mentions that do not lie inside the name of a named actor."""
    names = sorted((a.start, a.end) for a in actors if a.kind == "named" and a.end - a.start > 6)
    if not names:
        return places
    starts = [n[0] for n in names]
    out = []
    for p in places:
        i = bisect_left(starts, p.start + 1) - 1
        inside = i >= 0 and names[i][0] <= p.start and p.end <= names[i][1]
        if not inside:
            out.append(p)
    return out


def _places_by_sentence(per_sentence: list[SentenceMentions], places: list[PlaceMention]) -> None:
    """Give each sentence the place mentions inside it (``places`` is sorted here)."""
    places.sort(key=lambda p: p.start)
    starts = [p.start for p in places]
    for sm in per_sentence:
        s = sm.sentence
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        sm.places = [p for p in places[lo:hi] if p.end <= s.end]


def _published_from_line(pack: Pack, line: str) -> dt.date | None:
    """The date a page's published line gives ("Senin, 21/8/2019 14:30 WIB"), if any."""
    if not line:
        return None
    found = [d.date for d in pack.dates(line, None) if d.precision == 1 and d.date is not None]
    return found[0] if found else None


def published_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
