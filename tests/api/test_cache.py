"""The per-filter body cache of /api/stats and /api/points, and its clearing on writes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.conftest import TOKEN
from eventwire.api.cache import BodyCache

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "id": "cached-1",
    "published": "2024-07-02",
    "text": "Soldiers fired on a convoy near the border on Friday, a spokesman said.",
}


def test_body_cache_computes_once_per_key() -> None:
    cache = BodyCache()
    made: list[str] = []

    def make(name: str) -> bytes:
        made.append(name)
        return name.encode()

    assert cache.get_or_make("a", lambda: make("a")) == b"a"
    assert cache.get_or_make("a", lambda: make("again")) == b"a"
    assert cache.get_or_make("b", lambda: make("b")) == b"b"
    assert made == ["a", "b"] and (cache.hits, cache.misses) == (1, 2)


def test_body_cache_drops_least_recent_past_its_bounds() -> None:
    cache = BodyCache(max_entries=2, max_bytes=10)
    cache.get_or_make("a", lambda: b"aaaa")
    cache.get_or_make("b", lambda: b"bbbb")
    cache.get_or_make("a", lambda: b"new")  # a hit: "a" is now the most recent
    cache.get_or_make("c", lambda: b"cccc")
    assert len(cache) == 2 and cache.get_or_make("b", lambda: b"gone") == b"gone"
    cache.get_or_make("huge", lambda: b"x" * 11)  # larger than the whole budget: not kept
    assert cache.get_or_make("huge", lambda: b"remade") == b"remade"


def test_stats_cache_is_per_normalised_filter(client: TestClient) -> None:
    cache = client.app.state.access.cache  # type: ignore[attr-defined]
    cache.clear()
    first = client.get("/api/stats?country=ukr").json()
    hits = cache.hits
    assert client.get("/api/stats?country=UKR").json() == first  # same filter once upper-cased
    assert cache.hits == hits + 1
    assert client.get("/api/stats?country=FRA").json() != first


def test_stats_and_points_cache_cleared_by_a_write(ingest_client: TestClient) -> None:
    before = ingest_client.get("/api/stats").json()
    points = ingest_client.get("/api/points").json()
    assert ingest_client.get("/api/stats").json() == before  # now served from the cache
    cache = ingest_client.app.state.access.cache  # type: ignore[attr-defined]
    assert len(cache) == 2
    posted = ingest_client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert posted.status_code == 201, posted.text
    assert len(cache) == 0
    after = ingest_client.get("/api/stats").json()
    assert after["events"] == before["events"] + 1
    assert after["by_day"].get("2024-05-14", 0) == before["by_day"].get("2024-05-14", 0) + 1
    grown = ingest_client.get("/api/points").json()
    assert len(grown["features"]) == len(points["features"]) + 1
