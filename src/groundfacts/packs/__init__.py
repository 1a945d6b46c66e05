"""Language packs: per-language data (triggers, cues, numbers, dates) and the finders over it.

Nothing is read at import time; ``Pack.load(lang)`` gives an object that loads its tables on
first use. See packs/README.md for the data formats and the trigger classes.
"""

from __future__ import annotations

from groundfacts.packs.pack import Pack, TriggerEntry, available_languages

__all__ = ["Pack", "TriggerEntry", "available_languages"]
