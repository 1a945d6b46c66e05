"""Actor registry: ACLED-style actors, their aliases in English and Indonesian, and resolution.

``ActorRegistry.load()`` reads the package data once; create it once and reuse it.
"""

from groundfacts.actors.countries import Country, CountryTable
from groundfacts.actors.registry import ActorRegistry
from groundfacts.actors.tsv import RegistryDataError

__all__ = ["ActorRegistry", "Country", "CountryTable", "RegistryDataError"]
