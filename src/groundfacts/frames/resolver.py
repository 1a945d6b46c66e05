"""One resolver per document: actor and place names to ACLED actors and gazetteer places.

Frame building asks it every "who is this" and "where is this" question, with the document's
country and year as defaults, so the rules never see the registry or the gazetteer directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundfacts.actors import ActorRegistry
    from groundfacts.geo import Gazetteer
    from groundfacts.records import Actor, ActorMention, Place


class DocResolver:
    """Resolves the names of one document, defaulting to its country and year."""

    __slots__ = ("actors", "country", "gazetteer", "year")

    def __init__(
        self,
        actors: ActorRegistry,
        gazetteer: Gazetteer,
        *,
        country: str | None = None,
        year: int | None = None,
    ) -> None:
        self.actors = actors
        self.gazetteer = gazetteer
        self.country = country
        self.year = year

    def actor(self, m: ActorMention, country: str | None, context: str) -> Actor | None:
        """The ACLED actor a mention names, in ``country`` (else the document's)."""
        return self.actors.resolve(
            m, country=country or self.country, year=self.year, context=context
        )

    def role(self, role: str, country: str | None) -> Actor | None:
        """The generic actor of a role ("unidentified", "protesters", "police") in a country."""
        try:
            return self.actors.role(role, country or self.country, year=self.year)
        except (KeyError, ValueError):
            return None

    def rebels_first(self, country: str | None, sub_event_type: str) -> bool:
        """Whether events of ``sub_event_type`` in ``country`` (else the document's) list the
        rebel side first."""
        return self.actors.rebels_first(country or self.country, sub_event_type)

    def crowd(self, m: ActorMention, crowd: str, country: str | None) -> tuple[Actor, Actor | None]:
        """Protesters/Rioters (X) for a crowd mention, and the associated actor it names."""
        return self.actors.as_crowd(m, crowd, country=country or self.country)

    def community(self, place_name: str, country: str | None) -> Actor | None:
        """The communal group of a village ("Hila Communal Group (X)")."""
        return self.actors.community(place_name, "communal", country or self.country)

    def militia(self, m: ActorMention, country: str | None) -> Actor | None:
        """The identity militia a community noun stands for when it fights."""
        return self.actors.identity_militia(m, country or self.country)

    def place(
        self, name: str, country: str | None, near: tuple[float, float] | None
    ) -> Place | None:
        return self.gazetteer.resolve(
            name, context="", country=country, near=[near] if near else ()
        )

    def country_place(self, iso: str) -> Place | None:
        return self.gazetteer.country(iso)

    def is_country_name(self, text: str) -> bool:
        return self.actors.countries.iso_of(text) is not None
