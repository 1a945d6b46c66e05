"""The analysis views (claims, trends, hotspots) as endpoints over the library's functions
in ``groundfacts.analyse``."""

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations, and
# those name dependencies that exist only inside register().
import datetime as dt
import threading
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query

from groundfacts.errors import GroundfactsError
from groundfacts.service.languages import served_language


def rows(items: list[Any]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in items]


def register(app: FastAPI, reader: Any, event_filter: Any) -> None:
    """Add /api/check, /api/trends and /api/hotspots to ``app``; ``reader`` and
    ``event_filter`` are the app's dependencies for a store cursor and the filters."""
    from groundfacts.service.queries import ServiceFilter
    from groundfacts.store.duckdb_store import EventStore

    Reader = Annotated[EventStore, Depends(reader)]
    Filter = Annotated[ServiceFilter, Depends(event_filter)]
    resources: list[Any] = []  # the claim reader's packs, registry and gazetteer, loaded once
    lock = threading.Lock()

    def shared_resources() -> Any:
        with lock:
            if not resources:
                from groundfacts.resources import Resources

                resources.append(Resources())
            return resources[0]

    @app.get("/api/check", summary="A claim (English or Indonesian) against the record")
    def check(
        r: Reader,
        claim: Annotated[str, Query(max_length=1000, description="The claim, one sentence.")],
        since: Annotated[dt.date | None, Query()] = None,
        until: Annotated[dt.date | None, Query()] = None,
        country: Annotated[str | None, Query()] = None,
        lang: Annotated[
            str | None, Query(description="The claim's language (en, id, ...); else detected.")
        ] = None,
        merged: Annotated[bool, Query(description="Against merged events.")] = False,
    ) -> dict[str, Any]:
        from groundfacts.analyse.claims import check_claim

        if lang is not None:
            try:
                served_language(lang)
            except ValueError as exc:
                raise HTTPException(422, detail=str(exc)) from None
        try:
            result = check_claim(
                r,
                claim,
                since=since,
                until=until,
                country=country or None,
                resources=shared_resources(),
                lang=lang,
                merged=merged,
            )
        except (GroundfactsError, ValueError) as exc:
            # a claim the reader cannot take is a verdict, not a server error
            return {"claim": claim, "verdict": "unparsed", "explanation": str(exc)}
        out: dict[str, Any] = result.to_dict()
        return out

    @app.get("/api/trends", summary="Events and fatalities per week, month or year")
    def trends(
        r: Reader,
        flt: Filter,
        by: Literal["event_type", "sub_event_type", "actor", "admin1", "country", "none"] = (
            "event_type"
        ),
        every: Literal["week", "month", "year"] = "month",
    ) -> dict[str, Any]:
        from groundfacts.analyse.trends import trends as count_trends

        return {"trends": rows(count_trends(r, flt, by=by, every=every, merged=flt.merged))}

    @app.get("/api/hotspots", summary="Events and fatalities per area or grid cell")
    def hotspots(
        r: Reader,
        flt: Filter,
        by: Literal["admin1", "admin2", "grid"] = "admin1",
        cell_km: Annotated[float, Query(gt=0, le=1000)] = 50.0,
        top: Annotated[int, Query(ge=1, le=20)] = 3,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    ) -> dict[str, Any]:
        from groundfacts.analyse.hotspots import hotspots as rank_hotspots

        found = rank_hotspots(
            r, flt, by=by, cell_km=cell_km, top=top, limit=limit, merged=flt.merged
        )
        return {"hotspots": rows(found)}
