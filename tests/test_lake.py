"""The Parquet event lake: partitions, readers, rerun safety, interrupted batches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from eventwire import jobs
from eventwire.lake import Lake
from store.factories import FakePipeline, make_article, make_event, make_pairs


def _query(sql: str) -> list[tuple[object, ...]]:
    return duckdb.connect().execute(sql).fetchall()


def _events_sql(root: Path) -> str:
    return f"read_parquet('{root}/events/**/*.parquet', hive_partitioning = true)"


def test_lake_events_partitioned_by_month_readable_by_duckdb(tmp_path: Path) -> None:
    may = make_pairs(0, 3)
    june = make_article(9, published=date(2024, 6, 2))
    undated = make_article(10, published=None)
    with Lake(tmp_path) as lake:
        lake.write_batch([*may, (june, [make_event(june)]), (undated, [make_event(undated)])])
    months = _query(
        f"SELECT published_month, count(*) FROM {_events_sql(tmp_path)} GROUP BY 1 ORDER BY 1"
    )
    assert months == [("2024-05", 6), ("2024-06", 1), (None, 1)]
    assert (tmp_path / "events" / "published_month=2024-05").is_dir()
    [row] = _query(
        f"SELECT event, actor_codes, country_code, date, record FROM {_events_sql(tmp_path)} "
        "WHERE id = 'art0000-e0'"
    )
    assert row[:4] == ("ASSAULT", "RUS", "UKR", date(2024, 5, 14))
    assert '"cite_info"' in row[4]


def test_lake_articles_readable_by_pyarrow_with_hive_partitions(tmp_path: Path) -> None:
    with Lake(tmp_path) as lake:
        lake.write_batch(make_pairs(0, 4))
    table = ds.dataset(tmp_path / "articles", format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("article_id").to_pylist()) == [f"art{n:04d}" for n in range(4)]
    assert set(table.column("published_month").to_pylist()) == {"2024-05"}
    assert table.column("n_events").to_pylist() == [2, 2, 2, 2]


def test_lake_rerun_skips_articles_already_in_the_lake(tmp_path: Path) -> None:
    with Lake(tmp_path) as lake:
        lake.write_batch(make_pairs(0, 3))
    with Lake(tmp_path) as lake:
        assert lake.known_article_ids(["art0001", "art0007"]) == {"art0001"}
        counts = lake.write_batch(make_pairs(2, 5))
    assert counts.articles == 2 and counts.known_ids == {"art0002"}
    total = _query(f"SELECT count(DISTINCT id), count(*) FROM {_events_sql(tmp_path)}")
    assert total == [(10, 10)]


def test_lake_drops_files_of_a_batch_interrupted_before_its_index(tmp_path: Path) -> None:
    with Lake(tmp_path) as lake:
        lake.write_batch(make_pairs(0, 2))
    orphan = tmp_path / "events" / "published_month=2024-05" / "part-crashed.parquet"
    orphan.write_bytes(b"half a file")
    with Lake(tmp_path) as lake:
        assert lake.known_article_ids(["art0000", "art0001"]) == {"art0000", "art0001"}
    assert not orphan.exists()
    assert _query(f"SELECT count(*) FROM {_events_sql(tmp_path)}") == [(4,)]


def test_lake_buffers_until_flush_then_writes_fewer_files(tmp_path: Path) -> None:
    with Lake(tmp_path, flush_articles=4) as lake:
        lake.write_batch(make_pairs(0, 2))
        assert not list((tmp_path / "_index").iterdir())
        lake.write_batch(make_pairs(2, 4))
        assert len(list((tmp_path / "_index").iterdir())) == 1


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for n in range(5):
        (folder / f"story{n}.txt").write_text(f"Story {n}: police detained a reporter.\n")
    (folder / "bad.txt").write_text("This one will FAIL in the fake pipeline.\n")
    return folder


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    pipeline = FakePipeline()
    monkeypatch.setattr(jobs, "make_pipeline", lambda **_: pipeline)
    return pipeline


def test_lake_ingest_writes_lake_not_store_and_rerun_adds_nothing(
    fake: FakePipeline, tmp_path: Path
) -> None:
    corpus, root, db = _corpus(tmp_path / "c"), tmp_path / "lake", tmp_path / "s.duckdb"
    first = jobs.ingest([corpus], db=db, lake=root, published=date(2024, 3, 9))
    assert (first.articles_new, first.events, len(first.skipped)) == (5, 5, 1)
    assert not db.exists()
    assert (root / "events" / "published_month=2024-03").is_dir()
    assert (root / "errors").is_dir() and list((root / "errors").iterdir())
    second = jobs.ingest([corpus], db=db, lake=root, published=date(2024, 3, 9))
    assert (second.articles_new, second.articles_known) == (0, 5)
