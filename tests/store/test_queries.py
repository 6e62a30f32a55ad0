"""Filtered pages, keyset cursors, counts, spans and detail of the store (for the API)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import FormatError
from eventwire.store import EventFilter, Store
from eventwire.store.queries import decode_cursor, encode_cursor, where
from store.factories import make_scene_pairs


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "events.duckdb"
    with Store(path) as store:
        store.write_batch(make_scene_pairs(25))
    return path


def test_queries_cursor_round_trip_and_garbage() -> None:
    assert decode_cursor(encode_cursor(date(2024, 5, 1), "a'b")) == (date(2024, 5, 1), "a'b")
    assert decode_cursor(encode_cursor(None, "x")) == (None, "x")
    for bad in ("", "%%%", encode_cursor(None, "x")[:-3], "WzEsMiwzXQ"):
        with pytest.raises(FormatError, match="not a cursor"):
            decode_cursor(bad)


def test_queries_where_keeps_values_out_of_the_sql() -> None:
    hostile = "x'; DROP TABLE events; --"
    clauses, params = where(EventFilter(country=hostile, q=hostile, cluster=hostile))
    assert hostile not in " ".join(clauses)
    assert params.count(hostile) == 4 and hostile.lower() in params


def test_store_page_cursor_walks_dated_then_undated(db: Path) -> None:
    with Store(db, read_only=True) as store:
        every = [r["id"] for r in store.select(EventFilter(), order="asc")]
        pages, cursor = [], None
        while True:
            page = store.page(EventFilter(), order="asc", cursor=cursor, limit=4)
            pages += [r["id"] for r in page.records]
            if (cursor := page.next_cursor) is None:
                break
    assert pages == every and len(every) == 25
    assert every[-2:] == ["scene00009-e0", "scene00019-e0"]  # the undated ones, last


def test_store_spans_column_holds_the_event_spans(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        (spans,) = con.execute("SELECT spans FROM events WHERE id = 'scene00001-e0'").fetchone()
    roles = [s["role"] for s in json.loads(spans)]
    assert sorted(roles) == ["actor", "date", "place", "trigger"]


def test_store_detail_joins_the_article(db: Path) -> None:
    with Store(db, read_only=True) as store:
        found = store.detail("scene00002-e0")
        assert store.detail("nope") is None
    assert found is not None
    assert found["article"]["title"] == "Consult in Nairobi"
    assert found["article_text"].startswith("NAIROBI (Example Wire) — Kenyan ministers")


def test_store_counts_follow_the_filter(db: Path) -> None:
    with Store(db, read_only=True) as store:
        counts = store.counts(EventFilter(event="ASSAULT"))
        everything = store.counts(EventFilter())
    assert counts["events"] == 5 and counts["by_category"] == {"ASSAULT": 5}
    assert counts["by_quad"] == {"4": 5} and counts["by_country"] == {"UKR": 5}
    assert everything["undated"] == 2 and sum(everything["by_day"].values()) == 23


def test_store_points_only_located_events_latest_first(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = store.points(EventFilter(bbox=(30.0, 40.0, 40.0, 55.0)), limit=3)
    assert [r[0] for r in rows] == ["scene00024-e0", "scene00018-e0", "scene00012-e0"]


def test_store_without_spans_column_gains_it_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write_batch(make_scene_pairs(2))
    with duckdb.connect(str(path)) as con:
        con.execute("ALTER TABLE events DROP COLUMN spans")
    with Store(path, read_only=True) as store:  # read-only: no column, no highlighting
        found = store.detail("scene00000-e0")
        assert found is not None and found["spans"] == []
    Store(path).close()
    with duckdb.connect(str(path), read_only=True) as con:
        columns = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    assert "spans" in columns


def test_store_detail_gives_the_articles_story(tmp_path: Path) -> None:
    path = tmp_path / "stories.duckdb"
    with Store(path) as store:
        store.write_batch(make_scene_pairs(4))
        rows = [("scene00000", "st1"), ("scene00002", "st1"), ("scene00003", "st2")]
        store.con.executemany("INSERT INTO article_stories VALUES (?, ?)", rows)
    with Store(path, read_only=True) as store:
        found = store.detail("scene00002-e0")
        alone = store.detail("scene00001-e0")
    assert found is not None and alone is not None
    story = found["story"]
    assert (story["story_id"], story["n_articles"]) == ("st1", 2)
    articles = story["articles"]
    assert {a["article_id"] for a in articles} == {"scene00000", "scene00002"}
    dates = [a["published"] for a in articles]
    assert dates == sorted(dates, key=lambda d: (d is None, d or ""))  # undated last
    assert "Consult in Nairobi" in [a["title"] for a in articles]
    assert alone["story"] is None  # never placed in a story
