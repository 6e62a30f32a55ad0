"""The one call ingest makes after writing a batch (imports the clustering lazily)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def cluster_batch(sink: Any, pairs: Sequence[tuple[Any, Any]]) -> None:
    """Cluster the events of the articles of `pairs` just written to `sink`.

    Only a DuckDB `Store` keeps clusters (a Parquet lake does not); articles already
    clustered are skipped by `assign_articles`, so a re-sent batch costs one lookup.
    """
    from eventwire.store import Store

    if not isinstance(sink, Store) or not pairs:
        return
    from eventwire.dedup.assign import assign_articles

    assign_articles(sink, [article.article_id for article, _ in pairs])
