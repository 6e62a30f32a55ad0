"""The DuckDB store: bulk batches, idempotence, rollback, filters and counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pytest

from eventwire.errors import InputError, StoreError
from eventwire.records import to_plover
from eventwire.store import Store, schema
from store.factories import make_article, make_event, make_pairs


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


def _count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_store_write_batch_stores_articles_and_events(db: Path) -> None:
    pairs = make_pairs(0, 3)
    with Store(db) as store:
        counts = store.write_batch(pairs, errors=[InputError("bad.bin", "binary data")])
    assert (counts.articles, counts.events, counts.errors) == (3, 6, 1)
    assert _count(db, "articles") == 3
    assert _count(db, "events") == 6
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT n_events, published, source FROM articles WHERE article_id = 'art0001'"
        ).fetchone()
        codes = con.execute("SELECT actor_codes, country_code FROM events WHERE id = 'art0001-e0'")
        assert codes.fetchone() == (["RUS"], "UKR")
    assert row == (2, date(2024, 5, 17), "corpus/report1.txt")


def test_store_events_yield_the_exact_plover_records(db: Path) -> None:
    pairs = make_pairs(0, 2)
    with Store(db) as store:
        store.write_batch(pairs)
        got = {r["id"]: r for r in store.events()}
    expected = {e.id: to_plover(e) for _, events in pairs for e in events}
    assert got == expected


def test_store_write_batch_twice_adds_nothing(db: Path) -> None:
    with Store(db) as store:
        store.write_batch(make_pairs(0, 4))
        again = store.write_batch(make_pairs(2, 6))
    assert again.articles == 2 and again.events == 4
    assert again.known_ids == {"art0002", "art0003"}
    assert _count(db, "articles") == 6
    assert _count(db, "events") == 12


def test_store_write_batch_repeated_article_in_batch_kept_once(db: Path) -> None:
    pairs = make_pairs(0, 1) * 2
    with Store(db) as store:
        counts = store.write_batch(pairs)
    assert (counts.articles, counts.events) == (1, 2)


def test_store_errors_recorded_once_per_source_and_reason(db: Path) -> None:
    error = InputError("feeds/broken.jsonl:3", "malformed JSON")
    with Store(db) as store:
        store.write_batch([], errors=[error])
        store.write_batch([], errors=[error, InputError("x.pdf", "unsupported input type")])
    assert _count(db, "errors") == 2


def test_store_known_article_ids_returns_only_stored(db: Path) -> None:
    with Store(db) as store:
        store.write_batch(make_pairs(0, 3))
        ids = [f"art{n:04d}" for n in range(5)] * 500  # over one lookup chunk
        assert store.known_article_ids(ids) == {"art0000", "art0001", "art0002"}
        assert store.known_article_ids([]) == set()


def test_store_failing_batch_rolls_back_leaving_earlier_batches(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_event_table = schema.event_table

    def broken_event_table(pairs):  # type: ignore[no-untyped-def]
        table = real_event_table(pairs)
        nulls = pc.if_else(pc.equal(table["id"], table["id"]), None, table["article_id"])
        return table.set_column(1, "article_id", nulls)  # violates NOT NULL mid-batch

    with Store(db) as store:
        store.write_batch(make_pairs(0, 2))
        monkeypatch.setattr(schema, "event_table", broken_event_table)
        with pytest.raises(StoreError, match="batch not written"):
            store.write_batch(make_pairs(2, 4), errors=[InputError("a.txt", "empty")])
        monkeypatch.setattr(schema, "event_table", real_event_table)
        assert store.known_article_ids(["art0001", "art0002"]) == {"art0001"}
        store.write_batch(make_pairs(2, 4))  # the store is usable after the rollback
    assert _count(db, "articles") == 4
    assert _count(db, "events") == 8
    assert _count(db, "errors") == 0


def test_store_python_error_mid_batch_rolls_back(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(pairs):  # type: ignore[no-untyped-def]
        raise RuntimeError("worker died")

    with Store(db) as store:
        store.write_batch(make_pairs(0, 1))
        monkeypatch.setattr(schema, "event_table", crash)
        with pytest.raises(RuntimeError):
            store.write_batch(make_pairs(1, 3))
    assert _count(db, "articles") == 1


def _filtered_store(db: Path) -> None:
    a, b, c = make_article(1), make_article(2), make_article(3, published=None)
    protest = make_event(
        b, 0, category="PROTEST", actor="FRA", recipient=None, place=None, day=date(2024, 3, 1)
    )
    aid = make_event(
        c, 0, category="AID", actor="USA", recipient="SDN", place=None, day=None, modality="future"
    )
    with Store(db) as store:
        store.write_batch(
            [(a, [make_event(a, 0, day=date(2024, 5, 14))]), (b, [protest]), (c, [aid])]
        )


def test_store_events_filters_by_date_country_and_category(db: Path) -> None:
    _filtered_store(db)
    with Store(db, read_only=True) as store:
        ids = lambda **kw: [r["id"] for r in store.events(**kw)]  # noqa: E731
        assert ids() == ["art0002-e0", "art0001-e0", "art0003-e0"]  # undated last
        assert ids(since=date(2024, 4, 1)) == ["art0001-e0"]
        assert ids(until=date(2024, 4, 1)) == ["art0002-e0"]
        assert ids(country="UKR") == ["art0001-e0"]  # place (and recipient)
        assert ids(country="FRA") == ["art0002-e0"]  # actor
        assert ids(country="SDN") == ["art0003-e0"]  # recipient
        assert ids(event="PROTEST") == ["art0002-e0"]
        assert ids(event="AID", country="SDN") == ["art0003-e0"]
        assert ids(limit=1) == ["art0002-e0"]


def test_store_stats_counts_by_field(db: Path) -> None:
    _filtered_store(db)
    with Store(db, read_only=True) as store:
        stats = store.stats()
    assert (stats["articles"], stats["events"], stats["errors"]) == (3, 3, 0)
    assert stats["articles_undated"] == 1
    assert stats["by_category"] == {"AID": 1, "ASSAULT": 1, "PROTEST": 1}
    assert stats["by_quad"] == {"4": 2, "2": 1}
    assert stats["by_country"] == {"unknown": 2, "UKR": 1}
    assert stats["by_modality"] == {"asserted": 2, "future": 1}
    assert list(stats["by_month"]) == ["2024-03", "2024-05", "unknown"]


def test_store_recent_latest_dates_first(db: Path) -> None:
    _filtered_store(db)
    with Store(db, read_only=True) as store:
        assert [r["id"] for r in store.recent(2)] == ["art0001-e0", "art0002-e0"]
