"""Checking a claim against the record: "Rusia tidak menyerang ISIS", put to the facts.

A claim is one sentence in a language with a pack. It is read with the tools extraction uses
(the pack's triggers and negation cues, the actor registry, the gazetteer, the pack's dates):
its verb gives a set of ACLED sub-event types, its actors resolve through the registry, and
its place and time give the scope (options given by the caller win). The record's events in
scope then decide the verdict: a positive claim is ``supported`` or ``not-found``, a negated
one ``contradicted`` or ``consistent``; a claim that cannot be read is ``unparsed``. The
explanation is in the claim's language, worded by the pack (``packs/<lang>/claims.toml``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources as importlib_resources
from os.path import commonprefix
from typing import TYPE_CHECKING, Any

from groundfacts.analyse.scope import ActorPattern, PlaceScope, base_name, fold, forms
from groundfacts.errors import PackDataError
from groundfacts.packs import tables as pack_tables
from groundfacts.packs.matcher import PhraseMatcher
from groundfacts.records import EVENT_TYPES, ActorMention, Event, Place
from groundfacts.resources import Resources
from groundfacts.store.duckdb_store import EventFilter

if TYPE_CHECKING:
    from groundfacts.store.duckdb_store import EventStore

VERDICTS = ("supported", "not-found", "contradicted", "consistent", "unparsed")
_YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d/.-])")
# Two countries with unlike names: the common start of a name built for each is the part of
# a template that does not depend on the country ("Police Forces of ", "Protesters (").
_PROBE = ("FR", "DE")


@dataclass(frozen=True, slots=True)
class VerbMeaning:
    """The sub-event types a verb class stands for in a claim."""

    sub_event_types: tuple[str, ...]
    symmetric: bool = False  # either side of the event may be the claim's first actor
    # types ACLED codes with the claim's target as actor1 (protesters, in a protest event
    # broken up by the police); they count only when the claim names that target
    reversed: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClaimSettings:
    """analyse/data/claims.toml: what a claim's words mean in ACLED's categories."""

    classes: dict[str, VerbMeaning]
    near_km: float
    country_branches: tuple[str, ...]
    evidence: int
    targets_named: int


@cache
def claim_settings() -> ClaimSettings:
    name = "analyse/data/claims.toml"
    try:
        raw = tomllib.loads(
            importlib_resources.files("groundfacts.analyse")
            .joinpath("data", "claims.toml")
            .read_text("utf-8")
        )
        classes: dict[str, VerbMeaning] = {}
        for cls, spec in raw["classes"].items():
            types = [s for s, et in EVENT_TYPES.items() if et in spec.get("event_types", ())]
            reversed_ = spec.get("reversed", [])
            for sub in [*spec.get("sub_event_types", ()), *reversed_]:
                if sub not in EVENT_TYPES:
                    raise ValueError(f"class {cls!r}: unknown sub-event type {sub!r}")
                if sub not in types:
                    types.append(sub)
            classes[cls] = VerbMeaning(
                tuple(types), bool(spec.get("symmetric", False)), frozenset(reversed_)
            )
        scope = raw["scope"]
        return ClaimSettings(
            classes=classes,
            near_km=float(scope["near_km"]),
            country_branches=tuple(scope["country_branches"]),
            evidence=int(scope["evidence"]),
            targets_named=int(scope["targets_named"]),
        )
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise PackDataError(f"{name}: missing or malformed ({exc})") from exc


@dataclass(frozen=True, slots=True)
class ClaimLanguage:
    """packs/<lang>/claims.toml: the claim verbs, act nouns and explanation sentences."""

    lang: str
    verbs: PhraseMatcher[str]
    nouns: dict[str, tuple[str, str]]
    explain: dict[str, str]
    time_words: dict[str, frozenset[str]]  # since / after / until / before

    @classmethod
    def load(cls, lang: str) -> ClaimLanguage:
        name = "claims.toml"
        raw = pack_tables.read_toml(lang, name)
        verbs = pack_tables.toml_section(raw, "verbs", lang, name)
        rows = [
            (phrase, vcls)
            for vcls, phrases in verbs.items()
            for phrase in pack_tables.str_list(phrases, vcls, lang, name)
        ]
        nouns: dict[str, tuple[str, str]] = {}
        for ncls, pair in pack_tables.toml_section(raw, "nouns", lang, name).items():
            got = pack_tables.str_list(pair, ncls, lang, name)
            if len(got) != 2:
                raise PackDataError(f"packs/{lang}/{name}: noun {ncls!r} needs [singular, plural]")
            nouns[ncls] = (got[0], got[1])
        if "default" not in nouns:
            raise PackDataError(f"packs/{lang}/{name}: [nouns] needs a 'default'")
        explain = {str(k): str(v) for k, v in raw.get("explain", {}).items()}
        needed = ("supported", "not_found", "consistent", "contradicted", "no_evidence", "unparsed")
        missing = [k for k in needed if k not in explain]
        if missing:
            raise PackDataError(f"packs/{lang}/{name}: [explain] lacks {', '.join(missing)}")
        time_words = {
            k: frozenset(w.casefold() for w in pack_tables.str_list(v, k, lang, name))
            for k, v in raw.get("time", {}).items()
        }
        return cls(lang, PhraseMatcher(rows), nouns, explain, time_words)

    def bound(self, word: str) -> str:
        """Which end of a period a word before a date sets ("since", "before"...), or ""."""
        low = word.casefold().strip(".,;:()")
        return next((k for k, words in self.time_words.items() if low in words), "")

    def noun(self, cls: str, n: int) -> str:
        single, plural = self.nouns.get(cls) or self.nouns["default"]
        return single if n == 1 else plural

    def say(self, key: str, **values: Any) -> str:
        return self.explain.get(key, "").format(**values)


@dataclass(slots=True)
class ParsedClaim:
    """What a claim says, as the record can be asked about it."""

    text: str
    language: str | None = None
    actor1: ActorPattern | None = None
    actor2: ActorPattern | None = None
    verb_class: str = ""
    sub_event_types: tuple[str, ...] = ()
    symmetric: bool = False
    reversed_types: frozenset[str] = frozenset()
    negated: bool = False
    place: PlaceScope = field(default_factory=PlaceScope)
    place_label: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    reason: str = ""  # why it could not be read ("" when it could)
    language_seen: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor1": self.actor1.name if self.actor1 else None,
            "actor2": self.actor2.name if self.actor2 else None,
            "sub_event_types": list(self.sub_event_types),
            "negated": self.negated,
            "country": self.place.country or None,
            "admin1": self.place.admin1 or None,
            "location": self.place.location or None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    event_id: str
    event_date: str
    sub_event_type: str
    actor1: str
    actor2: str
    location: str
    notes: str
    doc_id: str
    source: str

    @classmethod
    def of(cls, ev: Event) -> ClaimEvidence:
        return cls(
            ev.event_id,
            ev.event_date,
            ev.sub_event_type,
            ev.actor1,
            ev.actor2,
            ev.location,
            ev.notes,
            ev.doc_id,
            ev.source,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ClaimResult:
    claim: str
    language: str | None
    parsed: ParsedClaim
    verdict: str
    matching_events: int = 0
    evidence: list[ClaimEvidence] = field(default_factory=list)
    actor1_events: int = 0
    actor1_targets: list[tuple[str, int]] = field(default_factory=list)
    explanation: str = ""
    thin: bool = False  # the record holds nothing of the first actor in scope

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "language": self.language,
            "parsed": self.parsed.to_dict(),
            "verdict": self.verdict,
            "matching_events": self.matching_events,
            "evidence": [e.to_dict() for e in self.evidence],
            "actor1_events": self.actor1_events,
            "actor1_targets": [[a, n] for a, n in self.actor1_targets],
            "explanation": self.explanation,
        }


# ---- reading --------------------------------------------------------------------------------


class ClaimReader:
    """Reads claims with the extraction resources; create once, reuse for many claims."""

    def __init__(self, resources: Resources | None = None) -> None:
        self.resources = resources or Resources()
        self.settings = claim_settings()
        self._languages: dict[str, ClaimLanguage] = {}
        self._regions: dict[tuple[str, str], str | None] = {}

    def words(self, lang: str) -> ClaimLanguage:
        if lang not in self._languages:
            self._languages[lang] = ClaimLanguage.load(lang)
        return self._languages[lang]

    def read(
        self,
        claim: str,
        *,
        lang: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        country: str | None = None,
    ) -> ParsedClaim:
        """The claim's actors, acts, negation and scope; ``since``/``until``/``country`` win
        over what the claim says. Never raises on text: an unreadable claim has a reason."""
        text = " ".join((claim or "").split())
        parsed = ParsedClaim(text=text)
        code = self._language(text, lang, parsed)
        if code is None:
            return parsed
        parsed.language = code
        res = self.resources
        pack = res.pack(code)
        words = self.words(code)
        found = res.actors.find(text, code)
        # "protesters" names an actor, not the act
        verb = self._verb(text, code, avoid=[(m.start, m.end) for m in found])
        actors = [m for m in found if verb is None or m.end <= verb[0] or m.start >= verb[1]]
        if verb is None and not actors:
            parsed.reason = words.say("reason_nothing")
            return parsed
        if verb is not None:
            _start, end, cls = verb
            parsed.verb_class = cls
            meaning = self._meaning(cls)
            parsed.sub_event_types = meaning.sub_event_types
            parsed.symmetric = meaning.symmetric
            parsed.reversed_types = meaning.reversed
            parsed.negated = any(c.kind == "negation" and c.start < end for c in pack.cues(text))
        else:
            parsed.negated = any(c.kind == "negation" for c in pack.cues(text))
        flag_iso = self._iso(country) if country else None
        taken = [(m.start, m.end) for m in actors] + ([verb[:2]] if verb else [])
        home = self._home(actors)
        # a named group's home country decides between places of one name ("Samar")
        place, mention_text = self._place(text, code, flag_iso, taken, hint=flag_iso or home)
        iso = flag_iso or (place.country_iso if place else None) or home
        parsed.place = self._scope(place, mention_text, flag_iso, country)
        if place is not None:
            parsed.place_label = mention_text or place.name
        elif flag_iso:
            parsed.place_label = parsed.place.country
        first, second = self._roles(actors, verb, text, code)
        theatre = flag_iso or (place.country_iso if place else None)
        parsed.actor1 = self._pattern(first, iso, theatre) if first else None
        parsed.actor2 = self._pattern(second, iso, theatre) if second else None
        if since or until:
            parsed.since, parsed.until = since, until  # the caller's period replaces the claim's
        else:
            parsed.since, parsed.until = self._period(text, code)
        return parsed

    # -- language, verb, actors ---------------------------------------------------------------

    def _language(self, text: str, lang: str | None, parsed: ParsedClaim) -> str | None:
        from groundfacts.text import detect_language
        from groundfacts.text.language import UNSUPPORTED

        if lang:
            code = self.resources.pack_for(lang)
            if code is None:
                parsed.reason, parsed.language_seen = "language", lang
            return code
        packs = self.resources.packs
        found, reason, _conf = detect_language(text, allowed=packs.languages)
        if found is not None:
            return packs.pack_for(found)
        scores = {
            code: (self._verb(text, code) is not None)
            + bool(self.resources.actors.find(text, code))
            for code in packs.codes
        }
        best = max(scores, key=scores.__getitem__)  # ties: the first pack
        if reason.startswith(UNSUPPORTED):
            # names weigh heavily in a short claim ("Abu Sayyaf took Patikul" looks Hausa): a
            # pack that reads both an act and an actor in it reads the claim
            if scores[best] == 2:
                return best
            parsed.reason, parsed.language_seen = "language", reason[len(UNSUPPORTED) :]
            return None
        # too short to tell: the pack that reads an act or an actor in it
        if scores[best] == 0:
            # nothing in any pack's words: say so in the first pack's language
            parsed.reason = self.words(packs.codes[0]).say("reason_nothing")
            return None
        return best

    def _verb(
        self,
        text: str,
        lang: str,
        avoid: list[tuple[int, int]] = (),  # type: ignore[assignment]
    ) -> tuple[int, int, str] | None:
        """(start, end, trigger class) of the claim's act, outside the ``avoid`` spans (the
        actors): a claim verb of the pack first, else an extraction trigger (a verb before a
        noun, then the strongest, then the first)."""

        def free(start: int, end: int) -> bool:
            return not any(start < e and s < end for s, e in avoid)

        hits = [h for h in self.words(lang).verbs.find(text) if free(h.start, h.end)]
        if hits:
            return hits[0].start, hits[0].end, hits[0].payload
        triggers = [t for t in self.resources.pack(lang).triggers(text) if free(t.start, t.end)]
        if not triggers:
            return None
        best = max(triggers, key=lambda t: (t.voice != "nominal", t.weight, -t.start))
        return best.start, best.end, best.cls

    def _meaning(self, cls: str) -> VerbMeaning:
        if cls in self.settings.classes:
            return self.settings.classes[cls]
        from groundfacts.packs.pack import load_classes

        return VerbMeaning(load_classes().get(cls, ()))

    def _roles(
        self,
        actors: list[ActorMention],
        verb: tuple[int, int, str] | None,
        text: str,
        lang: str,
    ) -> tuple[ActorMention | None, ActorMention | None]:
        """(first actor, second actor): who acts and on whom. A passive verb ("was attacked by",
        "diserang") puts the agent after it."""
        if verb is None:
            return (actors[0] if actors else None), (actors[1] if len(actors) > 1 else None)
        before = [m for m in actors if m.end <= verb[0]]
        after = [m for m in actors if m.start >= verb[1]]
        left = before[-1] if before else None
        right = after[0] if after else None
        if self._passive(text, verb, lang):
            return right, left
        return left, right

    def _passive(self, text: str, verb: tuple[int, int, str], lang: str) -> bool:
        triggers = self.resources.pack(lang).triggers(text)
        return any(t.voice == "passive" and t.start < verb[1] and verb[0] < t.end for t in triggers)

    def _home(self, actors: list[ActorMention]) -> str | None:
        """The country a claim is about when it names no place: a named group's home."""
        groups = self.resources.actors.groups
        for m in actors:
            g = groups.get(m.key) if m.kind == "named" else None
            if g is not None and g.country:
                return g.country
            if m.kind == "role" and m.country:
                return m.country
        return None

    def _iso(self, value: str) -> str | None:
        value = value.strip()
        reg = self.resources.actors
        if len(value) == 2 and value.upper() in reg.countries:
            return value.upper()
        return reg.countries.iso_of(value)

    def _pattern(
        self, m: ActorMention, iso: str | None, theatre: str | None
    ) -> ActorPattern | None:
        """Who a mention stands for. ``iso`` names generic roles ("polisi" in Indonesia);
        ``theatre`` (the claim's own country) picks a group's name there ("Islamic State
        (Syria)"); every name the group has anywhere matches."""
        reg = self.resources.actors
        if m.kind == "country":
            code = m.country or m.key
            if code not in reg.countries:
                return None
            names = [reg.state_forces(code, branch=b).name for b in self.settings.country_branches]
            return ActorPattern(m.text, base_name(names[0]), frozenset(fold(n) for n in names))
        if m.kind == "named":
            actor = reg.resolve(m, country=theatre, year=None, context="")
            if actor is None:
                return None
            known = forms(actor.name)
            g = reg.groups.get(m.key)
            main = actor.name
            if g is not None:
                main = actor.name if theatre else g.name
                # every name the group goes by: datasets name it otherwise ("ASG: Abu Sayyaf")
                aliases = (a.lstrip("=") for a in g.aliases)
                for n in (g.name, *g.theatres.values(), *(r for _, r in g.renamed), *aliases):
                    known |= forms(n)
            return ActorPattern(m.text, base_name(main), frozenset(known))
        actor = reg.resolve(m, country=iso, year=None, context="")
        if m.kind != "role":
            return None
        where = m.country or iso
        if actor is not None and where is not None:
            role_names = forms(actor.name)
            # "mahasiswa", "students": ACLED keeps the sub-type as an associated actor
            for assoc in reg.assocs(m, where):
                role_names |= forms(assoc.name)
            return ActorPattern(m.text, base_name(actor.name), frozenset(role_names))
        # a role in no known country: the part of its name before the country
        role = m.key.partition(":")[0]
        try:
            probes = [reg.role(role, c) for c in _PROBE]
        except (KeyError, ValueError):
            return None
        prefix = commonprefix([fold(p.name) for p in probes])  # noqa: RUF071 (characters)
        if len(prefix) < 3:
            return None
        label = base_name(probes[0].name)[: len(prefix)].rstrip(" (")
        return ActorPattern(m.text, label, frozenset(), (prefix,))

    # -- place and time -----------------------------------------------------------------------

    def _place(
        self,
        text: str,
        lang: str,
        flag_iso: str | None,
        taken: list[tuple[int, int]],
        *,
        hint: str | None = None,
    ) -> tuple[Place | None, str]:
        """The claim's place. ``hint`` (a named group's home) only chooses between places of
        one name: it wins when it finds the place at home ("Samar" for the NPA), else the
        place is read as if there were no hint (Russia's strikes "near Aleppo")."""
        if flag_iso or not hint:
            return self._first_place(text, lang, flag_iso, taken, flag_iso)
        at_home = self._first_place(text, lang, None, taken, hint)
        if at_home[0] is not None and at_home[0].country_iso == hint:
            return at_home
        return self._first_place(text, lang, None, taken, None)

    def _first_place(
        self,
        text: str,
        lang: str,
        flag_iso: str | None,
        taken: list[tuple[int, int]],
        hint: str | None,
    ) -> tuple[Place | None, str]:
        gaz = self.resources.gazetteer
        for pm in gaz.geoparse(text, lang, country=hint):
            if pm.place is None or pm.place.feature == "fallback":
                continue
            if any(pm.start < e and s < pm.end for s, e in taken):
                continue  # "Rusia" the actor is not Russia the place
            if flag_iso and pm.place.country_iso != flag_iso:
                continue
            return pm.place, pm.text
        return None, ""

    def _scope(
        self, place: Place | None, mention: str, flag_iso: str | None, flag_country: str | None
    ) -> PlaceScope:
        reg = self.resources.actors
        km = self.settings.near_km
        if place is None:
            if not flag_iso:
                return PlaceScope(km=km)
            return PlaceScope(flag_iso, reg.countries.name(flag_iso) or flag_country or "", km=km)
        scope = PlaceScope(place.country_iso, place.country, km=km, admin1_of=self._region)
        if place.feature == "country":
            return scope
        scope.names = {fold(place.name), fold(mention)} - {""}
        scope.point = (place.latitude, place.longitude)
        if place.feature == "admin1":
            scope.admin1 = place.name
        else:
            scope.admin1 = place.admin1
            scope.location = place.name
        return scope

    def _region(self, admin1: str, iso: str) -> str | None:
        """The gazetteer's name of a dataset's first-level region ("Jawa Timur" -> "East
        Java"), so a region named in a claim finds events however the data spells it."""
        key = (admin1, iso)
        if key not in self._regions:
            place = self.resources.gazetteer.resolve(admin1, context="", country=iso or None)
            self._regions[key] = (
                (place.name if place.feature == "admin1" else place.admin1) if place else None
            )
        return self._regions[key]

    def _period(self, text: str, lang: str) -> tuple[dt.date | None, dt.date | None]:
        """The claim's own time scope: stated dates (a month is the whole month) and years;
        a word before one ("since", "sebelum") makes it open one end only."""
        spans: list[tuple[int, dt.date, dt.date]] = []  # (start in text, first day, last day)
        taken: list[tuple[int, int]] = []
        for d in self.resources.pack(lang).dates(text, None):
            taken.append((d.start, d.end))
            if d.date is None:
                continue  # "on Tuesday": no day without a reference date
            if d.precision == 3:
                last = calendar.monthrange(d.date.year, d.date.month)[1]
                spans.append((d.start, d.date.replace(day=1), d.date.replace(day=last)))
            elif d.precision == 2:
                week = dt.timedelta(days=3)
                spans.append((d.start, d.date - week, d.date + week))
            else:
                spans.append((d.start, d.date, d.date))
        for m in _YEAR.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            year = int(m.group(1))
            spans.append((m.start(), dt.date(year, 1, 1), dt.date(year, 12, 31)))
        words = self.words(lang)
        lows: list[dt.date] = []
        highs: list[dt.date] = []
        day = dt.timedelta(days=1)
        for start, lo, hi in spans:
            before = text[:start].split()
            bound = words.bound(before[-1]) if before else ""
            if bound == "since":
                lows.append(lo)
            elif bound == "after":
                lows.append(hi + day)
            elif bound == "until":
                highs.append(hi)
            elif bound == "before":
                highs.append(lo - day)
            else:
                lows.append(lo)
                highs.append(hi)
        return (min(lows) if lows else None), (max(highs) if highs else None)


