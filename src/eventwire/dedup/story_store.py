"""Stories as stored: each article's story (`article_stories`; the articles of a stray a
story took in are moved to it when the batch is saved, see `eventwire.dedup.assign`) and the
story rows of `eventwire stories`, the story export and `GET /api/stories`."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from eventwire.dedup.util import has_table
from eventwire.dedup.util import run as _run
from eventwire.store import Store


def stored_stories(store: Store) -> dict[str, str]:
    """The story of every stored article (as ingest or `recluster` placed them)."""
    return dict(_run(store.con, "SELECT article_id, story_id FROM article_stories"))


def story_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    since: date | None = None,
    min_articles: int = 2,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stories of at least `min_articles` articles (published on or after `since`), the
    largest and then the latest first: their articles, sources, dates, event clusters,
    titles and article ids (in publication order). Empty for a store never clustered."""
    if not has_table(con, "article_stories"):
        return []
    rows = _run(
        con,
        # the articles in the window, then per story their numbers, and the clusters of
        # their events (the same window for both)
        "WITH s AS (SELECT t.story_id, a.* FROM article_stories t JOIN articles a"
        "  USING (article_id) WHERE ? IS NULL OR a.published >= ?),"
        " c AS (SELECT s.story_id, count(DISTINCT e.cluster_id) AS n FROM s"
        "  JOIN events e USING (article_id) GROUP BY s.story_id)"
        " SELECT s.story_id, count(*) AS n_articles, count(DISTINCT s.publication),"
        " min(s.published), max(s.published) AS last, coalesce(any_value(c.n), 0),"
        " list(s.title ORDER BY s.published, s.article_id),"
        " list(s.article_id ORDER BY s.published, s.article_id)"
        " FROM s LEFT JOIN c USING (story_id)"
        " GROUP BY s.story_id HAVING count(*) >= ?"
        " ORDER BY n_articles DESC, last DESC NULLS LAST, s.story_id LIMIT ?",
        [since, since, min_articles, limit or 2**31 - 1],
    )
    keys = ("story_id", "n_articles", "n_sources", "first", "last", "n_clusters", "titles",
            "article_ids")  # fmt: skip
    out = []
    for row in rows:
        item = dict(zip(keys, row, strict=True))
        item["titles"] = [t for t in item["titles"] if t]
        for key in ("first", "last"):
            item[key] = item[key].isoformat() if item[key] else None
        out.append(item)
    return out
