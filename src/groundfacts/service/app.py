"""The FastAPI application: the JSON API over one store, and the page at ``/``.

``create_app(settings)`` builds everything the app needs and keeps it on ``app.state``;
nothing lives at module level, so two apps (a test's, a benchmark's) never share a store.
"""

# No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations,
# and those name dependencies that exist only inside create_app.
import datetime as dt
import io
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator

from groundfacts.errors import StoreError
from groundfacts.service import analysis
from groundfacts.service.boundaries import load_boundaries, packaged_path
from groundfacts.service.extractor import ExtractionBusy, ExtractionTimeout, ExtractorPool
from groundfacts.service.guard import Guard
from groundfacts.service.languages import served_language
from groundfacts.service.queries import (
    CountryIndex,
    ServiceFilter,
    dyad_counts,
    facets,
    highlighted,
    weekly,
)
from groundfacts.service.settings import ServiceSettings
from groundfacts.store.duckdb_store import EventStore


def static_dir() -> Path:
    return Path(str(resources.files("groundfacts.service").joinpath("static")))


def open_store(settings: ServiceSettings) -> EventStore:
    """The store, read-only unless writes are allowed; a missing, corrupt or foreign file
    raises StoreError (so ``serve`` stops before it listens)."""
    from groundfacts.store import EventStore

    if not settings.db.exists():
        raise StoreError(f"no store at {settings.db}")
    store = EventStore(settings.db, read_only=not settings.allow_writes)
    try:
        tables = {r[0] for r in store.con.execute("SHOW TABLES").fetchall()}
    except Exception as exc:
        store.close()
        raise StoreError(f"cannot read store {settings.db}: {exc}") from exc
    if not {"events", "documents"} <= tables:
        store.close()
        raise StoreError(f"{settings.db} is not a groundfacts store (it has no events table)")
    # DuckDB draws a progress bar on stdout for long queries; a server's output is its log
    store.con.execute("SET enable_progress_bar = false")  # request cursors inherit it
    return store


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, description="The document's text.")
    published: dt.date | None = Field(None, description="Publication date, for relative dates.")
    lang: str = Field("auto", description="'auto', or a language a pack serves (en, id, ...).")
    country: str | None = Field(None, description="Country the text is about (ISO2 or name).")
    id: str = Field("api", description="Document id for the evidence.")
    source: str | None = None
    store: bool = Field(False, description="Also store the document (needs --allow-writes).")

    @field_validator("lang")
    @classmethod
    def _served(cls, lang: str) -> str:
        return served_language(lang, allow_auto=True)


class ImportRequest(BaseModel):
    csv: str = Field(min_length=1, description="An ACLED export (CSV text, header first).")
    countries: list[str] = Field(default_factory=list, description="Keep only these.")
    skip_bad: bool = Field(False, description="Skip bad rows (named in the reply).")


