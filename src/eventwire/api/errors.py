"""The one place where eventwire errors become HTTP statuses.

Each error class gets a status here; a subclass not listed takes its nearest listed
ancestor's, so a new `InputError` subclass is a 400 until it is given its own. The body is
always `{"error": class name, "detail": message}`.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from eventwire.errors import (
    BinaryInputError,
    ConfigError,
    ConflictError,
    EmptyInputError,
    EncodingError,
    EventwireError,
    ExtractionError,
    FormatError,
    GazetteerError,
    InputError,
    LanguageError,
    StoreError,
    TooLargeError,
    UnsupportedInputError,
)

STATUS: dict[type[EventwireError], int] = {
    EventwireError: 500,
    InputError: 400,  # the request (a parameter, the body) cannot be used
    FormatError: 400,
    EncodingError: 400,
    EmptyInputError: 422,  # well-formed, but nothing to code
    LanguageError: 422,
    ConflictError: 409,  # the article's id is stored with another text
    ExtractionError: 422,  # the pipeline failed on this article: it is left out, not a crash
    TooLargeError: 413,
    BinaryInputError: 415,
    UnsupportedInputError: 415,
    ConfigError: 503,  # the server is not set up for this (no model, bad setting)
    GazetteerError: 503,
    StoreError: 503,
}


def status_of(exc: EventwireError) -> int:
    """The status of `exc`: its own class's, else its nearest listed ancestor's."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(exc: EventwireError) -> dict[str, str]:
    return {"error": type(exc).__name__, "detail": str(exc)}


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EventwireError)
    return JSONResponse(error_body(exc), status_code=status_of(exc))


async def _handle_validation(request: Request, exc: Exception) -> JSONResponse:
    """A query parameter of the wrong type or range is a bad parameter: 400, same body."""
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error.get('loc', ())[1:]) or 'request'}: {error.get('msg')}"
        for error in exc.errors()
    )
    return JSONResponse({"error": "InputError", "detail": problems}, status_code=400)


async def _handle_http(request: Request, exc: Exception) -> JSONResponse:
    """Routing errors (404, 401, 405) in the same `{"error", "detail"}` body."""
    assert isinstance(exc, HTTPException)
    name = {401: "Unauthorized", 404: "NotFound", 405: "MethodNotAllowed"}.get(
        exc.status_code, "HTTPError"
    )
    return JSONResponse(
        {"error": name, "detail": str(exc.detail)},
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


def install(app: FastAPI) -> None:
    """Map every EventwireError raised by a route to its status, and give FastAPI's own
    validation and routing errors the same body."""
    app.add_exception_handler(EventwireError, _handle)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(HTTPException, _handle_http)
