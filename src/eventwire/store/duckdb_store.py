"""The embedded event store: one DuckDB file, written in whole batches.

Each `write_batch` call is one transaction: its articles, their events and the skipped
inputs of the batch are inserted together from Arrow tables, or not at all (a crash or an
error mid-batch leaves every earlier batch in place and nothing of this one). Articles
already stored are left out of a batch, so ingesting a corpus twice adds nothing the second
time, and an interrupted ingest resumes where it stopped.

DuckDB allows one writing process per file; readers open with `read_only=True`. Opening,
checking the tables and running queries is `eventwire.store.connection`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.errors import InputError, StoreError
from eventwire.records import Article, Event
from eventwire.store import queries, schema
from eventwire.store.connection import StoreConnection
from eventwire.store.queries import EventFilter

#: Article ids per `IN (...)` lookup.
LOOKUP_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class Page:
    """One page of records and the cursor of the next page (None after the last).

    `records` are dicts (`Store.page`) or their JSON text (`Store.page_json`)."""

    records: list[Any]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What one `write_batch` added: articles and events new to the store, errors recorded."""

    articles: int
    events: int
    errors: int
    #: articles of the batch left out because they were already stored (or repeated)
    known_ids: frozenset[str] = frozenset()


class Store(StoreConnection):
    """A DuckDB event store (`with Store(path) as store: ...`)."""

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
        return {r[0] for r in self._article_rows("article_id", list(dict.fromkeys(ids)))}

    def changed_article_ids(self, articles: Iterable[Article]) -> set[str]:
        """The ids among `articles` stored with a different text (an id reused for another
        article, or an article edited since): they are not re-coded under the same id."""
        texts = {a.article_id: a.text for a in articles}
        rows = self._article_rows("article_id, md5(text)", list(texts))
        return {article_id for article_id, digest in rows if digest != _md5(texts[article_id])}

    def _article_rows(self, columns: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
        """`columns` of the stored articles among `ids`, one query per `LOOKUP_CHUNK` ids."""
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = list(ids[start : start + LOOKUP_CHUNK])
            marks = ", ".join("?" * len(chunk))
            rows += self._query(
                f"SELECT {columns} FROM articles WHERE article_id IN ({marks})", chunk
            )
        return rows

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
        flt = EventFilter(since=since, until=until, country=country, event=event)
        return self.select(flt, order="asc", limit=limit)

    def select(
        self,
        flt: EventFilter,
        *,
        order: str = "desc",
        cursor: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stream the records passing `flt`, sorted by date (undated last), after `cursor`."""
        sql, params = self._select_sql("record", flt, order=order, cursor=cursor, limit=limit)
        return self._stream_records(sql, params)

    def page(
        self, flt: EventFilter, *, order: str = "desc", cursor: str | None = None, limit: int = 100
    ) -> Page:
        """One page of records passing `flt`, and the cursor of the next (None at the end)."""
        raw = self.page_json(flt, order=order, cursor=cursor, limit=limit)
        return Page([json.loads(r) for r in raw.records], raw.next_cursor)

    def page_json(
        self, flt: EventFilter, *, order: str = "desc", cursor: str | None = None, limit: int = 100
    ) -> Page:
        """`page` with each record as its stored JSON text (for a server: nothing re-encoded).

        Two steps: the page's (date, id) keys first, sorting only those two columns, then
        the records of just those ids through the primary-key index.
        """
        sql, params = self._select_sql("date, id", flt, order=order, cursor=cursor, limit=limit + 1)
        keys = self._read(sql, params)
        ids = [event_id for _, event_id in keys[:limit]]
        records: dict[str, str] = {}
        if ids:
            marks = ", ".join("?" * len(ids))
            sql = f"SELECT id, record FROM events WHERE id IN ({marks})"
            records = dict(self._read(sql, ids))
        more = len(keys) > limit
        next_cursor = queries.encode_cursor(*keys[limit - 1]) if more else None
        return Page([records[i] for i in ids], next_cursor)

    def _select_sql(
        self, columns: str, flt: EventFilter, *, order: str, cursor: str | None, limit: int | None
    ) -> tuple[str, list[Any]]:
        extra: list[str] = []
        extra_params: list[Any] = []
        if cursor:
            condition, extra_params = queries.after_cursor(cursor, order=order)
            extra.append(condition)
        where_clause, params = queries.where_sql(flt, extra)
        sql = f"SELECT {columns} FROM events {where_clause} {queries.order_sql(order)}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return sql, params + extra_params

    def points(self, flt: EventFilter, *, limit: int) -> list[tuple[Any, ...]]:
        """(id, lon, lat, date, event, quad_code) of the latest events with coordinates."""
        where_clause, params = queries.where_sql(flt, ["lat IS NOT NULL", "lon IS NOT NULL"])
        sql = (
            f"SELECT id, lon, lat, date, event, quad_code FROM events {where_clause}"
            f" {queries.order_sql('desc')} LIMIT {int(limit)}"
        )
        return self._read(sql, params)

    def detail(self, event_id: str) -> dict[str, Any] | None:
        """The record, its spans, its article's metadata and text, and the article's story;
        None if no such event."""
        # Two primary-key lookups: a join would scan the articles table.
        spans = "spans" if self._has_spans() else "NULL"
        found = self._read(
            f"SELECT record, {spans}, article_id FROM events WHERE id = ?", [event_id]
        )
        if not found:
            return None
        record, spans_json, article_id = found[0]
        rows = self._read(
            "SELECT title, url, publication, published, dateline, text FROM articles"
            " WHERE article_id = ?",
            [article_id],
        )
        title, url, publication, published, dateline, text = rows[0] if rows else (None,) * 6
        article = {"title": title, "url": url, "publication": publication,
                   "published": published.isoformat() if published else None,
                   "dateline": dateline}  # fmt: skip
        return {
            "record": json.loads(record),
            "spans": json.loads(spans_json) if spans_json else [],
            "article": article,
            "article_text": text,
            "story": self.story(article_id),
        }

    def story(self, article_id: str, *, limit: int = 50) -> dict[str, Any] | None:
        """The story an article was placed in (`eventwire.dedup.stories`): its id, how many
        articles it holds and the first `limit` of them, earliest first; None when the
        article is in no story (a store never clustered)."""
        if not self._has_table("article_stories"):
            return None  # a store written before stories, opened read-only
        found = self._read(
            "SELECT story_id FROM article_stories WHERE article_id = ?", [article_id]
        )
        if not found:
            return None
        rows = self._read(
            "SELECT a.article_id, a.title, a.url, a.publication, a.published, count(*) OVER ()"
            " FROM article_stories s JOIN articles a USING (article_id) WHERE s.story_id = ?"
            " ORDER BY a.published NULLS LAST, a.article_id LIMIT ?",
            [found[0][0], limit],
        )
        keys = ("article_id", "title", "url", "publication", "published")
        articles = [dict(zip(keys, row[:5], strict=True)) for row in rows]
        for item in articles:
            item["published"] = item["published"].isoformat() if item["published"] else None
        return {"story_id": found[0][0], "n_articles": rows[0][5], "articles": articles}

    def article_event_ids(self, article_id: str) -> list[str]:
        """The ids of the events of one article, in sentence order."""
        rows = self._read(
            "SELECT id FROM events WHERE article_id = ?"
            " ORDER BY (record->>'$.text_info.start')::INTEGER, id",
            [article_id],
        )
        return [r[0] for r in rows]

    def counts(self, flt: EventFilter) -> dict[str, Any]:
        """Events passing `flt`: the total and counts by day, category, quad and country.

        `by_day` is in calendar order (undated events are left out of it and counted in
        `undated`); the other maps go from most to least frequent, nulls as "unknown".
        """
        where_clause, params = queries.where_sql(flt)
        rows = self._read(queries.counts_sql(where_clause), params)
        # grouping() sets a bit for each column NOT grouped on, in the order of the SELECT.
        sets = {7: (("by_day", 0),), 9: (("by_category", 1), ("by_quad", 2)),
                14: (("by_country", 3),)}  # fmt: skip
        counts: dict[str, Counter[Any]] = {name: Counter() for name in queries.GROUPS}
        for row in rows:
            for name, column in sets[row[4]]:
                counts[name][row[column]] += int(row[5])
        days = sorted((d, n) for d, n in counts["by_day"].items() if d is not None)
        total = sum(counts["by_category"].values())
        result: dict[str, Any] = {
            "events": total,
            "undated": total - sum(n for _, n in days),
            "by_day": {d.isoformat(): n for d, n in days},
        }
        for name in ("by_category", "by_quad", "by_country"):
            ranked = sorted(counts[name].items(), key=lambda kn: (-kn[1], str(kn[0])))
            result[name] = {("unknown" if k is None else str(k)): n for k, n in ranked}
        return result

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


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def _unique_articles(
    pairs: Iterable[tuple[Article, Sequence[Event]]],
) -> list[tuple[Article, Sequence[Event]]]:
    """The pairs with each article id once (the first occurrence wins)."""
    seen: dict[str, tuple[Article, Sequence[Event]]] = {}
    for article, events in pairs:
        seen.setdefault(article.article_id, (article, events))
    return list(seen.values())
