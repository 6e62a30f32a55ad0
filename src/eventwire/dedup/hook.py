"""The one call ingest makes after writing a run of batches (imports the clustering lazily)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def cluster_articles(sink: Any, article_ids: Sequence[str]) -> None:
    """Cluster, as one run, the events of the articles `article_ids` just written to
    `sink` (`config.CLUSTER_RUN` at most, see `eventwire.dedup.grouping`).

    Only a DuckDB `Store` keeps clusters (a Parquet lake does not); articles already
    clustered are skipped by `assign_articles`, so a re-sent batch costs one lookup.
    Stored articles never clustered (an ingest stopped between writing a batch and
    clustering it) are clustered first, in ingest order: no `recluster` needed.
    """
    from eventwire.store import Store

    if not isinstance(sink, Store) or not article_ids:
        return
    from eventwire.dedup.assign import assign_articles

    missed = sink.con.execute(
        "SELECT article_id FROM articles WHERE article_id NOT IN"
        " (SELECT article_id FROM article_signatures)"
    ).fetchall()
    assign_articles(sink, [r[0] for r in missed] + list(article_ids))
