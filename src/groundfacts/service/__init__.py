"""The service: a JSON API over the store and the page that shows it (``groundfacts serve``).

Import ``groundfacts.service.app`` for ``create_app``; this package imports nothing heavy.
"""

from __future__ import annotations

from groundfacts.service.settings import ServiceSettings

__all__ = ["ServiceSettings"]