# ---- checking -------------------------------------------------------------------------------


class ClaimChecker:
    """Checks claims against one store; create once for many claims (resources load once)."""

    def __init__(
        self,
        store: EventStore,
        resources: Resources | None = None,
        *,
        merged: bool = False,
        source: str | None = None,
    ) -> None:
        self.store = store
        self.reader = ClaimReader(resources)
        self.merged = merged
        self.source = source

    def check(
        self,
        claim: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        country: str | None = None,
        lang: str | None = None,
    ) -> ClaimResult:
        parsed = self.reader.read(claim, lang=lang, since=since, until=until, country=country)
        return self.judge(parsed)

    def _events(self, parsed: ParsedClaim) -> Iterable[Event]:
        flt = EventFilter(
            since=parsed.since, until=parsed.until, country=parsed.place.country_iso or None
        )
        # a first cut in the store: the claim's types, and some name of its first actor (or
        # of its second, when it names no first) somewhere among an event's actors
        who = parsed.actor1 or parsed.actor2
        evs = self.store.events_matching(
            flt,
            sub_event_types=parsed.sub_event_types,
            actor_terms=_terms(who) if who else (),
            merged=self.merged,
        )
        for ev in evs:
            if self.source and self.source.casefold() not in (ev.source or "").casefold():
                continue
            if parsed.place.contains(ev):
                yield ev

    def judge(self, parsed: ParsedClaim) -> ClaimResult:
        if parsed.reason or parsed.language is None:
            return self._unparsed(parsed)
        types = set(parsed.sub_event_types)
        by_actor1: list[tuple[Event, list[str], bool]] = []  # event, target side, unsure
        for ev in self._events(parsed):
            if types and ev.sub_event_type not in types:
                continue
            one = [ev.actor1, ev.assoc_actor_1]
            two = [ev.actor2, ev.assoc_actor_2]
            if ev.sub_event_type in parsed.reversed_types:
                if parsed.actor2 is None:
                    continue
                one, two = two, one
            if parsed.actor1 is None:
                by_actor1.append((ev, two, False))
                continue
            ok, unsure = parsed.actor1.on_side(one)
            if ok:
                by_actor1.append((ev, two, unsure))
            elif parsed.symmetric:
                ok, unsure = parsed.actor1.on_side(two)
                if ok:
                    by_actor1.append((ev, one, unsure))
        matching: list[Event] = []
        unsure_count = 0
        for ev, target_side, unsure in by_actor1:
            if parsed.actor2 is None:
                matching.append(ev)
                unsure_count += unsure
                continue
            ok, unsure2 = parsed.actor2.on_side(target_side)
            if ok:
                matching.append(ev)
                unsure_count += unsure or unsure2
        targets = Counter(
            base_name(target[0]) if target[0] else "" for _ev, target, _u in by_actor1
        )
        if parsed.negated:
            verdict = "contradicted" if matching else "consistent"
        else:
            verdict = "supported" if matching else "not-found"
        limit = self.reader.settings.evidence
        shown = matching or [ev for ev, _t, _u in by_actor1]
        result = ClaimResult(
            claim=parsed.text,
            language=parsed.language,
            parsed=parsed,
            verdict=verdict,
            matching_events=len(matching),
            evidence=[ClaimEvidence.of(ev) for ev in shown[:limit]],
            actor1_events=len(by_actor1),
            actor1_targets=sorted(targets.items(), key=lambda kv: (-kv[1], kv[0])),
            thin=not by_actor1,
        )
        result.explanation = self._explain(parsed, result, unsure_count)
        return result

    def _unparsed(self, parsed: ParsedClaim) -> ClaimResult:
        lang = parsed.language or "en"
        words = self.reader.words(lang)
        reason = parsed.reason
        if reason == "language":
            reason = words.say("reason_language", language=parsed.language_seen or "?")
        return ClaimResult(
            claim=parsed.text,
            language=parsed.language,
            parsed=parsed,
            verdict="unparsed",
            explanation=words.say("unparsed", reason=reason),
        )

    def _explain(self, parsed: ParsedClaim, r: ClaimResult, unsure: int) -> str:
        w = self.reader.words(parsed.language or "en")
        cls = parsed.verb_class
        a1 = parsed.actor1.label if parsed.actor1 else ""
        a2 = parsed.actor2.label if parsed.actor2 else ""
        scope = ""
        if parsed.place_label:
            scope += w.say("place", place=parsed.place_label)
        if parsed.since and parsed.until:
            scope += w.say("since_until", since=parsed.since, until=parsed.until)
        elif parsed.since:
            scope += w.say("since", since=parsed.since)
        elif parsed.until:
            scope += w.say("until", until=parsed.until)
        n, m = r.matching_events, r.actor1_events
        values = {
            "n": n,
            "m": m,
            "noun": w.noun(cls, n),
            "noun_m": w.noun(cls, m),
            "noun_plural": w.noun(cls, 2),
            "by": w.say("by", actor1=a1) if a1 else "",
            "against": w.say("against", actor2=a2) if a2 else "",
            "actor1": a1,
            "actor2": a2,
            "scope": scope,
            "targets": self._targets(w, r.actor1_targets),
        }
        if r.verdict == "supported":
            text = w.say("supported", **values)
        elif r.verdict == "contradicted":
            text = w.say("contradicted", **values)
        elif r.thin:
            # nothing of the first actor (or nothing at all) in scope: say so, and no more
            text = (w.say("not_found", **values) + " " if a1 and a2 else "") + w.say(
                "no_evidence", **values
            )
        elif r.verdict == "consistent" and a2:
            text = w.say("consistent", **values)
        else:
            text = w.say("not_found", **values)
            if a1 and a2:
                text += w.say("others", **values)
        if unsure:
            text += w.say("either", k=unsure)
        return text

    def _targets(self, w: ClaimLanguage, targets: list[tuple[str, int]]) -> str:
        top = self.reader.settings.targets_named
        names = [name or w.say("no_target") for name, _n in targets[:top]]
        text = w.say("list_sep").join(names)
        if len(targets) > top:
            text += w.say("others_more", k=len(targets) - top)
        return text


def _terms(who: ActorPattern) -> list[str]:
    """Substrings one of which any event of ``who`` carries (apostrophes vary: the longest
    part without one)."""
    return sorted({max(t.split("'"), key=len) for t in (*who.names, *who.prefixes)} - {""})


def check_claim(
    store: EventStore,
    claim: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: str | None = None,
    resources: Resources | None = None,
    lang: str | None = None,
    merged: bool = False,
    source: str | None = None,
) -> ClaimResult:
    """Check one claim against the events of ``store``; see :class:`ClaimChecker` to check
    many with resources loaded once."""
    checker = ClaimChecker(store, resources, merged=merged, source=source)
    return checker.check(claim, since=since, until=until, country=country, lang=lang)
