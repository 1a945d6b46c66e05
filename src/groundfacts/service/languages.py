"""The languages the service accepts: whatever the installed packs serve, never a list in code."""

from __future__ import annotations

import functools


@functools.cache
def _served() -> tuple[str, ...]:
    from groundfacts.packs.discovery import find_packs

    return find_packs().languages


def served_language(lang: str, *, allow_auto: bool = False) -> str:
    """``lang`` if a pack serves it ("auto" too when allowed); else a ValueError naming them."""
    if (allow_auto and lang == "auto") or lang in _served():
        return lang
    choices = ("auto", *_served()) if allow_auto else _served()
    raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(choices)}")
