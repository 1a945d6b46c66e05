"""Where the shared material (the sample article, the development data) sits: a ``shared``
folder beside the checkout or beside any folder above it, or ``GROUNDFACTS_SHARED``. It is
read at test time and never copied into the project."""

from __future__ import annotations

import os
from pathlib import Path


def shared_file(*parts: str) -> Path:
    """``shared/<parts>`` in the nearest folder above the tests that has it (the first place
    looked when none has it, so a test can skip on ``.exists()``)."""
    env = os.environ.get("GROUNDFACTS_SHARED")
    if env:
        return Path(env).joinpath(*parts)
    here = Path(__file__).resolve()
    places = [p / "shared" for p in here.parents[1:]]
    return next(
        (p.joinpath(*parts) for p in places if p.joinpath(*parts).exists()),
        places[0].joinpath(*parts),
    )
