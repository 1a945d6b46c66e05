"""Loading the registry's data files into typed, immutable tables.

Files (all in ``groundfacts/actors/data``): ``roles.toml`` (how roles become names),
``roles.tsv`` (role nouns per language), ``groups/*.tsv`` (named actors by theatre),
``periods.tsv`` (government periods), ``leaders.tsv``, ``context.tsv`` and ``ethnic.tsv``
(ethnic, clan and communal identities).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable

from groundfacts.actors.tsv import RegistryDataError, read_tsv
from groundfacts.records import EVENT_TYPES

STATE_PREFIX = "=state:"
STATE_BRANCHES = ("military", "police", "government")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _year(cell: str, where: str) -> int | None:
    if not cell:
        return None
    if not cell.isdigit():
        raise RegistryDataError(f"{where}: year must be digits, got {cell!r}")
    return int(cell)


@dataclass(frozen=True, slots=True)
class RoleSpec:
    """How one role becomes an actor: a state branch (+unit) or a name template with inter."""

    key: str
    state: str = ""
    unit: str = ""
    template: str = ""
    inter: int = 0
    units: dict[str, str] = field(default_factory=dict)  # ISO2 -> unit name used there

    def unit_in(self, iso2: str) -> str:
        return self.units.get(iso2, self.unit)


@dataclass(frozen=True, slots=True)
class RolePhrase:
    lang: str
    phrase: str
    role: str
    assoc: str  # ACLED associated-actor label ("Journalists"), or ""
    alone: bool  # a mention by itself
    force: bool  # joined to a country or leader, makes a country mention

    @property
    def key(self) -> str:
        """ActorMention.key: the role, with the assoc slug for civilian sub-types."""
        return f"{self.role}:{self.assoc.casefold()}" if self.assoc else self.role


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str
    inter: int
    country: str | None
    start: int | None
    end: int | None
    aliases: tuple[str, ...]
    theatres: dict[str, str] = field(default_factory=dict)
    renamed: tuple[tuple[int, str], ...] = ()
    source: str = ""

    @property
    def state(self) -> tuple[str, str] | None:
        """(ISO2, branch) when this name stands for a state's forces (IDF, Barkhane)."""
        if not self.name.startswith(STATE_PREFIX):
            return None
        iso2, _, branch = self.name[len(STATE_PREFIX) :].partition(":")
        return iso2, branch or "military"


@dataclass(frozen=True, slots=True)
class Identity:
    """An ethnic, clan or communal identity: the names of its militia and of the group."""

    id: str
    name: str
    militia: str  # template with {country}
    group: str
    aliases: tuple[str, ...]  # only next to a noun ("Fulani militia", "warga Madura")
    standalone: tuple[str, ...]  # name the people by themselves ("Fulanis", "suku Dayak")


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int | None

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    def label(self) -> str:
        return f"({self.start}-{self.end})" if self.end is not None else f"({self.start}-)"


@dataclass(frozen=True, slots=True)
class Leader:
    iso2: str
    start: int | None
    end: int | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContextRule:
    key: str
    surfaces: frozenset[str]  # empty = any surface
    countries: frozenset[str]  # empty = any country
    cues: re.Pattern[str]
    target: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    roles: dict[str, RoleSpec]
    state_templates: dict[str, str]
    the_countries: frozenset[str]
    unknown_country: str
    government_cues: re.Pattern[str]
    phrases: tuple[RolePhrase, ...]
    groups: dict[str, Group]
    periods: dict[str, tuple[Period, ...]]
    leaders: tuple[Leader, ...]
    rules: tuple[ContextRule, ...]
    identities: dict[str, Identity] = field(default_factory=dict)
    # identity type -> (militia, group) templates with {name} and {country} (roles.toml)
    identity_types: dict[str, tuple[str, str]] = field(default_factory=dict)
    attribution_first: tuple[str, ...] = ()  # uncertain pairs name these groups first
    rebels_first: frozenset[str] = frozenset()  # countries coded rebel side first ([sides])
    rebels_first_events: frozenset[str] = frozenset()  # ... in these sub-event types

    @property
    def languages(self) -> frozenset[str]:
        """The languages the role table has phrases for (a new language is new rows)."""
        return frozenset(p.lang for p in self.phrases)


