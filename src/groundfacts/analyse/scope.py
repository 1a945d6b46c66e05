"""Matching events against a question's actors and place: names without year ranges,
associated actors, uncertain "A and/or B" attributions, places by name or distance."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from groundfacts.geo.distance import haversine_km
from groundfacts.records import Event

# ACLED's year range after a name: "(2000-)", "(2011-2019, Omar al-Bashir)".
_PERIOD = re.compile(r"\s*\(\d{4}-[^)]*\)")
EITHER = " and/or "


def fold(name: str) -> str:
    """A name for comparison: no accents, case or repeated spaces."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


def base_name(name: str) -> str:
    """An actor name without its year range: "Military Forces of Russia (2000-)" ->
    "Military Forces of Russia"; "(Syria)" and other qualifiers stay."""
    return " ".join(_PERIOD.sub("", name or "").split())


def forms(name: str) -> set[str]:
    """Folded forms of one actor name: without years; an "ACRONYM: Long name" gives both."""
    base = fold(base_name(name))
    out = {base}
    if ":" in base:
        head, tail = (p.strip() for p in base.split(":", 1))
        out |= {head, tail}
    return {f for f in out if f}


def side(names: Iterable[str]) -> list[tuple[str, bool]]:
    """The actors of one side of an event (actor and associated actors, "; "-joined), each with
    whether it comes from an uncertain attribution ("A and/or B" counts for both)."""
    out: list[tuple[str, bool]] = []
    for joined in names:
        for name in (joined or "").split(";"):
            name = name.strip()
            if not name:
                continue
            parts = [p.strip() for p in name.split(EITHER) if p.strip()]
            out.extend((p, len(parts) > 1) for p in parts)
    return out


@dataclass(frozen=True, slots=True)
class ActorPattern:
    """Who a claim names: ACLED names (matched by form, or as the head of a unit's name:
    "Military Forces of Russia" matches "Military Forces of Russia (2000-) Air Force") and name
    prefixes (a role in no particular country: "protesters (" matches any country's)."""

    label: str  # how the claim names the actor
    name: str  # the main ACLED-style name, without years
    names: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def matches(self, name: str) -> bool:
        for f in forms(name):
            if f in self.names or any(f.startswith(n + " ") for n in self.names):
                return True
            if any(f.startswith(p) for p in self.prefixes):
                return True
        return False

    def on_side(self, names: Iterable[str]) -> tuple[bool, bool]:
        """(matched, only through an uncertain attribution) for one side of an event."""
        hits = [either for name, either in side(names) if self.matches(name)]
        if not hits:
            return False, False
        return True, all(hits)


@dataclass(slots=True)
class PlaceScope:
    """Where a question looks: a country (ISO2 and name), and optionally a named place; an
    event is inside when its country/admin1/admin2/location carries one of the place's names,
    or when it lies within ``km`` of the place's point."""

    country_iso: str = ""
    country: str = ""
    admin1: str = ""
    location: str = ""
    names: set[str] = field(default_factory=set)
    point: tuple[float, float] | None = None
    km: float = 50.0
    # for a region: the region an event's own admin1 name resolves to (gazetteer spellings
    # differ from a dataset's: "Jawa Timur" / "East Java"); None when unknown
    admin1_of: Callable[[str, str], str | None] | None = None

    @property
    def local(self) -> bool:
        return bool(self.names)

    def contains(self, ev: Event) -> bool:
        if (
            self.country_iso
            and (ev.iso or "").upper() != self.country_iso
            and fold(ev.country) != fold(self.country)
        ):
            return False
        if not self.names:
            return True
        for value in (ev.admin1, ev.admin2, ev.location):
            if value and fold(value) in self.names:
                return True
        if (
            self.point is not None
            and ev.latitude is not None
            and ev.longitude is not None
            and haversine_km(ev.latitude, ev.longitude, *self.point) <= self.km
        ):
            return True
        if self.admin1 and not self.location and ev.admin1 and self.admin1_of is not None:
            region = self.admin1_of(ev.admin1, ev.iso or self.country_iso)
            return region is not None and fold(region) == fold(self.admin1)
        return False
