"""POST /api/articles: the token, the size limit, bad bodies, and the write through jobs.ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.conftest import TOKEN
from eventwire.api import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "id": "posted-1",
    "title": "Posted",
    "published": "2024-07-01",
    "text": "Police officers arrested twelve protesters in the capital on Monday, witnesses said.",
}


def test_post_article_off_without_token(client: TestClient) -> None:
    response = client.post("/api/articles", json=ARTICLE)
    assert response.status_code == 404 and "EVENTWIRE_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_post_article_needs_the_bearer_token(ingest_client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = ingest_client.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_post_article_codes_and_stores_it_once(ingest_client: TestClient) -> None:
    first = ingest_client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert first.status_code == 201, first.text
    assert first.json() == {"article_id": "posted-1", "new": True, "events": ["posted-1-e0"]}
    again = ingest_client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert again.status_code == 200 and again.json()["new"] is False
    detail = ingest_client.get("/api/events/posted-1-e0").json()
    assert detail["article"]["title"] == "Posted"
    assert ingest_client.get("/api/stats").json()["events"] == 44 + 1


def test_post_article_reusing_an_id_for_another_text_is_409(ingest_client: TestClient) -> None:
    assert ingest_client.post("/api/articles", json=ARTICLE, headers=AUTH).status_code == 201
    other = {**ARTICLE, "text": ARTICLE["text"] + " A second paragraph was added later."}
    reply = ingest_client.post("/api/articles", json=other, headers=AUTH)
    assert reply.status_code == 409, reply.text
    assert reply.json()["error"] == "ConflictError"
    assert "already stored with a different text" in reply.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b"{not json", 400, "invalid JSON"),
        (b"[]", 400, "one JSON object"),
        (b'{"title": "no text"}', 422, "no article text"),
        (b'{"text": 42}', 400, "must be a string"),
        (b'{"text": "ok", "published": "soon"}', 400, "bad `published` date"),
        (b'{"text": "\xff\xfe"}', 400, "UTF-8"),
        (b"", 400, "invalid JSON"),
    ],
)
def test_post_article_bad_body_is_a_clear_4xx(
    ingest_client: TestClient, body: bytes, status: int, words: str
) -> None:
    response = ingest_client.post(
        "/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


def test_post_article_not_english_is_422(ingest_client: TestClient) -> None:
    text = ("Les agriculteurs ont bloqué les routes autour de la capitale pendant trois jours "
            "pour protester contre la hausse des prix du carburant et des engrais.")  # fmt: skip
    response = ingest_client.post("/api/articles", json={"text": text}, headers=AUTH)
    assert response.status_code == 422 and response.json()["error"] == "LanguageError"


def test_post_article_over_the_size_limit_is_413(tmp_path: Path) -> None:
    app = create_app(db=tmp_path / "s.duckdb", token=TOKEN, max_bytes=1000)
    with TestClient(app) as small:
        response = small.post("/api/articles", json={"text": "word " * 400}, headers=AUTH)
    assert response.status_code == 413 and "limit of 1000 bytes" in response.json()["detail"]


def test_post_article_wrong_content_type_is_415(ingest_client: TestClient) -> None:
    headers = {**AUTH, "Content-Type": "text/plain"}
    response = ingest_client.post("/api/articles", content=b"hello", headers=headers)
    assert response.status_code == 415


def test_post_article_failing_pipeline_is_422_not_500(ingest_client: TestClient) -> None:
    body = {**ARTICLE, "id": "posted-2", "text": ARTICLE["text"] + " FAIL"}
    response = ingest_client.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 422 and response.json()["error"] == "ExtractionError"
    assert ingest_client.get("/api/stats").json()["events"] == 44  # nothing written, still readable


def test_post_article_crashing_pipeline_is_422(tmp_path: Path) -> None:
    class Crashing:
        def process(self, articles, **_kwargs):  # type: ignore[no-untyped-def]
            raise ZeroDivisionError("boom")
            yield

    app = create_app(db=tmp_path / "c.duckdb", token=TOKEN, pipeline=Crashing())
    with TestClient(app) as crashing:
        response = crashing.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert response.status_code == 422 and "boom" in response.json()["detail"]
        assert crashing.get("/api/stats").status_code == 200
