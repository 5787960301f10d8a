"""The one app object: pages, the JSON API, static assets and error handling."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from mockloop import __version__
from mockloop.library import Library, load_library
from mockloop.practice import clock
from mockloop.practice.db import Database
from mockloop.practice.errors import PracticeError
from mockloop.practice.submissions import Runner
from mockloop.settings import Settings, get_settings
from mockloop.web import api, circuits, pages, progress, recordings, submissions
from mockloop.web.render import pygments_css

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("mockloop")


class BodyLimit:
    """Refuse request bodies over a size with 413, before anything reads them whole. Some paths
    (a journal import) may have a limit of their own."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, per_path: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.per_path = per_path or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope.get("path", ""), self.max_bytes)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        seen = 0

        async def limited_receive():  # type: ignore[no-untyped-def]
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await _too_large(limit)(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def _too_large(limit: int) -> Response:
    return JSONResponse(
        {"detail": f"request body is larger than the {limit} byte limit"}, status_code=413
    )


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg')}")
    return "; ".join(parts) or "invalid request"


def create_app(
    settings: Settings | None = None,
    library: Library | None = None,
    database: Database | None = None,
) -> FastAPI:
    """Build the app: load content once, open (and migrate) the database, mount everything."""
    settings = settings or get_settings()
    clock.set_zone(settings.timezone)
    if library is None:
        library = load_library(settings.pack_paths, cache_dir=settings.home / "cache")
        for error in library.errors:
            log.warning("content error: %s", error)
    database = database or Database(settings.resolved_database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        runner.recover()
        yield
        runner.shutdown()
        database.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="mockloop",
        version=__version__,
        description="Practise technical interview loops. Every page's data is also here as JSON.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.library = library
    app.state.database = database
    runner = Runner(database, library, settings.judge_workers)
    app.state.runner = runner

    @app.exception_handler(PracticeError)
    async def practice_error(request: Request, exc: PracticeError) -> Response:
        if _wants_json(request) or request.headers.get("hx-request"):
            return JSONResponse({"detail": exc.message}, status_code=exc.status_code)
        return pages.error_page(request, exc.status_code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        message = _validation_message(exc)
        if _wants_json(request):
            return JSONResponse(
                {"detail": message, "errors": _jsonable(exc.errors())}, status_code=422
            )
        return pages.error_page(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.get("/static/pygments.css", include_in_schema=False)
    def highlight_css() -> PlainTextResponse:
        return PlainTextResponse(pygments_css(), media_type="text/css")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(progress.router)  # before pages: it serves / (Today or the library)
    app.include_router(pages.router)
    app.include_router(circuits.router)
    app.include_router(recordings.router)
    app.include_router(submissions.router)
    imports = {path: settings.max_import_bytes for path in ("/api/v1/import", "/history/import")}
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, per_path=imports)

    return app


def _jsonable(errors: list) -> list:  # type: ignore[type-arg]
    return [
        {
            k: (v if isinstance(v, str | int | float | list | type(None)) else str(v))
            for k, v in e.items()
        }
        for e in errors
    ]
