"""Coding articles on many processes: a local process pool, or any Dask cluster.

The driver (the `eventwire ingest` process) reads the inputs, drops known articles, and
sends partitions of `batch_size` articles to the workers; each worker runs
`process_partition` on them — the same `Pipeline.process` as a local ingest — and sends
back `(article, events)` pairs, which the driver writes to the store or the lake. At most
`IN_FLIGHT` partitions per worker are out at once, so memory does not grow with the corpus.

- `workers=N`: N spawned processes (`concurrent.futures`; needs no Dask).
- `dask="local"` / `"local:N"`: a Dask `LocalCluster` of N single-threaded worker processes.
- `dask="tcp://host:8786"` (any scheduler address): an existing Dask cluster.

The pipeline is built once per worker process (`worker_pipeline`, a process-level cache),
never per task. A partition whose task fails (a worker died, a pickling error) is
resubmitted up to `retries` times, then its articles are reported as skipped; an article a
component fails on is reported by the worker and skipped, the rest of its partition kept.
Dask is imported only when `dask` is given (`pip install 'eventwire[dask]'`).

Pool workers die with the driver (Linux: the parent-death signal), so an ingest killed
with SIGTERM or SIGKILL does not leave them coding their partition; `eventwire ingest`
turns SIGTERM into an orderly stop that rolls back the batch being written.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any, Protocol

from eventwire.errors import ConfigError, ExtractionError, InputError
from eventwire.records import Article, Event

Pair = tuple[Article, list[Event]]
ErrorHandler = Callable[[InputError], None]

#: Partitions queued per worker: one running, one waiting, so no worker idles.
IN_FLIGHT = 2
#: Resubmissions of a failed partition before its articles are reported as skipped.
RETRIES = 2
#: Dask settings for the workers of a LocalCluster (bench/scale.py measures them):
#: - Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, so glibc hands memory back to
#:   the system after almost every free; spaCy allocates and frees all the time, and workers
#:   coded 20-25% fewer articles/s than the same process pool. Unset, glibc keeps its own
#:   adaptive threshold.
#: - A Dask worker runs tasks in a thread, which glibc gives a malloc arena of its own that
#:   it trims far more eagerly than the main one: about 10% fewer articles/s again, gone
#:   with MALLOC_ARENA_MAX=1 (one arena; the worker has one task thread anyway).
#: - The statistical profiler (every 10 ms), the 20 ms event-loop tick, work stealing and
#:   the system monitor cost an idle worker and the driver about 16% of a core together;
#:   eventwire feeds partitions itself and shows no dashboard, so they are slowed or off.
#: Workers of a cluster you start yourself take your settings: see the README, "What a
#: worker needs".
LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.nanny.pre-spawn-environ.MALLOC_ARENA_MAX": 1,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}


class PipelineLike(Protocol):
    def process(
        self, articles: Iterable[Article], *, on_error: ErrorHandler | None = None
    ) -> Iterator[Pair]: ...


PipelineFactory = Callable[[], PipelineLike]


#: Articles a worker parses in one `nlp.pipe` batch. spaCy's working memory grows with the
#: tokens of a batch (tok2vec and ner most); on generated articles a worker peaked at 892 MB
#: parsing 32 at a time, 726 MB at 16 and 628 MB at 8, at 4.35, 4.34 and 4.05 articles/s.
WORKER_PARSE_BATCH = 16


def default_pipeline() -> PipelineLike:
    """The real pipeline (the model loaded here, in the worker)."""
    from eventwire.nlp import load_nlp
    from eventwire.pipeline import Pipeline

    return Pipeline(nlp=load_nlp(), batch_size=WORKER_PARSE_BATCH)


_PIPELINES: dict[Any, tuple[PipelineLike, threading.Lock]] = {}
_PIPELINES_LOCK = threading.Lock()


def worker_pipeline(
    factory: PipelineFactory = default_pipeline,
) -> tuple[PipelineLike, threading.Lock]:
    """This worker process's pipeline, built on first use; and the lock that guards it.

    A Dask worker with several threads shares one model between them (memory), so the
    lock lets one partition at a time through it; use single-threaded workers to scale.
    """
    with _PIPELINES_LOCK:
        if factory not in _PIPELINES:
            _PIPELINES[factory] = (factory(), threading.Lock())
        return _PIPELINES[factory]


@dataclass
class PartitionResult:
    """What a worker sends back: the coded pairs, the articles it skipped, its pid and
    its peak resident memory so far (MB), for the benchmark and for sizing workers."""

    pairs: list[Pair]
    skipped: list[tuple[str, str]]  # (source, reason): exceptions do not always pickle
    worker: int = field(default_factory=os.getpid)
    peak_mb: int = field(default_factory=lambda: peak_memory_mb())


def peak_memory_mb() -> int:
    """This process's peak resident memory in MB.

    Linux's VmHWM, not `ru_maxrss`: the latter survives `exec`, so a spawned worker
    would report its parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def process_partition(
    articles: Sequence[Article], factory: PipelineFactory = default_pipeline
) -> PartitionResult:
    """Run the pipeline over one partition, in whatever process this is called in."""
    pipeline, lock = worker_pipeline(factory)
    skipped: list[tuple[str, str]] = []

    def on_error(error: InputError) -> None:
        skipped.append((error.source, error.detail))

    with lock:
        pairs = list(pipeline.process(articles, on_error=on_error))
    return PartitionResult(pairs, skipped)