def create_app(settings: ServiceSettings) -> FastAPI:
    """The application over ``settings.db``; raises StoreError when the store is unusable,
    BadInputError when the boundaries file is."""
    from groundfacts import __version__

    settings.check()
    boundaries = load_boundaries(settings.boundaries)
    store = open_store(settings)
    pool = ExtractorPool(
        settings.extract_workers, timeout=settings.extract_timeout, wait=settings.extract_wait
    )
    write_lock = threading.Lock()
    gazetteer = _gazetteer_info()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        pool.start()
        try:
            yield
        finally:
            pool.close()
            store.close()

    app = FastAPI(
        title="groundfacts",
        version=__version__,
        description=(
            "Conflict events with their evidence: query, map and check claims against the "
            "store. Every event carries the sentence it was read from."
        ),
        lifespan=lifespan,
        docs_url=None,  # served below from the vendored Swagger UI, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.pool = pool

    def reader() -> Iterator[EventStore]:
        # DuckDB connections are not shared across threads: each request gets a cursor
        r = store.reader()
        try:
            yield r
        finally:
            r.close()

    Reader = Annotated[EventStore, Depends(reader)]

    countries = CountryIndex()

    def event_filter(
        r: Reader,
        since: Annotated[dt.date | None, Query(description="First event date.")] = None,
        until: Annotated[dt.date | None, Query(description="Last event date.")] = None,
        country: Annotated[str | None, Query(description="Country name or ISO2 code.")] = None,
        admin1: Annotated[str | None, Query(description="First-level unit (province).")] = None,
        actor: Annotated[str | None, Query(description="Part of an actor's name.")] = None,
        event_type: Annotated[str | None, Query(description="ACLED event type.")] = None,
        sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type.")] = None,
        q: Annotated[str | None, Query(description="Words in the notes.")] = None,
        merged: Annotated[
            bool, Query(description="One row per real event (reports merged).")
        ] = False,
    ) -> ServiceFilter:
        if since and until and since > until:
            raise HTTPException(422, [_field_error("since", "since is after until")])
        flt = ServiceFilter(
            since=since,
            until=until,
            country=country or None,
            actor=actor or None,
            event_type=event_type or None,
            sub_event_type=sub_event_type or None,
            admin1=admin1 or None,
            text=q or None,
            merged=merged,
        )
        return countries.resolve(r, flt)

    Filter = Annotated[ServiceFilter, Depends(event_filter)]

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(static_dir() / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    @app.get("/docs", include_in_schema=False)
    def api_page() -> Response:
        from fastapi.openapi.docs import get_swagger_ui_html

        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="groundfacts API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    @app.get("/api/health", summary="Store counts, gazetteer and version")
    def health(r: Reader) -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "store": {
                "path": str(settings.db),
                "writable": settings.allow_writes,
                **r.counts(),
            },
            "gazetteer": gazetteer,
            "boundaries": boundaries.source,
        }

    @app.get(
        "/api/boundaries",
        summary="The first-level boundaries the map draws",
        description=(
            "The packaged Natural Earth first-level units (TopoJSON, object `admin1`, "
            "properties `name`, `iso`, `adm0_a3`), or the GeoJSON given to "
            "`serve --boundaries`."
        ),
    )
    def boundaries_file() -> Response:
        if boundaries.body is None:  # from the package, with its caching headers
            return FileResponse(packaged_path(), media_type=boundaries.media_type)
        return Response(boundaries.body, media_type=boundaries.media_type)

    @app.get("/api/events", summary="Events matching the filters, a page at a time")
    def events(
        r: Reader,
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=settings.max_page)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
        order: Annotated[Literal["date", "-date"], Query(description="By date.")] = "date",
        format: Annotated[Literal["json", "csv", "geojson"], Query()] = "json",
    ) -> Response:
        from groundfacts.store.export import write_csv, write_geojson

        total = r.count(flt, merged=flt.merged)
        page = r.page(flt, offset=offset, limit=limit, newest=order == "-date", merged=flt.merged)
        headers = {"X-Total-Count": str(total)}
        if format == "json":
            body = {
                "total": total,
                "offset": offset,
                "limit": limit,
                "events": [ev.to_dict() for ev in page],
            }
            return JSONResponse(body, headers=headers)
        buf = io.StringIO()
        if format == "csv":
            write_csv(page, buf)
            return Response(buf.getvalue(), media_type="text/csv", headers=headers)
        write_geojson(page, buf)
        return Response(buf.getvalue(), media_type="application/geo+json", headers=headers)

    @app.get("/api/events/{event_id}", summary="One event, its evidence and its document")
    def event(event_id: str, r: Reader) -> dict[str, Any]:
        found = r.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        ev, doc_hash = found
        doc = r.document(doc_hash) if doc_hash else r.document(ev.doc_id)
        texts: dict[str, str | None] = {}
        if doc is not None:
            texts[doc["doc_id"]] = r.document_text(doc["doc_hash"])
        for e in ev.evidence:  # a merged event's evidence spans several documents
            if e.doc_id not in texts:
                other = r.document(e.doc_id)
                texts[e.doc_id] = r.document_text(other["doc_hash"]) if other else None
        return {
            "event": ev.to_dict(),
            "evidence": highlighted(ev, texts),
            "document": doc,
            "text": texts.get(doc["doc_id"]) if doc else None,
        }

    @app.get("/api/documents/{doc_id}", summary="A document (by hash or id) and its text")
    def document(doc_id: str, r: Reader) -> dict[str, Any]:
        doc = r.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return {"document": doc, "text": r.document_text(doc["doc_hash"])}

    @app.get("/api/dyads", summary="Who acts on whom: counts by actor1, actor2, event type")
    def dyads(
        r: Reader,
        flt: Filter,
        by_sub_type: bool = False,
        by: Annotated[
            Literal["week", "month", "year"] | None, Query(description="Split by period.")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> dict[str, Any]:
        from groundfacts.analyse.dyads import store_dyads

        if not by:
            total, counted = dyad_counts(r, flt, by_sub_type=by_sub_type, limit=limit)
            return {"total": total, "dyads": counted}
        found = store_dyads(r, flt, by_sub_type=by_sub_type, by=by, merged=flt.merged)
        return {"total": len(found), "dyads": [d.to_dict() for d in found[:limit]]}

    @app.get("/api/timeline", summary="Events per week by event type (the page's timeline)")
    def timeline(r: Reader, flt: Filter) -> dict[str, Any]:
        return {"weeks": weekly(r, flt)}

    @app.get("/api/facets", summary="Countries, event types and the date range in the store")
    def facet_values(r: Reader) -> dict[str, Any]:
        return facets(r)

    analysis.register(app, reader, event_filter)

    @app.post("/api/extract", summary="Text in, events out (stored only if asked and allowed)")
    def extract(req: ExtractRequest) -> dict[str, Any]:
        from groundfacts.records import Document

        if req.store and not settings.allow_writes:
            raise HTTPException(403, "storing needs a service started with --allow-writes")
        doc = Document(
            id=req.id,
            text=req.text,
            published=req.published,
            lang=None if req.lang == "auto" else req.lang,
            source=req.source,
            country=req.country,
        )
        try:
            res = pool.extract(doc)
        except ExtractionBusy as exc:
            raise HTTPException(503, str(exc)) from exc
        except ExtractionTimeout as exc:
            raise HTTPException(504, str(exc)) from exc
        stored = None
        if req.store:
            from groundfacts.store.merged import stored_merge_options

            with write_lock:  # as ingest does: store, then merge with the reports there
                docs, evs = store.add_results([res])
                store.merge_new(stored_merge_options(store))
            stored = {"documents": docs, "events": evs}
        return {
            "language": res.language,
            "events": [ev.to_dict() for ev in res.events],
            "non_events": [n.to_dict() for n in res.non_events],
            "drops": [{"stage": d.stage, "reason": d.reason} for d in res.drops],
            "error": res.error or None,
            "stored": stored,
        }

    @app.post("/api/import/acled", summary="An ACLED export in, its events stored")
    def import_acled_file(req: ImportRequest) -> dict[str, Any]:
        import tempfile

        from groundfacts.store.acled_format import AcledFileError
        from groundfacts.store.acled_import import import_acled

        if not settings.allow_writes:
            raise HTTPException(403, "importing needs a service started with --allow-writes")
        # the reader takes a file: the body goes to one that only this request sees
        with tempfile.TemporaryDirectory(prefix="gf-import-") as tmp:
            path = Path(tmp) / "acled.csv"
            path.write_text(req.csv, encoding="utf-8")
            try:
                with write_lock:
                    rep = import_acled(
                        store, path, countries=req.countries or None, skip_bad=req.skip_bad
                    )
            except AcledFileError as exc:
                # name the line, not the temporary file
                raise HTTPException(422, str(exc).replace(str(path), "body")) from exc
        return rep.to_dict() | {"bad": [b.replace(str(path), "body") for b in rep.bad]}

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    from starlette.middleware.gzip import GZipMiddleware

    # the boundaries file and long event pages shrink to a quarter or less for a browser that
    # asks; the guard stays outermost, so refusals are never held up by compression
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)
    app.add_middleware(Guard, token=settings.token, max_body=settings.max_body)
    return app


def _field_error(field: str, msg: str) -> dict[str, Any]:
    return {"loc": ["query", field], "msg": msg, "type": "value_error"}


def _gazetteer_info() -> dict[str, Any]:
    from groundfacts.geo import info

    try:
        meta = info()
    except Exception as exc:  # the service runs without a gazetteer; extraction will say why
        return {"exists": False, "error": str(exc)}
    keep = ("path", "exists", "places", "countries", "source_version", "built")
    return {k: meta[k] for k in keep if k in meta}
