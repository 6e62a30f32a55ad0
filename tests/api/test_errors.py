"""Bad input to the read endpoints: clear 4xx, never SQL; the status table of eventwire errors."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from eventwire.api.errors import STATUS, status_of
from eventwire.errors import (
    EventwireError,
    ExtractionError,
    FormatError,
    InputError,
    LanguageError,
    StoreError,
    TooLargeError,
)

PAYLOADS = ("'; DROP TABLE events; --", "UKR' OR '1'='1", '" OR ""="', "%", "_", "\\", "?", "$1")
#: parameter -> the statuses a hostile value may get (never 200 with more than no events)
PARAMS = ("since", "until", "country", "actor", "recipient", "event", "quad", "modality",
          "bbox", "q", "cluster", "cursor", "format", "order", "limit")  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sql_metacharacters_in_every_parameter_are_inert(client: TestClient, payload: str) -> None:
    for name in PARAMS:
        response = client.get("/api/events", params={name: payload})
        assert response.status_code in (200, 400, 422), (name, response.text)
        if response.status_code == 200:
            assert response.json()["count"] == 0, name  # only q and cluster get this far
        else:
            assert response.json()["detail"], name
        assert client.get("/api/stats", params={name: payload}).status_code in (200, 400, 422)
    assert client.get(f"/api/events/{quote(payload, safe='')}").status_code == 404
    assert client.get("/api/stats").json()["events"] == 44  # the table is intact


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"country": "Ukraine"}, 400, "three-letter code"),
        ({"event": "BOMB"}, 400, "ASSAULT"),
        ({"modality": "maybe"}, 400, "hypothetical"),
        ({"bbox": "1,2,3"}, 400, "west,south,east,north"),
        ({"bbox": "0,50,10,40"}, 400, "south <= north"),
        ({"bbox": "nan,1,2,3"}, 400, "out of range"),
        ({"since": "2024-06-02", "until": "2024-06-01"}, 400, "after"),
        ({"cursor": "bm90IGEgY3Vyc29y"}, 400, "not a cursor"),
        ({"since": "yesterday"}, 400, "date"),
        ({"quad": 5}, 400, "less than or equal"),
        ({"limit": 0}, 400, "greater than or equal"),
        ({"format": "xml"}, 400, "json"),
        ({"q": "x" * 201}, 400, "200 characters"),
    ],
)
def test_bad_parameters_get_a_clear_4xx(
    client: TestClient, params: dict[str, object], status: int, words: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    assert words in response.text
    assert set(response.json()) == {"error", "detail"}


def test_routing_errors_share_the_error_body(client: TestClient) -> None:
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert response.json()["error"] == "NotFound"
    assert client.delete("/api/events").json()["error"] == "MethodNotAllowed"


def test_status_of_uses_nearest_listed_ancestor() -> None:
    class OddInput(FormatError):
        pass

    assert status_of(OddInput("x")) == 400
    assert status_of(TooLargeError("x")) == 413
    assert status_of(LanguageError("x")) == status_of(ExtractionError("x")) == 422
    assert status_of(StoreError("down")) == 503
    assert status_of(EventwireError("?")) == 500
    assert all(400 <= s < 600 for s in STATUS.values()) and InputError in STATUS


def test_store_error_is_503_with_its_message(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.store import Store

    def broken(*_args: object, **_kwargs: object) -> None:
        raise StoreError("disk unplugged")

    monkeypatch.setattr(Store, "counts", broken)
    client.app.state.access.cache.clear()  # type: ignore[attr-defined]  # else a kept body
    response = client.get("/api/stats")
    assert response.status_code == 503
    assert response.json() == {"error": "StoreError", "detail": "disk unplugged"}