def word_pattern(words: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """Case-insensitive whole-word alternation, longest first."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _data() -> Traversable:
    return resources.files("groundfacts.actors") / "data"


def _load_toml(path: Traversable) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RegistryDataError(f"{path}: data file is missing") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryDataError(f"{path}: {exc}") from exc


def _load_role_specs(
    path: Traversable,
) -> tuple[dict[str, RoleSpec], dict[str, str], frozenset[str], str, re.Pattern[str]]:
    return _role_specs(_load_toml(path), path)


def _role_specs(
    doc: dict[str, object], path: Traversable
) -> tuple[dict[str, RoleSpec], dict[str, str], frozenset[str], str, re.Pattern[str]]:
    try:
        states = {k: str(v["template"]) for k, v in dict(doc["state"]).items()}  # type: ignore[call-overload]
        roles: dict[str, RoleSpec] = {}
        for key, spec in dict(doc["role"]).items():  # type: ignore[call-overload]
            roles[key] = RoleSpec(
                key=key,
                state=str(spec.get("state", "")),
                unit=str(spec.get("unit", "")),
                template=str(spec.get("template", "")),
                inter=int(spec.get("inter", 0)),
                units={str(k): str(v) for k, v in dict(spec.get("units", {})).items()},
            )
        the = frozenset(str(c) for c in doc.get("the_countries", []))  # type: ignore[attr-defined]
        unknown = str(doc.get("unknown_country", "International"))
        cues = list(dict(doc["context"])["government"])  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError) as exc:
        raise RegistryDataError(f"{path}: malformed table ({exc})") from exc
    for spec in roles.values():
        if spec.state and spec.state not in states:
            raise RegistryDataError(f"{path}: role {spec.key} uses unknown state {spec.state}")
        if not spec.state and (not spec.template or not 1 <= spec.inter <= 8):
            raise RegistryDataError(f"{path}: role {spec.key} needs a template and inter 1-8")
    return roles, states, the, unknown, word_pattern(cues)


def _flag(cell: str, where: str) -> bool:
    if cell not in ("yes", "no"):
        raise RegistryDataError(f"{where}: expected yes or no, got {cell!r}")
    return cell == "yes"


def _load_phrases(path: Traversable, roles: dict[str, RoleSpec]) -> tuple[RolePhrase, ...]:
    out = []
    cols = ("lang", "phrase", "role", "assoc", "alone", "force")
    for row in read_tsv(path, required=cols):
        where = f"{path}:{row['_line']}"
        if row["role"] not in roles and row["role"] != "member":
            raise RegistryDataError(f"{where}: unknown role {row['role']!r}")
        if not row["phrase"]:
            raise RegistryDataError(f"{where}: empty phrase")
        out.append(
            RolePhrase(
                lang=row["lang"],
                phrase=row["phrase"],
                role=row["role"],
                assoc=row["assoc"],
                alone=_flag(row["alone"], where),
                force=_flag(row["force"], where),
            )
        )
    return tuple(out)


def _load_groups(folder: Traversable, roles: dict[str, RoleSpec] | None = None) -> dict[str, Group]:
    roles = roles or {}
    groups: dict[str, Group] = {}
    cols = ("id", "name", "inter", "country", "start", "end", "aliases", "theatres", "renamed")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
    if not files:
        raise RegistryDataError(f"{folder}: no group files (*.tsv)")
    for path in files:
        for row in read_tsv(path, required=cols):
            where = f"{path}:{row['_line']}"
            gid = row["id"]
            if not gid or gid in groups:
                raise RegistryDataError(f"{where}: empty or duplicate id {gid!r}")
            name = row["name"]
            is_state = name.startswith(STATE_PREFIX)
            if is_state:
                iso2, _, branch = name[len(STATE_PREFIX) :].partition(":")
                # a branch, or a state unit role ("=state:PH:cafgu" names that unit)
                unit_role = branch in roles and bool(roles[branch].state)
                if len(iso2) != 2 or (branch and branch not in STATE_BRANCHES and not unit_role):
                    raise RegistryDataError(f"{where}: bad state reference {name!r}")
                inter = 1
            else:
                if not row["inter"].isdigit() or not 1 <= int(row["inter"]) <= 8:
                    raise RegistryDataError(f"{where}: inter must be 1-8, got {row['inter']!r}")
                inter = int(row["inter"])
            theatres: dict[str, str] = {}
            for item in _split(row["theatres"]):
                codes, sep, tname = item.partition("=")
                if not sep or not tname:
                    raise RegistryDataError(f"{where}: theatre must be ISO[,ISO]=name: {item!r}")
                for code in codes.split(","):
                    theatres[code.strip()] = tname.strip()
            renamed: list[tuple[int, str]] = []
            for item in _split(row["renamed"]):
                year, sep, rname = item.partition("=")
                if not sep or not year.isdigit() or not rname:
                    raise RegistryDataError(f"{where}: renamed must be YEAR=name: {item!r}")
                renamed.append((int(year), rname))
            aliases = _split(row["aliases"])
            if not aliases:
                raise RegistryDataError(f"{where}: group {gid} has no aliases")
            groups[gid] = Group(
                id=gid,
                name=name,
                inter=inter,
                country=row["country"] or None,
                start=_year(row["start"], where),
                end=_year(row["end"], where),
                aliases=aliases,
                theatres=theatres,
                renamed=tuple(sorted(renamed)),
                source=f"{path.name}:{row['_line']}",
            )
    return groups


def _load_periods(path: Traversable) -> dict[str, tuple[Period, ...]]:
    periods: dict[str, list[Period]] = {}
    for row in read_tsv(path, required=("iso2", "start", "end")):
        where = f"{path}:{row['_line']}"
        start = _year(row["start"], where)
        if start is None:
            raise RegistryDataError(f"{where}: period needs a start year")
        periods.setdefault(row["iso2"], []).append(Period(start, _year(row["end"], where)))
    return {k: tuple(v) for k, v in periods.items()}


def _load_leaders(path: Traversable) -> tuple[Leader, ...]:
    out = []
    for row in read_tsv(path, required=("iso2", "start", "end", "aliases")):
        where = f"{path}:{row['_line']}"
        out.append(
            Leader(
                iso2=row["iso2"],
                start=_year(row["start"], where),
                end=_year(row["end"], where),
                aliases=_split(row["aliases"]),
            )
        )
    return tuple(out)


def _load_rules(path: Traversable, groups: dict[str, Group]) -> tuple[ContextRule, ...]:
    out = []
    for row in read_tsv(path, required=("key", "surface", "countries", "cues", "target")):
        where = f"{path}:{row['_line']}"
        target = row["target"]
        kind, _, ref = target.partition(":")
        if kind == "named" and ref not in groups:
            raise RegistryDataError(f"{where}: unknown group {ref!r}")
        if kind not in ("named", "role", "state"):
            raise RegistryDataError(f"{where}: target must be named:, role: or state:")
        surfaces = (
            frozenset()
            if row["surface"] == "*"
            else frozenset(s.casefold() for s in _split(row["surface"]))
        )
        countries = frozenset() if row["countries"] == "*" else frozenset(_split(row["countries"]))
        out.append(
            ContextRule(
                key=row["key"],
                surfaces=surfaces,
                countries=countries,
                cues=word_pattern(list(_split(row["cues"]))),
                target=target,
            )
        )
    return tuple(out)


# Prefixes that turn an identity's name into a phrase naming its people ("ethnic Fulani",
# "suku Dayak", "orang Madura"); "armed" makes it an armed phrase (a militia).
IDENTITY_PREFIXES = ("ethnic ", "suku ", "etnis ", "orang ", "kaum ")
ARMED_PREFIXES = ("armed ",)


def _identity_templates(doc: dict[str, object], path: Traversable) -> dict[str, tuple[str, str]]:
    try:
        table = dict(doc["identity"])  # type: ignore[call-overload]
        return {str(k): (str(v["militia"]), str(v["group"])) for k, v in table.items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise RegistryDataError(f"{path}: malformed [identity] tables ({exc})") from exc


def _load_identities(
    path: Traversable, templates: dict[str, tuple[str, str]]
) -> dict[str, Identity]:
    out: dict[str, Identity] = {}
    for row in read_tsv(path, required=("id", "name", "type", "aliases", "plurals")):
        where = f"{path}:{row['_line']}"
        iid = row["id"]
        if not iid or iid in out or ":" in iid:
            raise RegistryDataError(f"{where}: empty, duplicate or malformed id {iid!r}")
        if row["type"] not in templates:
            raise RegistryDataError(f"{where}: unknown identity type {row['type']!r}")
        aliases = _split(row["aliases"])
        if not row["name"] or not aliases:
            raise RegistryDataError(f"{where}: identity {iid} needs a name and aliases")
        militia, group = templates[row["type"]]
        # Identities match with their capitals; a prefix may open the sentence ("Orang Papua").
        prefixes = [f for p in IDENTITY_PREFIXES for f in (p, p.capitalize())]
        standalone = (*_split(row["plurals"]), *(p + a for p in prefixes for a in aliases))
        out[iid] = Identity(
            id=iid,
            name=row["name"],
            militia=militia.replace("{name}", row["name"]),
            group=group.replace("{name}", row["name"]),
            aliases=aliases,
            standalone=standalone,
        )
    return out


def _attribution_first(
    doc: dict[str, object], path: Traversable, groups: dict[str, Group]
) -> tuple[str, ...]:
    try:
        first = tuple(str(g) for g in dict(doc.get("attribution", {}))["first"])  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError) as exc:
        raise RegistryDataError(f"{path}: malformed [attribution] table ({exc})") from exc
    unknown = [g for g in first if g not in groups]
    if unknown:
        raise RegistryDataError(f"{path}: [attribution] names unknown groups {unknown}")
    return first


def _rebels_first(
    doc: dict[str, object], path: Traversable
) -> tuple[frozenset[str], frozenset[str]]:
    """The countries of [sides] rebels_first, and the sub-event types they order so."""
    try:
        table = dict(doc.get("sides", {}))  # type: ignore[call-overload]
        isos = [str(c) for c in table.get("rebels_first", [])]
        subs = [str(s) for s in table.get("rebels_first_events", [])]
    except (TypeError, ValueError) as exc:
        raise RegistryDataError(f"{path}: malformed [sides] table ({exc})") from exc
    bad = [c for c in isos if len(c) != 2 or not c.isupper()]
    if bad:
        raise RegistryDataError(f"{path}: [sides] rebels_first needs ISO2 codes, got {bad}")
    unknown = [s for s in subs if s not in EVENT_TYPES]
    if unknown:
        raise RegistryDataError(f"{path}: [sides] rebels_first_events: unknown types {unknown}")
    return frozenset(isos), frozenset(subs)


def load_lexicon() -> Lexicon:
    data = _data()
    doc = _load_toml(data / "roles.toml")
    roles, states, the, unknown, gov_cues = _role_specs(doc, data / "roles.toml")
    groups = _load_groups(data / "groups", roles)
    templates = _identity_templates(doc, data / "roles.toml")
    rebels_first, rebels_first_events = _rebels_first(doc, data / "roles.toml")
    return Lexicon(
        roles=roles,
        state_templates=states,
        the_countries=the,
        unknown_country=unknown,
        government_cues=gov_cues,
        phrases=_load_phrases(data / "roles.tsv", roles),
        groups=groups,
        periods=_load_periods(data / "periods.tsv"),
        leaders=_load_leaders(data / "leaders.tsv"),
        rules=_load_rules(data / "context.tsv", groups),
        attribution_first=_attribution_first(doc, data / "roles.toml", groups),
        rebels_first=rebels_first,
        rebels_first_events=rebels_first_events,
        identities=_load_identities(data / "ethnic.tsv", templates),
        identity_types=templates,
    )
