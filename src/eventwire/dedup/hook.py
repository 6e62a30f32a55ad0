"""The calls ingest makes to cluster what it writes (imports the clustering lazily)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def cluster_articles(sink: Any, article_ids: Sequence[str]) -> None:
    """Cluster the events of the articles `article_ids` just written to `sink`, as one run
    (see `eventwire.dedup.grouping`). Only a DuckDB `Store` keeps clusters (a Parquet lake
    does not); articles already clustered are skipped by `assign_articles`."""
    from eventwire.store import Store

    if not isinstance(sink, Store) or not article_ids:
        return
    from eventwire.dedup.assign import assign_articles

    assign_articles(sink, article_ids)


def cluster_missed(sink: Any) -> None:
    """Cluster the stored articles never clustered (an ingest stopped between writing
    articles and clustering them), in ingest order and runs of `config.CLUSTER_RUN`: an
    ingest calls this first, so no `recluster` is needed."""
    from eventwire import config
    from eventwire.store import Store

    if not isinstance(sink, Store):
        return
    missed = sink.con.execute(
        "SELECT article_id FROM articles WHERE article_id NOT IN"
        " (SELECT article_id FROM article_signatures) ORDER BY ingested_at, article_id"
    ).fetchall()
    ids = [r[0] for r in missed]
    for start in range(0, len(ids), config.CLUSTER_RUN):
        cluster_articles(sink, ids[start : start + config.CLUSTER_RUN])
