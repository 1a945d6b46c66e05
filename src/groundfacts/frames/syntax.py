"""Function-word tables (per language pack) that the frame builder uses to assign roles."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from groundfacts.errors import PackDataError

_KEYS = (
    "clause_breaks",
    "subject_carriers",
    "agent_markers",
    "assoc_markers",
    "support_verbs",
    "target_markers",
    "list_joiners",
    "place_heads",
    "casualty_subsets",
    "light_verbs",
    "genitive_stops",
    "locatives",
    "stance_prefixes",
    "possessives",
    "between_markers",
    "between_joiners",
    "territorial_classes",
    "claim_phrases",
    "definites",
    "definites_after",
    "goods_prepositions",
    "unit_nouns",
    "grievance_markers",
    "victim_verbs",
    "territory_nouns",
    "container_heads",
    "device_victim_verbs",
    "elliptic_subjects",
    "attribution_phrases",
)
# keys a pack may leave out (newer tables; an absent one matches nothing)
_OPTIONAL_KEYS = (
    "custody_verbs",
    "instrument_markers",
    "air_verbs",
    "air_forces",
    "source_markers",
    "consequence_links",
    "party_markers",
    "symmetric_triggers",
    "blast_outcomes",
    "planting_words",
    "cause_links",
    "crowd_fight_classes",
    "village_words",
    "crowd_nouns",
    "reduced_passives",
    "member_links",
    "seizure_verbs",
    "reduced_passive_joins",
    "reduced_passive_conjunctions",
    "territory_verbs",
    "abandoned_words",
    "group_nouns",
    "affiliation_suffixes",
    "holder_markers",
    "member_heads",
    "name_introducers",
    "wielding_verbs",
    "property_nouns",
    "coded_place",
    "off_duty_words",
    "protest_symbols",
    "infighting_markers",
)


def _words_regex(words: list[str], *, anchored_end: bool = False) -> re.Pattern[str]:
    """A regex matching any of ``words`` on word boundaries, longest first, case-insensitive."""
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in alts) or r"(?!x)x"
    tail = r"\s*$" if anchored_end else r"(?!\w)"
    return re.compile(rf"(?<!\w)(?:{body}){tail}", re.IGNORECASE)


def _words_in(words: list[str], before: str = "", after: str = "") -> re.Pattern[str]:
    """``words`` (as :func:`_words_regex`) between the patterns ``before`` and ``after``."""
    return re.compile(before + _words_regex(words).pattern + after, re.IGNORECASE)


def _marker_then_modifiers(words: list[str], function_words: list[str]) -> re.Pattern[str]:
    """A marker at the end of a text, then at most three lower-case modifiers or numbers
    before the actor ("by the soldiers", "by three unidentified gunmen", "between the army"),
    none of them a function word that opens another phrase ("by gunfire against an ...")."""
    body = _words_regex(words).pattern
    stops = _words_regex([w for w in function_words if w.replace(" ", "").isalpha()]).pattern
    word = rf"(?!{stops})(?-i:[a-z][\w'’-]*)|\d[\w-]*"  # "the 5th battalion"
    return re.compile(body + rf"(?:\s+(?:{word})){{0,3}}\s*$", re.IGNORECASE)


def _flag(lang: str, table: dict[str, object], key: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise PackDataError(f"pack {lang!r}: syntax.toml: {key} must be true or false")
    return value


@dataclass(frozen=True, slots=True)
class NonEventDomain:
    """Deaths or damage of a kind that is no ACLED event (packs/<lang>/nonevents.toml)."""

    name: str
    reason: str
    classes: frozenset[str]
    cues: re.Pattern[str]


def _nonevent_domains(lang: str) -> tuple[NonEventDomain, ...]:
    from groundfacts.packs import tables

    if not tables.exists(lang, "nonevents.toml"):
        return ()  # a pack may know no such domains yet
    try:
        table = tomllib.loads(tables.read_text(lang, "nonevents.toml"))["domains"]
        return tuple(
            NonEventDomain(
                name=str(name),
                reason=str(d["reason"]),
                classes=frozenset(str(c) for c in d["classes"]),
                cues=_words_regex([str(c) for c in d["cues"]]),
            )
            for name, d in table.items()
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise PackDataError(f"pack {lang!r}: nonevents.toml is malformed: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Syntax:
    lang: str
    clause_break: re.Pattern[str]
    subject_carrier_end: re.Pattern[str]
    agent_marker_end: re.Pattern[str]
    # "alleged members of the": a generic head and its link before a named group, which the
    # mention then spans ("killed by alleged members of the X" is killed by X)
    member_head_end: re.Pattern[str]
    # "retook the town from X": who held the ground taken
    holder_marker_end: re.Pattern[str]
    assoc_marker: re.Pattern[str]
    assoc_marker_end: re.Pattern[str]
    support_verb: re.Pattern[str]
    target_marker: re.Pattern[str]
    # "a shootout with the police": the other party of a nominal clash
    party_marker: re.Pattern[str]
    # verbs of a fight that neither side is said to start ("clashed with", "encountered")
    symmetric_triggers: frozenset[str]
    # what a blast does to those it strikes ("wounded", "targeted"): told after a bomb, these
    # verbs report its harm, not a fight that followed it
    blast_outcomes: frozenset[str]
    # a grenade planted, not thrown: the planting word a few words after it, or just before
    planted_after: re.Pattern[str]
    planted_before: re.Pattern[str]
    # a link of cause, then a few words, at the end of the text before a trigger: the trigger
    # names what came first and caused its clause ("following the clash", "after he fled")
    cause_link_end: re.Pattern[str]
    # words that put both sides of a fight in one group ("clashed with each other", "two
    # factions of X"): ACLED names the group on both sides
    infighting: re.Pattern[str]
    # trigger classes in which a community that fights stays a crowd (rioters), not its
    # identity militia ("bentrok antarwarga", "warga Dayak dan warga Madura bentrok")
    crowd_fight_classes: frozenset[str]
    # unit words of a village ("Desa", "Kampung"): two villages whose crowds fight are their
    # communities ("Hila Communal Group (Indonesia)")
    village_words: frozenset[str]
    # nouns that name a crowd, not who is in it ("massa", "pendukung"): what they wreck or
    # burn is mob violence wherever the verb stands ("massa menyerang ... dan membakar")
    crowd_nouns: frozenset[str]
    # what a demonstration burns to make its point ("burnt an effigy", "membakar bendera"):
    # a symbol burnt is the protest's gesture, not violence or destruction
    protest_symbols: re.Pattern[str]
    # participles that end their clause without an object are passives ("one soldier wounded")
    reduced_passives: frozenset[str]
    # what may follow such a participle: the end of its clause, or "and" opening another count
    reduced_end: re.Pattern[str]
    # "seized a rebel camp": a seizure verb before a territory noun takes ground (match it at
    # the trigger); "three camps were seized": the noun before a passive one
    seizure_object: re.Pattern[str]
    seizure_subject_end: re.Pattern[str]
    seizure_verb: re.Pattern[str]
    # "recovered an abandoned camp": ground taken that nobody held
    abandoned: re.Pattern[str]
    # "the officer was off duty": state forces struck out of service are civilians
    off_duty: re.Pattern[str]
    # nouns for members of some armed group ("militants", "rebels"): in a document that names
    # one armed group only, they are that group
    group_nouns: frozenset[str]
    # deaths and damage that are no event: nature, accidents, fires, illness, ordinary crime
    nonevent_domains: tuple[NonEventDomain, ...]
    list_joiner: re.Pattern[str]
    place_heads: frozenset[str]
    casualty_subset_end: re.Pattern[str]
    light_verb: re.Pattern[str]
    # a light verb or a verb of wielding a weapon that opens the phrase after its subject
    # ("X fired RPG rockets", "X carried out a series of attacks")
    subject_verb_start: re.Pattern[str]
    # an object phrase that opens with property ("a power plant", "three container vans")
    property_object: re.Pattern[str]
    genitive_stop: re.Pattern[str]
    locative_end: re.Pattern[str]
    goods_preposition: re.Pattern[str]
    definite_unit: re.Pattern[str]
    unit_noun: re.Pattern[str]
    victim_verbs: frozenset[str]
    territory_noun: re.Pattern[str]
    container_head_start: re.Pattern[str]
    device_victim_end: re.Pattern[str]
    device_victim_start: re.Pattern[str]
    elliptic_end: re.Pattern[str]
    attribution: re.Pattern[str]
    grievance: re.Pattern[str]
    stance_end: re.Pattern[str]
    # right after a named group, these make it a modifier of the next actor: "the Islamic
    # State-linked JAD network" is JAD
    affiliation_start: re.Pattern[str]
    possessive_end: re.Pattern[str]
    between_marker_end: re.Pattern[str]
    between_joiner: re.Pattern[str]
    territorial_classes: frozenset[str]
    coded_place_end: re.Pattern[str]
    # grammar, not words: a passive verb's agent may follow it bare ("ditembak KKB"), and a
    # genitive may follow its head noun ("serangan Rusia"); both false unless the pack says so
    bare_passive_agent: bool
    genitive_after_head: bool
    claim: re.Pattern[str]
    definite_end: re.Pattern[str]
    definite_start: re.Pattern[str]
    # "seized rockets and explosives": weapons held, found or downed, not weapons used
    custody_end: re.Pattern[str]
    # "killed by a drone", "dengan helikopter": what an aircraft noun after a verb needs
    instrument_end: re.Pattern[str]
    # "warplanes struck", "helikopter menembaki": an aircraft noun that strikes
    air_verb_start: re.Pattern[str]
    air_forces: frozenset[str]
    # "the army said", "according to police", "kata Kapolres": who tells, not who acts
    source_start: re.Pattern[str]
    source_end: re.Pattern[str]
    # "killed during a police raid": the link, then a few words, then the event that killed
    consequence_link: re.Pattern[str]
    # "terduga teroris anggota jaringan JAD", "militants of the X": a generic noun, then the
    # named group it belongs to (the whole gap between them is one of these links)
    member_link: re.Pattern[str]
    # "menyita lima bom rakitan", "seized five homemade bombs": weapons taken by their
    # captors, a disrupted weapons use (other custody verbs only say weapons were held)
    seizure_end: re.Pattern[str]
    # "tersangka berinisial AS": a person's initials or name follow, not an actor ("AS" is
    # no United States there)
    name_introducer_end: re.Pattern[str]

    @classmethod
    def load(cls, lang: str) -> Syntax:
        from groundfacts.packs import tables

        raw = tables.read_text(lang, "syntax.toml")
        try:
            table = tomllib.loads(raw)["syntax"]
        except (tomllib.TOMLDecodeError, KeyError) as exc:
            raise PackDataError(f"pack {lang!r}: syntax.toml is malformed: {exc}") from exc
        missing = [k for k in _KEYS if k not in table]
        if missing:
            raise PackDataError(f"pack {lang!r}: syntax.toml lacks {', '.join(missing)}")
        for k in _OPTIONAL_KEYS:
            table.setdefault(k, [])
        joiners = [w for w in table["list_joiners"] if w.strip()]
        joiner_alts = "|".join(
            re.escape(w) if not w.isalpha() else rf"(?<!\w){re.escape(w)}(?!\w)"
            for w in sorted(joiners, key=len, reverse=True)
        )
        function_words = [
            w
            for k in (
                "target_markers",
                "locatives",
                "genitive_stops",
                "agent_markers",
                "between_markers",
                "list_joiners",
                "clause_breaks",
                "subject_carriers",
                "party_markers",
            )
            for w in table[k]
        ]
        return cls(
            lang=lang,
            clause_break=re.compile(
                r";|:|\s[-–—]\s|"
                + _words_regex(table["clause_breaks"]).pattern.replace("(?<!\\w)", "(?<=[\\s,])"),
                re.IGNORECASE,
            ),
            subject_carrier_end=_words_regex(table["subject_carriers"], anchored_end=True),
            agent_marker_end=_marker_then_modifiers(table["agent_markers"], function_words),
            member_head_end=re.compile(
                _words_regex(table["member_heads"]).pattern + r"\s+$", re.IGNORECASE
            ),
            holder_marker_end=_marker_then_modifiers(table["holder_markers"], function_words),
            assoc_marker=_words_regex(table["assoc_markers"]),
            assoc_marker_end=_marker_then_modifiers(table["assoc_markers"], function_words),
            support_verb=_words_regex(table["support_verbs"]),
            target_marker=_words_regex(table["target_markers"]),
            party_marker=_words_regex(table["party_markers"]),
            symmetric_triggers=frozenset(w.lower() for w in table["symmetric_triggers"]),
            blast_outcomes=frozenset(w.lower() for w in table["blast_outcomes"]),
            planted_after=_words_in(
                table["planting_words"], before=r"(?:[\s,]+(?:that|which|yang))?[\s,]+"
            ),
            planted_before=_words_in(table["planting_words"], after=r"(?:\s+[\w-]+){0,2}\s*$"),
            cause_link_end=_words_in(
                table["cause_links"], after=r"(?:[\s,-]+[\w'’-]+){0,6}[\s-]*$"
            ),
            infighting=_words_regex(table["infighting_markers"]),
            crowd_fight_classes=frozenset(table["crowd_fight_classes"]),
            village_words=frozenset(w.lower() for w in table["village_words"]),
            crowd_nouns=frozenset(w.lower() for w in table["crowd_nouns"]),
            protest_symbols=_words_regex(table["protest_symbols"]),
            reduced_passives=frozenset(w.lower() for w in table["reduced_passives"]),
            reduced_end=re.compile(
                r"\s*(?:[,.;:)]|$|"
                + _words_regex(table["reduced_passive_conjunctions"]).pattern
                + r"\s+(?:\d|"
                + _words_regex(table["reduced_passive_joins"]).pattern
                + "))",
                re.IGNORECASE,
            ),
            nonevent_domains=_nonevent_domains(lang),
            seizure_object=re.compile(
                _words_regex(table["territory_verbs"]).pattern
                + rf"(?:\s+(?!{_words_regex(function_words).pattern})[\w'’-]+){{0,4}}?\s+"
                + _words_regex(table["territory_nouns"]).pattern,
                re.IGNORECASE,
            ),
            seizure_subject_end=re.compile(
                _words_regex(table["territory_nouns"]).pattern + r"(?:\s+[\w'’-]+){0,3}\s*$",
                re.IGNORECASE,
            ),
            seizure_verb=_words_regex(table["territory_verbs"]),
            abandoned=_words_regex(table["abandoned_words"]),
            off_duty=_words_regex(table["off_duty_words"]),
            group_nouns=frozenset(w.lower() for w in table["group_nouns"]),
            list_joiner=re.compile(joiner_alts, re.IGNORECASE),
            place_heads=frozenset(w.lower() for w in table["place_heads"]),
            casualty_subset_end=_words_regex(table["casualty_subsets"], anchored_end=True),
            light_verb=_words_regex(table["light_verbs"]),
            property_object=re.compile(
                r"^[\s,]*(?:[\w'’-]+\s+){0,3}" + _words_regex(table["property_nouns"]).pattern,
                re.IGNORECASE,
            ),
            subject_verb_start=re.compile(
                r"^\s*" + _words_regex(table["light_verbs"] + table["wielding_verbs"]).pattern,
                re.IGNORECASE,
            ),
            genitive_stop=_words_regex(table["genitive_stops"]),
            locative_end=_words_regex(table["locatives"], anchored_end=True),
            goods_preposition=_words_regex(table["goods_prepositions"]),
            definite_unit=re.compile(
                _words_regex(table["definites"]).pattern
                + r"\s+(?:\w+\s+)?"
                + _words_regex(table["unit_nouns"]).pattern
                + "|"
                + _words_regex(table["unit_nouns"]).pattern
                + r"\s+"
                + _words_regex(table["definites_after"]).pattern,
                re.IGNORECASE,
            ),
            grievance=_words_regex(table["grievance_markers"]),
            unit_noun=_words_regex(table["unit_nouns"]),
            victim_verbs=frozenset(w.lower() for w in table["victim_verbs"]),
            territory_noun=_words_regex(table["territory_nouns"]),
            elliptic_end=_words_regex(table["elliptic_subjects"], anchored_end=True),
            attribution=_words_regex(table["attribution_phrases"]),
            device_victim_start=re.compile(
                r"^" + _words_regex(table["device_victim_verbs"]).pattern, re.IGNORECASE
            ),
            device_victim_end=re.compile(
                _words_regex(table["device_victim_verbs"]).pattern + r"(?:\s+\w+){0,2}\s*$",
                re.IGNORECASE,
            ),
            container_head_start=re.compile(
                r"^\s*" + _words_regex(table["container_heads"]).pattern, re.IGNORECASE
            ),
            possessive_end=_words_regex(table["possessives"], anchored_end=True),
            between_marker_end=_marker_then_modifiers(table["between_markers"], function_words),
            between_joiner=_words_regex(table["between_joiners"]),
            territorial_classes=frozenset(table["territorial_classes"]),
            coded_place_end=_words_regex(table["coded_place"], anchored_end=True),
            bare_passive_agent=_flag(lang, table, "bare_passive_agent"),
            genitive_after_head=_flag(lang, table, "genitive_after_head"),
            claim=_words_regex(table["claim_phrases"]),
            definite_end=_words_regex(table["definites"], anchored_end=True),
            definite_start=re.compile(
                r"^\s*" + _words_regex(table["definites_after"]).pattern, re.IGNORECASE
            ),
            custody_end=_words_in(table["custody_verbs"], after=r"(?:\s+[\w-]+,?){0,6}\s*$"),
            instrument_end=_words_in(table["instrument_markers"], after=r"(?:\s+[\w-]+){0,2}\s*$"),
            air_verb_start=re.compile(
                r"^(?:\s+[\w-]+){0,3}?\s+" + _words_regex(table["air_verbs"]).pattern,
                re.IGNORECASE,
            ),
            air_forces=frozenset(w.lower() for w in table["air_forces"]),
            source_start=re.compile(
                r"^[\s,(]*" + _words_regex(table["source_markers"]).pattern, re.IGNORECASE
            ),
            source_end=_words_regex(table["source_markers"], anchored_end=True),
            consequence_link=re.compile(
                r"^[\s,]*"
                + _words_regex(table["consequence_links"]).pattern
                + r"(?:[\s-]+[\w'’-]+){0,6}[\s-]*$",
                re.IGNORECASE,
            ),
            seizure_end=re.compile(
                _words_regex(table["seizure_verbs"]).pattern + r"(?:\s+[\w-]+,?){0,6}\s*$",
                re.IGNORECASE,
            ),
            member_link=re.compile(
                r"^\s*(?:" + _words_regex(table["member_links"]).pattern + r")\s*$",
                re.IGNORECASE,
            ),
            affiliation_start=re.compile(
                r"(?:"
                + "|".join(
                    re.escape(w)
                    for w in sorted(table["affiliation_suffixes"], key=len, reverse=True)
                )
                + r")(?!\w)"
                if table["affiliation_suffixes"]
                else r"(?!x)x",
                re.IGNORECASE,
            ),
            name_introducer_end=_words_regex(table["name_introducers"], anchored_end=True),
            stance_end=re.compile(
                r"(?<!\w)(?:"
                + "|".join(
                    re.escape(w) for w in sorted(table["stance_prefixes"], key=len, reverse=True)
                )
                + r")[\s-]*$",
                re.IGNORECASE,
            ),
        )
