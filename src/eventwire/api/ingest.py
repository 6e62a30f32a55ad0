"""`POST /api/articles`: code one article and store it, as `eventwire ingest` does.

Off unless the server was given a token (`EVENTWIRE_TOKEN`); then the request must carry
`Authorization: Bearer <token>`. The body is one JSON object as `eventwire ingest` reads
it (`text` and optional `id`, `title`, `url`, `published`, `publication`, `dateline`), at
most `config.MAX_ARTICLE_BYTES`. The body is checked with the ingest readers first, so a
bad article gets the status of its `InputError`; then `jobs.ingest` codes and writes it.
"""

from __future__ import annotations

import hmac
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from eventwire import jobs
from eventwire.api.access import StoreAccess
from eventwire.errors import (
    ConflictError,
    EncodingError,
    EventwireError,
    ExtractionError,
    FormatError,
    InputError,
    TooLargeError,
    UnsupportedInputError,
)
from eventwire.ingest import read_file
from eventwire.records import Article

router = APIRouter(prefix="/api")
SOURCE = "request body"


@dataclass
class IngestSettings:
    """What the endpoint needs: the token (None: endpoint off), the size limit, a pipeline."""

    token: str | None
    max_bytes: int
    pipeline: Any = None  # made on first use (loading the model), or a test's fake

    def get_pipeline(self) -> Any:
        if self.pipeline is None:
            self.pipeline = jobs.make_pipeline(batch_size=1)
        return self.pipeline


@router.post("/articles", status_code=201, summary="Code one article into the store")
async def post_article(request: Request) -> JSONResponse:
    """201 with the article id and its event ids when stored, 200 when it was already."""
    settings: IngestSettings = request.app.state.ingest
    _authorise(settings, request.headers.get("authorization"))
    kind = request.headers.get("content-type", "application/json")
    if "json" not in kind.lower():
        raise UnsupportedInputError(SOURCE, f"expected application/json, got {kind!r}")
    body = await _read_body(request, settings.max_bytes)
    result = await run_in_threadpool(ingest_body, body, settings, request.app.state.access)
    return JSONResponse(result, status_code=201 if result["new"] else 200)


def _authorise(settings: IngestSettings, header: str | None) -> None:
    if settings.token is None:
        raise HTTPException(
            404, detail="ingest over HTTP is off: start the server with EVENTWIRE_TOKEN set"
        )
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), settings.token.encode()
    ):
        raise HTTPException(
            401, detail="missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it passes `limit` bytes (whatever Content-Length says)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLargeError(SOURCE, f"{declared} bytes, over the limit of {limit} bytes")
    parts: list[bytes] = []
    size = 0
    async for part in request.stream():
        size += len(part)
        if size > limit:
            raise TooLargeError(SOURCE, f"over the limit of {limit} bytes")
        parts.append(part)
    return b"".join(parts)


def ingest_body(body: bytes, settings: IngestSettings, access: StoreAccess) -> dict[str, Any]:
    """Check, code and store the article of `body`; the response of the endpoint."""
    _check_object(body)
    with tempfile.TemporaryDirectory(prefix="eventwire-api-") as folder:
        path = Path(folder) / "article.json"
        path.write_bytes(body)
        article = _read_article(path)
        with access.reading() as store:
            if store.changed_article_ids([article]):
                raise ConflictError(SOURCE)
        pipeline = settings.get_pipeline()
        getattr(pipeline, "nlp", None)  # load the model before taking the store
        try:
            with access.writing() as db:
                summary = jobs.ingest([path], db=db, pipeline=pipeline, batch_size=1)
        except EventwireError:
            raise
        except Exception as exc:  # a bug in a stage must not become a 500
            raise ExtractionError(SOURCE, f"the article could not be coded: {exc}") from exc
    if summary.skipped:
        raise ExtractionError(SOURCE, summary.skipped[0][1])
    with access.reading() as store:
        ids = store.article_event_ids(article.article_id)
    return {"article_id": article.article_id, "new": summary.articles_new > 0, "events": ids}


def _check_object(body: bytes) -> None:
    try:
        data = json.loads(body)
    except UnicodeDecodeError as exc:
        raise EncodingError(SOURCE, f"not valid UTF-8 at byte {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise FormatError(SOURCE, f"invalid JSON: {exc.msg} (line {exc.lineno})") from exc
    except RecursionError as exc:  # the parser ran out of stack: not an article, not a 500
        raise FormatError(SOURCE, "invalid JSON: nested too deeply") from exc
    if not isinstance(data, dict):
        raise FormatError(SOURCE, "expected one JSON object (one article per request)")


def _read_article(path: Path) -> Article:
    """The article of the body, or its reader's InputError (renamed to the request body)."""
    items = list(read_file(path))
    for item in items:
        if isinstance(item, InputError):
            raise type(item)(SOURCE, item.detail)
    return next(i for i in items if isinstance(i, Article))
