"""Query parameters of the event endpoints, checked and turned into an `EventFilter`.

A value of the wrong type is FastAPI's 422; a value of the right type that makes no sense
(an unknown category, a bbox with five numbers) is a `FormatError`, so a 400 naming the
parameter. Either way nothing unchecked reaches SQL, where values are parameters anyway.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated

from fastapi import Query

from eventwire.errors import FormatError
from eventwire.records import CATEGORIES, MODALITIES
from eventwire.store import EventFilter

_CODE = re.compile(r"[A-Za-z]{3}")
#: Longest accepted text search and cluster id.
MAX_TEXT = 200

Since = Annotated[date | None, Query(description="Events overlapping from this day (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="Events overlapping up to this day.")]
Code = Annotated[str | None, Query(max_length=3)]


def _code(name: str, value: str | None) -> str | None:
    if not value:
        return None
    if not _CODE.fullmatch(value):
        raise FormatError(name, f"expected a three-letter code such as UKR or IGO, got {value!r}")
    return value.upper()


def _choice(name: str, value: str | None, choices: tuple[str, ...], *, upper: bool) -> str | None:
    if not value:
        return None
    wanted = value.upper() if upper else value.lower()
    if wanted not in choices:
        raise FormatError(name, f"expected one of {', '.join(choices)}, got {value!r}")
    return wanted


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`west,south,east,north` in degrees (west > east crosses the antimeridian)."""
    if not value:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise FormatError(
            "bbox", f"expected west,south,east,north in degrees, got {value!r}"
        ) from None
    ok = all(math.isfinite(v) for v in (west, south, east, north))
    if not ok or not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise FormatError(
            "bbox", f"out of range (lon -180..180, lat -90..90, south <= north): {value!r}"
        )
    return west, south, east, north


def event_filter(
    since: Since = None,
    until: Until = None,
    country: Annotated[
        str | None, Query(description="ISO3 of the event place, an actor or a recipient.")
    ] = None,
    actor: Annotated[
        str | None, Query(description="Code of one of the actors (ISO3, IGO, NGO, …).")
    ] = None,
    recipient: Annotated[str | None, Query(description="Code of one of the recipients.")] = None,
    event: Annotated[str | None, Query(description="PLOVER category, e.g. ASSAULT.")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    modality: Annotated[
        str | None, Query(description="asserted, historical, future, hypothetical or negated.")
    ] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
    q: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Text in the sentence (any case).")
    ] = None,
    cluster: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Cross-article event id.")
    ] = None,
) -> EventFilter:
    """The filter of a request (a FastAPI dependency shared by the event endpoints)."""
    if since and until and since > until:
        raise FormatError("since", f"since {since} is after until {until}")
    return EventFilter(
        since=since,
        until=until,
        country=_code("country", country),
        actor=_code("actor", actor),
        recipient=_code("recipient", recipient),
        event=_choice("event", event, CATEGORIES, upper=True),
        quad=quad,
        modality=_choice("modality", modality, MODALITIES, upper=False),
        bbox=parse_bbox(bbox),
        q=q.strip() or None if q else None,
        cluster=cluster or None,
    )
