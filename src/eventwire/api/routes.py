"""The read endpoints: events (paged or streamed), one event in its sentence, points, counts."""

from __future__ import annotations

import itertools
import json
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from eventwire.api.access import StoreAccess
from eventwire.api.params import event_filter
from eventwire.api.streaming import export_chunks
from eventwire.store import EventFilter

router = APIRouter(prefix="/api")

#: Events per page of `format=json` (default and largest).
PAGE, MAX_PAGE = 100, 1000
#: Points for the map (default and largest).
POINTS, MAX_POINTS = 20_000, 200_000

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "acled": "text/csv; charset=utf-8",
}


class Format(StrEnum):
    json = "json"
    geojson = "geojson"
    csv = "csv"
    jsonl = "jsonl"
    acled = "acled"


class Order(StrEnum):
    desc = "desc"
    asc = "asc"


Filter = Annotated[EventFilter, Depends(event_filter)]


def _access(request: Request) -> StoreAccess:
    access: StoreAccess = request.app.state.access
    return access


@router.get("/events", summary="Events passing the filters, by date")
def list_events(
    request: Request,
    flt: Filter,
    format: Format = Format.json,
    order: Order = Order.desc,
    cursor: Annotated[
        str | None, Query(max_length=500, description="`next_cursor` of the previous page.")
    ] = None,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            description=f"json: events per page (default {PAGE}, at most {MAX_PAGE});"
            " other formats: at most this many (default all).",
        ),
    ] = None,
) -> Any:
    """`format=json` is one page: `{"events", "next_cursor", "count"}`; pass `next_cursor`
    back as `cursor` for the next. `geojson`, `csv` and `jsonl` stream every matching event
    (or `limit` of them) as `eventwire export` writes them; `acled` is ACLED-style CSV, one
    row per real-world event."""
    access = _access(request)
    if format is Format.json:
        with access.reading() as store:
            page = store.page_json(
                flt, order=order.value, cursor=cursor, limit=min(limit or PAGE, MAX_PAGE)
            )
        # The stored records are JSON already: spliced in as they are, never re-encoded.
        tail = json.dumps({"next_cursor": page.next_cursor, "count": len(page.records)})
        body = '{"events": [' + ", ".join(page.records) + "], " + tail[1:]
        return Response(body.encode("utf-8"), media_type="application/json")
    store, token = access.hold()
    try:
        records = store.select(flt, order=order.value, cursor=cursor, limit=limit)
        chunks = export_chunks(records, format=format.value, on_close=lambda: access.release(token))
    except BaseException:
        access.release(token)
        raise
    first = next(chunks, b"")  # errors before the first byte still get their status
    suffix = "acled.csv" if format is Format.acled else format.value
    headers = {"Content-Disposition": f'inline; filename="events.{suffix}"'}
    return StreamingResponse(
        itertools.chain([first], chunks), media_type=MEDIA[format.value], headers=headers
    )


@router.get("/events/{event_id}", summary="One event in its sentence")
def get_event(request: Request, event_id: str) -> JSONResponse:
    """The record, its article's metadata, the whole sentence, and where the trigger,
    actors, recipients, place and date are in it (`spans`, offsets into `sentence`)."""
    with _access(request).reading() as store:
        found = store.detail(event_id)
    if found is None:
        raise HTTPException(404, detail=f"no event with id {event_id!r}")
    return JSONResponse(sentence_view(found))


def sentence_view(found: dict[str, Any]) -> dict[str, Any]:
    """The detail of `Store.detail` with the sentence cut out and spans made relative."""
    record = found["record"]
    info = record.get("text_info") or {}
    text = found.pop("article_text") or ""
    start, end = info.get("start", 0), info.get("end", 0)
    sentence = text[start:end]
    if not sentence or sentence != (record.get("text") or sentence):
        # The offsets do not fit the stored text: show the record's sentence, unhighlighted.
        return {**found, "sentence": record.get("text") or "", "sentence_start": None, "spans": []}
    spans = [
        {"role": s["role"], "start": s["start"] - start, "end": s["end"] - start}
        for s in found["spans"]
        if start <= s["start"] < s["end"] <= end
    ]
    return {**found, "sentence": sentence, "sentence_start": start, "spans": spans}


@router.get("/points", summary="Compact GeoJSON of the latest events with coordinates")
def points(
    request: Request,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = POINTS,
) -> Response:
    """For the map: each feature has only `id`, and properties `d` (date), `e` (category)
    and `q` (quad); `truncated` is true when more events match than `limit`."""
    access = _access(request)
    with access.reading() as store:
        body = access.cache.get_or_make(
            ("points", flt, limit), lambda: points_body(store.points(flt, limit=limit + 1), limit)
        )
    return Response(body, media_type="application/geo+json")


def points_body(rows: list[tuple[Any, ...]], limit: int) -> bytes:
    """The compact GeoJSON of `Store.points` rows (one more than `limit` asked for)."""
    features = [
        {
            "type": "Feature",
            "id": event_id,
            "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
            "properties": {"d": day.isoformat() if day else None, "e": event, "q": quad},
        }
        for event_id, lon, lat, day, event, quad in rows[:limit]
    ]
    body = {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit}
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


@router.get("/stats", summary="Counts by day, category, quad and country")
def stats(request: Request, flt: Filter) -> Response:
    """Counts of the events passing the filters: `events`, `undated`, `by_day` (calendar
    order), `by_category`, `by_quad`, `by_country` (most frequent first).

    Kept per filter until the next write (see `eventwire.api.cache`)."""
    access = _access(request)
    with access.reading() as store:
        body = access.cache.get_or_make(
            ("stats", flt), lambda: json.dumps(store.counts(flt)).encode("utf-8")
        )
    return Response(body, media_type="application/json")


@router.get("/clusters", summary="Real-world events: the reports of one event grouped")
def clusters(
    request: Request,
    since: Annotated[date | None, Query(description="Clusters ending on or after.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
) -> JSONResponse:
    """`{"clusters": [...]}`, latest first: category, actors, place, date interval, numbers
    of events, articles and sources, first reported, reconciled figures."""
    from eventwire.dedup import summary

    with _access(request).reading() as store:
        rows = summary.rows(store.con.cursor(), since=since, limit=limit)
    return JSONResponse({"clusters": rows})


@router.get("/stories", summary="Stories: the articles that report one happening")
def stories(
    request: Request,
    since: Annotated[date | None, Query(description="Articles published on or after.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
) -> JSONResponse:
    """`{"stories": [...]}`, stories of two articles or more, the largest first: numbers of
    articles, sources and event clusters, first and last publication date, titles."""
    from eventwire.dedup.story_store import story_rows

    with _access(request).reading() as store:
        rows = story_rows(store.con.cursor(), since=since, limit=limit)
    return JSONResponse({"stories": rows})
