"""The FastAPI application: the JSON API under /api, the dashboard at /, OpenAPI at /docs."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from eventwire import __version__, config
from eventwire.api import errors, ingest, routes
from eventwire.api.access import StoreAccess
from eventwire.errors import ConfigError
from eventwire.records import CATEGORIES, MODALITIES

#: The dashboard's files (index.html, app.js, style.css) and `vendor/` (see the Makefile's
#: `web` target: Leaflet, markercluster, topojson-client and the world-atlas basemap).
WEB_DIR = Path(__file__).resolve().parent.parent / "web"
VENDOR_FILES = ("leaflet.js", "leaflet.css", "leaflet.markercluster.js", "topojson-client.min.js",
                "countries-110m.json", "MarkerCluster.css")  # fmt: skip


def create_app(
    *,
    db: Path | str = config.DEFAULT_DB,
    lake: Path | str | None = None,
    token: str | None = None,
    tiles: str | None = None,
    pipeline: Any = None,
    max_bytes: int = config.MAX_ARTICLE_BYTES,
) -> FastAPI:
    """The app serving the store at `db` read-only (or the Parquet lake at `lake`).

    `token` turns on `POST /api/articles` (None: off); `tiles` is an optional online tile
    URL template for the map (`https://…/{z}/{x}/{y}.png`), else the bundled basemap only;
    `pipeline` replaces the real one (tests).
    """
    if lake is not None and token is not None:
        raise ConfigError("a lake is served read-only: POST /api/articles needs a store (--db)")
    access = StoreAccess(Path(db), create=token is not None, lake=lake)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  description="PLOVER political event records: query, export, ingest.")  # fmt: skip
    app.state.access = access
    app.state.ingest = ingest.IngestSettings(
        token=token or None, max_bytes=max_bytes, pipeline=pipeline
    )
    app.state.settings = {
        "tiles": tiles,
        "ingest": bool(token),
        "categories": list(CATEGORIES),
        "modalities": list(MODALITIES),
        "vendor": missing_vendor() == [],
    }
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(ingest.router)

    @app.get("/api/config", summary="Settings the dashboard needs")
    def settings(request: Request) -> dict[str, Any]:
        return dict(request.app.state.settings)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    return app


def missing_vendor() -> list[str]:
    """The vendored front-end files not in the package (`make web` copies them)."""
    return [name for name in VENDOR_FILES if not (WEB_DIR / "vendor" / name).is_file()]


def app_from_env() -> FastAPI:
    """The app for `uvicorn eventwire.api.app:app_from_env --factory` (settings from env)."""
    return create_app(
        token=os.environ.get("EVENTWIRE_TOKEN"), tiles=os.environ.get("EVENTWIRE_TILES")
    )
