"""Stories as stored: each article's story, the strays a story took in, and story rows.

`eventwire.dedup.stories` places the articles; `eventwire.dedup.assign` stores each article's
story (`article_stories`, under the id it was given then) and each story's state
(`story_state`, which lists the strays it absorbed). These read them back, an absorbed
stray's articles counted in the story that took them.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb

from eventwire.dedup.stories import final_story
from eventwire.dedup.util import has_table
from eventwire.dedup.util import run as _run
from eventwire.store import Store


def stored_stories(store: Store) -> dict[str, str]:
    """The story of every stored article (as ingest or `recluster` placed them, an absorbed
    stray's articles in the story that took it)."""
    moved = _stored_moves(store.con)
    rows = _run(store.con, "SELECT article_id, story_id FROM article_stories")
    return {article: moved.get(story, story) for article, story in rows}


def story_ids(con: duckdb.DuckDBPyConnection, story_id: str) -> tuple[str, list[str]]:
    """The story a stored `story_id` (from `article_stories`) now is, and every id its
    articles are stored under (itself and the strays it absorbed)."""
    moved = _stored_moves(con)
    story = moved.get(story_id, story_id)
    return story, [story, *sorted(s for s, into in moved.items() if into == story)]


def article_story(
    con: duckdb.DuckDBPyConnection, article_id: str, *, limit: int = 50
) -> dict[str, Any] | None:
    """The story an article was placed in: its id, how many articles it holds (the strays
    it took in included) and the first `limit` of them, earliest first; None when the
    article is in no story."""
    found = _run(con, "SELECT story_id FROM article_stories WHERE article_id = ?", [article_id])
    if not found:
        return None
    story, ids = story_ids(con, found[0][0])
    rows = _run(
        con,
        "SELECT a.article_id, a.title, a.url, a.publication, a.published, count(*) OVER ()"
        " FROM article_stories s JOIN articles a USING (article_id)"
        " WHERE s.story_id IN (SELECT unnest(?::VARCHAR[]))"
        " ORDER BY a.published NULLS LAST, a.article_id LIMIT ?",
        [ids, limit],
    )
    keys = ("article_id", "title", "url", "publication", "published")
    articles = [dict(zip(keys, row[:5], strict=True)) for row in rows]
    for item in articles:
        item["published"] = item["published"].isoformat() if item["published"] else None
    return {"story_id": story, "n_articles": rows[0][5], "articles": articles}


def _stored_moves(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """`final_story` of the stored states (only those that absorbed a stray are read)."""
    if not has_table(con, "story_state"):
        return {}
    rows = _run(
        con,
        "SELECT story_id, CAST(state->'absorbed' AS VARCHAR) FROM story_state"
        " WHERE coalesce(json_array_length(state->'absorbed'), 0) > 0",
    )
    return final_story({story: json.loads(strays) for story, strays in rows})


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
    moved = _stored_moves(con)
    rows = _run(
        con,
        # absorbed strays' articles in the story that took them; the articles in the
        # window, then per story their numbers, and the clusters of their events (the same
        # window for both)
        "WITH m AS (SELECT unnest(?::VARCHAR[]) AS stray, unnest(?::VARCHAR[]) AS story),"
        " s AS (SELECT coalesce(m.story, t.story_id) AS story_id, a.* FROM article_stories t"
        "  LEFT JOIN m ON m.stray = t.story_id JOIN articles a USING (article_id)"
        "  WHERE ? IS NULL OR a.published >= ?),"
        " c AS (SELECT s.story_id, count(DISTINCT e.cluster_id) AS n FROM s"
        "  JOIN events e USING (article_id) GROUP BY s.story_id)"
        " SELECT s.story_id, count(*) AS n_articles, count(DISTINCT s.publication),"
        " min(s.published), max(s.published) AS last, coalesce(any_value(c.n), 0),"
        " list(s.title ORDER BY s.published, s.article_id),"
        " list(s.article_id ORDER BY s.published, s.article_id)"
        " FROM s LEFT JOIN c USING (story_id)"
        " GROUP BY s.story_id HAVING count(*) >= ?"
        " ORDER BY n_articles DESC, last DESC NULLS LAST, s.story_id LIMIT ?",
        [list(moved), list(moved.values()), since, since, min_articles, limit or 2**31 - 1],
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
