"""`eventwire serve`: run the app with uvicorn (imports checked so a missing extra is clear)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from eventwire import config
from eventwire.errors import ConfigError


def serve(
    *,
    db: Path | str = config.DEFAULT_DB,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    tiles: str | None = None,
    log_level: str = "info",
    lake: Path | str | None = None,
) -> None:
    """Serve the store at `db` (or the Parquet lake at `lake`, read-only) until interrupted;
    `token`/`tiles` default to the environment (`EVENTWIRE_TOKEN`, `EVENTWIRE_TILES`)."""
    try:
        import uvicorn

        from eventwire.api.app import create_app
    except ImportError as exc:
        raise ConfigError(
            f"`eventwire serve` needs the serve extra ({exc.name} is missing):"
            " pip install 'eventwire[serve]'"
        ) from None
    from eventwire.api.app import missing_vendor

    if missing := missing_vendor():
        note = f"note: dashboard libraries missing ({', '.join(missing)}): run `make web`"
        print(note, file=sys.stderr)
    token = token if token is not None else os.environ.get("EVENTWIRE_TOKEN")
    if lake is not None and token:
        print("note: a lake is served read-only: POST /api/articles is off", file=sys.stderr)
        token = None
    app = create_app(
        db=db,
        lake=lake,
        token=token,
        tiles=tiles if tiles is not None else os.environ.get("EVENTWIRE_TILES"),
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level)
