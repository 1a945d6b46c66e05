"""The merge rules and weights, read from ``rules.toml`` (data, not code).

:class:`MergeRules` holds every weight the pair score uses; :class:`MergeOptions` is what a
user sets (distance and day limits) on top of them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from groundfacts.errors import BadInputError
from groundfacts.records import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class Reading:
    """Two sub-event types that reports of one event give, with the score for the pair."""

    a: str
    b: str
    score: float
    same_target: bool


@dataclass(frozen=True, slots=True)
class ActorWeights:
    same_named: float
    same_state: float
    unit_of_role: float
    other_branch: float
    same_generic: float
    unidentified: float
    unidentified_state: float
    same_crowd: float
    unknown: float
    different_named: float
    different_kind: float
    different_victims: float
    unidentified_prefixes: tuple[str, ...]
    state_prefixes: tuple[str, ...]
    generic_prefixes: tuple[str, ...]
    crowd_prefixes: tuple[str, ...]
    # newer keys: a rules file written before them keeps the behaviour it had
    one_of_named: float = 0.0
    either_joiners: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceWeights:
    same: float
    far: float
    other_places: float
    district: float
    province: float
    country: float
    no_place: float
    spelling_ratio: float = 0.0  # newer key (0: off, as before it)


@dataclass(frozen=True, slots=True)
class DateWeights:
    same_day: float
    per_day: float
    coarse: float


@dataclass(frozen=True, slots=True)
class CasualtyWeights:
    same: float
    close: float
    close_ratio: float
    close_abs: int
    far: float
    far_ratio: float
    far_abs: int


@dataclass(frozen=True, slots=True)
class MergeRules:
    version: int
    threshold: float
    unambiguous: float
    rival: float
    margin: float
    km: float
    days: int
    near_factor: float
    district_km: float
    precision_days: dict[int, int]
    same_sub_event: float
    same_event_type: dict[str, float]
    readings: dict[tuple[str, str], Reading]
    readings_close_tolls: bool  # a reading across types joins only reports of close tolls
    actors: ActorWeights
    place: PlaceWeights
    date: DateWeights
    casualties: CasualtyWeights
    require_any: tuple[str, ...]
    require_min: float
    source: str = field(default="rules.toml", compare=False)

    def reading(self, a: str, b: str) -> Reading | None:
        return self.readings.get((a, b)) or self.readings.get((b, a))

    def type_partners(self, sub: str) -> frozenset[str]:
        """Sub-event types a report of type ``sub`` may be merged with (itself included)."""
        out = {sub}
        etype = EVENT_TYPES.get(sub)
        if etype in self.same_event_type:
            out |= {s for s, t in EVENT_TYPES.items() if t == etype}
        for a, b in self.readings:
            if a == sub:
                out.add(b)
            elif b == sub:
                out.add(a)
        return frozenset(out)

    def reach_days(self, days: int | None = None) -> int:
        """The farthest apart, in days, two reports of one event can be."""
        return max(days if days is not None else self.days, *self.precision_days.values())


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """What a user may set: the distance and day limits (None: the rules' own), other rules."""

    max_km: float | None = None
    max_days: int | None = None
    rules: MergeRules | None = None

    def resolved(self) -> MergeRules:
        rules = self.rules or default_rules()
        if self.max_km is None and self.max_days is None:
            return rules
        from dataclasses import replace

        return replace(
            rules,
            km=rules.km if self.max_km is None else float(self.max_km),
            days=rules.days if self.max_days is None else int(self.max_days),
        )


def _need(table: dict[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise BadInputError(f"{where}: missing '{key}'")
    return table[key]


def _typed(table: dict[str, Any], cls: type) -> dict[str, Any]:
    """A TOML table's entries converted to the field types of ``cls`` (unknown keys fail)."""
    types = {f.name: f.type for f in fields(cls)}
    out: dict[str, Any] = {}
    for k, v in table.items():
        kind = types[k]  # a KeyError names the unknown key
        if "tuple" in str(kind):
            out[k] = tuple(str(x) for x in v)
        elif kind in ("int", int):
            out[k] = int(v)
        else:
            out[k] = float(v)
    return out


def parse_rules(data: dict[str, Any], source: str) -> MergeRules:
    """Rules from the parsed TOML; a missing or misspelt entry names the file and key."""
    lim = _need(data, "limits", source)
    typ = _need(data, "type", source)
    act = _need(data, "actors", source)
    req = _need(data, "require", source)
    for t in typ.get("same_event_type", {}):
        if t not in EVENT_TYPES.values():
            raise BadInputError(f"{source}: [type.same_event_type] unknown event type {t!r}")
    readings: dict[tuple[str, str], Reading] = {}
    for i, r in enumerate(typ.get("readings", []), 1):
        for k in ("a", "b"):
            if _need(r, k, f"{source}: reading {i}") not in EVENT_TYPES:
                raise BadInputError(f"{source}: reading {i}: unknown sub-event type {r[k]!r}")
        readings[(r["a"], r["b"])] = Reading(
            r["a"], r["b"], float(r["score"]), bool(r.get("same_target", False))
        )
    try:
        return MergeRules(
            version=int(data.get("version", 1)),
            threshold=float(_need(data, "threshold", source)),
            unambiguous=float(_need(data, "unambiguous", source)["score"]),
            rival=float(data["unambiguous"]["rival"]),
            margin=float(data["unambiguous"]["margin"]),
            km=float(lim["km"]),
            days=int(lim["days"]),
            near_factor=float(lim["near_factor"]),
            district_km=float(lim["district_km"]),
            precision_days={int(k): int(v) for k, v in lim["precision_days"].items()},
            same_sub_event=float(typ["same_sub_event"]),
            same_event_type={k: float(v) for k, v in typ.get("same_event_type", {}).items()},
            readings=readings,
            readings_close_tolls=bool(typ.get("readings_close_tolls", False)),
            actors=ActorWeights(**_typed(act, ActorWeights)),
            place=PlaceWeights(**{k: float(v) for k, v in data["place"].items()}),
            date=DateWeights(**{k: float(v) for k, v in data["date"].items()}),
            casualties=CasualtyWeights(**_typed(data["casualties"], CasualtyWeights)),
            require_any=tuple(req["any_of"]),
            require_min=float(req["min"]),
            source=source,
        )
    except (KeyError, TypeError) as exc:
        raise BadInputError(f"{source}: bad or missing merge rule ({exc})") from exc


def load_rules(path: str | Path) -> MergeRules:
    """Rules from a TOML file of the same shape as the package's ``rules.toml``."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BadInputError(f"{path}: cannot read merge rules ({exc})") from exc
    return parse_rules(data, str(path))


@cache
def default_rules() -> MergeRules:
    """The rules shipped with the package (read once)."""
    text = (resources.files("groundfacts.merge_across") / "rules.toml").read_text("utf-8")
    return parse_rules(tomllib.loads(text), "rules.toml")
