"""The embedded event store: one DuckDB file, written in whole batches.

Each `write_batch` call is one transaction: its articles, their events and the skipped
inputs of the batch are inserted together from Arrow tables, or not at all (a crash or an
error mid-batch leaves every earlier batch in place and nothing of this one). Articles
already stored are left out of a batch, so ingesting a corpus twice adds nothing the second
time, and an interrupted ingest resumes where it stopped.

DuckDB allows one writing process per file; readers open with `read_only=True`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.errors import InputError, StoreError
from eventwire.records import Article, Event
from eventwire.store import schema

#: Rows fetched at a time when streaming events out of the store.
FETCH_ROWS = 1000
#: Article ids per `IN (...)` lookup.
LOOKUP_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What one `write_batch` added: articles and events new to the store, errors recorded."""

    articles: int
    events: int
    errors: int
    #: articles of the batch left out because they were already stored (or repeated)
    known_ids: frozenset[str] = frozenset()


class Store:
    """A DuckDB event store (`with Store(path) as store: ...`)."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con = _connect(self.path, read_only=read_only)
        if read_only:
            _check_tables(self._con, self.path)
        else:
            _create_tables(self._con, self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    # -- writing ---------------------------------------------------------------------------

    def write_batch(
        self,
        pairs: Iterable[tuple[Article, Sequence[Event]]],
        *,
        errors: Iterable[InputError] = (),
    ) -> BatchCounts:
        """Store a batch of (article, its events) and skipped inputs in one transaction.

        Articles already in the store (or repeated within the batch) are left out with
        their events; on any error the whole batch is rolled back and `StoreError` raised.
        """
        batch = _unique_articles(pairs)
        errors = list(errors)
        now = datetime.now(UTC).replace(tzinfo=None)
        self._con.begin()
        try:
            known = self.known_article_ids(a.article_id for a, _ in batch)
            fresh = [(a, evs) for a, evs in batch if a.article_id not in known]
            n_articles = self._insert("articles", schema.article_table(fresh, now=now))
            n_events = self._insert("events", schema.event_table(fresh))
            n_errors = self._insert("errors", schema.error_table(errors, now=now))
            self._con.commit()
        except BaseException as exc:
            self._con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"{self.path}: batch not written: {exc}") from exc
            raise
        return BatchCounts(n_articles, n_events, n_errors, frozenset(known))

    def _insert(self, table: str, rows: pa.Table) -> int:
        if rows.num_rows == 0:
            return 0
        self._con.register("_batch", rows)
        try:
            sql = f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM _batch"
            result = self._con.execute(sql)
            inserted = result.fetchone()
        finally:
            self._con.unregister("_batch")
        return int(inserted[0]) if inserted else 0

    # -- reading ---------------------------------------------------------------------------

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` whose articles are already stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[i : i + LOOKUP_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT article_id FROM articles WHERE article_id IN ({marks})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | None = None,
        event: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stream the stored PLOVER records in date order (undated events last).

        `since`/`until` keep events whose interval [date, enddate] overlaps the range
        (undated events are then left out); `country` (ISO3) matches the event place or
        any actor or recipient code; `event` matches the (first) PLOVER category.
        """
        where, params = _filters(since=since, until=until, country=country, event=event)
        sql = f"SELECT record FROM events {where} ORDER BY date NULLS LAST, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        yield from self._stream_records(sql, params)

    def recent(self, n: int = 20) -> list[dict[str, Any]]:
        """The `n` events with the latest dates (undated events only if nothing else)."""
        sql = f"SELECT record FROM events ORDER BY date DESC NULLS LAST, id LIMIT {int(n)}"
        return list(self._stream_records(sql, []))

    def stats(self) -> dict[str, Any]:
        """Totals and counts of events by category, quad, country, modality and month.

        Count maps go from most to least frequent (months in calendar order); events with
        no value for a field are counted under "unknown".
        """
        totals = self._query(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM errors),"
            " (SELECT count(*) FROM articles WHERE published IS NULL)",
            [],
        )[0]
        return {
            "articles": totals[0],
            "events": totals[1],
            "errors": totals[2],
            "articles_undated": totals[3],
            "by_category": self._counts("event"),
            "by_quad": self._counts("quad_code"),
            "by_country": self._counts("country_code"),
            "by_modality": self._counts("modality"),
            "by_month": self._counts("strftime(date, '%Y-%m')", by_key=True),
        }

    def _counts(self, expr: str, *, by_key: bool = False) -> dict[str, int]:
        order = "key NULLS LAST" if by_key else "n DESC, key"
        rows = self._query(
            f"SELECT {expr} AS key, count(*) AS n FROM events GROUP BY key ORDER BY {order}", []
        )
        return {("unknown" if k is None else str(k)): int(n) for k, n in rows}

    def _query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc

    def _stream_records(self, sql: str, params: Sequence[Any]) -> Iterator[dict[str, Any]]:
        # A cursor of its own, so other queries can run while a caller iterates.
        cursor = self._con.cursor()
        try:
            cursor.execute(sql, list(params))
            while rows := cursor.fetchmany(FETCH_ROWS):
                for (record,) in rows:
                    yield json.loads(record)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc
        finally:
            cursor.close()


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise StoreError(f"no eventwire store at {path}: run `eventwire ingest` first")
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from exc


def _create_tables(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        for ddl in schema.DDL:
            con.execute(ddl)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"cannot create the store tables in {path}: {exc}") from exc


def _check_tables(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    missing = set(schema.TABLES) - {r[0] for r in rows}
    if missing:
        con.close()
        raise StoreError(f"{path} is not an eventwire store (missing {', '.join(sorted(missing))})")


def _unique_articles(
    pairs: Iterable[tuple[Article, Sequence[Event]]],
) -> list[tuple[Article, Sequence[Event]]]:
    """The pairs with each article id once (the first occurrence wins)."""
    seen: dict[str, tuple[Article, Sequence[Event]]] = {}
    for article, events in pairs:
        seen.setdefault(article.article_id, (article, events))
    return list(seen.values())


def _filters(
    *, since: date | None, until: date | None, country: str | None, event: str | None
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append("coalesce(enddate, date) >= ?")
        params.append(since)
    if until is not None:
        clauses.append("date <= ?")
        params.append(until)
    if country:
        clauses.append(
            "(country_code = ? OR list_contains(actor_codes, ?)"
            " OR list_contains(recipient_codes, ?))"
        )
        params += [country] * 3
    if event:
        clauses.append("event = ?")
        params.append(event)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
