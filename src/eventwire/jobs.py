"""The plain functions behind the CLI commands: extract, ingest, export, demo.

Each takes keyword-only options and returns data (records, an `IngestSummary`, an
`ExportResult`); printing is left to `eventwire.cli`. The pipeline is made by
`make_pipeline`, which tests replace with a fake so they run without the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from eventwire import config
from eventwire.dedup.hook import cluster_articles, cluster_missed
from eventwire.errors import ConfigError, ConflictError, InputError
from eventwire.export import ExportResult, write_events
from eventwire.records import Article, Event, to_plover
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

ErrorHandler = Callable[[InputError], None]
Pair = tuple[Article, list[Event]]


def make_pipeline(*, batch_size: int = config.BATCH_SIZE) -> Pipeline:
    """The real pipeline (imported here so commands that need no model never load spaCy)."""
    from eventwire.pipeline import Pipeline

    return Pipeline(batch_size=batch_size)


@dataclass
class IngestSummary:
    """What one ingest did. `read == new + known + skipped-by-extraction`."""

    articles_read: int = 0
    articles_new: int = 0
    articles_known: int = 0  # already in the store (or repeated in the input), not re-coded
    events: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_country: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    undated: list[str] = field(default_factory=list)  # new articles with no publication date

    def add_written(self, pairs: Sequence[Pair], *, inserted: int, known: frozenset[str]) -> None:
        self.articles_new += inserted
        self.articles_known += len(pairs) - inserted
        counted: set[str] = set(known)
        for article, events in pairs:
            if article.article_id in counted:
                continue
            counted.add(article.article_id)
            if article.published is None:
                self.undated.append(article.source or article.article_id)
            self.events += len(events)
            self.by_category.update(e.event[0] if e.event else "unknown" for e in events)
            self.by_country.update(_place_country(e) for e in events)


def _place_country(event: Event) -> str:
    place = event.event_loc
    return (place.country_code if place else None) or "unknown"


def read_articles(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    dateline: str | None = None,
    stdin: TextIO | None = None,
    on_error: ErrorHandler,
) -> Iterator[Article]:
    """The articles of `paths` (files, folders, `-`); unreadable inputs go to `on_error`."""
    from eventwire.ingest import read_inputs

    for item in read_inputs(paths, published=published, dateline=dateline, stdin=stdin):
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def extract(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    dateline: str | None = None,
    stdin: TextIO | None = None,
    on_error: ErrorHandler,
    pipeline: Pipeline | None = None,
) -> Iterator[dict[str, Any]]:
    """The PLOVER records of the events of `paths`, article by article, lazily.

    An article read twice (the same file given twice, the same text in two inputs) is coded
    once, so no event id repeats in the output."""
    articles = read_articles(
        paths, published=published, dateline=dateline, stdin=stdin, on_error=on_error
    )
    unique = _first_of_each(articles)
    for _article, events in (pipeline or make_pipeline()).process(unique, on_error=on_error):
        for event in events:
            yield to_plover(event)


def _first_of_each(articles: Iterable[Article]) -> Iterator[Article]:
    seen: set[str] = set()
    for article in articles:
        if article.article_id not in seen:
            seen.add(article.article_id)
            yield article


def ingest(
    paths: Sequence[str | Path],
    *,
    db: Path | str = config.DEFAULT_DB,
    published: date | None = None,
    dateline: str | None = None,
    batch_size: int = config.BATCH_SIZE,
    pipeline: Pipeline | None = None,
    on_article: Callable[[], None] | None = None,
    workers: int = 0,
    dask: str | None = None,
    lake: Path | str | None = None,
    pipeline_factory: Callable[[], Any] | None = None,
) -> IngestSummary:
    """Code the articles of `paths` not yet stored and write them to the store at `db`.

    Articles are checked against the store before parsing (known ones are not re-coded)
    and written in transactions of `batch_size` articles, so an interrupted ingest keeps
    every finished batch and the next run goes on from there. `on_article` is called once
    per article read (for a progress bar); in a distributed run, when its partition ends.

    `workers` (N local processes) or `dask` (`local[:N]` or a scheduler address) code the
    partitions elsewhere with `pipeline_factory` (default: the real pipeline), see
    `eventwire.scale`. `lake` writes the Parquet lake at that directory instead of the
    store (see `eventwire.lake`); known articles are then those already in the lake.
    """
    summary = IngestSummary()
    errors: list[InputError] = []
    tick = on_article or (lambda: None)

    def skip(error: InputError) -> None:
        errors.append(error)
        summary.skipped.append((error.source, error.detail))

    with _open_sink(db=db, lake=lake) as sink:
        read = read_articles(paths, published=published, dateline=dateline, on_error=skip)
        fresh = _unknown_articles(
            read, store=sink, summary=summary, batch_size=batch_size, tick=tick, on_error=skip
        )
        if workers or dask:
            batches = _distributed(fresh, workers=workers, dask=dask, batch_size=batch_size,
                                   factory=pipeline_factory, on_error=skip)  # fmt: skip
        else:
            coded = (pipeline or make_pipeline(batch_size=batch_size)).process(fresh, on_error=skip)
            batches = ((len(b), b) for b in _chunks(coded, batch_size))
        try:  # what an interrupted ingest wrote and did not cluster
            cluster_missed(sink)
        except Exception as exc:  # never lose the new articles for the old ones' sake
            summary.skipped.append((str(db), f"clustering stored articles failed: {exc}"))
        unclustered: list[str] = []  # cross-article event clusters (eventwire.dedup), per run
        for n_articles, batch in batches:
            counts = sink.write_batch(batch, errors=_drain(errors))
            unclustered += [article.article_id for article, _ in batch]
            while len(unclustered) >= config.CLUSTER_RUN:
                cluster_articles(sink, unclustered[: config.CLUSTER_RUN])
                unclustered = unclustered[config.CLUSTER_RUN :]
            summary.add_written(batch, inserted=counts.articles, known=counts.known_ids)
            for _ in range(n_articles):
                tick()
        cluster_articles(sink, unclustered)
        if errors:
            sink.write_batch([], errors=_drain(errors))
    return summary


def _open_sink(*, db: Path | str, lake: Path | str | None) -> Any:
    """The store at `db`, or the lake at `lake` (same `known_article_ids`/`write_batch`)."""
    if lake is None:
        return Store(db)
    from eventwire.lake import Lake

    return Lake(lake)


def _distributed(
    articles: Iterable[Article],
    *,
    workers: int,
    dask: str | None,
    batch_size: int,
    factory: Callable[[], Any] | None,
    on_error: ErrorHandler,
) -> Iterator[tuple[int, list[Pair]]]:
    """`(articles sent, coded pairs)` per partition, coded by `eventwire.scale` workers."""
    from eventwire import scale

    backend = scale.open_backend(workers=workers, dask=dask)
    try:
        yield from scale.process_partitions(
            _chunks(articles, batch_size),
            backend=backend,
            on_error=on_error,
            factory=factory or scale.default_pipeline,
        )
    except BaseException:  # interrupted (Ctrl-C, SIGTERM) or failed: do not wait for workers
        backend.close(wait=False)
        raise
    backend.close()


def _unknown_articles(
    articles: Iterable[Article],
    *,
    store: Store,
    summary: IngestSummary,
    batch_size: int,
    tick: Callable[[], None],
    on_error: ErrorHandler,
) -> Iterator[Article]:
    """The articles not in the store yet; one store lookup per chunk, not per article.

    An article whose id is stored with another text is reported through `on_error`."""
    for chunk in _chunks(articles, batch_size):
        summary.articles_read += len(chunk)
        known = store.known_article_ids(a.article_id for a in chunk)
        changed = store.changed_article_ids(a for a in chunk if a.article_id in known)
        for article in chunk:
            if article.article_id in changed:
                on_error(ConflictError(article.source or article.article_id))
                tick()
            elif article.article_id in known:
                summary.articles_known += 1
                tick()
            else:
                yield article


def export(
    *,
    db: Path | str = config.DEFAULT_DB,
    format: str,
    out: Path | str | BinaryIO | TextIO,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    event: str | None = None,
) -> ExportResult:
    """Write the stored events that pass the filters (see `Store.events`) to `out`."""
    with Store(db, read_only=True) as store:
        records = store.events(since=since, until=until, country=country, event=event)
        return write_events(records, format=format, out=out)


def demo(
    *,
    db: Path | str = config.DEFAULT_DB,
    pipeline: Pipeline | None = None,
    on_article: Callable[[], None] | None = None,
) -> IngestSummary:
    """Ingest the bundled sample corpus (`config.SAMPLES_DIR`) into the store at `db`."""
    samples = config.SAMPLES_DIR
    if not samples.is_dir() or not any(samples.iterdir()):
        raise ConfigError(f"no sample corpus at {samples}: the package is incomplete")
    return ingest([samples], db=db, pipeline=pipeline, on_article=on_article)


def _drain(errors: list[InputError]) -> list[InputError]:
    drained = list(errors)
    errors.clear()
    return drained


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
