"""A language pack: the data of one language and the finders built from it.

``Pack.load`` reads only ``pack.toml``; each table is parsed and its automaton built the first
time it is needed, then kept on the object. Create a Pack once per language and reuse it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

from groundfacts.errors import PackDataError, UnsupportedLanguageError
from groundfacts.packs import morphology, tables
from groundfacts.packs.discovery import find_packs
from groundfacts.packs.matcher import PhraseMatcher, lower_same_length
from groundfacts.records import EVENT_TYPES, Casualties, Cue, DateMention, Trigger

if TYPE_CHECKING:
    from groundfacts.frames.casualties import CasualtyFinder
    from groundfacts.frames.dates import DateFinder
    from groundfacts.packs.numbers import NumberReader

VOICES = frozenset({"active", "passive", "nominal"})
CUE_KINDS = frozenset(
    {
        "negation",
        "denial",
        "future",
        "plan",
        "threat",
        "hypothetical",
        "spared",
        "failed",
        "foiled",
        "call",
        "question",
        "report",
        "attempt",
        "-",  # a phrase that only shields its words from shorter cues ("tak dikenal")
    }
)
REQUIRED_FILES: tuple[str, ...] = (
    "pack.toml",
    "triggers.tsv",
    "cues.toml",
    "markers.toml",
    "numbers.tsv",
    "casualties.tsv",
    "casualties.toml",
    "dates.toml",
    "abbreviations.txt",
)


def available_languages() -> list[str]:
    """Languages with a pack of their own ("ms" is served by the "id" pack), from the packs."""
    return sorted(find_packs().codes)


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """What the pack knows about one trigger form."""

    sub_event_type: str
    cls: str
    lemma: str
    voice: str
    weight: float


class Pack:
    """Language data for one language, with finders for triggers, cues, casualties and dates."""

    lang: str

    def __init__(self, lang: str, meta: dict[str, Any]) -> None:
        self.lang = lang
        self.meta = meta

    @classmethod
    def load(cls, lang: str) -> Pack:
        index = find_packs()
        code = index.pack_for(lang)
        if not code:
            raise UnsupportedLanguageError(
                f"no language pack for {lang!r} (packs: {', '.join(sorted(index.serves))})"
            )
        for name in REQUIRED_FILES:
            if not tables.exists(code, name):
                raise PackDataError(f"pack {code!r}: table packs/{code}/{name} is missing")
        meta = tables.toml_section(tables.read_toml(code, "pack.toml"), "pack", code, "pack.toml")
        return cls(code, meta)

    def check(self) -> None:
        """Parse every table now (tests and `groundfacts` start-up checks use this)."""
        for prop in ("_trigger_matcher", "_cue_matcher", "_markers", "casualty_finder"):
            getattr(self, prop)
        self.date_finder.check()
        _ = self.abbreviations

    # -- triggers -----------------------------------------------------------------------------

    def _trigger_rows(self) -> list[tuple[str, TriggerEntry]]:
        name = "triggers.tsv"
        rows: list[tuple[str, TriggerEntry]] = []
        for line, (lemma, cls_, sub, voice, weight, forms) in tables.read_tsv(self.lang, name, 6):
            entry = self._entry(name, line, lemma, cls_, sub, voice, weight)
            for form in forms.split("|"):
                if form.strip():
                    rows.append((form.strip(), entry))
        if self.meta.get("morphology") == "id":
            rows.extend(self._root_rows())
        return rows

    def _entry(
        self, name: str, line: int, lemma: str, cls_: str, sub: str, voice: str, weight: str
    ) -> TriggerEntry:
        where = f"packs/{self.lang}/{name}:{line}"
        if sub not in EVENT_TYPES:
            raise PackDataError(f"{where}: unknown sub-event type {sub!r}")
        if voice not in VOICES:
            raise PackDataError(f"{where}: voice must be one of {sorted(VOICES)}, not {voice!r}")
        try:
            w = float(weight)
        except ValueError as exc:
            raise PackDataError(f"{where}: weight {weight!r} is not a number") from exc
        if cls_ not in self.class_types:
            raise PackDataError(f"{where}: unknown trigger class {cls_!r} (see packs/classes.toml)")
        return TriggerEntry(sub, cls_, lemma, voice, w)

    def _root_rows(self) -> list[tuple[str, TriggerEntry]]:
        name = "roots.tsv"
        rows: list[tuple[str, TriggerEntry]] = []
        for line, (root, cls_, sub, weight, affixes) in tables.read_tsv(self.lang, name, 5):
            self._entry(name, line, root, cls_, sub, "active", weight)  # validates the row
            try:
                generated = morphology.forms(root, affixes.split())
            except PackDataError as exc:
                raise PackDataError(f"packs/{self.lang}/{name}:{line}: {exc}") from exc
            for form, voice, _affix in generated:
                rows.append((form, TriggerEntry(sub, cls_, root, voice, float(weight))))
        return rows

    @cached_property
    def _trigger_matcher(self) -> PhraseMatcher[TriggerEntry]:
        # Listed forms come first, so they win over generated forms spelled the same.
        return PhraseMatcher(self._trigger_rows(), clitics=self.clitics)

    @cached_property
    def class_types(self) -> dict[str, tuple[str, ...]]:
        """Trigger class -> the sub-event types it may be re-typed to (packs/classes.toml)."""
        return load_classes()

    @cached_property
    def trigger_forms(self) -> dict[str, TriggerEntry]:
        """Every trigger form (lower case) and its entry; for inspection and tests."""
        table: dict[str, TriggerEntry] = {}
        for form, entry in self._trigger_rows():
            table.setdefault(form.lower().lstrip("="), entry)
        return table

    def triggers(self, text: str) -> list[Trigger]:
        """Event triggers in ``text``, longest match first, offsets into ``text``."""
        low = lower_same_length(text)
        out: list[Trigger] = []
        for m in self._trigger_matcher.find(text, low):
            e = m.payload
            voice = self._voice(low, m.start, m.end, e.voice)
            out.append(
                Trigger(
                    m.start,
                    m.end,
                    text[m.start : m.end],
                    e.sub_event_type,
                    e.lemma,
                    voice,
                    e.weight,
                    e.cls,
                )
            )
        return out

    def _voice(self, low: str, start: int, end: int, voice: str) -> str:
        """Voice from context: English auxiliaries ("was attacked"), or a passive prefix on a
        listed Indonesian phrase ("ditembak mati")."""
        markers = self._markers
        if voice == "active" and markers.passive_prefixes:
            head = low[start:end].split(" ", 1)[0]
            for prefix in markers.passive_prefixes:
                if head.startswith(prefix) and len(head) > len(prefix) + 3:
                    return "passive"
        if not markers.passive_aux:
            return voice
        before = low[max(0, start - 40) : start].split()
        head = low[start:end].split(" ", 1)[0]
        if voice == "active" and (
            low[start:end].endswith("ed") or head.endswith("ed") or head in markers.participles
        ):
            words = [w for w in before[-3:] if w not in markers.passive_adverbs]
            if words and words[-1] in markers.passive_aux:
                return "passive"
        if voice == "nominal" and before and before[-1] in markers.verb_hints:
            return "active"
        return voice

    # -- cues and markers ---------------------------------------------------------------------

    @cached_property
    def _cue_matcher(self) -> PhraseMatcher[str]:
        name = "cues.toml"
        table = tables.toml_section(tables.read_toml(self.lang, name), "cues", self.lang, name)
        rows: list[tuple[str, str]] = []
        for kind, phrases in table.items():
            if kind not in CUE_KINDS:
                raise PackDataError(f"packs/{self.lang}/{name}: unknown cue kind {kind!r}")
            rows.extend((p, kind) for p in tables.str_list(phrases, kind, self.lang, name))
        return PhraseMatcher(rows)

    def cues(self, text: str) -> list[Cue]:
        """Modality cues (negation, denial, future, threat, hypothetical, spared, report...)."""
        return [
            Cue(m.start, m.end, text[m.start : m.end], m.payload)
            for m in self._cue_matcher.find(text)
            if m.payload != "-"
        ]

    @cached_property
    def _markers(self) -> _Markers:
        return _Markers.load(self.lang)

    @property
    def agent_markers(self) -> tuple[str, ...]:
        return self._markers.agent

    @property
    def assoc_markers(self) -> tuple[str, ...]:
        return self._markers.assoc

    @property
    def target_markers(self) -> tuple[str, ...]:
        return self._markers.target

    @property
    def clitics(self) -> tuple[str, ...]:
        return self._markers.clitics

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        """Abbreviations (with their dots) after which a sentence does not end."""
        return frozenset(
            line.strip() for _, line in tables.read_lines(self.lang, "abbreviations.txt")
        )

    # -- numbers, casualties, dates -----------------------------------------------------------

    @cached_property
    def numbers(self) -> NumberReader:
        from groundfacts.packs.numbers import NumberReader

        return NumberReader.load(self.lang)

    @cached_property
    def casualty_finder(self) -> CasualtyFinder:
        from groundfacts.frames.casualties import CasualtyFinder

        return CasualtyFinder.load(self.lang, self.numbers)

    @cached_property
    def date_finder(self) -> DateFinder:
        from groundfacts.frames.dates import DateFinder

        return DateFinder.load(self.lang, self.numbers)

    def casualties(self, text: str) -> list[Casualties]:
        """Numbers of people killed or injured ("killing six", "dua warga tewas")."""
        return self.casualty_finder.find(text)

    def dates(
        self, text: str, published: dt.date | None, order: str | None = None
    ) -> list[DateMention]:
        """Explicit and relative dates; relative ones are resolved against ``published``,
        chained ones ("two days later") by :func:`groundfacts.frames.dates.chain_dates`.
        ``order`` is the document's numeric date order ("dmy"/"mdy"; the pack's default)."""
        return self.date_finder.find(text, published, order)

    def __repr__(self) -> str:
        return f"Pack({self.lang!r})"


def load_classes() -> dict[str, tuple[str, ...]]:
    """The shared table of trigger classes, checked against ACLED's sub-event types."""
    name = "packs/classes.toml"
    try:
        raw = resources.files("groundfacts.packs").joinpath("classes.toml").read_text("utf-8")
        table = tomllib.loads(raw)["classes"]
    except (FileNotFoundError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise PackDataError(f"{name}: missing or malformed ({exc})") from exc
    out: dict[str, tuple[str, ...]] = {}
    for cls_, types in table.items():
        bad = [t for t in types if t not in EVENT_TYPES]
        if not types or bad:
            raise PackDataError(f"{name}: class {cls_!r} lists unknown sub-event types {bad}")
        out[cls_] = tuple(types)
    return out


@dataclass(frozen=True, slots=True)
class _Markers:
    agent: tuple[str, ...]
    assoc: tuple[str, ...]
    target: tuple[str, ...]
    clitics: tuple[str, ...]
    passive_aux: frozenset[str]
    passive_adverbs: frozenset[str]
    verb_hints: frozenset[str]
    passive_prefixes: tuple[str, ...]
    participles: frozenset[str] = frozenset()

    @classmethod
    def load(cls, lang: str) -> _Markers:
        name = "markers.toml"
        t = tables.toml_section(tables.read_toml(lang, name), "markers", lang, name)

        def get(key: str, required: bool = True) -> tuple[str, ...]:
            if key not in t and not required:
                return ()
            return tables.str_list(tables.toml_section(t, key, lang, name), key, lang, name)

        return cls(
            agent=get("agent"),
            assoc=get("assoc"),
            target=get("target"),
            clitics=get("clitics", required=False),
            passive_aux=frozenset(get("passive_aux", required=False)),
            passive_adverbs=frozenset(get("passive_adverbs", required=False)),
            verb_hints=frozenset(get("verb_hints", required=False)),
            passive_prefixes=get("passive_prefixes", required=False),
            participles=frozenset(get("participles", required=False)),
        )
