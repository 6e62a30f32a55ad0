"""Reading a Parquet lake as a store: `open_lake`, `serve --lake`, `stats --lake`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventwire.api import create_app
from eventwire.cli import app as cli_app
from eventwire.errors import ConfigError, StoreError
from eventwire.lake import Lake, open_lake
from eventwire.store import EventFilter, Store
from store.factories import make_pairs, make_scene_pairs


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same articles written to a store and to a lake (two batches, several months)."""
    root = tmp_path_factory.mktemp("twins")
    first, second = make_scene_pairs(40)[:25], make_scene_pairs(40)[25:] + make_pairs(0, 3)
    with Store(root / "s.duckdb") as store:
        store.write_batch(first)
        store.write_batch(second)
    with Lake(root / "lake", flush_articles=10) as lake:
        lake.write_batch(first)
        lake.write_batch(second)
    return root / "s.duckdb", root / "lake"


def test_lake_answers_every_store_query_like_the_store(twins: tuple[Path, Path]) -> None:
    db, lake = twins
    flt = EventFilter(country="UKR")
    with Store(db, read_only=True) as store, open_lake(lake) as view:
        assert view.stats() == store.stats()
        assert view.stats()["articles"] == 43
        assert view.counts(flt) == store.counts(flt)
        assert view.recent(5) == store.recent(5)
        assert view.page(EventFilter(), limit=7) == store.page(EventFilter(), limit=7)
        assert view.points(flt, limit=50) == store.points(flt, limit=50)
        event_id = store.recent(1)[0]["id"]
        assert view.detail(event_id) == store.detail(event_id)
        assert view.detail(event_id)["spans"]  # highlighting works from the lake too
        assert view.known_article_ids(["scene00003", "nope"]) == {"scene00003"}


def test_lake_sees_batches_committed_after_it_was_opened(tmp_path: Path) -> None:
    with Lake(tmp_path) as lake:
        lake.write_batch(make_pairs(0, 2))
    with open_lake(tmp_path) as view:
        before = view.stats()["articles"]
        with Lake(tmp_path) as lake:
            lake.write_batch(make_pairs(2, 5))
        assert (before, view.stats()["articles"]) == (2, 5)


def test_empty_lake_reads_as_an_empty_store(tmp_path: Path) -> None:
    Lake(tmp_path).close()
    with open_lake(tmp_path) as view:
        stats = view.stats()
    assert (stats["articles"], stats["events"], stats["errors"]) == (0, 0, 0)


def test_missing_lake_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no eventwire lake at .*ingest --lake"):
        open_lake(tmp_path / "nowhere")


def test_api_serves_a_lake_read_only(twins: tuple[Path, Path]) -> None:
    _, lake = twins
    with TestClient(create_app(lake=lake)) as client:
        page = client.get("/api/events", params={"limit": 3}).json()
        assert len(page["events"]) == 3
        assert client.get("/api/stats").json()["events"] > 0
        event_id = page["events"][0]["id"]
        assert client.get(f"/api/events/{event_id}").json()["record"]["id"] == event_id
        assert client.post("/api/articles", json={"text": "x"}).status_code == 404
    with pytest.raises(ConfigError, match="read-only"):
        create_app(lake=lake, token="t")


def test_stats_and_recent_read_a_lake(twins: tuple[Path, Path]) -> None:
    _, lake = twins
    runner = CliRunner()
    stats = runner.invoke(cli_app, ["stats", "--lake", str(lake)])
    assert stats.exit_code == 0, stats.output
    assert "43" in stats.output
    recent = runner.invoke(cli_app, ["recent", "--lake", str(lake), "-n", "2"])
    assert recent.exit_code == 0, recent.output
    missing = runner.invoke(cli_app, ["stats", "--lake", str(lake / "nope")])
    assert missing.exit_code != 0
    assert "no eventwire lake" in missing.output
