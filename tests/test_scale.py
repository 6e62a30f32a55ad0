"""Distributed ingest with a fake pipeline: process pool, Dask LocalCluster, retries."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from eventwire import jobs, scale
from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.records import Article
from eventwire.store import Store
from store.factories import FakePipeline, make_article


def _corpus(folder: Path, n: int = 7) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"story{i}.txt").write_text(f"Story {i}: police detained a reporter.\n")
    (folder / "bad.txt").write_text("This one will FAIL in the fake pipeline.\n")
    return folder


class _Flaky:
    """An in-process backend whose first `fails` submissions raise when collected."""

    workers = 1

    def __init__(self, fails: int) -> None:
        self.fails = fails
        self.submitted = 0

    def submit(self, articles: Sequence[Article], factory: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.submitted += 1
        if self.submitted <= self.fails:
            future.set_exception(OSError("worker lost"))
        else:
            future.set_result(scale.process_partition(articles, factory))
        return future

    def wait_any(self, futures: set[Any]) -> tuple[set[Any], set[Any]]:
        return set(futures), set()

    def close(self, *, wait: bool = True) -> None:
        pass


def test_process_partition_builds_pipeline_once_per_process() -> None:
    first = scale.process_partition([make_article(1)], FakePipeline)
    second = scale.process_partition([make_article(2)], FakePipeline)
    pipeline, _ = scale.worker_pipeline(FakePipeline)
    assert [a.article_id for a, _ in first.pairs + second.pairs] == ["art0001", "art0002"]
    assert pipeline.seen[-2:] == ["art0001", "art0002"]  # type: ignore[attr-defined]


def test_process_partition_skips_a_bad_article_keeps_the_rest() -> None:
    bad = Article(article_id="bad", text="this will FAIL", source="bad.txt")
    result = scale.process_partition([make_article(1), bad, make_article(2)], FakePipeline)
    assert [a.article_id for a, _ in result.pairs] == ["art0001", "art0002"]
    assert result.skipped == [("bad.txt", "extraction failed")]


def test_process_partitions_retries_a_failed_partition() -> None:
    errors: list[InputError] = []
    parts = [[make_article(1)], [make_article(2)]]
    out = list(
        scale.process_partitions(parts, backend=_Flaky(1), on_error=errors.append,
                                 factory=FakePipeline)
    )  # fmt: skip
    assert sorted(p[0].article_id for _, pairs in out for p in pairs) == ["art0001", "art0002"]
    assert errors == []


def test_process_partitions_reports_articles_of_a_partition_failing_every_time() -> None:
    errors: list[InputError] = []
    out = list(
        scale.process_partitions([[make_article(1), make_article(2)]], backend=_Flaky(9),
                                 on_error=errors.append, factory=FakePipeline, retries=2)
    )  # fmt: skip
    assert out == [(2, [])]
    assert [e.source for e in errors] == ["corpus/report1.txt", "corpus/report2.txt"]
    assert "failed 3 times" in errors[0].detail


def test_ingest_workers_matches_local_summary_and_resumes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    local = jobs.ingest([corpus], db=tmp_path / "local.duckdb", pipeline=FakePipeline())
    db = tmp_path / "pool.duckdb"
    ticks: list[int] = []
    pooled = jobs.ingest(
        [corpus], db=db, workers=2, batch_size=3, pipeline_factory=FakePipeline,
        on_article=lambda: ticks.append(1),
    )  # fmt: skip
    assert (pooled.articles_read, pooled.articles_new, pooled.events) == (8, 7, 7)
    assert (pooled.by_category, sorted(pooled.skipped)) == (local.by_category, local.skipped)
    assert len(ticks) == 8
    again = jobs.ingest([corpus], db=db, workers=2, pipeline_factory=FakePipeline)
    assert (again.articles_new, again.articles_known) == (0, 7)
    with Store(db, read_only=True) as store:
        assert store.stats()["events"] == 7


def test_ingest_dask_local_cluster_writes_the_lake(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus, lake = _corpus(tmp_path / "c", n=4), tmp_path / "lake"
    summary = jobs.ingest([corpus], lake=lake, dask="local:1", batch_size=2,
                          pipeline_factory=FakePipeline)  # fmt: skip
    assert (summary.articles_new, summary.events, len(summary.skipped)) == (4, 4, 1)
    assert len(list((lake / "events").rglob("*.parquet"))) == 1


def test_cli_ingest_passes_workers_dask_and_lake(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(jobs, "ingest", lambda paths, **kw: seen.update(kw) or jobs.IngestSummary())
    args = ["ingest", str(tmp_path), "--workers", "3", "--dask", "local:2", "--lake", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (seen["workers"], seen["dask"], seen["lake"]) == (3, "local:2", tmp_path)


def test_process_partitions_pulls_partitions_only_as_workers_free_up() -> None:
    pulled: list[int] = []

    def partitions():  # type: ignore[no-untyped-def]
        for n in range(50):
            pulled.append(n)
            yield [make_article(n)]

    stream = scale.process_partitions(
        partitions(), backend=_Flaky(0), on_error=lambda e: None, factory=FakePipeline
    )
    next(stream)
    assert len(pulled) <= 1 * scale.IN_FLIGHT + 1


def _malloc_settings() -> tuple[str | None, str | None]:
    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("MALLOC_ARENA_MAX")


def test_local_dask_workers_use_one_malloc_arena_with_glibc_trimming() -> None:
    backend = scale.DaskBackend("local:1")
    try:
        future = backend._client.submit(_malloc_settings, pure=False)
        # Dask's 64 KiB trim threshold slowed spaCy 20%, the task thread's own arena 10%.
        assert future.result(timeout=60) == (None, "1")
    finally:
        backend.close()


_ORPHAN_SCRIPT = """
import os, sys, time
from eventwire.scale import PoolBackend

def slow_factory():
    with open(sys.argv[1], "w") as f:
        f.write(str(os.getpid()))
    time.sleep(120)

if __name__ == "__main__":
    PoolBackend(1).submit([], slow_factory)
    time.sleep(120)
"""


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie left for init to reap counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")
def test_pool_workers_end_when_the_driver_is_killed(tmp_path: Path) -> None:
    script, pid_file = tmp_path / "driver.py", tmp_path / "worker.pid"
    script.write_text(_ORPHAN_SCRIPT)
    driver = subprocess.Popen([sys.executable, str(script), str(pid_file)])
    try:
        deadline = time.monotonic() + 60
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.2)
        worker = int(pid_file.read_text())
        assert not _gone(worker)
    finally:
        driver.kill()
        driver.wait()
    deadline = time.monotonic() + 10
    while not _gone(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _gone(worker)


def test_cli_sigterm_stops_like_ctrl_c_with_status_143() -> None:
    from eventwire.cli import _stopped_by_sigterm

    with pytest.raises(typer.Exit) as stopped, _stopped_by_sigterm():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
    assert stopped.value.exit_code == 143
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