# -- backends -----------------------------------------------------------------------------


class Backend(Protocol):
    workers: int

    def submit(self, articles: Sequence[Article], factory: PipelineFactory) -> Any: ...
    def wait_any(self, futures: set[Any]) -> tuple[set[Any], set[Any]]: ...
    def close(self, *, wait: bool = True) -> None: ...


def die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent dies (a no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):  # no prctl: workers outlive the driver
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class PoolBackend:
    """`workers` spawned processes (spawn, not fork: the driver may hold DuckDB threads)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=die_with_parent)

    def submit(self, articles: Sequence[Article], factory: PipelineFactory) -> Future[Any]:
        try:
            return self._pool.submit(process_partition, articles, factory)
        except BrokenProcessPool:  # a worker died: its partitions are retried on a new pool
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(process_partition, articles, factory)

    def wait_any(self, futures: set[Any]) -> tuple[set[Any], set[Any]]:
        done, pending = wait(futures, return_when=FIRST_COMPLETED)
        return set(done), set(pending)

    def close(self, *, wait: bool = True) -> None:
        """Stop the pool; with `wait` false, do not wait for running partitions (their
        workers end with the driver)."""
        self._pool.shutdown(wait=wait, cancel_futures=True)


class DaskBackend:
    """A Dask client: to a LocalCluster it starts (`local[:N]`) or to a scheduler address."""

    def __init__(self, address: str, *, workers: int = 0) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("--dask needs Dask: pip install 'eventwire[dask]'") from exc
        self._cluster: Any = None
        if address == "local" or address.startswith("local:"):
            n = int(address.partition(":")[2] or workers or os.cpu_count() or 1)
            with dask.config.set(LOCAL_WORKER_CONFIG):
                self._cluster = LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
                )
            self._client = Client(self._cluster)
        else:
            self._client = Client(address)
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def submit(self, articles: Sequence[Article], factory: PipelineFactory) -> Any:
        return self._client.submit(process_partition, list(articles), factory, pure=False)

    def wait_any(self, futures: set[Any]) -> tuple[set[Any], set[Any]]:
        from distributed import wait as dask_wait

        done, pending = dask_wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done), set(pending)

    def close(self, *, wait: bool = True) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def open_backend(*, workers: int = 0, dask: str | None = None) -> Backend:
    if dask:
        return DaskBackend(dask, workers=workers)
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    return PoolBackend(workers)


# -- the driver ---------------------------------------------------------------------------


def process_partitions(
    partitions: Iterable[Sequence[Article]],
    *,
    backend: Backend,
    on_error: ErrorHandler,
    factory: PipelineFactory = default_pipeline,
    retries: int = RETRIES,
    on_result: Callable[[PartitionResult], None] | None = None,
) -> Iterator[tuple[int, list[Pair]]]:
    """Yield `(articles in the partition, coded pairs)` per partition, as they complete.

    Partitions are pulled from `partitions` only as workers free up; output order is
    completion order, not input order.
    """
    source = iter(partitions)
    running: dict[Any, tuple[Sequence[Article], int]] = {}  # future -> (partition, attempt)

    def refill() -> None:
        while len(running) < backend.workers * IN_FLIGHT:
            part = next(source, None)
            if part is None:
                return
            running[backend.submit(part, factory)] = (part, 0)

    refill()
    while running:
        done, _ = backend.wait_any(set(running))
        for future in done:
            part, attempt = running.pop(future)
            try:
                result: PartitionResult = future.result()
            except Exception as exc:  # the task failed, not an article: retry it whole
                if attempt < retries:
                    running[backend.submit(part, factory)] = (part, attempt + 1)
                else:
                    _skip_all(part, exc, attempt + 1, on_error)
                    yield len(part), []
                continue
            if on_result is not None:
                on_result(result)
            for src, reason in result.skipped:
                on_error(ExtractionError(src, reason))
            yield len(part), result.pairs
        refill()


def _skip_all(
    part: Sequence[Article], exc: Exception, attempts: int, on_error: ErrorHandler
) -> None:
    reason = f"partition failed {attempts} times: {type(exc).__name__}: {exc}"
    for article in part:
        on_error(ExtractionError(article.source or article.article_id, reason))
