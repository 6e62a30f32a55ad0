"""The event lake: a Parquet dataset of events and articles, partitioned by publication month.

Layout under the lake directory (hive style, readable by DuckDB, pandas/pyarrow and Spark):

    events/published_month=2024-05/part-<batch>.parquet     flat columns of `eventwire.export`,
                                                            `record` (the PLOVER JSON) and
                                                            `spans` (as in the store)
    articles/published_month=2024-05/part-<batch>.parquet   one row per article
    errors/part-<batch>.parquet                             skipped inputs (source, detail)
    _index/part-<batch>.parquet                             the article ids of that batch

Articles without a publication date go to `published_month=__HIVE_DEFAULT_PARTITION__`,
which DuckDB, pyarrow and Spark all read as a null month.

A batch is committed by its `_index` file, written last: on opening, data files whose
batch has no index file (a run killed mid-write) are deleted, so a rerun neither loses
nor duplicates anything. Only one process may write a lake at a time.

    SELECT * FROM read_parquet('DIR/events/**/*.parquet', hive_partitioning = true)

`open_lake(DIR)` reads a lake as a read-only `Store` (what `eventwire serve --lake` does):
its `articles`, `events` and `errors` are DuckDB views over the Parquet files, with the
store's columns, so every store query runs on the lake unchanged and sees batches
committed after it was opened (a part still empty when opened stays empty until
reopened). A lake has no cross-article clusters (those are built in the store), so the
cluster tables are empty.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import InputError, StoreError
from eventwire.export import parquet_table
from eventwire.records import Article, Event, to_plover
from eventwire.store import BatchCounts, Store, schema
from eventwire.store.schema import article_table, spans_json

Pair = tuple[Article, Sequence[Event]]

#: The hive partition value of articles without a publication date (read back as null).
NO_MONTH = "__HIVE_DEFAULT_PARTITION__"
#: Articles buffered before a batch of files is written (fewer, larger files).
FLUSH_ARTICLES = 2_000

ERROR_SCHEMA = pa.schema(
    [("source", pa.string()), ("detail", pa.string()), ("logged_at", pa.timestamp("us"))]
)
INDEX_SCHEMA = pa.schema([("article_id", pa.string())])


def open_lake(root: Path | str) -> Store:
    """A read-only `Store` whose tables are views of the lake at `root`."""
    root = Path(root)
    if not (root / "_index").is_dir():
        raise StoreError(f"no eventwire lake at {root}: run `eventwire ingest --lake {root}` first")
    con = duckdb.connect(":memory:")
    try:
        for ddl in schema.DDL:  # empty tables first: the cluster tables stay so
            con.execute(ddl)
        for table, columns in _VIEW_COLUMNS.items():
            if not any((root / table).rglob("*.parquet")):
                continue  # no batch wrote this part yet: the empty table stands in
            pattern = root / table / ("*.parquet" if table == "errors" else "**/*.parquet")
            source = str(pattern).replace("'", "''")
            con.execute(f"DROP TABLE {table}")
            con.execute(
                f"CREATE VIEW {table} AS SELECT {columns} FROM read_parquet('{source}',"
                " hive_partitioning = true, union_by_name = true)"
            )
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"cannot read the lake {root}: {exc}") from exc
    return Store.on_connection(con, label=root)


def _codes(column: str) -> str:
    """The ";"-joined codes of the flat layout as the store's list (empty codes as null)."""
    return (
        f"CASE WHEN coalesce({column}, '') = '' THEN []::VARCHAR[] ELSE"
        f" list_transform(string_split({column}, ';'), lambda c: nullif(c, '')) END AS {column}"
    )


#: The store's columns of each table, from the lake's files.
_VIEW_COLUMNS = {
    "events": ", ".join(
        [
            "id, article_id, date, enddate, nullif(split_part(event, ';', 1), '') AS event",
            "quad_code::TINYINT AS quad_code, modality, date_precision, date_basis",
            _codes("actor_codes"),
            _codes("recipient_codes"),
            "country_code, lat, lon, confidence, cluster_id, text",
            "record::JSON AS record, spans::JSON AS spans",
        ]
    ),
    "articles": ", ".join([*schema.ARTICLE_SCHEMA.names, "NULL::VARCHAR AS duplicate_of"]),
    "errors": 'source, detail AS reason, logged_at AS "at"',
}


