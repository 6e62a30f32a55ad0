"""Filters, keyset cursors and counts over the `events` table, as parameterised SQL.

Every value a caller gives travels as a `?` parameter; the only text spliced into SQL is
chosen here from fixed strings (column names, `ASC`/`DESC`), never taken from input.

Sorting is by date then id, undated events last in either direction. A cursor is the
(date, id) of the last event of a page, encoded as URL-safe base64 JSON; the next page
starts strictly after it, so pages stay stable while events are added elsewhere.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventwire.errors import FormatError

ORDERS = ("desc", "asc")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """What `GET /api/events`, `Store.events` and the counts filter on (None: no filter).

    `since`/`until` keep events whose interval [date, enddate] overlaps the range;
    `country` (ISO3) matches the event place or any actor or recipient; `actor` and
    `recipient` match one of their codes; `event` the first PLOVER category; `bbox`
    is (west, south, east, north) in degrees, west > east crossing the antimeridian;
    `q` a case-insensitive substring of the sentence.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    quad: int | None = None
    modality: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    cluster: str | None = None


def where(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """The SQL conditions of `flt` (to be joined with AND) and their parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if flt.since is not None:
        add("coalesce(enddate, date) >= ?", flt.since)
    if flt.until is not None:
        add("date <= ?", flt.until)
    if flt.country:
        add(
            "(country_code = ? OR list_contains(actor_codes, ?)"
            " OR list_contains(recipient_codes, ?))",
            *[flt.country] * 3,
        )
    if flt.actor:
        add("list_contains(actor_codes, ?)", flt.actor)
    if flt.recipient:
        add("list_contains(recipient_codes, ?)", flt.recipient)
    if flt.event:
        add("event = ?", flt.event)
    if flt.quad is not None:
        add("quad_code = ?", flt.quad)
    if flt.modality:
        add("modality = ?", flt.modality)
    if flt.cluster:
        add("cluster_id = ?", flt.cluster)
    if flt.q:
        # contains() takes the text literally: no LIKE wildcards to escape.
        add("contains(lower(text), ?)", flt.q.lower())
    if flt.bbox is not None:
        _bbox(flt.bbox, add)
    return clauses, params


def _bbox(bbox: tuple[float, float, float, float], add: Any) -> None:
    west, south, east, north = bbox
    add("lat BETWEEN ? AND ?", south, north)
    if west <= east:
        add("lon BETWEEN ? AND ?", west, east)
    else:
        add("(lon >= ? OR lon <= ?)", west, east)


def where_sql(flt: EventFilter, extra: list[str] | None = None) -> tuple[str, list[Any]]:
    """`WHERE ...` (or "") for `flt` plus any `extra` parameter-free conditions."""
    clauses, params = where(flt)
    clauses += extra or []
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def order_sql(order: str) -> str:
    """ORDER BY date then id, undated last, in `order` ("desc" or "asc")."""
    direction = _direction(order)
    return f"ORDER BY date {direction} NULLS LAST, id {direction}"


def _direction(order: str) -> str:
    if order not in ORDERS:
        raise FormatError("order", f"expected one of {', '.join(ORDERS)}, got {order!r}")
    return order.upper()


def after_cursor(cursor: str, *, order: str) -> tuple[str, list[Any]]:
    """The condition keeping events strictly after `cursor` in `order`, and its parameters."""
    day, event_id = decode_cursor(cursor)
    op = "<" if _direction(order) == "DESC" else ">"
    if day is None:  # past the dated events already
        return f"(date IS NULL AND id {op} ?)", [event_id]
    return (
        f"(date {op} ? OR (date = ? AND id {op} ?) OR date IS NULL)",
        [day, day, event_id],
    )


def encode_cursor(day: date | None, event_id: str) -> str:
    raw = json.dumps([day.isoformat() if day else None, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    """(date, id) of a cursor made by `encode_cursor`; FormatError for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if not isinstance(event_id, str) or not (day is None or isinstance(day, str)):
            raise ValueError("not a (date, id) pair")
        return (date.fromisoformat(day) if day else None), event_id
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise FormatError("cursor", "not a cursor returned by this API") from exc


#: The groups of `counts_sql`: name -> the column counted.
GROUPS = {
    "by_day": "date",
    "by_category": "event",
    "by_quad": "quad_code",
    "by_country": "country_code",
}


def counts_sql(where_clause: str) -> str:
    """One scan counting events by day, (category, quad) and country (GROUPING SETS).

    Rows are (day, event, quad_code, country_code, grouping id, n); the grouping id tells
    which set the row counts (the columns outside it are null). A category has one quad,
    so grouping them together costs nothing and gives both counts.
    """
    return (
        "SELECT date, event, quad_code, country_code,"
        " grouping(date, event, quad_code, country_code) AS g, count(*) AS n"
        f" FROM events {where_clause}"
        " GROUP BY GROUPING SETS ((date), (event, quad_code), (country_code))"
    )
