"""Event frames: trigger + roles + place + date + casualties, one per event mention.

Input is one document's sentences with the mentions found in each; output is a list of
frames (events and non-events) in document order. Document context fills what a sentence
leaves out: the date last stated, the place last named, the actor last acting.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from groundfacts.frames.modality import non_event_reason
from groundfacts.frames.retype import ARMED, GENERIC, STATE, retype, trigger_class
from groundfacts.frames.roles import assign_roles, clause_bounds, clause_breaks
from groundfacts.frames.syntax import Syntax
from groundfacts.records import (
    EVENT_TYPES,
    Actor,
    ActorMention,
    Casualties,
    Cue,
    DateMention,
    Frame,
    Place,
    PlaceMention,
    Sentence,
    Trigger,
)

# Sub-event types an actor's generic "attack" is re-typed to when the document shows how it
# strikes (an air force's "serangan" is an air strike).
_MODUS_TYPES = frozenset(
    {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Chemical weapon",
    }
)
_ARMED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# only a generic attack takes its agent from an earlier sentence; a bomb nobody claimed stays
# unattributed
_CARRIES_AGENT = GENERIC
# what a crowd does that turns its demonstration into a riot
_CROWD_VIOLENCE = frozenset({"loot", "destroy", "attack", "riot", "clash", "mob"})
# triggers weaker than this (weapon nouns: "drones", "warplanes") make an event only beside a
# stronger one in the same sentence
_WEAK = 0.65
# weapon classes whose noun may name a weapon held or seized rather than used
_WEAPONS = frozenset({"airstrike", "shelling", "explosion", "suicide", "grenade", "chemical"})
# how many sentences back an agent or casualty count may be carried
_CARRY = 2
_CAP_WORD = re.compile(r"[^\W\d_][\w'’`‘\-]*")
_NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ar",
        "as",
        "ash",
        "ad",
        "an",
        "az",
        "ez",
        "de",
        "du",
        "des",
        "la",
        "le",
        "bin",
        "ibn",
        "abu",
        "umm",
    }
)


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
    resolve_actor: Callable[[ActorMention, str | None, str], Actor | None]
    # (role, country) -> the generic actor for a role ("unidentified", "protesters", "police")
    role_actor: Callable[[str, str | None], Actor | None]
    # (mention, crowd, country) -> (Protesters/Rioters (X), associated actor or None)
    crowd_actor: Callable[[ActorMention, str, str | None], tuple[Actor, Actor | None]]
    # (mention, country) -> the identity militia a community noun stands for when it fights
    militia_actor: Callable[[ActorMention, str | None], Actor | None]
    resolve_place: Callable[[str, str | None, tuple[float, float] | None], Place | None]
    country_place: Callable[[str], Place | None]
    syntax: Syntax
    is_country_name: Callable[[str], bool] = lambda _text: False


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


_NEXT_NAME = re.compile(r"[ \t]+[^\W\d_]")


def _fragments_dropped(
    places: list[PlaceMention], text: str, syntax: Syntax, country: str | None
) -> list[PlaceMention]:
    """Place mentions that are no place of their own: the head of a unit phrase ("Negara" of
    "Negara Bagian Rakhine"), or a foreign place read from the first word of a longer local
    name ("Intan" of "Intan Jaya")."""
    out = []
    for p in places:
        head = syntax.container_head_start.search(text[p.start : p.start + 40])
        if head is not None and head.end() > p.end - p.start:
            continue
        nxt = _NEXT_NAME.match(text, p.end)
        if (
            nxt is not None
            and text[nxt.end() - 1].isupper()
            and p.place is not None
            and country is not None
            and p.place.country_iso not in ("", country)
            and p.cue == "list"
        ):
            continue
        out.append(p)
    return out


def _within_carry(frames: list[Frame], sent_index: int) -> list[Frame]:
    """The frames (in sentence order) from ``_CARRY`` sentences before ``sent_index`` up to
    it, found by bisection rather than by a scan of the whole document."""
    lo = bisect_left(frames, sent_index - _CARRY, key=_sentence_index)
    hi = bisect_right(frames, sent_index, key=_sentence_index)
    return frames[lo:hi]


def _sentence_index(f: Frame) -> int:
    return f.sentence.index


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _drop_overlaps(places: list[PlaceMention], actors: list[ActorMention]) -> list[PlaceMention]:
    """Actor names win over place names inside them ("Ahrar al-Sham", "Islamic State (Syria)")."""
    return [p for p in places if not any(_overlaps(p.start, p.end, a.start, a.end) for a in actors)]


def _merge_adjacent_actors(
    actors: list[ActorMention], text: str, offset: int
) -> list[ActorMention]:
    """A role noun right before a named group is the group ("Mujahidin Jabhah Nushrah",
    "pasukan darat ISIS", "JNIM militants"): at most one lower-case word between them."""
    out: list[ActorMention] = []
    for a in sorted(actors, key=lambda m: m.start):
        if out:
            prev = out[-1]
            gap = text[prev.end - offset : a.start - offset]
            words = gap.split()
            close = (len(gap) <= 2 and not gap.strip()) or (
                len(words) == 1 and words[0].isalpha() and words[0].islower() and len(gap) <= 12
            )
            if close:
                if prev.kind == "role" and a.kind in ("named", "country"):
                    out[-1] = a
                    continue
                if a.kind == "role" and prev.kind in ("named", "country") and not words:
                    continue
        out.append(a)
    return out


def _place_names_after(
    text: str, start: int, end: int, syntax: Syntax
) -> list[tuple[int, int, str]]:
    """Capitalised names listed after a capture trigger: "captured A, B and the village of C".
    Bracketed parts ("X (commune, province)") locate a name; they are not more places."""
    seg = _BRACKETS.sub(lambda m: " " * len(m.group()), text[start:end])
    out: list[tuple[int, int, str]] = []
    pos = 0
    pieces: list[tuple[int, str]] = []
    for m in syntax.list_joiner.finditer(seg):
        pieces.append((pos, seg[pos : m.start()]))
        pos = m.end()
    pieces.append((pos, seg[pos:]))
    for i, (p0, piece) in enumerate(pieces):
        if i and syntax.container_head_start.search(piece):
            break  # "X, wilayah Mopti": the unit containing X, not another place
        words = list(_CAP_WORD.finditer(piece))
        # skip lower-case head words ("sekolah", "the village of")
        k = 0
        while k < len(words) and k < 4 and not words[k].group()[0].isupper():
            k += 1
        lead = [w.group().lower() for w in words[:k]]
        if i and any(w not in syntax.place_heads for w in lead):
            break  # "..., pada Minggu": the list is over
        name_words: list[re.Match[str]] = []
        for w in words[k:]:
            g = w.group()
            if g[0].isupper() or (g.lower() in _NAME_PARTICLES and name_words):
                name_words.append(w)
                if len(name_words) >= 5:
                    break
            else:
                break
        if not name_words:
            if i == 0:
                continue
            break
        # a head noun that is itself capitalised ("Kompleks Penjara X") stays part of the name
        s0 = start + p0 + name_words[0].start()
        s1 = start + p0 + name_words[-1].end()
        out.append((s0, s1, text[s0:s1]))
        if i and words[k + len(name_words) :]:
            break  # "... and C around Bakhmut on Tuesday": the list ends with C
    return out


_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_QUOTED = re.compile(r"[“\"«][^”\"»]{1,80}[”\"»]")


def _with(t: Trigger, **changes: str | float) -> Trigger:
    """A copy of a trigger with some fields changed."""
    fields = {
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "sub_event_type": t.sub_event_type,
        "lemma": t.lemma,
        "voice": t.voice,
        "weight": t.weight,
        "cls": t.cls,
    }
    fields.update(changes)
    return Trigger(**fields)  # type: ignore[arg-type]


def _contains(outer: PlaceMention, inner: PlaceMention, syntax: Syntax | None = None) -> bool:
    """ "Téra, in Niger", "Ilaga, Kabupaten Puncak": a region or country after a place locates
    it; it is no second place."""
    if syntax is not None and outer.cue and syntax.container_head_start.search(outer.cue):
        return True
    a, b = outer.place, inner.place
    if a is None or b is None:
        return False
    return a.feature in ("country", "admin1", "admin2", "region") and b.feature != a.feature


def _placed_near(name: str, larger: Place) -> Place:
    """A place the gazetteer lacks, under its own name, at the larger unit it lies in."""
    return replace(
        larger,
        name=name,
        geonameid=None,
        feature="fallback",
        population=0,
        precision=max(2, larger.precision),
    )


def _named_fallback(p: PlaceMention) -> PlaceMention:
    """A place the gazetteer lacks, placed at a larger unit, keeps its own name."""
    if p.place is None or p.place.feature != "fallback" or p.place.name == p.text:
        return p
    named = _placed_near(p.text, p.place)
    return PlaceMention(p.start, p.end, p.text, named, p.cue, p.qualifier, p.score)


class FrameBuilder:
    """Builds the frames of one document; create one per document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self._anchor: PlaceMention | None = None  # the place last named
        self._date: DateMention | None = None  # the date last stated
        self._frames: list[Frame] = []
        self._named: Actor | None = None  # the armed group named last

    # ---------------------------------------------------------------- places
    def _anchor_for(self, sm: SentenceMentions) -> PlaceMention | None:
        resolved = [p for p in sm.places if p.place is not None]
        return resolved[0] if resolved else self._anchor

    def _place_for(
        self, trig: Trigger, sm: SentenceMentions, c1: int, lo: int, hi: int
    ) -> list[PlaceMention]:
        """Places of a trigger: those after it up to the next trigger (a list of them gives one
        event each), else those before it back to the previous trigger."""
        s = sm.sentence
        places = sm.places
        after = [p for p in places if p.start >= trig.end and p.end <= min(hi, s.start + c1)]
        chosen: list[PlaceMention] = []
        if after:
            chosen = [after[0]]
            for nxt in after[1:]:
                between = self.ctx.text[chosen[-1].end : nxt.start]
                if (
                    self.ctx.syntax.list_joiner.search(between)
                    and len(between.split()) <= 3
                    and not _contains(nxt, chosen[-1], self.ctx.syntax)
                    and not self.ctx.syntax.goods_preposition.search(between)
                ):
                    chosen.append(nxt)
                else:
                    break
        else:
            before = [p for p in places if lo <= p.start and p.end <= trig.start]
            chosen = [before[-1]] if before else []
        return chosen

    def _listed_places(self, trig: Trigger, sm: SentenceMentions, c1: int) -> list[PlaceMention]:
        """Every place listed after a capture trigger, resolved or placed near the anchor."""
        s = sm.sentence
        names = _place_names_after(self.ctx.text, trig.end, s.start + c1, self.ctx.syntax)
        if len(names) < 2:
            return []
        anchor = self._anchor_for(sm)
        near = (
            (anchor.place.latitude, anchor.place.longitude)
            if anchor is not None and anchor.place is not None
            else None
        )
        out: list[PlaceMention] = []
        for n0, n1, name in names:
            if any(_overlaps(d.start, d.end, n0, n1) for d in sm.dates):
                break
            known = next((p for p in sm.places if _overlaps(p.start, p.end, n0, n1)), None)
            if out and known is not None and _contains(known, out[-1], self.ctx.syntax):
                break  # "..., Mopti region": the unit the places lie in
            if known is not None and known.place is not None:
                out.append(known)
                continue
            place = self.ctx.resolve_place(name, self.ctx.country, near)
            if place is None and anchor is not None and anchor.place is not None:
                place = _placed_near(name, anchor.place)
            out.append(PlaceMention(n0, n1, name, place=place, cue="list"))
        return out

    # ---------------------------------------------------------------- actors
    def _resolve(self, m: ActorMention | None, country: str | None, context: str) -> Actor | None:
        if m is None:
            return None
        if m.kind == "role" and m.key == "unidentified" and self._named is not None:
            text = self.ctx.text
            syn = self.ctx.syntax
            if syn.definite_end.search(text[max(0, m.start - 12) : m.start]) or (
                syn.definite_start.search(text[m.end : m.end + 12])
            ):
                return self._named  # "the militants": the group named before
        actor = self.ctx.resolve_actor(m, country, context)
        if m.kind == "named" and actor is not None and actor.inter in (2, 3, 4):
            self._named = actor
        return actor

    def _recent(self, sent_index: int) -> Iterator[Frame]:
        """Frames so far, latest first, back to ``_CARRY`` sentences before ``sent_index``:
        what a mention may refer back to (looking no further keeps long documents linear)."""
        for f in reversed(self._frames):
            if sent_index - f.sentence.index > _CARRY:
                return
            yield f

    def _carried_agent(self, sent_index: int) -> Frame | None:
        for f in reversed(self._frames):
            if sent_index - f.sentence.index > _CARRY:
                return None
            if f.actor1 is not None and f.actor1.inter in ARMED:
                return f
        return None

    # ---------------------------------------------------------------- main
    def _actors_in(self, sm: SentenceMentions) -> list[ActorMention]:
        """Actor mentions that act: not a stance ("anti-Assad"), not a country named as a
        place ("in Syria", "di Suriah")."""
        syn, text = self.ctx.syntax, self.ctx.text
        out = []
        merged = _merge_adjacent_actors(sm.actors, text, 0)
        for i, a in enumerate(merged):
            nxt = merged[i + 1] if i + 1 < len(merged) else None
            if (
                a.kind == "role"
                and nxt is not None
                and nxt.kind == "named"
                and text[a.end : a.end + 3].lstrip().startswith("(")
                and ")" not in text[a.end : nxt.start]
            ):
                continue  # "armed groups (believed to be JNIM ...)": the bracket names them
            lead = text[max(0, a.start - 24) : a.start]
            if syn.stance_end.search(lead):
                continue
            if (
                a.kind == "country"
                and self.ctx.is_country_name(a.text)
                and syn.locative_end.search(lead)
            ):
                continue
            out.append(a)
        return out

    def _quoted(self, trig: Trigger, sm: SentenceMentions) -> bool:
        """A trigger inside a short quoted phrase names a slogan or a title, not an event."""
        s = sm.sentence
        local = trig.start - s.start
        for m in _QUOTED.finditer(s.text):
            if m.start() < local < m.end() and len(m.group().split()) <= 6:
                return True
        return False

    def _claims(self, sm: SentenceMentions, actors: list[ActorMention]) -> None:
        """ "JNIM claimed responsibility": the claimant is the attacker of the events just
        reported whose attacker was unknown."""
        syn = self.ctx.syntax
        m = syn.claim.search(sm.sentence.text)
        a = syn.attribution.search(sm.sentence.text)
        if m is not None:
            at = sm.sentence.start + m.start()
            named = [x for x in actors if x.kind == "named" and x.end <= at]
        elif a is not None:
            # "the device was likely planted by X"
            at = sm.sentence.start + a.end()
            named = [x for x in actors if x.kind == "named" and x.start >= at][:1]
        else:
            return
        if not named:
            return
        for f in reversed(self._frames):
            if sm.sentence.index - f.sentence.index > _CARRY:
                break
            if f.negated or f.actor1 is None or not f.actor1.actor_id.startswith("role:"):
                continue
            claimant = self.ctx.resolve_actor(named[-1], self._event_country(f), "")
            if claimant is not None and claimant.inter in ARMED:
                f.actor1 = claimant
                f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)

    def _date_for(self, trig: Trigger, sm: SentenceMentions) -> DateMention | None:
        """The date of a trigger: the nearest one stated before it outside brackets ("On 7 July,
        the sons of the mayor [killed on 6 July] assaulted ..."), else after it, else the date
        last stated in the document."""
        if not sm.dates:
            return self._date
        s = sm.sentence
        bracketed = [(m.start() + s.start, m.end() + s.start) for m in _BRACKETS.finditer(s.text)]
        plain = [d for d in sm.dates if not any(b0 <= d.start < b1 for b0, b1 in bracketed)]
        pool = plain or sm.dates
        before = [d for d in pool if d.end <= trig.start]
        if before:
            return before[-1]
        return min(pool, key=lambda d: abs(d.start - trig.start))

    def _takes_place(self, trig: Trigger, places: list[PlaceMention]) -> bool:
        """Whether a territorial trigger has a place as its object ("seized Djibo", "took
        control of the town of X"), not goods taken somewhere ("seized livestock in X")."""
        if trig.voice == "passive":
            # "Kota Ramadi direbut kembali": the place taken is the subject
            before = [p for p in places if p.end <= trig.start]
            if before and len(self.ctx.text[before[-1].end : trig.start].split()) <= 3:
                return True
        after = [p for p in places if p.start >= trig.end]
        if not after:
            return False
        between = self.ctx.text[trig.end : after[0].start]
        if self.ctx.syntax.territory_noun.search(between):
            return True  # "overran an army base outside X": a position taken
        return len(between.split()) <= 5 and not self.ctx.syntax.goods_preposition.search(between)

    def _reason(
        self,
        trig: Trigger,
        sm: SentenceMentions,
        blockers: list[tuple[int, int]],
        breaks: list[tuple[int, int]],
    ) -> str:
        s = sm.sentence
        c0, _c1 = clause_bounds(s.text, trig.start - s.start, self.ctx.syntax, breaks)
        reason = non_event_reason(trig, sm.cues, s.text, s.start + c0, s.start, blockers)
        if not reason and self._quoted(trig, sm):
            reason = "quoted: a name or slogan, not a report"
        return reason

    def add_sentence(self, sm: SentenceMentions) -> list[Frame]:
        s = sm.sentence
        ctx = self.ctx
        text = s.text
        actors = self._actors_in(sm)
        places = _fragments_dropped(sm.places, ctx.text, ctx.syntax, ctx.country)
        sm.places = [_named_fallback(p) for p in _drop_overlaps(places, actors)]
        blockers = [(a.start, a.end) for a in actors]
        if sm.dates:
            self._date = self._date_for(sm.triggers[0], sm) if sm.triggers else sm.dates[0]
        self._claims(sm, actors)
        for a in actors:
            if a.kind == "named":
                self._resolve(a, ctx.country, text)
        frames: list[Frame] = []
        breaks = clause_breaks(text, ctx.syntax)
        reasons = [self._reason(t, sm, blockers, breaks) for t in sm.triggers]
        strong = any(t.weight >= _WEAK and not r for t, r in zip(sm.triggers, reasons, strict=True))
        for k, trig in enumerate(sm.triggers):
            nxt = sm.triggers[k + 1] if k + 1 < len(sm.triggers) else None
            if (
                nxt is not None
                and trigger_class(nxt) == "explosion"
                and ctx.syntax.device_victim_end.search(ctx.text[s.start : nxt.start])
                and ctx.text[trig.start : trig.end].lower()
                in ctx.text[trig.start : nxt.start].lower()
                and len(ctx.text[trig.end : nxt.start].split()) <= 2
            ):
                continue  # "struck an IED": the device is the event, the verb says who hit it
            if trig.voice == "active" and (
                trig.text.lower() in ctx.syntax.victim_verbs
                or ctx.syntax.elliptic_end.search(
                    ctx.text[max(s.start, trig.start - 20) : trig.start]
                )
            ):
                # "two soldiers died", "... and others wounded": the subject is the victim
                trig = _with(trig, voice="passive")
            if (
                trig.voice == "nominal"
                and trigger_class(trig) in _WEAPONS
                and ctx.syntax.custody_end.search(
                    ctx.text[
                        s.start
                        + clause_bounds(text, trig.start - s.start, ctx.syntax, breaks)[
                            0
                        ] : trig.start
                    ]
                )
            ):
                continue  # "seized rockets", "shot down drones": weapons held, not used
            if trig.weight < _WEAK and trig.voice == "nominal" and not strong:
                continue  # "fighter jets were heard": a weapon named, no event reported
            lo = sm.triggers[k - 1].end if k else s.start
            # places after a trigger reach to the next trigger that opens a new phrase
            hi = next(
                (
                    t.start
                    for t in sm.triggers[k + 1 :]
                    if t.start >= trig.end and "," in ctx.text[trig.end : t.start]
                ),
                s.end,
            )
            on_actor = [a for a in actors if _overlaps(trig.start, trig.end, a.start, a.end)]
            if any(a.kind == "named" for a in on_actor) or (
                on_actor and any(trigger_class(t) in ("attack", "kill") for t in sm.triggers)
            ):
                continue  # "police fired on protesters": the noun names who, not what
            _c0, c1 = clause_bounds(text, trig.start - s.start, ctx.syntax, breaks)
            reason = reasons[k]
            roles = assign_roles(trig, actors, text, s.start, ctx.syntax, ctx.lang, breaks)
            if (
                trigger_class(trig) == "explosion"
                and roles.agent is not None
                and (
                    ctx.syntax.device_victim_end.search(text[: trig.start - s.start])
                    or ctx.syntax.device_victim_start.search(trig.text)
                )
            ):
                # "an army vehicle struck an IED": the one who hit the device is its victim
                roles.targets, roles.agent = [roles.agent], None
            cls = trigger_class(trig)
            places = self._listed_places(trig, sm, c1) if cls == "capture" else []
            if not places:
                places = self._place_for(trig, sm, c1, lo, hi)
            if not places and self._anchor is not None and self._anchor.place is not None:
                places = [self._anchor]  # the sentence names no place: where the story is
            if (
                not reason
                and cls in ctx.syntax.territorial_classes
                and not (self._takes_place(trig, places) if cls == "capture" else sm.places)
            ):
                if cls != "capture":
                    continue  # "during their withdrawal": no place changes hands
                # "seized livestock": goods taken, not territory
                trig = Trigger(
                    trig.start,
                    trig.end,
                    trig.text,
                    "Looting/property destruction",
                    trig.lemma,
                    trig.voice,
                    trig.weight,
                    "loot",
                )
            date = self._date_for(trig, sm)
            targets: list[ActorMention | None] = list(roles.targets) or [None]
            place_options: list[PlaceMention | None] = list(places) or [None]
            for place in place_options:
                country = (
                    place.place.country_iso if place is not None and place.place else ctx.country
                )
                agent = self._resolve(roles.agent, country, text)
                assoc = [
                    a for a in (self._resolve(m, country, text) for m in roles.assoc_agent) if a
                ]
                for tm in targets:
                    target = self._resolve(tm, country, text)
                    if (
                        agent is not None
                        and target is not None
                        and agent.name == target.name
                        and (roles.agent is None or tm is None or roles.agent.key == tm.key)
                    ):
                        target = None
                    f = Frame(
                        doc_id=s.doc_id,
                        sentence=s,
                        trigger=trig,
                        sub_event_type=trig.sub_event_type,
                        actor1=agent,
                        actor2=target,
                        assoc1=assoc,
                        place=place,
                        date=date,
                        negated=reason,
                        agent_mention=roles.agent,
                        target_mention=tm,
                    )
                    frames.append(f)
        frames = self._absorb_operations(frames)
        self._unit_anaphora(frames, breaks)
        self._grievances(frames)
        self._fill_agents(frames, s.index)
        self._follow_ups(frames, s.index)
        for f in frames:
            if f.actor1 is not None and f.actor2 is not None and f.actor1.name == f.actor2.name:
                f.actor2 = None  # an actor adopted from another mention is not its own target
            f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)
            self._settle_actors(f)
            if f.negated.startswith("foiled"):
                f.sub_event_type = "Disrupted weapons use"
                f.negated = ""
        self._attach_casualties(frames, sm)
        # the place later sentences default to: where the live events of this one happened
        live_places = [f.place for f in frames if not f.negated and f.place and f.place.place]
        if live_places:
            self._anchor = live_places[-1]
        elif not frames:
            anchor = self._anchor_for(sm)
            if anchor is not None:
                self._anchor = anchor
        self._frames.extend(frames)
        return frames

    def _event_country(self, f: Frame) -> str | None:
        if f.place is not None and f.place.place is not None:
            return f.place.place.country_iso or self.ctx.country
        return self.ctx.country

    def _settle_actors(self, f: Frame) -> None:
        """Crowds are named by what they did; unknown attackers and arresting forces get
        ACLED's generic actors."""
        ctx = self.ctx
        et = EVENT_TYPES[f.sub_event_type]
        country = self._event_country(f)
        if f.sub_event_type == "Mob violence" and f.agent_mention is not None:
            # a community that attacks is its identity militia ("Mossi attacked Fulani")
            militia = ctx.militia_actor(f.agent_mention, country)
            if militia is not None:
                f.actor1 = militia
                f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)
                et = EVENT_TYPES[f.sub_event_type]
        if et in ("Protests", "Riots"):
            crowd = "protesters" if et == "Protests" else "rioters"
            forces: Actor | None = None
            crowd_m = f.agent_mention
            intervened = trigger_class(f.trigger) in ("intervention", "excessive", "arrest") or (
                f.sub_event_type == "Excessive force against protesters"
            )
            if f.actor1 is not None and f.actor1.inter in STATE:
                forces, crowd_m = f.actor1, f.target_mention
            elif f.actor2 is not None and f.actor2.inter in STATE:
                forces = f.actor2
            if not intervened and f.sub_event_type == "Peaceful protest":
                forces = None  # "protest against the Russian invasion": a target, not a force
            actor1: Actor | None = None
            if crowd_m is not None and crowd_m.kind == "role":
                actor1, assoc = ctx.crowd_actor(crowd_m, crowd, country)
                if assoc is not None:
                    f.assoc1.append(assoc)
            else:
                if crowd_m is not None:
                    named = ctx.resolve_actor(crowd_m, country, f.sentence.text)
                    if named is not None and named.inter not in STATE:
                        f.assoc1.append(named)
                actor1 = ctx.role_actor(crowd, country)
            victim = f.actor2 if f.actor2 is not None and f.actor2.inter == 7 else None
            if f.sub_event_type != "Mob violence":
                victim = None
            f.actor1, f.actor2 = actor1, forces or victim
            if forces is not None and f.sub_event_type == "Peaceful protest":
                f.sub_event_type = "Protest with intervention"
            return
        if f.sub_event_type == "Armed clash" or (
            et == "Violence against civilians" and f.actor2 is not None and f.actor2.inter != 7
        ):
            # communities that fight are identity militias ("Fulani and Dogon clashed")
            for slot, m in (("actor1", f.agent_mention), ("actor2", f.target_mention)):
                actor = getattr(f, slot)
                if m is not None and actor is not None and actor.inter == 7:
                    militia = ctx.militia_actor(m, country)
                    if militia is not None:
                        setattr(f, slot, militia)
            f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)
        if f.actor1 is None and et in _ARMED_TYPES:
            f.actor1 = ctx.role_actor("unidentified", country)
            f.sub_event_type = retype(f.trigger, f.actor1, f.actor2)

        elif f.actor1 is None and f.sub_event_type == "Arrests":
            f.actor1 = ctx.role_actor("police", country)

    def _absorb_operations(self, frames: list[Frame]) -> list[Frame]:
        """ "Troops conducted an operation ..., killing ten militants": the operation is the
        frame of the violence, not an event of its own; its agent does the killing."""
        violent = [
            f for f in frames if not f.negated and EVENT_TYPES[f.sub_event_type] in _ARMED_TYPES
        ]
        ops = [f for f in frames if not f.negated and trigger_class(f.trigger) == "change"]
        if not violent or not ops:
            return frames
        for f in violent:
            lead = self.ctx.text[max(f.sentence.start, f.trigger.start - 3) : f.trigger.start]
            if f.agent_mention is None or "," in lead:
                op = max(
                    (o for o in ops if o.trigger.start < f.trigger.start),
                    default=None,
                    key=lambda o: o.trigger.start,
                )
                if op is not None and op.actor1 is not None:
                    f.actor1, f.agent_mention, f.assoc1 = (
                        op.actor1,
                        op.agent_mention,
                        list(op.assoc1),
                    )
        return [f for f in frames if f not in ops]

    def _follow_ups(self, frames: list[Frame], sent_index: int) -> None:
        """ "Two soldiers were killed in the fighting": an agentless violent mention after an
        event, with no place of its own, tells more of that event."""
        prev = next(
            (
                f
                for f in self._recent(sent_index)
                if not f.negated
                and (
                    EVENT_TYPES[f.sub_event_type] in _ARMED_TYPES
                    or f.sub_event_type == "Mob violence"
                )
            ),
            None,
        )
        if prev is None:
            return
        for f in frames:
            if self._responds(f, prev):
                continue
            if (
                f.negated
                or f.agent_mention is not None
                or f.trigger.voice == "active"
                or trigger_class(f.trigger) not in GENERIC
                or (
                    f.place is not None
                    and prev.place is not None
                    and f.place.text != prev.place.text
                )
            ):
                continue
            if prev.actor2 is None and f.actor2 is not None and f.actor2 != prev.actor1:
                # the victims named now are the other side of the earlier event
                prev.actor2 = f.actor2
                prev.sub_event_type = retype(prev.trigger, prev.actor1, prev.actor2)
            f.actor1, f.actor2, f.assoc1 = prev.actor1, prev.actor2, list(prev.assoc1)
            f.place, f.date = f.place or prev.place, prev.date
            # it tells of the same event: it takes that event's type and class
            f.trigger = _with(f.trigger, sub_event_type=prev.sub_event_type, cls=prev.trigger.cls)

    def _unit_anaphora(self, frames: list[Frame], breaks: list[tuple[int, int]]) -> None:
        """ "The patrol repelled the attack": the unit attacked before is acting now."""
        for f in frames:
            if f.agent_mention is not None or f.trigger.voice != "active" or f.negated:
                continue
            s = f.sentence
            c0, _ = clause_bounds(s.text, f.trigger.start - s.start, self.ctx.syntax, breaks)
            if not self.ctx.syntax.definite_unit.search(s.text[c0 : f.trigger.start - s.start]):
                continue
            prev = next(
                (
                    g
                    for g in self._recent(s.index)
                    if not g.negated and g.actor2 is not None and g.actor2.inter in ARMED
                ),
                None,
            )
            if prev is not None:
                f.actor1 = prev.actor2
                f.agent_mention = prev.target_mention

    def _grievances(self, frames: list[Frame]) -> None:
        """ "Residents protested over the killing of a miner": the killing is what the crowd
        protests about, reported as a cause, not as an event of this report."""
        protests = [
            f
            for f in frames
            if not f.negated
            and EVENT_TYPES[f.sub_event_type] in ("Protests", "Riots")
            and trigger_class(f.trigger) in ("protest", "riot")
        ]
        if not protests:
            return
        text = self.ctx.text
        for f in frames:
            if f.negated or f in protests:
                continue
            if EVENT_TYPES[f.sub_event_type] not in _ARMED_TYPES and trigger_class(
                f.trigger
            ) not in ("loot", "destroy"):
                continue
            p = max(
                (p for p in protests if p.trigger.end <= f.trigger.start),
                default=None,
                key=lambda p: p.trigger.end,
            )
            if p is None:
                continue
            between = text[p.trigger.end : f.trigger.start]
            if self.ctx.syntax.grievance.search(between):
                f.negated = "grievance: the cause of a protest, not an event reported here"

    def _responds(self, f: Frame, prev: Frame) -> bool:
        """ "Volunteers repelled the attack": the responders are the other side of the earlier
        attack, which becomes a battle; this mention joins it."""
        if (
            f.negated
            or f.trigger.cls != "clash"
            or f.trigger.voice != "active"
            or f.actor1 is None
            or prev.actor1 is None
            or f.actor1.name == prev.actor1.name
            or (f.actor2 is not None and f.actor2.name != prev.actor1.name)
            or (prev.actor2 is not None and prev.actor2.inter != 7)
        ):
            return False
        defender = f.actor1
        prev.actor2 = defender
        prev.sub_event_type = retype(prev.trigger, prev.actor1, defender)
        f.actor1, f.actor2, f.assoc1 = prev.actor1, defender, list(prev.assoc1)
        f.place, f.date = f.place or prev.place, prev.date
        return True

    def _fill_agents(self, frames: list[Frame], sent_index: int) -> None:
        bound: set[int] = set()
        # the live frames before the current one: the last of them, and the last with an agent
        last: Frame | None = None
        last_agent: Frame | None = None
        for f in frames:
            if not f.negated and trigger_class(f.trigger) == "kill":
                lead = self.ctx.text[max(f.sentence.start, f.trigger.start - 3) : f.trigger.start]
                if last is not None and (f.actor1 is None or "," in lead):
                    # "..., killing five": the killing is done by the clause's subject
                    src = last_agent or last
                    f.actor1, f.agent_mention = src.actor1, src.agent_mention
                    f.assoc1 = list(src.assoc1)
                    bound.add(id(f))
            if not f.negated:
                last = f
                if f.actor1 is not None:
                    last_agent = f
        for f in frames:
            if (
                f.actor1 is not None
                or id(f) in bound
                or trigger_class(f.trigger) not in _CARRIES_AGENT
            ):
                continue
            prev = self._carried_agent(sent_index)
            if prev is not None and (f.actor2 is None or prev.actor1 != f.actor2):
                f.actor1 = prev.actor1
                f.assoc1 = list(prev.assoc1)

    def _attach_casualties(self, frames: list[Frame], sm: SentenceMentions) -> None:
        killed = [c for c in sm.casualties if c.kind == "killed"]
        if not killed:
            return
        live = [f for f in frames if not f.negated]
        if frames and not live:
            return  # the deaths of a denied or negated event are not counted
        if not live:
            # "Two soldiers died." after an event: the count belongs to the last event
            for f in reversed(self._frames):
                if sm.sentence.index - f.sentence.index > _CARRY:
                    break
                if not f.negated:
                    f.casualties.extend(killed)
                    return
            return
        for c in killed:
            before = [f for f in frames if f.trigger.start <= c.start]
            target = before[-1] if before else live[0]
            if not target.negated:
                target.casualties.append(c)

    def _escalate_protests(self) -> None:
        """A demonstration whose crowd then burns, loots or attacks is a violent demonstration
        (ACLED codes the whole as one riot event by Rioters)."""
        protests = [
            f for f in self._frames if not f.negated and EVENT_TYPES[f.sub_event_type] == "Protests"
        ]
        if not protests:
            return
        for f in self._frames:
            if f.negated or trigger_class(f.trigger) not in _CROWD_VIOLENCE:
                continue
            if f.sub_event_type in (
                "Excessive force against protesters",
                "Protest with intervention",
            ):
                continue  # the forces' violence, not the crowd's
            near = [p for p in _within_carry(protests, f.sentence.index) if p is not f]
            later = bool(near) and f.sentence.index > near[-1].sentence.index
            crowd_agent = (f.actor1 is not None and f.actor1.inter in (5, 6)) or (
                later
                and (f.agent_mention is None or (f.actor1 is not None and f.actor1.inter == 7))
            )
            if not near or not crowd_agent:
                continue
            for p in [*near, f]:
                p.sub_event_type = "Violent demonstration"
                if p.agent_mention is not None and p.agent_mention.kind == "role":
                    p.actor1, assoc = self.ctx.crowd_actor(
                        p.agent_mention, "rioters", self._event_country(p)
                    )
                    if assoc is not None and assoc not in p.assoc1:
                        p.assoc1.append(assoc)
                else:
                    p.actor1 = self.ctx.role_actor("rioters", self._event_country(p))
            f.actor2 = f.actor2 if f.actor2 is not None and f.actor2.inter in STATE else None
            f.place = f.place or near[-1].place
            f.date = f.date or near[-1].date

    def _interventions(self) -> None:
        """Forces that disperse, tear-gas or arrest the demonstrators of a peaceful protest make
        it a protest with intervention, the forces its second actor."""
        protests = [
            f for f in self._frames if not f.negated and f.sub_event_type == "Peaceful protest"
        ]
        for f in self._frames:
            if f.negated or trigger_class(f.trigger) not in ("arrest", "intervention"):
                continue
            if f.actor1 is None or f.actor1.inter not in STATE:
                continue
            if f.actor2 is not None and f.actor2.inter not in (5, 6, 7):
                continue  # arresting an armed group's members is no protest intervention
            near = _within_carry(protests, f.sentence.index)
            if not near:
                continue
            p = near[-1]
            p.sub_event_type = "Protest with intervention"
            p.actor2 = f.actor1
            f.sub_event_type, f.actor1, f.actor2 = p.sub_event_type, p.actor1, p.actor2
            f.assoc1, f.place, f.date = list(p.assoc1), f.place or p.place, p.date

    def finish(self) -> list[Frame]:
        """All frames, with document-level re-typing (an actor's known way of striking)."""
        self._escalate_protests()
        self._interventions()
        modus: dict[str, str] = {}
        for f in self._frames:
            if not f.negated and f.actor1 is not None and f.sub_event_type in _MODUS_TYPES:
                modus.setdefault(f.actor1.name, f.sub_event_type)
        for f in self._frames:
            if (
                f.actor1 is not None
                and f.actor1.name in modus
                and trigger_class(f.trigger) in GENERIC
                and EVENT_TYPES[f.sub_event_type] != "Explosions/Remote violence"
            ):
                f.sub_event_type = modus[f.actor1.name]
        return self._frames