class Lake:
    """Writes (article, events) batches to the lake; same write interface as `Store`.

    Batches are buffered and written every `flush_articles` articles and on `close()`.
    """

    def __init__(self, root: Path | str, *, flush_articles: int = FLUSH_ARTICLES) -> None:
        self.root = Path(root)
        self.flush_articles = flush_articles
        for sub in ("events", "articles", "errors", "_index"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self._ids = _committed_ids(self.root)
        self._pairs: list[Pair] = []
        self._errors: list[InputError] = []

    def __enter__(self) -> Lake:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Write what is buffered (also after an interruption: those batches are done)."""
        self.flush()

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` already in the lake (or buffered for it)."""
        return {i for i in ids if i in self._ids}

    def changed_article_ids(self, articles: Iterable[Article]) -> set[str]:
        """Always empty: the lake keeps the ids of what it holds, not their texts, so an
        id reused for another article is taken as already written."""
        return set()

    def write_batch(
        self, pairs: Iterable[Pair], *, errors: Iterable[InputError] = ()
    ) -> BatchCounts:
        """Add a batch; articles already in the lake (or repeated) are left out."""
        batch = list(pairs)
        known = frozenset(a.article_id for a, _ in batch if a.article_id in self._ids)
        fresh: list[Pair] = []
        for article, events in batch:
            if article.article_id not in self._ids:
                self._ids.add(article.article_id)
                fresh.append((article, events))
        errors = list(errors)
        self._pairs.extend(fresh)
        self._errors.extend(errors)
        if len(self._pairs) >= self.flush_articles:
            self.flush()
        n_events = sum(len(events) for _, events in fresh)
        return BatchCounts(len(fresh), n_events, len(errors), known)

    def flush(self) -> None:
        """Write the buffered batch: data files first, then its index file (the commit)."""
        if not self._pairs and not self._errors:
            return
        batch = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        now = datetime.now(UTC).replace(tzinfo=None)
        by_month: dict[str, list[Pair]] = {}
        for pair in self._pairs:
            by_month.setdefault(month_of(pair[0]), []).append(pair)
        try:
            for month, pairs in by_month.items():
                part = f"published_month={month}/part-{batch}.parquet"
                _write(self.root / "events" / part, _event_table(pairs))
                _write(self.root / "articles" / part, article_table(pairs, now=now))
            if self._errors:
                _write(
                    self.root / "errors" / f"part-{batch}.parquet", _error_table(self._errors, now)
                )
            ids = [a.article_id for a, _ in self._pairs]
            _write(self.root / "_index" / f"part-{batch}.parquet", _index_table(ids))
        except OSError as exc:
            raise StoreError(f"{self.root}: lake batch not written: {exc}") from exc
        self._pairs, self._errors = [], []


def month_of(article: Article) -> str:
    return article.published.strftime("%Y-%m") if article.published else NO_MONTH


def _write(path: Path, table: pa.Table) -> None:
    """Write via a temporary name, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _committed_ids(root: Path) -> set[str]:
    """The article ids of committed batches; files of uncommitted batches are removed."""
    ids: set[str] = set()
    committed: set[str] = set()
    for index in (root / "_index").glob("part-*.parquet"):
        committed.add(index.name)
        ids.update(pq.read_table(index, columns=["article_id"]).column(0).to_pylist())
    for sub in ("events", "articles", "errors"):
        for path in (root / sub).rglob("*.parquet*"):
            if path.name.startswith(".") or path.name not in committed:
                path.unlink()  # a batch interrupted before its index file was written
    return ids


def _event_table(pairs: Sequence[Pair]) -> pa.Table:
    events = [event for _, evs in pairs for event in evs]
    table = parquet_table([to_plover(event) for event in events])
    return table.append_column("spans", pa.array([spans_json(e) for e in events], pa.string()))


def _error_table(errors: Sequence[InputError], now: datetime) -> pa.Table:
    rows = [{"source": e.source, "detail": e.detail, "logged_at": now} for e in errors]
    return pa.Table.from_pylist(rows, schema=ERROR_SCHEMA)


def _index_table(ids: Sequence[str]) -> pa.Table:
    return pa.Table.from_pylist([{"article_id": i} for i in ids], schema=INDEX_SCHEMA)
