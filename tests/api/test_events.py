"""GET /api/events, /api/events/{id}, /api/points and /api/stats over a hand-made store."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.export import COLUMN_NAMES


def _ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["events"]]


def test_events_default_page_newest_first_undated_last(client: TestClient) -> None:
    body = client.get("/api/events").json()
    dates = [r["date"] for r in body["events"]]
    assert body["count"] == 44 and body["next_cursor"] is None
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[0] == "2024-06-08"
    assert dates[-len(dates) + len(dated) :] == [None] * (len(dates) - len(dated))


def test_events_cursor_pages_cover_everything_once(client: TestClient) -> None:
    for order in ("desc", "asc"):
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 7, "order": order, **({"cursor": cursor} if cursor else {})}
            body = client.get("/api/events", params=params).json()
            seen += [r["id"] for r in body["events"]]
            if not (cursor := body["next_cursor"]):
                break
        assert len(seen) == len(set(seen)) == 44
        assert seen == _ids(client, order=order)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event": "protest"}, 7),  # categories cycle over 6 scenes: 7 of 40 are PROTEST
        ({"quad": 4}, 7 + 7 + 2),  # ASSAULT, PROTEST scenes and the 2 factory ASSAULTs
        ({"modality": "future"}, 7),
        ({"country": "sdn"}, 7),  # recipient or place
        ({"actor": "USA"}, 7),
        ({"recipient": "USA"}, 6),
        ({"since": "2024-06-01", "until": "2024-06-05"}, 5),
        ({"bbox": "30,40,40,55"}, 7 + 2),  # Kharkiv
        ({"bbox": "120,20,-170,30"}, 6),  # across the antimeridian: Taipei
        ({"q": "MARCHED THROUGH"}, 7),
        ({"cluster": "none-yet"}, 0),
    ],
)
def test_events_filters(client: TestClient, params: dict[str, Any], expected: int) -> None:
    assert len(_ids(client, **params)) == expected


def test_events_filters_combine(client: TestClient) -> None:
    params = {"event": "ASSAULT", "country": "UKR", "since": "2024-05-10", "limit": 1000}
    body = client.get("/api/events", params=params).json()
    assert body["count"] == 5 + 2  # scenes of May 13, 19, 25, 31, June 6; two of May 14
    assert all(r["event"] == ["ASSAULT"] and r["date"] >= "2024-05-10" for r in body["events"])


def test_events_jsonl_is_the_stored_records(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "jsonl", "order": "asc"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in records] == _ids(client, order="asc")


def test_events_csv_has_the_export_columns(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "csv", "event": "AID"})
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == COLUMN_NAMES
    assert len(rows) == 1 + 7 and {r[COLUMN_NAMES.index("event")] for r in rows[1:]} == {"AID"}


def test_events_acled_is_csv_with_the_acled_columns(client: TestClient) -> None:
    from eventwire.acled import ACLED_COLUMNS

    response = client.get("/api/events", params={"format": "acled"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert {r["disorder_type"] for r in rows} <= {
        "Political violence", "Demonstrations", "Strategic developments"
    }  # fmt: skip
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_events_geojson_streams_points_only(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "geojson", "limit": 5})
    body = response.json()
    assert response.headers["content-type"].startswith("application/geo+json")
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 5
    assert all(f["geometry"]["type"] == "Point" for f in body["features"])


def test_events_large_stream_is_chunked(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.api import streaming

    monkeypatch.setattr(streaming, "CHUNK_CHARS", 100)
    with client.stream("GET", "/api/events", params={"format": "jsonl"}) as response:
        chunks = list(response.iter_bytes())
    assert len(chunks) > 10
    assert len(b"".join(chunks).splitlines()) == 44


def test_event_detail_sentence_and_relative_spans(client: TestClient) -> None:
    body = client.get("/api/events/scene00000-e0").json()
    sentence = body["sentence"]
    assert sentence == body["record"]["text"]
    words = {s["role"]: sentence[s["start"] : s["end"]] for s in body["spans"]}
    assert words == {"trigger": "shelled", "actor": "Russian", "recipient": "Ukrainian",
                     "place": "Kharkiv", "date": "May 1"}  # fmt: skip
    assert body["article"]["url"] == "https://news.example/scene/0"
    assert body["article"]["dateline"] == "KHARKIV (Example Wire)"


def test_event_detail_offsets_not_matching_text_means_no_spans(client: TestClient) -> None:
    body = client.get("/api/events/art0000-e0").json()
    assert body["sentence"] == body["record"]["text"] and body["spans"] == []


def test_event_detail_unknown_id_is_404(client: TestClient) -> None:
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404 and "no-such-event" in response.json()["detail"]


def test_points_compact_features(client: TestClient) -> None:
    body = client.get("/api/points", params={"event": "ASSAULT"}).json()
    feature = body["features"][0]
    assert set(feature["properties"]) == {"d", "e", "q"} and feature["properties"]["q"] == 4
    assert len(body["features"]) == 7 + 2 and body["truncated"] is False
    assert client.get("/api/points", params={"limit": 3}).json()["truncated"] is True


def test_stats_counts_by_day_category_quad_country(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["events"] == 44 and body["undated"] == 4
    assert list(body["by_day"]) == sorted(body["by_day"]) and body["by_day"]["2024-05-14"] == 2 + 1
    assert body["by_category"]["ASSAULT"] == 9 and sum(body["by_quad"].values()) == 44
    assert body["by_country"]["unknown"] == 2
    filtered = client.get("/api/stats", params={"country": "KEN"}).json()
    assert filtered["events"] == 7 and set(filtered["by_category"]) == {"CONSULT"}


def test_openapi_docs_list_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/articles"} <= set(paths)
    assert client.get("/docs").status_code == 200
